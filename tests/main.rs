//! The one integration-test binary (typst is big to link): modules by topic.

mod batch;
mod cli;
mod common;
mod fonts;
mod gen_corpus;
mod generated;
mod county;
mod county_gen;
mod county_outputs;
mod hostile;
mod pages;
mod import;
mod import_cli;
mod import_hostile;
mod import_expect;
mod import_pdf;
mod import_text;
mod preview;
mod preview_client;
mod render;
mod sheet;
mod sheet_bad;
mod sheet_county;
mod sheet_office;
mod validate;
