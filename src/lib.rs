//! zorgroute: turns a region's care route, written as Markdown and YAML, into
//! a navigable handbook website. See ARCHITECTURE.md for the pipeline.
//!
//! The modules are listed bottom-up: each imports only those above it.

// The foundation: words, values and positions that every stage shares.
pub mod escape;
pub mod fingerprint;
pub mod kinds;
pub mod i18n;
pub mod values;
pub mod source;
pub mod diag;
pub mod raw;
pub mod model;
pub mod urls;

// The stages, in pipeline order.
pub mod load;
pub mod resolve;
pub mod check;
pub mod diff;
pub mod plan;
pub mod render;
pub mod export;
pub mod search;
pub mod diagram;
pub mod pdf;
pub mod write;
pub mod pipeline;

// The tools around the pipeline.
pub mod edit;
pub mod scaffold;
pub mod serve;

pub use pipeline::{build, check, BuildOptions};
