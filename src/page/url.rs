//! Just enough URL reading to tell whether a URL is on github.com, without a URL crate.

/// The path of an `https://github.com/...` URL (query and fragment removed), or `None` for
/// any other URL. The host must be exactly `github.com` (any case, optional `:443`); user
/// info, other ports, subdomains and look-alikes are refused.
pub fn github_path(url: &str) -> Option<&str> {
    let rest = strip_prefix_ignore_case(url, "https://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let host = authority.strip_suffix(":443").unwrap_or(authority);
    if !host.eq_ignore_ascii_case("github.com") {
        return None;
    }
    let path_end = tail.find(['?', '#']).unwrap_or(tail.len());
    let path = &tail[..path_end];
    Some(if path.is_empty() { "/" } else { path })
}

/// Whether a URL is a page on github.com.
pub fn is_github_url(url: &str) -> bool {
    github_path(url).is_some()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_path_of_github_urls() {
        let cases = [
            ("https://github.com", Some("/")),
            ("https://github.com/", Some("/")),
            (
                "https://GitHub.com/settings/tokens",
                Some("/settings/tokens"),
            ),
            ("HTTPS://github.com:443/a?b=c#d", Some("/a")),
            ("https://github.com?x=1", Some("/")),
            ("https://github.com#frag", Some("/")),
        ];
        for (url, expected) in cases {
            assert_eq!(github_path(url), expected, "{url}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for url in [
            "http://github.com/",
            "https://api.github.com/user",
            "https://gist.github.com/",
            "https://github.com.evil.example/",
            "https://evil.example/github.com",
            "https://github.com@evil.example/",
            "https://user@github.com/",
            "https://github.com:8443/",
            "chrome://extensions",
            "",
            "https://",
            "https://ġithub.com/",
        ] {
            assert!(!is_github_url(url), "{url}");
        }
    }
}
