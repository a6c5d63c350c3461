//! `nianbao templates export`: write the built-in template set out for customizing.

use super::args::{TemplatesArgs, TemplatesCommand};
use super::{Status, say};

/// Run `nianbao templates …`.
pub fn templates(args: &TemplatesArgs) -> Status {
    match &args.command {
        TemplatesCommand::Export { dir, force } => {
            for (name, text) in nianbao::render::template::BUILTIN {
                let path = dir.join(name);
                if path.exists() && !force {
                    say(&format!("错误：{} 已存在；加 --force 覆盖", path.display()));
                    return Status::Failure;
                }
                if let Some(parent) = path.parent()
                    && let Err(e) = std::fs::create_dir_all(parent)
                {
                    say(&format!("错误：无法创建目录 {}：{e}", parent.display()));
                    return Status::Error;
                }
                if let Err(e) = nianbao::output::write_atomic(&path, text.as_bytes()) {
                    say(&format!("错误：无法写入 {}：{e}", path.display()));
                    return Status::Error;
                }
            }
            say(&format!(
                "已导出内置模板到 {}；修改后用 `nianbao render 数据文件 --templates {}` 渲染",
                dir.display(),
                dir.display()
            ));
            Status::Success
        }
    }
}
