//! The command line: exit codes, messages, files written (and not written).

use std::process::Command;

use crate::common::nianbao_bundled as nianbao;
use crate::common::*;

#[test]
fn render_writes_a_pdf() {
    let dir = tempdir("render");
    let out = dir.join("seed.pdf");
    let seed = root().join("samples/seed.json");
    let o =
        nianbao(&["render", seed.to_str().unwrap(), "-o", out.to_str().unwrap(), "--keep-typst"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    assert!(dir.join("seed.typ").exists());
    // Only the outputs: no temp files left behind.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 2);
}

#[test]
fn bad_cell_names_file_field_and_form_place_and_writes_nothing() {
    let dir = tempdir("bad");
    let data = dir.join("bad.json");
    let mut v = sample_json("seed.json");
    v["requests"]["withheld"] = serde_json::json!({"third_party_rights": {"commercial": "/"}});
    write(&data, &serde_json::to_string_pretty(&v).unwrap());
    let out = dir.join("bad.pdf");
    let o = nianbao(&["render", data.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.json:"), "{err}");
    assert!(err.contains("requests.withheld.third_party_rights.commercial"), "{err}");
    assert!(err.contains("表三“（三）不予公开 · 4.保护第三方合法权益”行“商业企业”列"), "{err}");
    assert!(err.contains("“/”"), "{err}");
    assert!(!out.exists());
}

#[test]
fn unknown_key_gets_a_suggestion() {
    let dir = tempdir("typo");
    let data = dir.join("typo.yaml");
    write(
        &data,
        "organization: 某乡\nyear: 2024\noverview: [a]\nproactive: {licencing: 1}\n\
         requests: {}\nappeals: {}\nproblems: [b]\nother_matters: [c]\n",
    );
    let o = nianbao(&["render", data.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("未知字段“licencing”") && err.contains("licensing"), "{err}");
    assert!(err.contains("typo.yaml:4:"), "{err}");
}

#[test]
fn missing_file_and_malformed_json_exit_one() {
    let o = nianbao(&["render", "/nonexistent/report.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("文件不存在"));
    let dir = tempdir("malformed");
    let data = dir.join("m.json");
    write(&data, "{\"organization\": \"x\",\n  \"year\": 2024,,\n}");
    let o = nianbao(&["render", data.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("m.json:2:"), "{}", stderr(&o));
}

#[test]
fn customized_templates_are_used_and_their_errors_point_at_the_template() {
    let dir = tempdir("templates");
    let tpl = TemplateCopy::export(dir.join("tpl"));
    tpl.insert_before_title("#para[定制模板标记]");
    let seed = root().join("samples/seed.json");
    let out = dir.join("custom.pdf");
    let args =
        ["render", seed.to_str().unwrap(), "-o", out.to_str().unwrap(), "--templates", tpl.arg()];
    let o = nianbao(&args);
    assert!(o.status.success(), "{}", stderr(&o));

    // A minijinja syntax error names the template file and line.
    tpl.edit("{{ blocks(problems) }}", "{{ blocks(problems) }");
    let o = nianbao(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("report.typ.j2:") && err.contains("模板错误"), "{err}");

    // A Typst error in the style library names that file and line.
    tpl.restore();
    let lib = tpl.dir.join("lib/nianbao.typ");
    let lib_text = std::fs::read_to_string(&lib).unwrap();
    write(&lib, &lib_text.replace("#let zihao =", "#let zihao = undefined-thing\n#let zihao2 ="));
    let o = nianbao(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("lib/nianbao.typ:11:14"), "{err}");
    assert!(!out.exists() || std::fs::metadata(&out).unwrap().len() > 0);
}

#[test]
fn templates_cannot_read_outside_their_root() {
    let dir = tempdir("escape");
    let tpl = TemplateCopy::export(dir.join("tpl"));
    write(&dir.join("secret.txt"), "SECRET");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("secret.txt"), tpl.dir.join("link.txt")).unwrap();
    let seed = root().join("samples/seed.json");
    for probe in [
        "#read(\"../secret.txt\")",
        "#read(\"/etc/passwd\")",
        "#read(\"link.txt\")",
        "#import \"@preview/cetz:0.3.0\"",
    ] {
        tpl.insert_before_title(probe);
        let o = nianbao(&[
            "render",
            seed.to_str().unwrap(),
            "-o",
            dir.join("x.pdf").to_str().unwrap(),
            "--templates",
            tpl.arg(),
        ]);
        assert_eq!(o.status.code(), Some(1), "{probe} must fail: {}", stderr(&o));
    }
}

#[test]
fn png_output_writes_one_file_per_page() {
    let dir = tempdir("png");
    let seed = root().join("samples/seed.json");
    let out = dir.join("p.png");
    let o =
        nianbao(&["render", seed.to_str().unwrap(), "-o", out.to_str().unwrap(), "--ppi", "20"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join("p-1.png").exists());
}

#[test]
fn help_shows_examples() {
    let o =
        Command::new(env!("CARGO_BIN_EXE_nianbao")).args(["render", "--help"]).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("示例") && out.contains("nianbao render"), "{out}");
}

#[test]
fn fonts_lists_roles_and_checks_a_reports_characters() {
    let o = nianbao(&["fonts"]);
    assert!(o.status.success());
    let list = String::from_utf8_lossy(&o.stdout);
    for want in ["正文（仿宋）", "FandolFang R", "内置", "描边模拟", "FZXiaoBiaoSong-B05S"]
    {
        assert!(list.contains(want), "{want}: {list}");
    }
    let rare = root().join("samples/rare-characters.yaml");
    let o = nianbao(&["fonts", "--check", rare.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("U+2C1D9"), "{}", stderr(&o));
    let dir = tempdir("fonts-check");
    let data = dir.join("tofu.json");
    let mut v = sample_json("seed.json");
    v["problems"] = serde_json::json!(["一个没有字体能显示的字：𪚥"]);
    write(&data, &v.to_string());
    let o = nianbao(&["fonts", "--check", data.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("U+2A6A5") && stderr(&o).contains("problems[0]"), "{}", stderr(&o));
    // render refuses to print it.
    let o = nianbao(&["render", data.to_str().unwrap(), "-o", dir.join("t.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.join("t.pdf").exists());
}

#[test]
fn nianbao_toml_beside_the_data_pins_role_chains() {
    let dir = tempdir("config");
    let data = dir.join("seed.json");
    std::fs::copy(root().join("samples/seed.json"), &data).unwrap();
    write(
        &dir.join("nianbao.toml"),
        "# 本单位字体\n[fonts]\nbody = [\"方正仿宋_GBK\", \"Noto Serif CJK SC\"]\nkai = [\"Noto Serif CJK SC\"]\n",
    );
    let o = nianbao(&["fonts", "--check", data.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = String::from_utf8_lossy(&o.stdout);
    assert!(list.contains("字体链：方正仿宋_GBK、Noto Serif CJK SC"), "{list}");
    let out = dir.join("seed.pdf");
    let o = nianbao(&["render", data.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = std::fs::read(&out).unwrap();
    let has = |needle: &[u8]| pdf.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"FandolFang") && !has(b"FandolKai"), "configured chains not used");
    assert!(has(b"NotoSerifCJKsc"));

    write(&dir.join("nianbao.toml"), "[fonts]\nbodi = [\"x\"]\n");
    let o = nianbao(&["render", data.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("nianbao.toml:2:") && stderr(&o).contains("bodi"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn tofu_printed_by_a_template_names_the_template_line() {
    let dir = tempdir("tofu-template");
    let tpl = TemplateCopy::export(dir.join("tpl"));
    tpl.insert_before_title("#para[模板里的𪚥字]");
    let seed = root().join("samples/seed.json");
    let out = dir.join("x.pdf");
    let o = nianbao(&[
        "render",
        seed.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--templates",
        tpl.arg(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("U+2A6A5") && err.contains("report.typ.j2:"), "{err}");
    assert!(!out.exists());
}
