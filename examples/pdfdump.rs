use nianbao::input::document::Block;
fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let t = std::time::Instant::now();
        let doc = if path.ends_with(".pdf") {
            nianbao::input::pdf::read(&bytes, &path)
        } else {
            nianbao::input::text::read(&bytes, &path)
        };
        eprintln!("{path}: {:?}", t.elapsed());
        match doc {
            Err(e) => {
                for d in e {
                    println!("{d}");
                }
            }
            Ok(doc) => {
                for b in doc.blocks {
                    match b {
                        Block::Paragraph(p) => println!(
                            "P[{:?} p{:?} r{:?} lead={:?}] {}",
                            p.align, p.origin.page, p.origin.row, p.lead, p.text
                        ),
                        Block::Table(t) => {
                            println!(
                                "T[{}x{} p{:?} t{:?}]",
                                t.rows, t.cols, t.origin.page, t.origin.table
                            );
                            for c in t.cells {
                                if std::env::var("ALL").is_ok()
                                    || !c.text.is_empty()
                                    || c.rowspan > 1
                                    || c.colspan > 1
                                {
                                    println!(
                                        "   ({},{}) {}x{} {:?}",
                                        c.row, c.col, c.rowspan, c.colspan, c.text
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
