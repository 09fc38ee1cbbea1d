//! Finding GitHub's wording in page text as the DOM gives it: `textContent` keeps the
//! source's line breaks and indentation, joins words across elements, and GitHub writes
//! apostrophes curly or straight. A space in a phrase matches any run of white space here,
//! letters match in any case, and `'` matches either apostrophe.

/// Where `phrase` first occurs in `text`, from `from` on: the byte range of the match.
pub fn find_phrase(text: &str, phrase: &str, from: usize) -> Option<(usize, usize)> {
    let first = phrase.bytes().next()?;
    let bytes = text.as_bytes();
    let mut start = from;
    while start < bytes.len() {
        let offset = bytes[start..]
            .iter()
            .position(|b| b.eq_ignore_ascii_case(&first))?;
        let at = start + offset;
        if let Some(end) = match_at(text, at, phrase) {
            return Some((at, end));
        }
        start = at + 1;
    }
    None
}

/// Whether `text` holds `phrase` anywhere.
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    find_phrase(text, phrase, 0).is_some()
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// The end of `phrase` matched at byte `at` of `text`, if it matches there.
fn match_at(text: &str, at: usize, phrase: &str) -> Option<usize> {
    let mut rest = text.get(at..)?.char_indices().peekable();
    for wanted in phrase.chars() {
        let (_, got) = rest.next()?;
        match wanted {
            ' ' => {
                if !is_space(got) {
                    return None;
                }
                while rest.peek().is_some_and(|&(_, c)| is_space(c)) {
                    rest.next();
                }
            }
            '\'' => {
                if !matches!(got, '\'' | '’' | '‘') {
                    return None;
                }
            }
            _ => {
                if !got.eq_ignore_ascii_case(&wanted) {
                    return None;
                }
            }
        }
    }
    Some(rest.peek().map_or(text.len(), |&(index, _)| at + index))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_case_and_apostrophes_do_not_matter() {
        let text = "x\n   MAKE sure to\n\t copy your token.  You won’t be able";
        assert_eq!(find_phrase(text, "make sure to copy", 0), Some((5, 24)));
        assert!(contains_phrase(text, "you won't be able"));
        assert!(!contains_phrase(text, "make sure tocopy"));
        assert!(!contains_phrase("", "a"));
        assert!(!contains_phrase("make sure", "make sure to"));
        assert_eq!(find_phrase("aab", "ab", 0), Some((1, 3)));
        assert_eq!(find_phrase("ab ab", "ab", 1), Some((3, 5)));
    }

    #[test]
    fn never_splits_a_character() {
        let text = "Ünïcödé é expires\u{a0}on ü";
        assert!(contains_phrase(text, "expires on"));
        assert_eq!(find_phrase("éé", "é", 1), Some((2, 4)));
    }
}
