//! The integration tests, compiled as one binary: each file under tests/ would
//! otherwise link the whole crate and its dependencies again, which multiplies
//! link time and disk use (run one module with `cargo test --test it reader::`).

mod common;
mod fixture;

mod architecture;
mod cli;
mod diagram_crossings;
mod diagram_props;
mod diagram_snapshot;
mod editions;
mod editor;
mod example_site;
mod exports;
mod fixtures_snapshot;
mod forms;
mod fuzz;
mod git_editions;
mod incremental;
mod pdf;
mod inheritance;
mod reader;
mod resolve;
mod review;
mod roles;
mod scaffold;
mod search;
mod serve;
mod ui;
