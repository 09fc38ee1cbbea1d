//! Whether a URL is on github.com (`hosts::locate_url` reads it, for any known host).

/// The path of an `https://github.com/...` URL (query and fragment removed), or `None` for
/// any other URL. The host must be exactly `github.com` (any case, optional `:443`); user
/// info, other ports, subdomains and look-alikes are refused.
pub fn github_path(url: &str) -> Option<&str> {
    crate::hosts::locate_url(url, &[crate::hosts::Host::github_com()]).map(|(_, path)| path)
}

/// Whether a URL is a page on github.com.
pub fn is_github_url(url: &str) -> bool {
    github_path(url).is_some()
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
