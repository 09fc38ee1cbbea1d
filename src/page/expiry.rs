//! A token's expiry as its row on GitHub's token list says it: "Expires on Tue, Jul 28 2026.",
//! "Expired on …", or no expiry at all. On the fine-grained list the row first says
//! "Loading expiration ..." and the date arrives later through an `<include-fragment>`, so
//! a row with no phrase yet simply has no expiry to show (docs/github-pages.md).

use super::phrase::find_phrase;

/// Phrases after which GitHub writes a date, and how PAT Guard words them.
const DATED: [(&str, &str); 2] = [("expires on", "Expires on"), ("expired on", "Expired on")];

/// Phrases that say a token never expires. Not a bare "Never": rows also say "Never used".
const NEVER: [&str; 4] = [
    "no expiration date",
    "never expires",
    "expires never",
    "expiration: never",
];

/// How PAT Guard words a token that never expires.
pub const NEVER_EXPIRES: &str = "Never expires";

/// The most words a date takes: "Tue, Jul 28 2026" is four.
const MAX_DATE_WORDS: usize = 5;
/// The longest date kept (characters).
const MAX_DATE_CHARS: usize = 40;

/// Every expiry phrase in `text`, in order, as PAT Guard words them.
pub fn expiries(text: &str) -> Vec<String> {
    // Each phrase's finds are in the text's order; merging them keeps it (two phrases never
    // start at the same place) without a general sorting routine in every module.
    let mut found: Vec<(usize, String)> = Vec::new();
    for (phrase, wording) in DATED {
        let mut from = 0;
        let mut these = Vec::new();
        while let Some((start, end)) = find_phrase(text, phrase, from) {
            from = end;
            if let Some(date) = text.get(end..).and_then(date_after) {
                these.push((start, format!("{wording} {date}")));
            }
        }
        found = merge(found, these);
    }
    for phrase in NEVER {
        let mut from = 0;
        let mut these = Vec::new();
        while let Some((start, end)) = find_phrase(text, phrase, from) {
            from = end;
            these.push((start, NEVER_EXPIRES.to_owned()));
        }
        found = merge(found, these);
    }
    found.into_iter().map(|(_, wording)| wording).collect()
}

/// Two lists in the order of their first items, as one list in that order.
fn merge<T>(a: Vec<(usize, T)>, b: Vec<(usize, T)>) -> Vec<(usize, T)> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if y.0 < x.0 => b.next(),
            (Some(_), _) => a.next(),
            (None, _) => b.next(),
        };
        match next {
            Some(item) => merged.push(item),
            None => return merged,
        }
    }
}

/// The expiry a token's own row states (its first phrase).
pub fn row_expiry(row: &str) -> Option<String> {
    expiries(row).into_iter().next()
}

/// The expiry the whole page states, only when it states exactly one: on a list of many
/// tokens, a date that cannot be tied to the new token's row is not shown.
pub fn page_expiry(text: &str) -> Option<String> {
    let mut all = expiries(text);
    (all.len() == 1).then(|| all.remove(0))
}

/// "Tue, Jul 28 2026" from the text right after "Expires on": up to the word that holds the
/// year, with white space folded. Markup may leave no space after "on" (`on<time>Tue…`), but
/// then a capital or a digit must follow: "Expires only …" is no date.
fn date_after(rest: &str) -> Option<String> {
    let first = rest.chars().next()?;
    if !(first.is_whitespace()
        || first == '\u{a0}'
        || first.is_ascii_uppercase()
        || first.is_ascii_digit())
    {
        return None;
    }
    let mut words: Vec<&str> = Vec::new();
    for word in rest.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        let word = word.trim_end_matches(['.', ',', ';', ')']);
        if word.is_empty() {
            break;
        }
        words.push(word);
        if has_year(word) || words.len() == MAX_DATE_WORDS {
            break;
        }
    }
    if !words.iter().any(|word| has_year(word)) {
        return None;
    }
    let mut date = String::new();
    for (index, word) in words.iter().enumerate() {
        if index > 0 {
            date.push(' ');
        }
        date.push_str(word);
        // A weekday is followed by a comma: "Tue, Jul 28 2026".
        if index == 0 && words.len() > 1 && is_weekday(word) {
            date.push(',');
        }
    }
    Some(date.chars().take(MAX_DATE_CHARS).collect())
}

fn has_year(word: &str) -> bool {
    let mut run = 0;
    for byte in word.bytes() {
        run = if byte.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

fn is_weekday(word: &str) -> bool {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .any(|day| {
            word.get(..3)
                .is_some_and(|start| start.eq_ignore_ascii_case(day))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_rows_wording() {
        let cases = [
            (
                "Expires on Tue, Jul 28 2026.",
                Some("Expires on Tue, Jul 28 2026"),
            ),
            (
                "\n  Expires\n   on\n  Tue, Jul 28 2026.\n Delete",
                Some("Expires on Tue, Jul 28 2026"),
            ),
            // `textContent` of `Expires on<time>Tue, Jul 28 2026</time>`.
            (
                "Expires onTue, Jul 28 2026",
                Some("Expires on Tue, Jul 28 2026"),
            ),
            (
                "Expired on Mon, Jan 5 2026.",
                Some("Expired on Mon, Jan 5 2026"),
            ),
            ("expires on 2026-07-28", Some("Expires on 2026-07-28")),
            ("This token has no expiration date.", Some(NEVER_EXPIRES)),
            ("Loading expiration ...", None),
            ("Never used", None),
            ("Expires only when revoked", None),
            ("Expires on", None),
            ("Expires on Tuesday soon maybe later perhaps 2026", None),
        ];
        for (text, expected) in cases {
            assert_eq!(row_expiry(text).as_deref(), expected, "{text:?}");
        }
    }

    #[test]
    fn odd_text_after_the_phrase_never_panics() {
        // A page controls this text: any characters, split anywhere, must only be read.
        let pieces = ["A", "a", "€", "ü", "😀", " ", ",", "2026", "Tue", "."];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("Expires on {a}{b}{c} {a}{c} 2026");
                    let _ = row_expiry(&text);
                    let _ = page_expiry(&format!("Expired on{a}{b}{c}"));
                }
            }
        }
        assert_eq!(
            row_expiry("Expires on A€ 2026").as_deref(),
            Some("Expires on A€ 2026")
        );
    }

    #[test]
    fn a_page_of_many_rows_states_no_single_expiry() {
        let one = "deploy · Expires on Tue, Jul 28 2026. Never used";
        assert_eq!(
            page_expiry(one).as_deref(),
            Some("Expires on Tue, Jul 28 2026")
        );
        let many = "a Expires on Tue, Jul 28 2026. b Expired on Mon, Jan 5 2026. c";
        assert_eq!(page_expiry(many), None);
        assert_eq!(
            expiries(many),
            ["Expires on Tue, Jul 28 2026", "Expired on Mon, Jan 5 2026"]
        );
        let never_twice = "a: no expiration date. b: no expiration date.";
        assert_eq!(page_expiry(never_twice), None);
    }

    #[test]
    fn the_phrases_come_out_in_the_order_the_page_says_them() {
        let rows = "a Expired on Mon, Jan 5 2026. b no expiration date. \
                    c Expires on Tue, Jul 28 2026. d Expired on Fri, Feb 6 2026. \
                    e no expiration date. f Expires on Wed, Jul 29 2026.";
        assert_eq!(
            expiries(rows),
            [
                "Expired on Mon, Jan 5 2026",
                NEVER_EXPIRES,
                "Expires on Tue, Jul 28 2026",
                "Expired on Fri, Feb 6 2026",
                NEVER_EXPIRES,
                "Expires on Wed, Jul 29 2026",
            ]
        );
        assert!(expiries("nothing here").is_empty());
    }
}
