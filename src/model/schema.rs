//! The JSON Schema of the input ("nianbao/1"), built from the form's labels so that editors
//! show the form's own Chinese words as titles and check files as people type.

use serde_json::{Map, Value, json};

use crate::model::MAX_COUNT;
use crate::model::form::{self, T3_COLUMNS, T3_ROWS, T4_COLUMNS, T4_GROUPS};

fn count(title: &str) -> Value {
    json!({ "title": title, "type": "integer", "minimum": 0, "maximum": MAX_COUNT })
}

fn object(title: &str, properties: Map<String, Value>, required: &[&str]) -> Value {
    json!({
        "title": title,
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

fn applicant_row(title: &str) -> Value {
    let mut props = Map::new();
    for (key, label) in T3_COLUMNS {
        let label = match key {
            "natural_person" | "total" => label.to_string(),
            _ => format!("{} · {label}", form::T3_ORGANIZATIONS),
        };
        props.insert(key.into(), count(&label));
    }
    let mut row = object(title, props, &[]);
    row["description"] = json!("缺少的列按 0 计；总计可省略（自动计算），填写时须等于各列之和");
    row
}

fn stock(title: &str) -> Value {
    let mut props = Map::new();
    props.insert("issued".into(), count(form::t2::ISSUED));
    props.insert("repealed".into(), count(form::t2::REPEALED));
    props.insert("in_force".into(), count(form::t2::IN_FORCE));
    props.insert(
        "note".into(),
        json!({
            "title": "现行有效件数的说明",
            "type": "string",
            "description": "现行有效件数不等于上年现行有效 + 本年制发 − 本年废止时（如开展清理后重新统计），在此说明原因；不印在表格中，校验时把 S1 改为提示",
        }),
    );
    object(title, props, &[])
}

fn paragraphs(title: &str) -> Value {
    json!({ "title": title, "type": "array", "items": { "$ref": "#/$defs/paragraph" } })
}

/// `imported`: where an imported report came from and the cells that held no number.
fn imported() -> Value {
    let mut placeholder = Map::new();
    placeholder.insert(
        "path".into(),
        json!({ "title": "字段", "type": "string", "description": "如 requests.new.research" }),
    );
    placeholder.insert(
        "raw".into(),
        json!({ "title": "原文", "type": "string", "description": "单元格原有的内容（空白为空字符串）" }),
    );
    placeholder.insert(
        "origin".into(),
        json!({ "title": "原文位置", "type": "string", "description": "如 第2个表格第4行第5列、第3页、表三!D12" }),
    );
    let mut props = Map::new();
    props.insert("source".into(), json!({ "title": "源文件", "type": "string" }));
    props.insert(
        "format".into(),
        json!({ "title": "源文件类型", "enum": ["docx", "html", "pdf", "text", "xlsx", "xls", "ods"] }),
    );
    props.insert(
        "placeholders".into(),
        json!({
            "title": "没有数字、按 0 计的单元格",
            "description": "空白、“/”、“-”、“—”、“无”或文字；评议时这类单元格会被计为缺陷",
            "type": "array",
            "items": object("单元格", placeholder, &["path", "raw"]),
        }),
    );
    let mut out = object("导入来源（由 nianbao import 写入）", props, &["source", "format"]);
    out["description"] =
        json!("报告是从 Word/WPS、网页、PDF 或表格导入时，记录来源文件和按 0 计的单元格");
    out
}

/// The JSON Schema (draft 2020-12) of a report file.
pub fn json_schema() -> Value {
    let mut proactive = Map::new();
    proactive.insert("rules".into(), stock(&format!("{} · {}", form::t2::ITEM1, form::t2::RULES)));
    proactive.insert(
        "normative_documents".into(),
        stock(&format!("{} · {}", form::t2::ITEM1, form::t2::NORMATIVE)),
    );
    for (key, item, label) in [
        ("licensing", form::t2::ITEM5, form::t2::LICENSING),
        ("punishment", form::t2::ITEM6, form::t2::PUNISHMENT),
        ("enforcement", form::t2::ITEM6, form::t2::ENFORCEMENT),
    ] {
        proactive.insert(key.into(), count(&format!("{item} · {label} · {}", form::t2::DECISIONS)));
    }
    proactive.insert(
        "fees".into(),
        json!({
            "title": format!("{} · {} · {}", form::t2::ITEM8, form::t2::FEES, form::t2::AMOUNT),
            "description": "万元，按填写原样打印；写成字符串可保留末尾的 0，如 \"18651.10\"",
            "anyOf": [
                { "type": "string", "pattern": "^[0-9]{1,15}(\\.[0-9]{1,10})?$" },
                { "type": "number", "minimum": 0 }
            ]
        }),
    );

    // Table 三: rows with a dotted key live in a group object.
    let mut requests = Map::new();
    let mut groups: Vec<(&str, &str, Map<String, Value>)> = Vec::new();
    for row in T3_ROWS {
        match row.key.split_once('.') {
            None => {
                let title = match row.key {
                    "granted" | "partially_granted" | "handled_total" => {
                        format!("{} · {}", form::T3_RESULTS, row.label)
                    }
                    _ => row.label.to_string(),
                };
                requests.insert(row.key.into(), applicant_row(&title));
            }
            Some((group, leaf)) => {
                let label = row.group.unwrap_or_default();
                match groups.iter_mut().find(|(g, _, _)| *g == group) {
                    Some((_, _, map)) => {
                        map.insert(leaf.into(), applicant_row(row.label));
                    }
                    None => {
                        let mut map = Map::new();
                        map.insert(leaf.into(), applicant_row(row.label));
                        groups.push((group, label, map));
                    }
                }
            }
        }
    }
    for (group, label, map) in groups {
        requests.insert(group.into(), object(&format!("{} · {label}", form::T3_RESULTS), map, &[]));
    }

    let mut appeals = Map::new();
    for (key, label) in T4_GROUPS {
        let mut props = Map::new();
        for (c, l) in T4_COLUMNS {
            props.insert(c.into(), count(l));
        }
        appeals.insert(key.into(), object(label, props, &[]));
    }

    let mut signature = Map::new();
    signature.insert("organization".into(), json!({ "title": "发文机关署名", "type": "string" }));
    signature.insert(
        "date".into(),
        json!({ "title": "成文日期", "type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" }),
    );

    let mut top = Map::new();
    top.insert("schema".into(), json!({ "title": "格式版本", "const": "nianbao/1" }));
    top.insert(
        "organization".into(),
        json!({ "title": "机关名称", "type": "string", "minLength": 1 }),
    );
    top.insert(
        "year".into(),
        json!({ "title": "报告年度", "type": "integer", "minimum": 1990, "maximum": 2999 }),
    );
    top.insert(
        "title".into(),
        json!({ "title": "标题", "type": "string", "description": "默认：机关名称 + 年份 + 年政府信息公开工作年度报告" }),
    );
    top.insert(
        "level".into(),
        json!({
            "title": "机关层级",
            "enum": ["township", "county", "city", "province", "department", "ministry"],
            "description": "township 乡镇；county 县级政府；city 市级政府；province 省级政府；department 政府部门；ministry 国务院部门"
        }),
    );
    top.insert("preface".into(), paragraphs("前言（一、之前的导语）"));
    top.insert("overview".into(), paragraphs(form::SECTIONS[0]));
    top.insert("proactive".into(), object(form::SECTIONS[1], proactive, &[]));
    top.insert("requests".into(), object(form::SECTIONS[2], requests, &[]));
    top.insert("appeals".into(), object(form::SECTIONS[3], appeals, &[]));
    top.insert("problems".into(), paragraphs(form::SECTIONS[4]));
    top.insert("other_matters".into(), paragraphs(form::SECTIONS[5]));
    top.insert("signature".into(), object("署名和成文日期", signature, &["organization", "date"]));
    top.insert("imported".into(), imported());

    let mut schema = object(
        "政府信息公开工作年度报告",
        top,
        &[
            "organization",
            "year",
            "overview",
            "proactive",
            "requests",
            "appeals",
            "problems",
            "other_matters",
        ],
    );
    let root = schema.as_object_mut().expect("object");
    root.insert("$schema".into(), json!("https://json-schema.org/draft/2020-12/schema"));
    root.insert("$id".into(), json!("https://nianbao.invalid/schema/nianbao-1.json"));
    root.insert(
        "$defs".into(),
        json!({
            "paragraph": {
                "title": "段落",
                "oneOf": [
                    { "type": "string", "title": "正文段落" },
                    {
                        "type": "object", "title": "段首小标题（同一行接正文）",
                        "properties": {
                            "heading": { "type": "string", "title": "小标题" },
                            "text": { "type": "string", "title": "正文" }
                        },
                        "required": ["heading", "text"], "additionalProperties": false
                    },
                    {
                        "type": "object", "title": "独立小标题（下接若干段）",
                        "properties": {
                            "heading": { "type": "string", "title": "小标题" },
                            "paragraphs": { "type": "array", "items": { "$ref": "#/$defs/paragraph" } }
                        },
                        "required": ["heading", "paragraphs"], "additionalProperties": false
                    }
                ]
            }
        }),
    );
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_carries_the_form_labels() {
        let s = json_schema();
        let leaf = &s["properties"]["requests"]["properties"]["withheld"]["properties"]["third_party_rights"];
        assert_eq!(leaf["title"], "4.保护第三方合法权益");
        assert_eq!(leaf["properties"]["commercial"]["title"], "法人或其他组织 · 商业企业");
        assert_eq!(s["properties"]["appeals"]["properties"]["review"]["title"], "行政复议");
        assert_eq!(s["properties"]["overview"]["title"], "一、总体情况");
        let imported = &s["properties"]["imported"];
        assert_eq!(imported["required"], json!(["source", "format"]));
        let item = &imported["properties"]["placeholders"]["items"];
        assert_eq!(item["properties"]["origin"]["title"], "原文位置");
        assert_eq!(item["additionalProperties"], false);
        let stock = &s["properties"]["proactive"]["properties"]["normative_documents"];
        assert_eq!(stock["properties"]["note"]["type"], "string");
    }
}
