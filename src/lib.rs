//! zorgroute: turns a region's care route, written as Markdown and YAML, into
//! a navigable handbook website. See ARCHITECTURE.md for the pipeline.

pub mod deps;
pub mod diag;
pub mod diagram;
pub mod export;
pub mod highlight;
pub mod i18n;
pub mod incremental;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod model;
pub mod pipeline;
pub mod privacy;
pub mod raw;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod source;
pub mod suggest;
pub mod urls;
pub mod values;
pub mod warnings;
pub mod write;
pub mod yaml;

pub use pipeline::{build, check, BuildOptions};
