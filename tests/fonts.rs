//! Which face wins when the system and the bundle share a family: the bundle, so output
//! does not depend on what is installed; the system still supplies families the bundle
//! does not have; `--font-path` beats both. The "system" here is a fontconfig file that
//! lists a test folder (fontdb reads `FONTCONFIG_FILE`), so no system font is needed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{root, tempdir, write};

/// A fontconfig file whose only font folder is `dir`: the "system fonts" of a run.
fn system_with(dir: &Path) -> PathBuf {
    let conf = dir.with_extension("conf");
    write(
        &conf,
        &format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
            dir.display()
        ),
    );
    conf
}

fn nianbao(args: &[&str], fontconfig: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .env("FONTCONFIG_FILE", fontconfig)
        .output()
        .unwrap()
}

/// A copy of a bundled font with its family renamed (same length, in the name table's
/// UTF-16 and single-byte records): a font the bundle does not have.
fn renamed_copy(name: &str, from: &str, to: &str, out: &Path) {
    assert_eq!(from.len(), to.len());
    let mut data = std::fs::read(root().join("fonts").join(name)).unwrap();
    let utf16 = |s: &str| s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect::<Vec<u8>>();
    for (a, b) in [(from.as_bytes().to_vec(), to.as_bytes().to_vec()), (utf16(from), utf16(to))] {
        let mut i = 0;
        while let Some(at) = data[i..].windows(a.len()).position(|w| w == a) {
            data[i + at..i + at + a.len()].copy_from_slice(&b);
            i += at + a.len();
        }
    }
    std::fs::write(out, data).unwrap();
}

#[test]
fn the_bundled_face_wins_over_a_system_face_of_its_family() {
    let dir = tempdir("system-fonts");
    let system = dir.join("fonts");
    std::fs::create_dir_all(&system).unwrap();
    std::fs::copy(root().join("fonts/NotoSansCJKsc-Regular.otf"), system.join("sans.otf")).unwrap();
    let conf = system_with(&system);
    let o = nianbao(&["fonts"], &conf);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let list = String::from_utf8_lossy(&o.stdout);
    assert!(list.contains("使用：Noto Sans CJK SC → Noto Sans CJK SC（内置）"), "{list}");
    assert!(list.contains("未用系统字体：Noto Sans CJK SC") && list.contains("sans.otf"), "{list}");
    // The output is the same as with no system fonts at all.
    let seed = root().join("samples/seed.json");
    let render = |extra: &[&str], out: &str| {
        let out = dir.join(out);
        let mut args = vec!["render", seed.to_str().unwrap(), "-o", out.to_str().unwrap()];
        args.extend(extra);
        let o = nianbao(&args, &conf);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        std::fs::read(out).unwrap()
    };
    assert_eq!(render(&[], "a.pdf"), render(&["--ignore-system-fonts"], "b.pdf"));
    // An explicit --font-path folder beats the bundle.
    let o = nianbao(&["fonts", "--font-path", system.to_str().unwrap()], &conf);
    let list = String::from_utf8_lossy(&o.stdout);
    assert!(list.contains("使用：Noto Sans CJK SC → Noto Sans CJK SC（--font-path"), "{list}");
}

#[test]
fn a_system_font_the_bundle_lacks_is_used() {
    let dir = tempdir("system-official");
    let system = dir.join("fonts");
    std::fs::create_dir_all(&system).unwrap();
    // "SimHei" is first in the 一级标题 chain and not bundled.
    renamed_copy(
        "NotoSansCJKsc-Regular.otf",
        "Noto Sans CJK SC",
        "SimHei Test Font",
        &system.join("simhei.otf"),
    );
    let conf = system_with(&system);
    let config = dir.join("nianbao.toml");
    write(&config, "[fonts]\nhei = [\"SimHei Test Font\", \"Noto Sans CJK SC\"]\n");
    let o = nianbao(&["fonts", "--config", config.to_str().unwrap()], &conf);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let list = String::from_utf8_lossy(&o.stdout);
    assert!(list.contains("使用：SimHei Test Font → SimHei Test Font（系统"), "{list}");
    assert!(!list.contains("未用系统字体"), "{list}");
    // Without system fonts it falls back to the bundle.
    let o =
        nianbao(&["fonts", "--config", config.to_str().unwrap(), "--ignore-system-fonts"], &conf);
    let list = String::from_utf8_lossy(&o.stdout);
    assert!(list.contains("使用：Noto Sans CJK SC → Noto Sans CJK SC（内置）"), "{list}");
}
