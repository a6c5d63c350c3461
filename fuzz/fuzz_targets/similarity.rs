//! Fuzz the copy check's text machinery: normalization keeps a map back to the source that
//! slices on character boundaries, and the longest common substring is common to both.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::check::similarity::{longest_common, normalize, own_names, shingles, signature};

fuzz_target!(|input: (&str, &str)| {
    let (a, b) = input;
    let names = own_names("某乡人民政府");
    let (na, nb) = (normalize(a, &names), normalize(b, &names));
    let (i, j, len) = longest_common(&na.chars, &nb.chars);
    assert_eq!(na.chars[i..i + len], nb.chars[j..j + len]);
    let _ = na.source(a, i..i + len);
    let _ = nb.source(b, j..j + len);
    let s = shingles(&na.chars);
    assert_eq!(signature(&s).is_some(), !s.is_empty());
});
