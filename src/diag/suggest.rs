//! "Did you mean …?": the known names closest to a mistyped one.

/// The candidates closest to `name`, best first, at most three.
pub fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| {
            let contains = !name.is_empty() && (c.contains(name) || name.contains(c));
            let score = strsim::jaro_winkler(name, c).max(if contains { 0.9 } else { 0.0 });
            (score, c)
        })
        .filter(|(s, _)| *s >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, c)| c.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn typos_find_their_word() {
        let ids = ["leerkracht", "intern-begeleider", "ouders"];
        assert_eq!(nearest("leerkrach", ids.into_iter()), ["leerkracht"]);
        assert_eq!(nearest("begeleider", ids.into_iter()), ["intern-begeleider"]);
        assert!(nearest("gemeente", ids.into_iter()).is_empty());
        assert_eq!(nearest("titel", ["title", "level", "owner"].into_iter()), ["title"]);
    }
}
