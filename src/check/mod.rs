//! Check stage: findings over the resolved model and the files that are not
//! mistakes in themselves: warnings (stale contacts, past reviews,
//! unreachable procedures) and the privacy guard.

pub mod aliases;
pub mod privacy;
pub mod warnings;
