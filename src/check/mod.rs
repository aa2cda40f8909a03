//! Check stage: findings over the resolved model and the files that are not
//! mistakes in themselves: warnings (stale contacts, past reviews,
//! unreachable procedures), roles that overlap or are idle, the privacy
//! guard, and what comes due (upkeep, for `zorgroute review`).

pub mod aliases;
pub mod privacy;
pub mod roles;
pub mod upkeep;
pub mod warnings;
