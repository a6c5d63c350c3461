//! Finding the faces a renderer needs in font folders (`--font-path`) and among the
//! system's fonts, cheaply: fontdb lists the faces and their names, a face is looked at
//! closer only when one of its names is in a role's chain, and a file is read only for a
//! face that is used.
//!
//! Which face wins when two share a family: a `--font-path` folder (the user's explicit
//! choice) before the bundle, and the bundle before the system. A system face whose family
//! the bundle has is never loaded (it is listed as shadowed), so the bundled stand-ins
//! print the same on every machine and the official fonts, which the bundle does not have,
//! still come from the system.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};

use crate::render::fonts::Origin;

/// A face found for a role's chain.
pub(crate) struct Candidate {
    /// The loaded face.
    pub font: Font,
    /// Where it comes from.
    pub origin: Origin,
    /// Lower-cased names fontdb knows the face by (localized families, PostScript name).
    pub aliases: Vec<String>,
}

/// A system face left out because the bundle has its family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shadowed {
    /// The family, as the face names it.
    pub family: String,
    /// The file it is in.
    pub path: PathBuf,
}

/// The family names (name ID 1, every language) of a face, lower-cased.
fn family_records(data: &[u8], index: u32) -> Vec<String> {
    let Ok(face) = ttf_parser::Face::parse(data, index) else { return Vec::new() };
    face.names()
        .into_iter()
        .filter(|n| n.name_id == ttf_parser::name_id::FAMILY)
        .filter_map(|n| n.to_string())
        .map(|n| n.to_lowercase())
        .collect()
}

/// Collect the faces of `db` that a chain asks for (`wanted`, lower-cased) into `out`.
/// Faces of a family in `bundled` (lower-cased) are not loaded but listed in `shadowed`.
pub(crate) fn collect(
    db: &fontdb::Database,
    wanted: &[String],
    bundled: &[String],
    origin: impl Fn(&Path) -> Origin,
    out: &mut Vec<Candidate>,
    shadowed: &mut Vec<Shadowed>,
) {
    let mut files: HashMap<PathBuf, Bytes> = HashMap::new();
    for face in db.faces() {
        let path = match &face.source {
            fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
            fontdb::Source::Binary(_) => continue,
        };
        let mut aliases: Vec<String> =
            face.families.iter().map(|(name, _)| name.to_lowercase()).collect();
        aliases.push(face.post_script_name.to_lowercase());
        // Typst names a face by its name-ID-1 family less style words ("Bold" …), which
        // fontdb may not list: a face is a candidate when a chain name is one of its
        // aliases or begins one of its family records.
        let records = db.with_face_data(face.id, family_records).unwrap_or_default();
        let alias_match = aliases.iter().any(|a| wanted.contains(a));
        let record_match = records.iter().any(|r| wanted.iter().any(|w| r.starts_with(w.as_str())));
        if !alias_match && !record_match {
            continue;
        }
        let named_like = |names: &[String]| {
            names.iter().any(|n| bundled.iter().any(|b| n.starts_with(b.as_str())))
        };
        if named_like(&records) || named_like(&aliases) {
            let family = face.families.first().map(|(n, _)| n.clone()).unwrap_or_default();
            shadowed.push(Shadowed { family, path });
            continue;
        }
        // Only now the metadata Typst needs (coverage and all), from the mapped file.
        let Some(info) = db.with_face_data(face.id, FontInfo::new).flatten() else { continue };
        let family = info.family.to_lowercase();
        if bundled.contains(&family) {
            shadowed.push(Shadowed { family: info.family.clone(), path });
            continue;
        }
        if !alias_match && !wanted.contains(&family) {
            continue;
        }
        let bytes = match files.get(&path) {
            Some(b) => b.clone(),
            None => match std::fs::read(&path) {
                Ok(data) => {
                    let b = Bytes::new(data);
                    files.insert(path.clone(), b.clone());
                    b
                }
                Err(_) => continue,
            },
        };
        if let Some(font) = Font::new(bytes, face.index) {
            out.push(Candidate { font, origin: origin(&path), aliases });
        }
    }
}
