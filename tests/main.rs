//! The one integration-test binary (typst is big to link): modules by topic.

mod batch;
mod cli;
mod common;
mod county;
mod county_gen;
mod county_outputs;
mod hostile;
mod preview;
mod preview_client;
mod render;
mod validate;
