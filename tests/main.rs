//! The one integration-test binary (typst is big to link): modules by topic.

mod cli;
mod common;
mod render;
mod validate;
