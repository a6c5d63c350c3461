//! Adding reports up: every cell of tables 二, 三 and 四 as printed (given totals, else
//! computed ones), the 现行有效 stock included, and the fee as an exact decimal. The sum
//! gives every total explicitly, so the regional report prints what was added.

use crate::model::{
    Amount, AppealGroup, Appeals, ApplicantRow, Count, Proactive, Report, Requests, Stock,
};

/// The tables of `reports` added up.
pub fn tables(reports: &[&Report]) -> (Proactive, Requests, Appeals) {
    (proactive(reports), requests(reports), appeals(reports))
}

fn row(cells: [u64; 7]) -> ApplicantRow {
    let [p @ .., total] = cells;
    ApplicantRow::from_parts(p, Some(total))
}

fn requests(reports: &[&Report]) -> Requests {
    let mut sum = [[0u64; 7]; 25];
    for r in reports {
        for (s, cells) in sum.iter_mut().zip(r.requests.rows()) {
            for (a, b) in s.iter_mut().zip(cells) {
                *a += b;
            }
        }
    }
    let mut out = Requests { new: row(sum[0]), carried_over: row(sum[1]), ..Default::default() };
    for (leaf, cells) in out.leaves_mut().into_iter().zip(&sum[2..23]) {
        *leaf = row(*cells);
    }
    out.handled_total = Some(row(sum[23]));
    out.carried_forward = row(sum[24]);
    out
}

fn appeals(reports: &[&Report]) -> Appeals {
    let group = |pick: fn(&Appeals) -> &AppealGroup| {
        let mut s = [0u64; 5];
        for r in reports {
            for (a, b) in s.iter_mut().zip(pick(&r.appeals).cells()) {
                *a += b;
            }
        }
        AppealGroup {
            upheld: Count(s[0]),
            corrected: Count(s[1]),
            other: Count(s[2]),
            pending: Count(s[3]),
            total: Some(Count(s[4])),
        }
    };
    Appeals {
        review: group(|a| &a.review),
        litigation: group(|a| &a.litigation),
        litigation_after_review: group(|a| &a.litigation_after_review),
    }
}

/// The longest combined note kept on a stock figure.
const MAX_NOTE_CHARS: usize = 2000;

fn stock(reports: &[&Report], pick: fn(&Proactive) -> &Stock) -> Stock {
    let mut s = Stock::default();
    let mut notes = Vec::new();
    for r in reports {
        let one = pick(&r.proactive);
        s.issued.0 += one.issued.0;
        s.repealed.0 += one.repealed.0;
        s.in_force.0 += one.in_force.0;
        if let Some(n) = one.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            notes.push(format!("{}：{n}", r.organization));
        }
    }
    if !notes.is_empty() {
        let joined = notes.join("；");
        s.note = Some(joined.chars().take(MAX_NOTE_CHARS).collect());
    }
    s
}

fn proactive(reports: &[&Report]) -> Proactive {
    let total =
        |pick: fn(&Proactive) -> Count| Count(reports.iter().map(|r| pick(&r.proactive).0).sum());
    Proactive {
        rules: stock(reports, |p| &p.rules),
        normative_documents: stock(reports, |p| &p.normative_documents),
        licensing: total(|p| p.licensing),
        punishment: total(|p| p.punishment),
        enforcement: total(|p| p.enforcement),
        fees: add_amounts(reports.iter().map(|r| &r.proactive.fees)),
    }
}

/// Decimal places kept in a sum of fees (the format allows 10).
const SCALE: u32 = 10;

/// An amount as an integer of 10⁻¹⁰ 万元 and its number of decimals; `None` if invalid.
fn scaled(a: &Amount) -> Option<(u128, usize)> {
    a.value()?;
    let (int, frac) = a.0.split_once('.').unwrap_or((&a.0, ""));
    let mut digits = frac.to_string();
    let places = digits.len();
    while digits.len() < SCALE as usize {
        digits.push('0');
    }
    let int: u128 = int.parse().ok()?;
    let frac: u128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
    Some((int * 10u128.pow(SCALE) + frac, places))
}

/// Add amounts exactly, keeping as many decimals as the most precise one ("18651.06" +
/// "0.5" = "18651.56"). Invalid amounts (already reported as R5) count as 0.
pub fn add_amounts<'a>(amounts: impl Iterator<Item = &'a Amount>) -> Amount {
    let (mut sum, mut places) = (0u128, 0usize);
    for (v, p) in amounts.filter_map(scaled) {
        sum += v;
        places = places.max(p);
    }
    let int = sum / 10u128.pow(SCALE);
    if places == 0 {
        return Amount(int.to_string());
    }
    let frac = format!("{:010}", sum % 10u128.pow(SCALE));
    Amount(format!("{int}.{}", &frac[..places]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fees_add_exactly() {
        let a = [Amount("18651.06".into()), Amount("0.5".into()), Amount("3".into())];
        assert_eq!(add_amounts(a.iter()).0, "18654.56");
        let b = [Amount("0.1".into()), Amount("0.2".into())];
        assert_eq!(add_amounts(b.iter()).0, "0.3");
        assert_eq!(add_amounts([Amount("0".into())].iter()).0, "0");
        assert_eq!(add_amounts([Amount("/".into()), Amount("2".into())].iter()).0, "2");
    }
}
