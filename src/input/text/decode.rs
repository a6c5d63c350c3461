//! Bytes of a text file into text: a byte-order mark says UTF-8 or UTF-16; without one,
//! valid UTF-8 is UTF-8 and anything else is read as GB18030 (which covers GBK and GB2312,
//! what Chinese Windows saves as "ANSI").

use encoding_rs::{Encoding, GB18030};

/// How the text was encoded, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

/// Why bytes are not text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NotText {
    /// Zero bytes or other binary data where text should be.
    Binary,
    /// Not valid in any encoding tried; the byte offset of the first bad sequence.
    Undecodable(usize),
}

/// Decode a text file's bytes.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, Charset), NotText> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let charset = match enc.name() {
            "UTF-16LE" => Charset::Utf16Le,
            "UTF-16BE" => Charset::Utf16Be,
            _ => Charset::Utf8,
        };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        return if had_errors {
            Err(NotText::Undecodable(first_bad(enc, &bytes[bom..]) + bom))
        } else {
            checked(text.into_owned(), charset)
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return checked(text.to_string(), Charset::Utf8);
    }
    let (text, had_errors) = GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(NotText::Undecodable(first_bad(GB18030, bytes)));
    }
    checked(text.into_owned(), Charset::Gb18030)
}

/// Text with control characters other than tab, newlines and form feed is binary.
fn checked(text: String, charset: Charset) -> Result<(String, Charset), NotText> {
    let bad = text
        .chars()
        .take(64 * 1024)
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C'))
        .count();
    if bad > 0 { Err(NotText::Binary) } else { Ok((text, charset)) }
}

/// The offset of the first byte sequence the encoding cannot decode.
fn first_bad(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(64);
    let mut read = 0;
    while read < bytes.len() {
        out.clear();
        let end = (read + 16).min(bytes.len());
        let (result, n) = decoder.decode_to_string_without_replacement(
            &bytes[read..end],
            &mut out,
            end == bytes.len(),
        );
        match result {
            encoding_rs::DecoderResult::Malformed(bad, _) => {
                return (read + n).saturating_sub(bad as usize);
            }
            encoding_rs::DecoderResult::OutputFull => {
                out.reserve(64);
                read += n;
                continue;
            }
            encoding_rs::DecoderResult::InputEmpty => read += n,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "一、总体情况\n全年公开信息412条。";

    #[test]
    fn every_encoding_reads_back() {
        let utf8 = TEXT.as_bytes().to_vec();
        let bom8 = [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat();
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let bom_le = [b"\xFF\xFE".as_slice(), &le].concat();
        let bom_be = [b"\xFE\xFF".as_slice(), &be].concat();
        let gbk = GB18030.encode(TEXT).0.into_owned();
        for (bytes, charset) in [
            (utf8, Charset::Utf8),
            (bom8, Charset::Utf8),
            (bom_le, Charset::Utf16Le),
            (bom_be, Charset::Utf16Be),
            (gbk, Charset::Gb18030),
        ] {
            assert_eq!(decode(&bytes), Ok((TEXT.to_string(), charset)));
        }
    }

    #[test]
    fn binary_is_not_text() {
        assert_eq!(decode(b"%PDF\x00\x01\x02binary"), Err(NotText::Binary));
        assert!(matches!(decode(b"\xFF\xFE\x00\xD8"), Err(NotText::Undecodable(_))));
    }
}
