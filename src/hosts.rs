//! GitHub hosts: github.com, and the GitHub Enterprise hosts a user or an administrator adds.
//! Pure: which text names a host, which web and API origins go with it, which match patterns
//! the browser must grant, and whether a page's URL is on one of them.
//!
//! A token goes only to the API origin of a [`Host`] built here from what the user typed in
//! the popup or what the administrator set in managed storage (docs/github-enterprise.md),
//! never from a page's URL or another stored value.

use serde::{Deserialize, Serialize};

use crate::token::strip_prefix_ignore_case;

/// github.com's web host.
pub const GITHUB_COM: &str = "github.com";

/// The longest host name DNS allows (RFC 1035 §2.3.4).
pub const MAX_HOST_LEN: usize = 253;
const MAX_LABEL_LEN: usize = 63;

/// At most this many hosts are kept (user and managed together).
pub const MAX_HOSTS: usize = 32;

/// Where a host's API lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flavor {
    /// github.com: `https://api.github.com`.
    GitHubCom,
    /// GitHub Enterprise Server: `https://HOST/api/v3`.
    Server,
    /// GitHub Enterprise Cloud with data residency: web `https://SUB.ghe.com`, API
    /// `https://api.SUB.ghe.com`.
    Cloud,
}

/// A GitHub host, by its web host name (lower case, no port, no trailing dot).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Host(String);

/// Why a typed host was refused. A code: its words ([`HostError::message`]) are linked only
/// into the module that shows them (the popup), not into every module that reads a host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostError {
    Empty,
    NotHttps,
    HasPath,
    HasCredentials,
    HasSpaces,
    UnclosedIpv6,
    IpWithoutHttps,
    NotIpv6,
    OtherPort,
    NotHostName,
    GitHubCom,
}

impl HostError {
    /// What the user is told.
    pub fn message(self) -> &'static str {
        match self {
            HostError::Empty => {
                "Type the host name of your GitHub Enterprise, such as github.example.com."
            }
            HostError::NotHttps => {
                "Only https:// hosts can be added: a token must never travel unencrypted."
            }
            HostError::HasPath => {
                "Type the host only, without a path (github.example.com, not github.example.com/api/v3)."
            }
            HostError::HasCredentials => "A host must not carry a user name or password.",
            HostError::HasSpaces => "A host name has no spaces.",
            HostError::UnclosedIpv6 => "That IPv6 address is missing its closing bracket.",
            HostError::IpWithoutHttps => "To use an IP address, type it with https:// in front.",
            HostError::NotIpv6 => "That is not an IPv6 address.",
            HostError::OtherPort => "Only the standard https port (443) is supported.",
            HostError::NotHostName => {
                "That is not a host name: use letters, digits, hyphens and dots, like github.example.com."
            }
            HostError::GitHubCom => {
                "github.com is always watched; add only your company's GitHub host."
            }
        }
    }
}

impl std::fmt::Display for HostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl Host {
    pub fn github_com() -> Self {
        Host(GITHUB_COM.to_owned())
    }

    /// gist.github.com: watched by the leak guard, never sent a token.
    pub(crate) fn gist() -> Self {
        Host("gist.github.com".to_owned())
    }

    /// The web host name, as the user sees it (`github.example.com`).
    pub fn name(&self) -> &str {
        &self.0
    }

    pub fn flavor(&self) -> Flavor {
        if self.0 == GITHUB_COM {
            Flavor::GitHubCom
        } else if cloud_tenant(&self.0).is_some() {
            Flavor::Cloud
        } else {
            Flavor::Server
        }
    }

    pub fn is_github_com(&self) -> bool {
        self.flavor() == Flavor::GitHubCom
    }

    /// `https://HOST`: where the token pages are.
    pub fn web_origin(&self) -> String {
        format!("https://{}", self.0)
    }

    /// The API base, without a trailing slash (docs/github-enterprise.md).
    pub fn api_base(&self) -> String {
        match self.flavor() {
            Flavor::GitHubCom => "https://api.github.com".to_owned(),
            Flavor::Server => format!("https://{}/api/v3", self.0),
            Flavor::Cloud => format!("https://api.{}", self.0),
        }
    }

    /// The API's origin (scheme and host): what the card and the test contract show.
    pub fn api_origin(&self) -> String {
        match self.flavor() {
            Flavor::Server => self.web_origin(),
            _ => self.api_base(),
        }
    }

    /// The host permissions PAT Guard needs for this host: its web pages (to watch them)
    /// and its API (to check tokens). One pattern when both share the origin.
    pub fn match_patterns(&self) -> Vec<String> {
        let web = format!("{}/*", self.web_origin());
        let api = format!("{}/*", self.api_origin());
        if web == api {
            vec![web]
        } else {
            vec![web, api]
        }
    }

    /// Whether `url` is an address on this host's API (where its token may go).
    pub fn owns_api_url(&self, url: &str) -> bool {
        let base = self.api_base();
        url.strip_prefix(&base)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?']))
    }

    /// The id of the content script PAT Guard registers for this host.
    pub fn script_id(&self) -> String {
        format!("host:{}", self.0)
    }
}

/// `SUB` of `SUB.ghe.com` (one label), else `None`.
fn cloud_tenant(host: &str) -> Option<&str> {
    let sub = host.strip_suffix(".ghe.com")?;
    (!sub.is_empty() && !sub.contains('.')).then_some(sub)
}

/// Read what a user typed (or an administrator set) as a host: `github.example.com`,
/// `https://github.example.com/`, `octo.ghe.com`. Refused: other schemes, paths, user
/// names or passwords, queries, ports other than 443, github.com itself (always on), and IP
/// addresses unless written with `https://` in front (`https://10.0.0.5`): an address is
/// accepted only when it is clearly meant.
pub fn parse_host(text: &str) -> Result<Host, HostError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(HostError::Empty);
    }
    let (explicit, rest) = match crate::token::split_text(text, "://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => (true, rest),
        Some(_) => return Err(HostError::NotHttps),
        None => (false, text),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at_checked(end).unwrap_or((rest, ""));
    if !(tail.is_empty() || tail == "/") {
        return Err(HostError::HasPath);
    }
    if authority.contains('@') {
        return Err(HostError::HasCredentials);
    }
    if authority.chars().any(char::is_whitespace) {
        return Err(HostError::HasSpaces);
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        let Some((address, port)) = v6.split_once(']') else {
            return Err(HostError::UnclosedIpv6);
        };
        check_port(port)?;
        if !explicit {
            return Err(HostError::IpWithoutHttps);
        }
        if address.is_empty()
            || !address
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(HostError::NotIpv6);
        }
        return Ok(Host(format!("[{}]", address.to_ascii_lowercase())));
    } else {
        let (name, port) = match authority.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (authority, None),
        };
        if let Some(port) = port {
            check_port(&format!(":{port}"))?;
        }
        name.trim_end_matches('.').to_ascii_lowercase()
    };
    if is_ipv4(&host) {
        if !explicit {
            return Err(HostError::IpWithoutHttps);
        }
        return Ok(Host(host));
    }
    check_name(&host)?;
    // The API host of a GHE.com tenant names the tenant.
    let host = match host.strip_prefix("api.") {
        Some(tenant) if cloud_tenant(tenant).is_some() => tenant.to_owned(),
        _ => host,
    };
    if host == GITHUB_COM || host.ends_with(".github.com") || host == "ghe.com" {
        return Err(HostError::GitHubCom);
    }
    Ok(Host(host))
}

fn check_port(port: &str) -> Result<(), HostError> {
    match port {
        "" | ":443" => Ok(()),
        _ => Err(HostError::OtherPort),
    }
}

fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A DNS host name of letters, digits and hyphens (punycode for other scripts), with a dot.
fn check_name(host: &str) -> Result<(), HostError> {
    let bad = HostError::NotHostName;
    if host.len() > MAX_HOST_LEN || !host.contains('.') {
        return Err(bad);
    }
    for label in host.split('.') {
        let ok = !label.is_empty()
            && label.len() <= MAX_LABEL_LEN
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !ok {
            return Err(bad);
        }
    }
    // The last label of a real name is not all digits (that would be an address).
    if host
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad);
    }
    Ok(())
}

/// Where a page's URL is: the known host it is on, and its path (query and fragment
/// removed); `None` off every known host. User info, other ports and look-alikes are refused.
pub fn locate_url<'u, 'h>(url: &'u str, known: &'h [Host]) -> Option<(&'h Host, &'u str)> {
    let rest = strip_prefix_ignore_case(url, "https://")?;
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at_checked(authority_end)?;
    let name = authority.strip_suffix(":443").unwrap_or(authority);
    let host = known
        .iter()
        .find(|host| host.name().eq_ignore_ascii_case(name))?;
    let path = tail.split(['?', '#']).next().unwrap_or_default();
    Some((host, if path.is_empty() { "/" } else { path }))
}

/// The Enterprise host of a URL (`None` on github.com, or on anything that is no host):
/// where links for that page lead.
pub fn enterprise_host_of(url: &str) -> Option<Host> {
    let rest = strip_prefix_ignore_case(url, "https://")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    parse_host(&format!("https://{authority}")).ok()
}

/// The host PAT Guard names `name` (as [`Host::name`] writes it), github.com included: how an
/// extension page reads the host the background handed it with a token to check.
pub fn host_named(name: &str) -> Option<Host> {
    if name == GITHUB_COM {
        return Some(Host::github_com());
    }
    parse_host(&format!("https://{name}"))
        .ok()
        .filter(|host| host.name() == name)
}

/// One host as the popup lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HostEntry {
    pub host: String,
    pub api: String,
    pub granted: bool,
    pub managed: bool,
}

/// The hosts PAT Guard knows: the ones the administrator set (managed), then the user's,
/// without duplicates, at most [`MAX_HOSTS`]. Entries that are not hosts are dropped.
pub fn known_hosts(managed: &[String], user: &[String]) -> Vec<(Host, bool)> {
    let mut hosts: Vec<(Host, bool)> = Vec::new();
    for (texts, is_managed) in [(managed, true), (user, false)] {
        for text in texts {
            let Ok(host) = parse_host(text) else { continue };
            if hosts.len() < MAX_HOSTS && !hosts.iter().any(|(known, _)| *known == host) {
                hosts.push((host, is_managed));
            }
        }
    }
    hosts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(text: &str) -> Host {
        parse_host(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn a_host_is_found_again_by_its_name_and_only_by_it() {
        for host in [
            Host::github_com(),
            host("github.example.com"),
            host("octo.ghe.com"),
            host("https://10.0.0.5"),
        ] {
            assert_eq!(
                host_named(host.name()),
                Some(host.clone()),
                "{}",
                host.name()
            );
        }
        for name in [
            "",
            "GitHub.com",
            "github.example.com/api/v3",
            "user@github.example.com",
            "github.example.com:8443",
            "api.octo.ghe.com",
            "https://github.example.com",
            "github.example.com.",
            "evil.test#github.com",
        ] {
            assert_eq!(host_named(name), None, "{name}");
        }
    }

    #[test]
    fn server_hosts_have_their_api_under_api_v3() {
        for text in [
            "github.example.com",
            "GitHub.Example.com",
            "https://github.example.com",
            "https://github.example.com/",
            "  github.example.com.  ",
            "github.example.com:443",
        ] {
            let h = host(text);
            assert_eq!(h.name(), "github.example.com", "{text}");
            assert_eq!(h.flavor(), Flavor::Server);
            assert_eq!(h.api_base(), "https://github.example.com/api/v3");
            assert_eq!(h.api_origin(), "https://github.example.com");
            assert_eq!(h.match_patterns(), ["https://github.example.com/*"]);
        }
    }

    #[test]
    fn ghe_com_tenants_have_an_api_host_of_their_own() {
        for text in ["octo.ghe.com", "https://octo.ghe.com/", "api.octo.ghe.com"] {
            let h = host(text);
            assert_eq!(h.name(), "octo.ghe.com", "{text}");
            assert_eq!(h.flavor(), Flavor::Cloud);
            assert_eq!(h.api_base(), "https://api.octo.ghe.com");
            assert_eq!(
                h.match_patterns(),
                ["https://octo.ghe.com/*", "https://api.octo.ghe.com/*"]
            );
        }
        // Deeper names under ghe.com are no tenant: a server like any other.
        assert_eq!(host("a.b.ghe.com").flavor(), Flavor::Server);
    }

    #[test]
    fn github_com_is_built_in() {
        let h = Host::github_com();
        assert_eq!(h.api_base(), "https://api.github.com");
        assert_eq!(h.web_origin(), "https://github.com");
        for text in [
            "github.com",
            "https://github.com",
            "api.github.com",
            "gist.github.com",
            "ghe.com",
        ] {
            assert!(parse_host(text).is_err(), "{text}");
        }
    }

    #[test]
    fn anything_but_a_plain_https_host_is_refused() {
        for text in [
            "",
            "http://github.example.com",
            "ftp://github.example.com",
            "javascript:alert(1)",
            "github.example.com/api/v3",
            "https://github.example.com/login",
            "github.example.com?x=1",
            "github.example.com#x",
            "user@github.example.com",
            "https://user:pass@github.example.com",
            "github.example.com:8443",
            "github example.com",
            "localhost",
            "-bad.example.com",
            "bad-.example.com",
            "a..example.com",
            "ex_ample.com",
            "exämple.com",
            "10.0.0.5",
            "[::1]",
            "1.2.3.4:443",
            &"a".repeat(64).to_string(),
            &format!("{}.com", "a.".repeat(130)),
        ] {
            assert!(parse_host(text).is_err(), "{text:?} was accepted");
        }
        // Each refusal says why.
        for (text, why) in [
            ("  ", HostError::Empty),
            ("http://github.example.com", HostError::NotHttps),
            ("github.example.com/api/v3", HostError::HasPath),
            ("user@github.example.com", HostError::HasCredentials),
            ("github example.com", HostError::HasSpaces),
            ("https://[fd00::1", HostError::UnclosedIpv6),
            ("10.0.0.5", HostError::IpWithoutHttps),
            ("https://[zz::1]", HostError::NotIpv6),
            ("github.example.com:8443", HostError::OtherPort),
            ("ex_ample.com", HostError::NotHostName),
            ("api.github.com", HostError::GitHubCom),
        ] {
            assert_eq!(parse_host(text), Err(why), "{text:?}");
            assert!(why.message().ends_with('.'), "{why:?}");
        }
    }

    #[test]
    fn ip_addresses_only_when_clearly_meant() {
        assert_eq!(host("https://10.0.0.5").name(), "10.0.0.5");
        assert_eq!(
            host("https://10.0.0.5").api_base(),
            "https://10.0.0.5/api/v3"
        );
        assert_eq!(host("https://[FD00::1]/").name(), "[fd00::1]");
        assert!(parse_host("https://[zz::1]").is_err());
        assert!(parse_host("https://[::1]:8443").is_err());
    }

    #[test]
    fn urls_are_placed_only_on_known_hosts() {
        let known = [Host::github_com(), host("github.example.com")];
        let at = |url| locate_url(url, &known).map(|(h, p)| (h.name().to_owned(), p.to_owned()));
        assert_eq!(
            at("https://github.com/settings/tokens"),
            Some(("github.com".into(), "/settings/tokens".into()))
        );
        assert_eq!(
            at("https://GITHUB.EXAMPLE.COM:443/settings/tokens?x#y"),
            Some(("github.example.com".into(), "/settings/tokens".into()))
        );
        assert_eq!(
            at("https://github.example.com"),
            Some(("github.example.com".into(), "/".into()))
        );
        for url in [
            "http://github.example.com/",
            "https://github.example.com.evil.test/",
            "https://evil.test/github.example.com",
            "https://user@github.example.com/",
            "https://github.example.com:8443/",
            "https://other.example.com/settings/tokens",
            "https://api.github.com/user",
        ] {
            assert_eq!(at(url), None, "{url}");
        }
    }

    #[test]
    fn the_enterprise_host_of_a_page() {
        let of = |url| enterprise_host_of(url).map(|h| h.name().to_owned());
        assert_eq!(
            of("https://github.acme.test/settings/tokens"),
            Some("github.acme.test".into())
        );
        assert_eq!(of("https://github.com/settings/tokens"), None);
        assert_eq!(of("https://user@github.acme.test/"), None);
        assert_eq!(of("http://github.acme.test/"), None);
    }

    #[test]
    fn a_token_goes_only_under_its_hosts_api_base() {
        let server = host("github.example.com");
        assert!(server.owns_api_url("https://github.example.com/api/v3/user"));
        assert!(!server.owns_api_url("https://github.example.com/api/v3evil/user"));
        assert!(!server.owns_api_url("https://github.example.com/user"));
        assert!(!server.owns_api_url("https://github.example.com.evil.test/api/v3/user"));
        let cloud = host("octo.ghe.com");
        assert!(cloud.owns_api_url("https://api.octo.ghe.com/user"));
        assert!(!cloud.owns_api_url("https://api.octo.ghe.com.evil.test/user"));
        assert!(Host::github_com().owns_api_url("https://api.github.com/user"));
    }

    #[test]
    fn known_hosts_put_the_administrators_first_and_drop_junk_and_repeats() {
        let managed = vec!["github.acme.test".to_owned(), "not a host".to_owned()];
        let user = vec![
            "GITHUB.ACME.TEST".to_owned(),
            "octo.ghe.com".to_owned(),
            "http://x.test".to_owned(),
        ];
        let hosts = known_hosts(&managed, &user);
        assert_eq!(
            hosts,
            vec![
                (host("github.acme.test"), true),
                (host("octo.ghe.com"), false)
            ]
        );
        let many: Vec<String> = (0..100).map(|i| format!("h{i}.example.com")).collect();
        assert_eq!(known_hosts(&[], &many).len(), MAX_HOSTS);
    }
}
