//! Token kinds and their shapes (docs/token-formats.md).

use serde::{Deserialize, Serialize};

/// What a string is. The serialized names are the `data-kind` values of the test contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `ghp_`: personal access token (classic).
    Classic,
    /// `github_pat_`: fine-grained personal access token.
    FineGrained,
    /// `gho_`: OAuth app token.
    Oauth,
    /// `ghu_`: GitHub App user-to-server token.
    UserToServer,
    /// `ghs_`: GitHub App installation token, old 40-character form or new JWT form.
    Installation,
    /// `ghr_`: GitHub App refresh token.
    Refresh,
    /// 40 lower-case hex characters: a token from before 2021.
    Legacy,
    /// Not a GitHub token.
    NotAToken,
}

impl Kind {
    /// The kind as users read it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Classic => "personal access token (classic)",
            Kind::FineGrained => "fine-grained personal access token",
            Kind::Oauth => "OAuth app token",
            Kind::UserToServer => "GitHub App user-to-server token",
            Kind::Installation => "GitHub App installation token",
            Kind::Refresh => "GitHub App refresh token",
            Kind::Legacy => "legacy personal access token (40 hex characters)",
            Kind::NotAToken => "not a GitHub token",
        }
    }

    /// The stable code, as serialized.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Classic => "classic",
            Kind::FineGrained => "fine-grained",
            Kind::Oauth => "oauth",
            Kind::UserToServer => "user-to-server",
            Kind::Installation => "installation",
            Kind::Refresh => "refresh",
            Kind::Legacy => "legacy",
            Kind::NotAToken => "not-a-token",
        }
    }

    /// The kind named by its stable code (`classic`, `fine-grained`, …).
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.code() == code)
    }

    pub const ALL: [Kind; 8] = [
        Kind::Classic,
        Kind::FineGrained,
        Kind::Oauth,
        Kind::UserToServer,
        Kind::Installation,
        Kind::Refresh,
        Kind::Legacy,
        Kind::NotAToken,
    ];

    /// The prefix GitHub puts in front of this kind, if any.
    pub fn prefix(self) -> Option<&'static str> {
        FORMATS
            .iter()
            .find(|format| format.kind == self)
            .map(|format| format.prefix)
    }
}

/// How the rest of a prefixed token is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `prefix` + random + 6 CRC32/base62 characters, `[A-Za-z0-9]`, fixed total length.
    Crc { len: usize },
    /// `github_pat_` + 22 + `_` + 59, `[A-Za-z0-9]`, SHA-256/base32 check at 77..85.
    FineGrained,
    /// `ghs_`: 40 `[A-Za-z0-9]` (old form, check value not judged) or `ghs_<APPID>_<JWT>`.
    Installation,
}

/// One prefixed token format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Format {
    pub prefix: &'static str,
    pub kind: Kind,
    pub layout: Layout,
}

/// Every prefixed format. `github_pat_` comes first: no other prefix is a prefix of it, and a
/// scan looks it up by its first letters like the others.
pub const FORMATS: [Format; 6] = [
    Format {
        prefix: "github_pat_",
        kind: Kind::FineGrained,
        layout: Layout::FineGrained,
    },
    Format {
        prefix: "ghp_",
        kind: Kind::Classic,
        layout: Layout::Crc { len: 40 },
    },
    Format {
        prefix: "gho_",
        kind: Kind::Oauth,
        layout: Layout::Crc { len: 40 },
    },
    Format {
        prefix: "ghu_",
        kind: Kind::UserToServer,
        layout: Layout::Crc { len: 40 },
    },
    Format {
        prefix: "ghr_",
        kind: Kind::Refresh,
        layout: Layout::Crc { len: 80 },
    },
    Format {
        prefix: "ghs_",
        kind: Kind::Installation,
        layout: Layout::Installation,
    },
];

/// Total length of a fine-grained token, and where its inner `_` sits.
pub const FINE_GRAINED_LEN: usize = 93;
pub const FINE_GRAINED_SEPARATOR: usize = 33;
/// Length of an old-form installation token and of a legacy token.
pub const SHORT_LEN: usize = 40;

/// The format whose prefix starts `text` exactly (case-sensitive).
pub fn format_of(text: &str) -> Option<&'static Format> {
    FORMATS
        .iter()
        .find(|format| text.starts_with(format.prefix))
}

/// The format whose prefix starts `text` when case is ignored, for spotting `GHP_…`.
pub fn format_ignoring_case(text: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|format| {
        text.get(..format.prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(format.prefix))
    })
}

/// `[A-Za-z0-9]`
pub fn is_base62(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
}

/// A legacy token: exactly 40 lower-case hex characters.
pub fn is_legacy(text: &str) -> bool {
    text.len() == SHORT_LEN && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The new installation form, `ghs_<APPID>_<JWT>`: digits, `_`, then three non-empty
/// base64url segments separated by `.`. GitHub says not to parse it further.
pub fn is_installation_jwt(text: &str) -> bool {
    let Some(rest) = text.strip_prefix("ghs_") else {
        return false;
    };
    let Some((app_id, jwt)) = rest.split_once('_') else {
        return false;
    };
    let base64url = |segment: &str| {
        !segment.is_empty()
            && segment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let mut segments = jwt.split('.');
    !app_id.is_empty()
        && app_id.bytes().all(|b| b.is_ascii_digit())
        && segments.by_ref().take(3).filter(|s| base64url(s)).count() == 3
        && segments.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_starts_with_g() {
        // inspect's split looks for a second prefix only where a `g` is.
        assert!(FORMATS.iter().all(|format| format.prefix.starts_with('g')));
    }

    #[test]
    fn kinds_serialize_to_the_contract_names() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(kind.code()), Some(kind));
            assert_eq!(
                serde_json::to_string(&kind).unwrap(),
                format!("\"{}\"", kind.code())
            );
        }
    }

    #[test]
    fn no_prefix_shadows_another() {
        for a in FORMATS {
            for b in FORMATS {
                if a != b {
                    assert!(
                        !a.prefix.starts_with(b.prefix),
                        "{} / {}",
                        a.prefix,
                        b.prefix
                    );
                }
            }
        }
    }

    #[test]
    fn installation_jwt_shape() {
        assert!(is_installation_jwt(
            "ghs_12345_eyJhbGci.eyJpc3Mi.c2lnbmF0dXJl"
        ));
        assert!(is_installation_jwt("ghs_1_a-b.c_d.e"));
        for bad in [
            "ghs_12345_eyJ.eyJ",
            "ghs_12345_a.b.c.d",
            "ghs__a.b.c",
            "ghs_12x_a.b.c",
            "ghs_1_a..c",
            "ghs_1_a.b.c=",
            "ghp_1_a.b.c",
        ] {
            assert!(!is_installation_jwt(bad), "{bad}");
        }
    }

    #[test]
    fn legacy_is_lower_case_hex_only() {
        assert!(is_legacy(&"0123456789abcdef".repeat(3)[..40]));
        assert!(!is_legacy(&"0123456789ABCDEF".repeat(3)[..40]));
        assert!(!is_legacy(&"a".repeat(39)));
        assert!(!is_legacy(&"a".repeat(41)));
    }
}
