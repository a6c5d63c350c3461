//! The one integration-test binary (typst is big to link): modules by topic.

mod batch;
mod cli;
mod common;
mod docx_reader;
mod hostile;
mod preview;
mod preview_client;
mod publish_docx;
mod publish_html;
mod publish_pdf;
mod render;
mod validate;
