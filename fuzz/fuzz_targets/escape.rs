//! Fuzz the Typst escaping: for any text, `#"…";` must parse as markup without errors and
//! hold exactly that text (carriage returns are dropped on purpose), so no user text can
//! become Typst code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use typst_syntax::ast::{Expr, Markup};

fuzz_target!(|text: &str| {
    let source = nianbao::render::template::markup_text(text);
    let root = typst_syntax::parse(&source);
    assert!(root.errors_and_warnings().0.is_empty(), "escaped text does not parse: {source:?}");
    let markup = root.cast::<Markup>().expect("markup");
    let exprs: Vec<Expr> = markup.exprs().collect();
    assert_eq!(exprs.len(), 1, "escaped text is more than one expression: {source:?}");
    let Expr::Str(s) = exprs[0] else { panic!("not a string: {source:?}") };
    assert_eq!(s.get().as_str(), text.replace('\r', ""), "text changed by escaping");
    // Inside code (arguments), the literal form must round-trip too.
    let lit = nianbao::render::template::string_literal(text);
    let code = typst_syntax::parse_code(&lit);
    assert!(code.errors_and_warnings().0.is_empty(), "literal does not parse: {lit:?}");
});
