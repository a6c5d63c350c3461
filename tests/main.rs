//! The one integration-test binary (typst is big to link): modules by topic.

mod batch;
mod cli;
mod common;
mod hostile;
mod import_expect;
mod import_pdf;
mod import_text;
mod preview;
mod preview_client;
mod render;
mod validate;
