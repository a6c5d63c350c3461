//! Bad spreadsheets: each ends in a clear message that names the cell (or the sheet, or the
//! file), exit code 1, no output written and never a panic — bad values in count cells,
//! merged or moved cells, a sheet renamed or deleted, a workbook from another template, a
//! password-protected file, a zip bomb, and files that are not spreadsheets at all.

use std::path::{Path, PathBuf};

use nianbao::output::workbook;

use crate::common::*;

fn filled(dir: &Path) -> Vec<u8> {
    let bytes = workbook::fill_in(Some(&sample("county-department.json"))).unwrap();
    std::fs::write(dir.join("good.xlsx"), &bytes).unwrap();
    bytes
}

/// `render` (which validates first) must fail with exit 1, write nothing, and say `needles`.
fn refused(path: &Path, needles: &[&str]) -> String {
    let out = path.with_extension("pdf");
    let o = nianbao(&[
        "render",
        path.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--ignore-system-fonts",
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{}: {err}", path.display());
    assert!(!out.exists(), "{}: output written", path.display());
    assert!(!err.contains("panicked"), "{err}");
    for n in needles {
        assert!(err.contains(n), "{}: no {n:?} in:\n{err}", path.display());
    }
    err
}

fn save(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn bad_values_in_count_cells_name_their_cells() {
    let dir = tempdir("bad-values");
    let mut b = filled(&dir);
    for (at, put) in [
        ("D12", Put::Text("/")),
        ("E12", Put::Text("十二")),
        ("F12", Put::Number(-3.0)),
        ("G12", Put::Number(1.5)),
        ("H12", Put::Formula("1+2")),
    ] {
        b = xlsx_set(&b, "表三", at, put);
    }
    b = xlsx_set(&b, "表二", "B15", Put::Text("-"));
    let err = refused(
        &save(&dir, "values.xlsx", &b),
        &[
            "件数不能填“/”，没有请填 0",
            "件数应为非负整数，不能是文字“十二”",
            "件数不能为负数",
            "不能是小数 1.5",
            "不能用公式",
            "收费金额不能填“-”",
        ],
    );
    for at in ["D12", "E12", "F12", "G12", "H12"] {
        assert!(err.contains(&format!("原文位置: 表三!{at}")), "{at}: {err}");
    }
    assert!(err.contains("原文位置: 表二!B15"), "{err}");
    assert!(err.contains("表三“（三）不予公开 · 4.保护第三方合法权益”行“自然人”列"), "{err}");
}

#[test]
fn merged_and_moved_cells_name_the_cell_expected() {
    let dir = tempdir("bad-layout");
    let b = filled(&dir);
    let part = sheet_part(&b, "表三");
    let merged = zip_edit(&b, |name, x| {
        if name != part {
            return x;
        }
        String::from_utf8(x)
            .unwrap()
            .replace("</mergeCells>", "<mergeCell ref=\"D12:E12\"/></mergeCells>")
            .into_bytes()
    });
    let path = save(&dir, "merged.xlsx", &merged);
    refused(&path, &["错误[sheet-layout]", "表三!D12:E12 是合并单元格"]);
    // The same merge after LibreOffice saves it as .ods and .xls (merges come from the
    // program's own file format then).
    for format in ["ods", "xls"] {
        let other = soffice_recalc_convert(&path, format, &dir.join(format));
        refused(&other, &["表三!D12:E12 是合并单元格"]);
    }
    // A row label moved down one row, as if a row had been inserted above it.
    let moved = xlsx_set(&b, "表三", "C12", Put::Text("新插入的一行"));
    let moved = xlsx_set(&moved, "表三", "C13", Put::Text("4.保护第三方合法权益"));
    refused(
        &save(&dir, "moved.xlsx", &moved),
        &["表三!C12 应为“4.保护第三方合法权益”，实际是“新插入的一行”", "现在在 表三!C13"],
    );
}

#[test]
fn renamed_deleted_and_foreign_sheets_are_named() {
    let dir = tempdir("bad-sheets");
    let b = filled(&dir);
    let renamed = zip_edit(&b, |name, x| {
        let s = String::from_utf8(x).unwrap();
        if name == "xl/workbook.xml" { s.replace("name=\"表三\"", "name=\"表3\"") } else { s }
            .into_bytes()
    });
    refused(&save(&dir, "renamed.xlsx", &renamed), &["缺少工作表“表三”", "表3"]);
    let deleted = zip_edit(&b, |name, x| {
        let s = String::from_utf8(x).unwrap();
        if name != "xl/workbook.xml" {
            return s.into_bytes();
        }
        let start = s.find("<sheet name=\"表四\"").unwrap();
        let end = start + s[start..].find("/>").unwrap() + 2;
        format!("{}{}", &s[..start], &s[end..]).into_bytes()
    });
    refused(&save(&dir, "deleted.xlsx", &deleted), &["缺少工作表“表四”"]);
    // An office's own statistics sheet: not this template.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("政府信息公开统计表").unwrap();
    for (c, h) in ["项目", "自然人", "法人或其他组织", "总计"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "本年新收政府信息公开申请数量").unwrap();
    ws.write_number(1, 1, 12).unwrap();
    let foreign = wb.save_to_buffer().unwrap();
    let err = refused(
        &save(&dir, "统计表.xlsx", &foreign),
        &["不是 nianbao 填报表", "政府信息公开统计表"],
    );
    assert!(err.contains("nianbao workbook"), "{err}");
}

#[test]
fn password_protected_files_say_so() {
    // Encrypted by LibreOffice 7.4 (password 1234): tests/fixtures/sheet/encrypt.py.
    let fixtures = root().join("tests/fixtures/sheet");
    for name in ["password.xlsx", "password.xls"] {
        let dir = tempdir(&format!("pw-{name}"));
        let copy = dir.join(name);
        std::fs::copy(fixtures.join(name), &copy).unwrap();
        refused(&copy, &["错误[sheet-password]: 文件有密码保护"]);
    }
}

#[test]
fn a_zip_bomb_is_refused_quickly() {
    let dir = tempdir("bomb");
    let b = filled(&dir);
    let part = sheet_part(&b, "表三");
    // The sheet padded with 300 MB of spaces: a few hundred KB compressed, written in
    // pieces as a zip tool would stream it.
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let spaces = vec![b' '; 1 << 20];
    for (name, x) in zip_parts(&b) {
        w.start_file(name.as_str(), o).unwrap();
        if name != part {
            w.write_all(&x).unwrap();
            continue;
        }
        let s = String::from_utf8(x).unwrap();
        let (head, tail) = s.split_at(s.find("<sheetData>").unwrap() + "<sheetData>".len());
        w.write_all(head.as_bytes()).unwrap();
        for _ in 0..300 {
            w.write_all(&spaces).unwrap();
        }
        w.write_all(tail.as_bytes()).unwrap();
    }
    let bomb = w.finish().unwrap().into_inner();
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    let start = std::time::Instant::now();
    refused(&save(&dir, "bomb.xlsx", &bomb), &["错误[sheet-limit]", "压缩炸弹"]);
    assert!(start.elapsed().as_secs() < 60);
}

#[test]
fn files_that_are_not_spreadsheets_get_a_clear_error() {
    let dir = tempdir("not-sheets");
    let b = filled(&dir);
    let html = "<html><body><table><tr><td>本年新收</td><td>12</td></tr></table></body></html>";
    refused(&save(&dir, "导出.xls", html.as_bytes()), &["这是网页（HTML）文件"]);
    refused(&save(&dir, "half.xlsx", &b[..b.len() / 2]), &["错误[sheet-format]"]);
    refused(&save(&dir, "empty.ods", b""), &["文件为空"]);
    // A Word document renamed: made by LibreOffice Writer from a text file.
    let txt = save(&dir, "正文.txt", "一、总体情况\n本年度……".as_bytes());
    let docx = soffice_recalc_convert(&txt, "docx", &dir.join("docx"));
    let renamed = dir.join("正文.xlsx");
    std::fs::rename(&docx, &renamed).unwrap();
    refused(&renamed, &["这是 Word 文档（.docx），不是电子表格"]);
    let broken = zip_edit(&b, |name, x| if name == "xl/workbook.xml" { b"<w".to_vec() } else { x });
    refused(&save(&dir, "broken.xlsx", &broken), &["错误[sheet-"]);
    // A county-wide sheet is many reports: render says what to use instead.
    let county = workbook::county(&[sample("seed.json")]).unwrap();
    refused(&save(&dir, "汇总表.xlsx", &county), &["错误[sheet-county]", "nianbao batch"]);
}

/// Mutations of a file the way broken disks, mail gateways and careless tools mangle them.
fn mangle(mut bytes: Vec<u8>, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    if bytes.is_empty() {
        return bytes;
    }
    let at = (next() % bytes.len() as u64) as usize;
    match next() % 5 {
        0 => bytes.truncate(at),
        1 => bytes[at] = next() as u8,
        2 => {
            let n = (next() % 64) as usize;
            let slice: Vec<u8> = bytes[at..(at + n).min(bytes.len())].to_vec();
            bytes.splice(at..at, slice);
        }
        3 => {
            // A digit made huge: row numbers, repeats, sizes, indices.
            if let Some(p) = bytes[at..].iter().position(u8::is_ascii_digit) {
                bytes.splice(at + p..at + p, b"99999999".iter().copied());
            }
        }
        _ => {
            for _ in 0..8 {
                let i = (next() % bytes.len() as u64) as usize;
                bytes[i] ^= 1 << (next() % 8);
            }
        }
    }
    bytes
}

#[test]
fn mangled_workbooks_end_in_errors_not_panics() {
    let dir = tempdir("mangled");
    let fill = filled(&dir);
    let county =
        workbook::county(&[sample("seed.json"), sample("county-department.json")]).unwrap();
    let xls =
        std::fs::read(soffice_recalc_convert(&dir.join("good.xlsx"), "xls", &dir.join("xls")))
            .unwrap();
    let ods =
        std::fs::read(soffice_recalc_convert(&dir.join("good.xlsx"), "ods", &dir.join("ods")))
            .unwrap();
    let check = |bytes: &[u8], what: &str| {
        let r = std::panic::catch_unwind(|| nianbao::input::sheet::read(bytes, "m.xlsx"));
        assert!(r.is_ok(), "{what}: the reader panicked");
    };
    for seed in 1..=150u64 {
        // Inside the zip: one part's XML mangled, the container intact.
        for (base, name) in [(&fill, "fill-in"), (&county, "county"), (&ods, "ods")] {
            let parts = zip_parts(base);
            let target = parts[(seed as usize * 7) % parts.len()].0.clone();
            let bytes = zip_edit(base, |n, x| if n == target { mangle(x, seed) } else { x });
            check(&bytes, &format!("{name} {target} seed {seed}"));
        }
        // The container itself.
        for (base, name) in [(&fill, "xlsx"), (&xls, "xls"), (&ods, "ods")] {
            check(&mangle(base.clone(), seed), &format!("{name} bytes seed {seed}"));
        }
    }
}

#[test]
fn sheets_named_like_ours_but_laid_out_otherwise_are_another_template() {
    let dir = tempdir("lookalike");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for name in ["表二", "表三", "表四"] {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        ws.write_string(0, 0, "项目").unwrap();
        ws.write_string(1, 0, "本年新收政府信息公开申请数量").unwrap();
        ws.write_number(1, 1, 3).unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    refused(
        &save(&dir, "统计.xlsx", &bytes),
        &["不是 nianbao 填报表", "第一处不同：缺少工作表“基本信息”"],
    );
}
