//! A minimal, bounded reader of OLE compound files (MS-CFB), only as far as the guard needs
//! it: the names of the streams (a password-protected xlsx is a compound file holding
//! `EncryptedPackage`) and the bytes of an xls's `Workbook` stream, whose BIFF records are
//! scanned for the cell extent a reader would lay out. Every chain walk is bounded by the
//! file's sector count, so a looping or out-of-range chain ends in `None`, never a hang.

/// The magic bytes of a compound file.
pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

struct Entry {
    name: String,
    start: u32,
    size: u64,
}

/// A parsed compound file: its allocation tables and directory.
pub struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    mini_fat: Vec<u32>,
    mini_cutoff: u64,
    entries: Vec<Entry>,
}

impl<'a> Compound<'a> {
    /// Parse the header, the FAT, the directory and the mini FAT; `None` if malformed.
    pub fn parse(bytes: &'a [u8]) -> Option<Self> {
        if !bytes.starts_with(&MAGIC) || bytes.len() < 512 {
            return None;
        }
        let shift = u16_at(bytes, 0x1E)?;
        if shift != 9 && shift != 12 {
            return None;
        }
        let sector = 1usize << shift;
        let sectors = bytes.len() / sector;
        let per = sector / 4;
        // The FAT's own sectors: 109 in the header, then chained DIFAT sectors.
        let fat_count = (u32_at(bytes, 0x2C)? as usize).min(sectors);
        let mut fat_sectors: Vec<u32> =
            (0..109).filter_map(|i| u32_at(bytes, 0x4C + 4 * i)).take(fat_count).collect();
        let mut difat = u32_at(bytes, 0x44)?;
        let mut steps = 0;
        while fat_sectors.len() < fat_count && difat < END_OF_CHAIN && steps < sectors {
            let s = Self::slice(bytes, sector, difat)?;
            fat_sectors.extend((0..per - 1).filter_map(|i| u32_at(s, 4 * i)));
            difat = u32_at(s, sector - 4)?;
            steps += 1;
        }
        fat_sectors.truncate(fat_count);
        let mut fat = Vec::with_capacity(fat_sectors.len() * per);
        for &s in &fat_sectors {
            let s = Self::slice(bytes, sector, s)?;
            fat.extend((0..per).filter_map(|i| u32_at(s, 4 * i)));
        }
        let mut file = Compound {
            bytes,
            sector,
            fat,
            mini_fat: Vec::new(),
            mini_cutoff: u64::from(u32_at(bytes, 0x38)?),
            entries: Vec::new(),
        };
        let dir = file.chain_bytes(u32_at(bytes, 0x30)?, None)?;
        for e in dir.chunks_exact(128) {
            let len = (u16_at(e, 0x40)? as usize).min(64);
            let units: Vec<u16> =
                (0..len.saturating_sub(2) / 2).filter_map(|i| u16_at(e, 2 * i)).collect();
            let mut size = u64::from(u32_at(e, 0x78)?) | (u64::from(u32_at(e, 0x7C)?) << 32);
            if shift == 9 {
                size &= 0xFFFF_FFFF;
            }
            let name = String::from_utf16_lossy(&units);
            file.entries.push(Entry { name, start: u32_at(e, 0x74)?, size });
        }
        let mini = file.chain_bytes(u32_at(bytes, 0x3C)?, None).unwrap_or_default();
        file.mini_fat = mini.chunks_exact(4).filter_map(|c| u32_at(c, 0)).collect();
        Some(file)
    }

    fn slice(bytes: &[u8], sector: usize, n: u32) -> Option<&[u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(sector)?;
        bytes.get(start..start.checked_add(sector)?)
    }

    /// The bytes of a sector chain of the FAT, at most `limit` of them.
    fn chain_bytes(&self, mut n: u32, limit: Option<u64>) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut steps = 0;
        while n != END_OF_CHAIN {
            if steps > self.fat.len() {
                return None;
            }
            if limit.is_some_and(|l| out.len() as u64 >= l) {
                break;
            }
            out.extend_from_slice(Self::slice(self.bytes, self.sector, n)?);
            n = *self.fat.get(n as usize)?;
            steps += 1;
        }
        Some(out)
    }

    /// The names of every directory entry (streams and storages).
    pub fn names(&self) -> Vec<String> {
        self.entries.iter().map(|e| e.name.clone()).collect()
    }

    /// The bytes of a stream by name; `None` if absent or its chain is broken.
    pub fn stream(&self, name: &str) -> Option<Vec<u8>> {
        let e = self.entries.iter().find(|e| e.name == name)?;
        if e.size > self.bytes.len() as u64 {
            return None;
        }
        let mut out = if e.size < self.mini_cutoff {
            let root = self.entries.first()?;
            let mini = self.chain_bytes(root.start, Some(root.size))?;
            let mut out = Vec::new();
            let (mut n, mut steps) = (e.start, 0);
            while n != END_OF_CHAIN && (out.len() as u64) < e.size {
                if steps > self.mini_fat.len() {
                    return None;
                }
                let at = n as usize * 64;
                out.extend_from_slice(mini.get(at..at + 64)?);
                n = *self.mini_fat.get(n as usize)?;
                steps += 1;
            }
            out
        } else {
            self.chain_bytes(e.start, Some(e.size))?
        };
        out.truncate(e.size as usize);
        Some(out)
    }
}

/// What the BIFF records of an xls workbook stream say about its size.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct BiffScan {
    /// The cells holding a formula, by sheet name. calamine reports a shared formula (the
    /// kind spreadsheet programs write for a column of `=SUM(…)`) as no formula at all, so
    /// formula cells are taken from the FORMULA records themselves.
    pub formulas: std::collections::HashMap<String, Vec<(u32, u32)>>,
    /// Cells a reader would lay out: per substream, the bounding box of its cell records,
    /// and the extent its DIMENSIONS record declares.
    pub cells: u64,
    /// Substreams (worksheets, charts…).
    pub sheets: u64,
    /// Whether a FILEPASS record says the workbook is encrypted.
    pub encrypted: bool,
}

/// Scan the BIFF records of an xls `Workbook` stream.
pub fn scan_biff(stream: &[u8]) -> BiffScan {
    let mut scan = BiffScan::default();
    let mut bbox: Option<(u32, u32, u32, u32)> = None;
    let close = |bbox: &mut Option<(u32, u32, u32, u32)>, cells: &mut u64| {
        if let Some((r0, r1, c0, c1)) = bbox.take() {
            *cells += u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
        }
    };
    let mut at = 0;
    let mut names: std::collections::HashMap<u32, String> = Default::default();
    let mut sheet: Option<String> = None;
    while let (Some(typ), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let Some(data) = stream.get(at + 4..at + 4 + len as usize) else { break };
        let start = at as u32;
        at += 4 + len as usize;
        match typ {
            0x0085 => {
                if let (Some(pos), Some(name)) = (u32_at(data, 0), sheet_name(data)) {
                    names.insert(pos, name);
                }
            }
            0x0809 => sheet = names.get(&start).cloned(),
            0x0006 => {
                if let (Some(name), Some(r), Some(c)) = (&sheet, u16_at(data, 0), u16_at(data, 2)) {
                    let cells = scan.formulas.entry(name.clone()).or_default();
                    if cells.len() < 1_000_000 {
                        cells.push((u32::from(r), u32::from(c)));
                    }
                }
            }
            _ => {}
        }
        let cell = |row: Option<u16>, c0: Option<u16>, c1: Option<u16>| {
            Some((u32::from(row?), u32::from(c0?), u32::from(c1?)))
        };
        let hit = match typ {
            0x0809 => {
                close(&mut bbox, &mut scan.cells);
                scan.sheets += 1;
                None
            }
            0x000A => {
                close(&mut bbox, &mut scan.cells);
                None
            }
            0x002F => {
                scan.encrypted = true;
                None
            }
            0x0200 => {
                scan.cells = scan.cells.saturating_add(dimensions_extent(data, len));
                None
            }
            0x0006 | 0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0207 => {
                cell(u16_at(data, 0), u16_at(data, 2), u16_at(data, 2))
            }
            0x00BD => cell(
                u16_at(data, 0),
                u16_at(data, 2),
                u16_at(data, (len as usize).saturating_sub(2)),
            ),
            _ => None,
        };
        if let Some((row, c0, c1)) = hit {
            let (c0, c1) = (c0.min(c1), c0.max(c1));
            bbox = Some(match bbox {
                None => (row, row, c0, c1),
                Some((r0, r1, a, b)) => (r0.min(row), r1.max(row), a.min(c0), b.max(c1)),
            });
        }
    }
    close(&mut bbox, &mut scan.cells);
    scan
}

/// The cells a reader reserves for a Dimensions record, computed as calamine computes them:
/// its row span wraps around when the first row is past the last, so a corrupt record
/// would make it reserve hundreds of gigabytes (an abort, not an error) unless refused here.
fn dimensions_extent(data: &[u8], len: u16) -> u64 {
    let (rf, rl, cf, cl) = match len {
        10 => (u16_at(data, 0).map(u32::from), u16_at(data, 2).map(u32::from), 4, 6),
        _ => (u32_at(data, 0), u32_at(data, 4), 8, 10),
    };
    let (Some(rf), Some(rl), Some(cf), Some(cl)) =
        (rf, rl, u16_at(data, cf).map(u32::from), u16_at(data, cl).map(u32::from))
    else {
        return 0;
    };
    if rl < 1 || cl < 1 {
        return 1;
    }
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}

/// The name of a BoundSheet8 record (BIFF8: 8-bit or UTF-16 characters).
fn sheet_name(data: &[u8]) -> Option<String> {
    let (cch, wide) = (*data.get(6)? as usize, *data.get(7)? & 1 == 1);
    let chars = data.get(8..)?;
    if wide {
        let units: Vec<u16> = (0..cch).filter_map(|i| u16_at(chars, 2 * i)).collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(chars.iter().take(cch).map(|&b| char::from(b)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend(data);
        v
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn far_apart_cells_count_as_their_bounding_box() {
        let mut s = record(0x0809, &[0; 16]);
        s.extend(number(0, 0));
        s.extend(number(65535, 255));
        s.extend(record(0x000A, &[]));
        assert_eq!(scan_biff(&s).cells, 65536 * 256);
        let mut s = record(0x0809, &[0; 16]);
        s.extend(number(4, 3));
        s.extend(number(5, 4));
        let scan = scan_biff(&s);
        assert_eq!((scan.cells, scan.sheets, scan.encrypted), (4, 1, false));
        assert!(scan_biff(&record(0x002F, &[1, 0])).encrypted);
    }

    #[test]
    fn a_dimensions_record_counts_as_calamine_reserves_it() {
        let dims = |rf: u32, rl: u32, cf: u16, cl: u16| {
            let mut d = rf.to_le_bytes().to_vec();
            d.extend(rl.to_le_bytes());
            d.extend(cf.to_le_bytes());
            d.extend(cl.to_le_bytes());
            d.extend([0, 0]);
            record(0x0200, &d)
        };
        // Rows 0–9, columns 0–3 (the last row and column are one past the end).
        assert_eq!(scan_biff(&dims(0, 10, 0, 4)).cells, 40);
        // A first row past the last: calamine's row span wraps to about 2^32 rows.
        assert!(scan_biff(&dims(5, 3, 0, 4)).cells > 16_000_000_000);
        assert_eq!(scan_biff(&dims(0, 0, 0, 0)).cells, 1);
    }

    #[test]
    fn formula_cells_are_found_by_sheet() {
        // BoundSheet8 "表三" (UTF-16) whose substream starts right after this record.
        let name: Vec<u8> = "表三".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut bound = 0u32.to_le_bytes().to_vec();
        bound.extend([0, 0, 2, 1]);
        bound.extend(&name);
        let len = 4 + bound.len() as u32;
        bound[..4].copy_from_slice(&len.to_le_bytes());
        let mut s = record(0x0085, &bound);
        s.extend(record(0x0809, &[0; 16]));
        let mut f = 4u16.to_le_bytes().to_vec();
        f.extend(9u16.to_le_bytes());
        f.extend([0; 18]);
        s.extend(record(0x0006, &f));
        assert_eq!(scan_biff(&s).formulas["表三"], [(4, 9)]);
    }

    #[test]
    fn truncated_and_garbage_input_ends_quietly() {
        assert_eq!(scan_biff(&[0x09, 0x08, 0xFF]).cells, 0);
        assert!(Compound::parse(&MAGIC).is_none());
        let mut junk = MAGIC.to_vec();
        junk.resize(4096, 0xFF);
        junk[0x1E] = 9;
        assert!(Compound::parse(&junk).is_none_or(|c| c.stream("Workbook").is_none()));
    }
}
