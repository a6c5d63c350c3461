//! The one integration-test binary (typst is big to link): modules by topic.

mod batch;
mod cli;
mod common;
mod render;
mod validate;
