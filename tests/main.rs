//! The one integration-test binary (typst is big to link): modules by topic.

mod batch;
mod cli;
mod common;
mod hostile;
mod preview;
mod preview_client;
mod render;
mod sheet;
mod sheet_bad;
mod sheet_county;
mod sheet_office;
mod validate;
