//! Refuse PDFs whose compressed streams would inflate to far more than any report needs
//! (a "zip bomb" in a content, font or object stream), before the interpreter inflates them
//! without a limit. Image streams are skipped: reading text never decodes an image.

use std::io::Read;

/// The most one stream may inflate to.
pub(crate) const MAX_STREAM: u64 = 64 << 20;
/// The most all checked streams together may inflate to.
pub(crate) const MAX_TOTAL: u64 = 256 << 20;

/// A stream that inflates past the limits: its byte offset in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bomb {
    /// Where the stream's data starts.
    pub offset: usize,
}

/// Check every Flate stream of the file (found by its `stream` keyword) against the limits.
pub(crate) fn check(bytes: &[u8]) -> Result<(), Bomb> {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(i) = find(&bytes[at..], b"stream") {
        let kw = at + i;
        at = kw + 6;
        // `endstream` also contains the keyword; a stream keyword follows a dictionary.
        if kw >= 3 && &bytes[kw - 3..kw] == b"end" {
            continue;
        }
        let mut start = at;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) != Some(&b'\n') && bytes.get(at) != Some(&b'\r') {
            continue;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let dict = &bytes[kw.saturating_sub(2048)..kw];
        let dict = match rfind(dict, b"obj") {
            Some(j) => &dict[j..],
            None => dict,
        };
        if find(dict, b"/Image").is_some() || find(dict, b"/Flate").is_none() {
            continue;
        }
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |j| start + j);
        let out = inflated_len(&bytes[start..end], MAX_STREAM + 1);
        total += out;
        if out > MAX_STREAM || total > MAX_TOTAL {
            return Err(Bomb { offset: start });
        }
        at = end;
    }
    Ok(())
}

/// How many bytes `data` inflates to (zlib, else raw deflate), counting at most `cap`.
fn inflated_len(data: &[u8], cap: u64) -> u64 {
    let count = |mut r: Box<dyn Read + '_>| -> u64 {
        let mut buf = [0u8; 16 << 10];
        let mut n = 0u64;
        while n < cap {
            match r.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(k) => n += k as u64,
            }
        }
        n
    };
    let z = count(Box::new(flate2::read::ZlibDecoder::new(data)));
    if z > 0 { z } else { count(Box::new(flate2::read::DeflateDecoder::new(data))) }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn pdf_with_stream(data: &[u8]) -> Vec<u8> {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(data).unwrap();
        let body = z.finish().unwrap();
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Length 9 /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend_from_slice(&body);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        pdf
    }

    #[test]
    fn small_streams_pass() {
        assert_eq!(check(&pdf_with_stream(b"BT /F1 12 Tf (hello) Tj ET")), Ok(()));
    }

    #[test]
    fn a_bomb_is_refused() {
        let zeros = vec![0u8; (MAX_STREAM + 1024) as usize];
        let pdf = pdf_with_stream(&zeros);
        assert!(pdf.len() < 200_000, "the bomb is small: {}", pdf.len());
        assert!(check(&pdf).is_err());
    }
}
