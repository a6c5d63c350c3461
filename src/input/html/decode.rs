//! The character encoding of a web page: a byte-order mark, else the `<meta charset>` (or
//! `http-equiv` content type) in the first bytes, else sniffed: UTF-8 when the bytes are
//! valid UTF-8, otherwise GB18030 (the superset of GBK and GB2312 that Chinese portals use).

use encoding_rs::{Encoding, GB18030, UTF_8};

/// How far into the page to look for a declaration (browsers look at 1024 bytes; Word's
/// exported pages put a long style block first, so look further).
const PRESCAN: usize = 8192;

/// A page decoded to text, with a note when the encoding was guessed or repaired.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// A warning for the user, in Chinese, when the encoding was not as declared or was
    /// guessed.
    pub note: Option<String>,
}

/// Decode a page's bytes.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Decoded { text: text.into_owned(), note: None };
    }
    match declared(&bytes[..bytes.len().min(PRESCAN)]) {
        Some(enc) => {
            // A page is never UTF-16 after the prescan found an ASCII declaration.
            let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                UTF_8
            } else {
                enc
            };
            let (text, bad) = enc.decode_without_bom_handling(bytes);
            if !bad {
                return Decoded { text: text.into_owned(), note: None };
            }
            let other = if enc == UTF_8 { GB18030 } else { UTF_8 };
            let (alt, alt_bad) = other.decode_without_bom_handling(bytes);
            if !alt_bad {
                return Decoded {
                    text: alt.into_owned(),
                    note: Some(format!(
                        "网页声明的编码是 {}，实际是 {}，已按 {} 读取",
                        enc.name(),
                        other.name(),
                        other.name()
                    )),
                };
            }
            Decoded {
                text: text.into_owned(),
                note: Some(format!("网页中有不能按 {} 解码的字节，已替换为 �", enc.name())),
            }
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Decoded { text: text.to_string(), note: None },
            Err(_) => {
                let (text, bad) = GB18030.decode_without_bom_handling(bytes);
                let note = if bad {
                    "网页没有声明编码，按 GB18030（GBK）读取时仍有无法解码的字节，已替换为 �"
                } else {
                    "网页没有声明编码，按 GB18030（GBK）读取"
                };
                Decoded { text: text.into_owned(), note: Some(note.into()) }
            }
        },
    }
}

/// The encoding a `<meta>` tag declares in `head`: `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest =
                    rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let label: Vec<u8> = rest
                    .iter()
                    .copied()
                    .take_while(|b| b.is_ascii_alphanumeric() || b"-_.:".contains(b))
                    .collect();
                if let Some(enc) = Encoding::for_label(&label) {
                    return Some(enc);
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_sniffed_and_repaired() {
        let gbk = GB18030.encode("<p>政府信息公开</p>").0.into_owned();
        let mut page = b"<html><head><meta charset=gbk></head>".to_vec();
        page.extend(&gbk);
        let d = decode(&page);
        assert!(d.text.contains("政府信息公开") && d.note.is_none(), "{d:?}");

        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB2312\">".to_vec();
        page.extend(&gbk);
        assert!(decode(&page).text.contains("政府信息公开"));

        let d = decode(&gbk);
        assert!(d.text.contains("政府信息公开") && d.note.unwrap().contains("没有声明编码"));

        let mut page = b"<meta charset=\"utf-8\">".to_vec();
        page.extend(&gbk);
        let d = decode(&page);
        assert!(d.text.contains("政府信息公开") && d.note.unwrap().contains("实际是"));

        let d = decode("<p>政府</p>".as_bytes());
        assert_eq!((d.text.as_str(), d.note), ("<p>政府</p>", None));
    }
}
