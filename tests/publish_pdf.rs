//! Tagged PDF by default (headings, paragraphs, tables with header cells, read back with
//! poppler's structure-tree dump), PDF/UA-1 and PDF/A-2b, and several formats from one
//! command: `render -o a.pdf -o a.html -o a.docx`, `batch --format pdf,html,docx`, and the
//! library's `render_many`.

use std::path::Path;
use std::process::Command;

use nianbao::{Artifact, OutputFormat};

use crate::common::nianbao_bundled as nianbao;
use crate::common::*;

/// `pdfinfo` with extra arguments (poppler-utils).
fn pdfinfo(pdf: &Path, args: &[&str]) -> String {
    let o = Command::new("pdfinfo")
        .args(args)
        .arg(pdf)
        .output()
        .expect("pdfinfo is not installed (apt-get install poppler-utils; scripts/test does)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn render_pdf(dir: &Path, name: &str, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.join(name);
    let data = root().join("samples/long-narrative.json");
    let mut args = vec!["render", data.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend(extra);
    let o = nianbao(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn pdfs_are_tagged_with_headings_paragraphs_and_table_header_cells() {
    let dir = tempdir("pdf-tags");
    let pdf = render_pdf(&dir, "tagged.pdf", &[]);
    assert!(pdfinfo(&pdf, &[]).contains("Tagged:          yes"));
    let tree = pdfinfo(&pdf, &["-struct-text"]);
    // The title is H1, the six sections H2, an own-line （一） subheading H3.
    for line in [
        "H1 ",
        "H2 ",
        "H3 ",
        "\"一、总体情况\"",
        "\"六、其他需要报告的事项\"",
        "Table",
        "TH ",
        "/Scope /Column",
        "/Scope /Row",
    ] {
        assert!(tree.contains(line), "no {line} in the structure tree:\n{tree}");
    }
    let count = |what: &str| tree.lines().filter(|l| l.trim_start().starts_with(what)).count();
    assert_eq!(count("H1 "), 1);
    assert_eq!(count("H2 "), 6);
    assert!(count("P ") > 20, "paragraphs: {}", count("P "));
    // 表二 20 (4 blocks: item, 信息内容, columns, row labels), 表三 40 (10 in the header,
    // 25 row labels, 三、本年度办理结果 and 4 groups), 表四 19; a repeated header is an artifact.
    assert_eq!(count("TH "), 20 + 40 + 19);
    // A number of 表三 names its row label, whose own headers name the group above it.
    let i = tree.find("\"1.属于国家秘密\"").expect("the row label");
    let before = &tree[..i];
    let th = before.rfind("TH <").unwrap();
    assert!(before[th..].contains("/Scope /Row"), "{}", &before[th..]);
    // Untagged on request: smaller, no structure.
    let plain = render_pdf(&dir, "plain.pdf", &["--no-pdf-tags"]);
    assert!(pdfinfo(&plain, &[]).contains("Tagged:          no"));
    assert!(std::fs::metadata(&plain).unwrap().len() < std::fs::metadata(&pdf).unwrap().len());
}

#[test]
fn pdf_ua_1_and_pdf_a_2b_alone_and_together() {
    let dir = tempdir("pdf-ua");
    for (name, standard, ua, a) in [
        ("ua.pdf", "ua-1", true, false),
        ("a.pdf", "a-2b", false, true),
        ("both.pdf", "a-2b,ua-1", true, true),
    ] {
        let pdf = render_pdf(&dir, name, &["--pdf-standard", standard]);
        let bytes = std::fs::read(&pdf).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.contains("<pdfuaid:part>1</pdfuaid:part>"), ua, "{name}");
        assert_eq!(text.contains("<pdfaid:part>2</pdfaid:part>"), a, "{name}");
        assert_eq!(text.contains("/DisplayDocTitle true"), ua, "{name}");
        assert!(pdfinfo(&pdf, &[]).contains("Tagged:          yes"), "{name}");
    }
    let out = dir.join("no.pdf");
    let data = root().join("samples/seed.json");
    let o = nianbao(&[
        "render",
        data.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--pdf-standard",
        "ua-1",
        "--no-pdf-tags",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("PDF/UA-1"));
    assert!(!out.exists());
}

#[test]
fn one_render_writes_pdf_html_and_docx_and_prints_each_finding_once() {
    let dir = tempdir("render-many");
    let data = root().join("samples/seed.json");
    let outs = ["seed.pdf", "seed.html", "seed.docx", "body.html"].map(|n| dir.join(n));
    let o = nianbao(&[
        "render",
        data.to_str().unwrap(),
        "-o",
        outs[0].to_str().unwrap(),
        "-o",
        outs[1].to_str().unwrap(),
        "-o",
        outs[2].to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(std::fs::read(&outs[0]).unwrap().starts_with(b"%PDF-"));
    assert!(std::fs::read_to_string(&outs[1]).unwrap().starts_with("<!DOCTYPE html>"));
    assert!(std::fs::read(&outs[2]).unwrap().starts_with(b"PK"));
    // seed.json draws two warnings (S4, S5): each is printed once, not once per format.
    assert_eq!(err.matches("警告[S5]").count(), 1, "{err}");
    assert!(err.contains("seed.pdf（5 页）、") && err.contains("seed.docx"), "{err}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3, "no temp files");
    // The fragment, for a portal's editor.
    let o = nianbao(&[
        "render",
        data.to_str().unwrap(),
        "-o",
        outs[3].to_str().unwrap(),
        "--html-fragment",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&outs[3]).unwrap().starts_with("<div lang=\"zh-CN\""));
    // All or nothing: a report whose PDF fails (a character no font has) writes no file.
    let mut v = sample_json("seed.json");
    v["overview"][0]["text"] = "生僻字𪚥".into();
    let bad = dir.join("bad.json");
    write(&bad, &v.to_string());
    let none = ["bad.pdf", "bad.html"].map(|n| dir.join(n));
    let o = nianbao(&[
        "render",
        bad.to_str().unwrap(),
        "-o",
        none[0].to_str().unwrap(),
        "-o",
        none[1].to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(none.iter().all(|p| !p.exists()));
}

#[test]
fn the_library_renders_any_format_of_a_report() {
    let report = sample("county-department.json");
    let formats = [OutputFormat::Pdf, OutputFormat::Html { fragment: false }, OutputFormat::Docx];
    let out = renderer().render_many(&report, &formats);
    assert_eq!(out.len(), 3);
    assert!(matches!(&out[0].artifact, Some(Artifact::Pdf(b)) if b.starts_with(b"%PDF-")));
    assert!(out[0].pages >= 4 && out[1].pages == 0);
    let Some(Artifact::Html(page)) = &out[1].artifact else { panic!() };
    assert!(String::from_utf8_lossy(page).contains("<h1"));
    let Some(Artifact::Docx(doc)) = &out[2].artifact else { panic!() };
    assert!(doc.starts_with(b"PK"));
    // The same as one format at a time.
    let single = renderer().render(&report, OutputFormat::Docx);
    assert_eq!(single.artifact, out[2].artifact);
}

#[test]
fn batch_writes_every_format_of_every_report_and_skips_them_when_up_to_date() {
    let dir = tempdir("batch-formats");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for name in ["seed.json", "county-department.json"] {
        std::fs::copy(root().join("samples").join(name), input.join(name)).unwrap();
    }
    let out = dir.join("out");
    let summary = dir.join("summary.json");
    let run = || {
        nianbao(&[
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--format",
            "pdf,html,docx",
            "--name",
            "{stem}.pdf",
            "--summary",
            summary.to_str().unwrap(),
            "-q",
        ])
    };
    let o = run();
    assert!(o.status.success(), "{}", stderr(&o));
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "county-department.docx",
            "county-department.html",
            "county-department.pdf",
            "seed.docx",
            "seed.html",
            "seed.pdf"
        ]
    );
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!(s["rendered"], 2);
    assert_eq!(s["reports"][0]["outputs"].as_array().unwrap().len(), 3);
    // A second run finds all three files of each report up to date.
    let o = run();
    assert!(o.status.success(), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!((s["rendered"].as_u64(), s["up_to_date"].as_u64()), (Some(0), Some(2)));
    // Losing one of them renders that report again.
    std::fs::remove_file(out.join("seed.html")).unwrap();
    let o = run();
    assert!(o.status.success(), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_slice(&std::fs::read(&summary).unwrap()).unwrap();
    assert_eq!((s["rendered"].as_u64(), s["up_to_date"].as_u64()), (Some(1), Some(1)));
    assert!(out.join("seed.html").is_file());
}
