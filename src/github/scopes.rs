//! OAuth scopes of classic tokens: what each one lets a token do, how risky it is, which
//! scopes include which, and what an integration's required scopes lack.

use serde::{Deserialize, Serialize};

/// How much damage a leaked token with this scope can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Risk {
    Low,
    Medium,
    High,
}

/// One known scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeDef {
    pub name: &'static str,
    pub meaning: &'static str,
    pub risk: Risk,
    /// Scopes this one includes.
    pub includes: &'static [&'static str],
    /// Broad: worth a warning, with the narrower alternative when there is one.
    pub broad: Option<&'static str>,
}

macro_rules! scope {
    ($name:literal, $risk:ident, $meaning:literal) => {
        ScopeDef { name: $name, meaning: $meaning, risk: Risk::$risk, includes: &[], broad: None }
    };
    ($name:literal, $risk:ident, $meaning:literal, includes: [$($inc:literal),*]) => {
        ScopeDef { name: $name, meaning: $meaning, risk: Risk::$risk, includes: &[$($inc),*], broad: None }
    };
    ($name:literal, $risk:ident, $meaning:literal, includes: [$($inc:literal),*], broad: $why:literal) => {
        ScopeDef { name: $name, meaning: $meaning, risk: Risk::$risk, includes: &[$($inc),*], broad: Some($why) }
    };
    ($name:literal, $risk:ident, $meaning:literal, broad: $why:literal) => {
        ScopeDef { name: $name, meaning: $meaning, risk: Risk::$risk, includes: &[], broad: Some($why) }
    };
}

/// GitHub's OAuth scopes (docs: "Scopes for OAuth apps").
pub const SCOPES: &[ScopeDef] = &[
    scope!("repo", High, "Full control of all repositories, private ones too.",
        includes: ["repo:status", "repo_deployment", "public_repo", "repo:invite", "security_events"],
        broad: "full control of private repositories; public_repo may be enough"),
    scope!("repo:status", Low, "Read and write commit statuses."),
    scope!(
        "repo_deployment",
        Low,
        "Read and write deployment statuses."
    ),
    scope!("public_repo", Medium, "Write to your public repositories."),
    scope!(
        "repo:invite",
        Medium,
        "Accept and decline repository invitations."
    ),
    scope!(
        "security_events",
        Medium,
        "Read and write code scanning and security alerts."
    ),
    scope!("admin:repo_hook", High, "Full control of repository webhooks.",
        includes: ["write:repo_hook", "read:repo_hook"],
        broad: "can create webhooks that send your code anywhere"),
    scope!("write:repo_hook", Medium, "Create and change repository webhooks.", includes: ["read:repo_hook"]),
    scope!("read:repo_hook", Low, "Read repository webhooks."),
    scope!("admin:org", High, "Full control of organizations, their teams and memberships.",
        includes: ["write:org", "read:org", "manage_runners:org"],
        broad: "full control of your organizations"),
    scope!("write:org", Medium, "Change organization and team membership.", includes: ["read:org"]),
    scope!("read:org", Low, "Read organizations and team membership."),
    scope!(
        "manage_runners:org",
        High,
        "Manage an organization's self-hosted runners."
    ),
    scope!("admin:public_key", High, "Full control of your SSH public keys.",
        includes: ["write:public_key", "read:public_key"]),
    scope!("write:public_key", Medium, "Add SSH public keys.", includes: ["read:public_key"]),
    scope!("read:public_key", Low, "Read SSH public keys."),
    scope!("admin:org_hook", High, "Full control of organization webhooks.",
        broad: "can create organization webhooks that send events anywhere"),
    scope!("gist", Medium, "Create and change gists."),
    scope!("notifications", Low, "Read and manage notifications."),
    scope!("user", Medium, "Change your profile.", includes: ["read:user", "user:email", "user:follow"]),
    scope!("read:user", Low, "Read your profile."),
    scope!("user:email", Low, "Read your e-mail addresses."),
    scope!("user:follow", Low, "Follow and unfollow users."),
    scope!("project", Medium, "Read and write projects.", includes: ["read:project"]),
    scope!("read:project", Low, "Read projects."),
    scope!("delete_repo", High, "Delete repositories.", broad: "can delete repositories"),
    scope!("write:packages", Medium, "Publish packages.", includes: ["read:packages"]),
    scope!("read:packages", Low, "Download packages."),
    scope!("delete:packages", High, "Delete packages."),
    scope!("admin:gpg_key", High, "Full control of your GPG keys.",
        includes: ["write:gpg_key", "read:gpg_key"]),
    scope!("write:gpg_key", Medium, "Add GPG keys.", includes: ["read:gpg_key"]),
    scope!("read:gpg_key", Low, "Read GPG keys."),
    scope!("admin:ssh_signing_key", High, "Full control of SSH signing keys.",
        includes: ["write:ssh_signing_key", "read:ssh_signing_key"]),
    scope!("write:ssh_signing_key", Medium, "Add SSH signing keys.", includes: ["read:ssh_signing_key"]),
    scope!("read:ssh_signing_key", Low, "Read SSH signing keys."),
    scope!("codespace", Medium, "Create and manage codespaces.", includes: ["codespace:secrets"]),
    scope!("codespace:secrets", Medium, "Manage codespace secrets."),
    scope!("workflow", High, "Change GitHub Actions workflow files.",
        broad: "can change CI workflows, and through them reach your secrets"),
    scope!("admin:enterprise", High, "Full control of enterprises.",
        includes: ["manage_runners:enterprise", "manage_billing:enterprise", "read:enterprise", "scim:enterprise"],
        broad: "full control of your enterprises"),
    scope!(
        "manage_runners:enterprise",
        High,
        "Manage an enterprise's self-hosted runners."
    ),
    scope!("manage_billing:enterprise", Medium, "Read and write enterprise billing.", includes: ["read:enterprise"]),
    scope!("read:enterprise", Low, "Read enterprise profile data."),
    scope!(
        "scim:enterprise",
        High,
        "Provision enterprise users through SCIM."
    ),
    scope!("audit_log", Medium, "Read and write audit logs.", includes: ["read:audit_log"]),
    scope!("read:audit_log", Low, "Read audit logs."),
    scope!("copilot", Medium, "Manage Copilot settings.", includes: ["manage_billing:copilot"]),
    scope!("manage_billing:copilot", Medium, "Manage Copilot billing."),
    scope!("write:discussion", Medium, "Read and write team discussions.", includes: ["read:discussion"]),
    scope!("read:discussion", Low, "Read team discussions."),
];

pub fn definition(name: &str) -> Option<&'static ScopeDef> {
    SCOPES.iter().find(|scope| scope.name == name)
}

/// The names in `names` that are no scope GitHub documents (a typo, as a user types them).
pub fn unknown(names: &[String]) -> Vec<&str> {
    names
        .iter()
        .map(String::as_str)
        .filter(|name| definition(name).is_none())
        .collect()
}

/// A scope as the card shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeInfo {
    pub name: String,
    pub meaning: String,
    /// `None` for a scope PAT Guard does not know.
    pub risk: Option<Risk>,
}

impl ScopeInfo {
    pub fn of(name: &str) -> Self {
        match definition(name) {
            Some(def) => ScopeInfo {
                name: name.to_owned(),
                meaning: def.meaning.to_owned(),
                risk: Some(def.risk),
            },
            None => ScopeInfo {
                name: name.to_owned(),
                meaning: "A scope PAT Guard does not know.".to_owned(),
                risk: None,
            },
        }
    }
}

/// The most scopes read from one list: GitHub has about forty, so more is a hostile or
/// broken answer (and de-duplicating it must stay cheap).
pub const MAX_SCOPES: usize = 64;

/// Split a scope list as GitHub writes it (`repo, gist`) or as a user types it
/// (`repo gist`, `repo,gist`), dropping empties and duplicates, keeping order, at most
/// [`MAX_SCOPES`].
pub fn parse_scope_list(text: &str) -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    for scope in text.split([',', ' ', '\t', '\n']).map(str::trim) {
        if scopes.len() == MAX_SCOPES {
            break;
        }
        if !scope.is_empty() && scope.len() <= 64 && !scopes.iter().any(|s| s == scope) {
            scopes.push(scope.to_owned());
        }
    }
    scopes
}

/// Whether `granted` covers `wanted`, directly or through the scopes it includes.
pub fn covers(granted: &[String], wanted: &str) -> bool {
    granted.iter().any(|scope| scope_covers(scope, wanted, 0))
}

fn scope_covers(scope: &str, wanted: &str, depth: u8) -> bool {
    scope == wanted
        || (depth < 4
            && definition(scope).is_some_and(|def| {
                def.includes
                    .iter()
                    .any(|inner| scope_covers(inner, wanted, depth + 1))
            }))
}

/// The required scopes that `granted` does not cover.
pub fn missing(granted: &[String], required: &[String]) -> Vec<String> {
    required
        .iter()
        .filter(|wanted| !covers(granted, wanted))
        .cloned()
        .collect()
}

/// The granted scopes that are broad, each with why.
pub fn broad(granted: &[String]) -> Vec<(String, &'static str)> {
    granted
        .iter()
        .filter_map(|scope| {
            definition(scope)
                .and_then(|def| def.broad)
                .map(|why| (scope.clone(), why))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &str) -> Vec<String> {
        parse_scope_list(text)
    }

    #[test]
    fn parses_github_and_user_spellings() {
        assert_eq!(list("repo, gist"), ["repo", "gist"]);
        assert_eq!(
            list("repo,gist  read:org repo"),
            ["repo", "gist", "read:org"]
        );
        assert!(list(" , ").is_empty());
    }

    #[test]
    fn included_scopes_count_as_granted() {
        assert!(covers(&list("repo"), "public_repo"));
        assert!(covers(&list("admin:org"), "read:org"));
        assert!(covers(&list("admin:repo_hook"), "read:repo_hook"));
        assert!(covers(&list("admin:enterprise"), "read:enterprise"));
        assert!(!covers(&list("public_repo"), "repo"));
        assert!(!covers(&list("read:org"), "write:org"));
        assert_eq!(
            missing(&list("public_repo, gist"), &list("repo, gist, workflow")),
            ["repo", "workflow"]
        );
        assert!(missing(&list("repo"), &list("repo:status")).is_empty());
    }

    #[test]
    fn broad_scopes_are_the_dangerous_ones() {
        let names: Vec<String> = broad(&list(
            "repo, delete_repo, admin:org, admin:enterprise, admin:repo_hook, admin:org_hook, workflow, gist, read:org",
        ))
        .into_iter()
        .map(|(name, _)| name)
        .collect();
        assert_eq!(
            names,
            [
                "repo",
                "delete_repo",
                "admin:org",
                "admin:enterprise",
                "admin:repo_hook",
                "admin:org_hook",
                "workflow"
            ]
        );
    }

    #[test]
    fn every_included_scope_is_known_and_names_are_unique() {
        for def in SCOPES {
            assert_eq!(
                SCOPES.iter().filter(|d| d.name == def.name).count(),
                1,
                "{}",
                def.name
            );
            for inner in def.includes {
                assert!(
                    definition(inner).is_some(),
                    "{} includes unknown {inner}",
                    def.name
                );
            }
        }
        assert_eq!(ScopeInfo::of("made:up").risk, None);
        assert_eq!(ScopeInfo::of("repo").risk, Some(Risk::High));
    }
}

#[cfg(test)]
mod cap_tests {
    use super::*;

    #[test]
    fn a_huge_scope_header_is_cut_short() {
        let header: Vec<String> = (0..100_000).map(|i| format!("s{i}")).collect();
        let scopes = parse_scope_list(&header.join(", "));
        assert_eq!(scopes.len(), MAX_SCOPES);
        assert_eq!(scopes[0], "s0");
    }

    #[test]
    fn unknown_scope_names_are_named_as_typed() {
        let typed = parse_scope_list("repo, read:orgs, workflow, gists");
        assert_eq!(unknown(&typed), ["read:orgs", "gists"]);
        assert!(unknown(&parse_scope_list("repo, read:org")).is_empty());
    }
}
