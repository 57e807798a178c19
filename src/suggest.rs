//! "Did you mean" for codes and ids people type.

/// The candidate nearest to `input`, compared without case, when it is close
/// enough to be a plausible typo: an edit distance of at most 2, and less
/// than the length of the input, so `X` does not suggest `PA`.
pub fn nearest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let wanted = input.to_uppercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::osa_distance(&wanted, &candidate.to_uppercase()),
                candidate,
            )
        })
        .filter(|(distance, _)| *distance <= 2 && *distance < wanted.chars().count())
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate.to_string())
}

/// Advice with a suggestion in front when there is one: "did you mean
/// `SPE`? valid codes: ...". The one place the phrase is written.
pub fn did_you_mean(suggestion: Option<&str>, help: &str) -> String {
    match suggestion {
        Some(near) if help.is_empty() => format!("did you mean `{near}`?"),
        Some(near) => format!("did you mean `{near}`? {help}"),
        None => help.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{did_you_mean, nearest};

    #[test]
    fn advice_leads_with_the_suggestion() {
        assert_eq!(
            did_you_mean(Some("SPE"), "codes: SPE"),
            "did you mean `SPE`? codes: SPE"
        );
        assert_eq!(did_you_mean(Some("SPE"), ""), "did you mean `SPE`?");
        assert_eq!(did_you_mean(None, "codes: SPE"), "codes: SPE");
    }

    const CODES: [&str; 4] = ["SPE", "LSE", "PA", "HoE"];

    #[test]
    fn suggests_a_close_code_ignoring_case() {
        assert_eq!(nearest("spx", CODES), Some("SPE".into()));
        assert_eq!(nearest("hoe", CODES), Some("HoE".into()));
        assert_eq!(nearest("lse", CODES), Some("LSE".into()));
    }

    #[test]
    fn suggests_nothing_for_a_distant_input() {
        assert_eq!(nearest("QQQQQ", CODES), None);
        assert_eq!(nearest("X", CODES), None);
    }
}
