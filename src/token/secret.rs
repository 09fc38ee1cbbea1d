//! The token as a secret value: it prints only redacted, and its bytes are wiped on drop.

use std::fmt;

use zeroize::Zeroizing;

use super::Kind;

/// A token (or whatever secret-looking string the user pasted). `Debug` and `Display` show
/// only the kind, and at most the prefix and the last four characters; the memory holding it
/// is zeroed when it is dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    value: Zeroizing<String>,
    kind: Kind,
}

/// Below this length a token shows no characters at all when redacted: four characters of
/// a short secret (a password, say) would give too much away.
const SHOW_TAIL_FROM_LEN: usize = 20;

impl Token {
    pub fn new(value: Zeroizing<String>, kind: Kind) -> Self {
        Token { value, kind }
    }

    /// The secret itself, for the one place that needs it: the Authorization header.
    pub fn expose(&self) -> &str {
        &self.value
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn len(&self) -> usize {
        self.value.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// `ghp_…Ab3d`, `github_pat_…x9Q2`, `…beef` (legacy), or `hidden, 12 characters`.
    pub fn redacted(&self) -> String {
        redact(&self.value, self.kind)
    }
}

/// Join pieces of text, one of them a secret, into a buffer allocated once at its final size
/// and wiped on drop: growing a `String` (as `format!` does) would leave copies of the secret
/// in freed memory. `tests/memory_wipe.rs` checks this with an allocator that searches freed
/// memory for the token.
pub fn join_secret(pieces: &[&str]) -> Zeroizing<String> {
    let mut joined = Zeroizing::new(String::with_capacity(
        pieces.iter().map(|piece| piece.len()).sum(),
    ));
    for piece in pieces {
        joined.push_str(piece);
    }
    joined
}

/// Redact any string as if it were a token of `kind`.
pub fn redact(value: &str, kind: Kind) -> String {
    let count = value.chars().count();
    let is_github = !matches!(kind, Kind::NotAToken);
    if !is_github || count < SHOW_TAIL_FROM_LEN {
        return format!("hidden, {count} characters");
    }
    let prefix = kind
        .prefix()
        .filter(|prefix| value.starts_with(prefix))
        .unwrap_or("");
    let tail: String = value.chars().skip(count - 4).collect();
    format!("{prefix}…{tail}")
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Token({}, {})", self.kind.code(), self.redacted())
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.label(), self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(value: &str, kind: Kind) -> Token {
        Token::new(Zeroizing::new(value.to_owned()), kind)
    }

    #[test]
    fn redaction_shows_at_most_prefix_and_last_four() {
        let sample = "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaWXYZ12";
        assert!(
            !crate::token::check::classic_check_ok(sample.as_bytes()),
            "shape only"
        );
        let classic = token(sample, Kind::Classic);
        assert_eq!(classic.redacted(), "ghp_…YZ12");
        assert_eq!(format!("{classic:?}"), "Token(classic, ghp_…YZ12)");
        assert_eq!(
            classic.to_string(),
            "personal access token (classic) ghp_…YZ12"
        );
        let legacy = token(&"ab".repeat(20), Kind::Legacy);
        assert_eq!(legacy.redacted(), "…abab");
    }

    #[test]
    fn short_or_foreign_secrets_show_nothing() {
        assert_eq!(
            token("hunter2", Kind::NotAToken).redacted(),
            "hidden, 7 characters"
        );
        assert_eq!(
            token("a-long-passphrase-that-is-not-a-token", Kind::NotAToken).redacted(),
            "hidden, 37 characters"
        );
        assert_eq!(
            token("ghp_short", Kind::Classic).redacted(),
            "hidden, 9 characters"
        );
    }

    #[test]
    fn prefix_is_shown_only_when_the_value_has_it() {
        let odd = token("GHP_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaWXYZ12", Kind::Classic);
        assert_eq!(odd.redacted(), "…YZ12");
    }

    #[test]
    fn multibyte_values_do_not_panic() {
        let value = "é".repeat(25);
        assert_eq!(token(&value, Kind::Classic).redacted(), "…éééé");
    }
}

/// A secret string that crosses between contexts inside a message (the text of the element
/// where GitHub shows a new token). Like [`Token`], it never prints, and it never serializes
/// either: PAT Guard receives such strings but never sends one on.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretString(Zeroizing<String>);

impl SecretString {
    pub fn new(value: String) -> Self {
        SecretString(Zeroizing::new(value))
    }

    /// The wiped buffer itself, for a new owner (no copy is made).
    pub fn into_inner(self) -> Zeroizing<String> {
        self.0
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretString(hidden, {} bytes)", self.0.len())
    }
}

impl serde::Serialize for SecretString {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("[redacted]")
    }
}

impl<'de> serde::Deserialize<'de> for SecretString {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SecretString::new)
    }
}

/// A secret the background hands to an extension page that checks it with GitHub (the
/// popup, or the reminder's frame): the one value whose serialized form is the secret itself,
/// so that no other message, record or log can carry one by mistake.
#[derive(Clone, PartialEq, Eq, Default, Debug)]
pub struct HandedSecret(pub SecretString);

impl serde::Serialize for HandedSecret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.expose())
    }
}

impl<'de> serde::Deserialize<'de> for HandedSecret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        SecretString::deserialize(deserializer).map(HandedSecret)
    }
}

#[cfg(test)]
mod secret_string_tests {
    use super::*;

    #[test]
    fn never_prints_or_serializes_its_value() {
        let secret = SecretString::new("ghp_secretsecretsecret".into());
        assert_eq!(format!("{secret:?}"), "SecretString(hidden, 22 bytes)");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"[redacted]\"");
        let back: SecretString = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(back.expose(), "abc");
    }

    #[test]
    fn only_a_handed_secret_serializes_its_value_and_never_prints_it() {
        let handed = HandedSecret(SecretString::new("ghp_secretsecretsecret".into()));
        assert_eq!(
            serde_json::to_string(&handed).unwrap(),
            "\"ghp_secretsecretsecret\""
        );
        assert!(!format!("{handed:?}").contains("secret"));
        let back: HandedSecret = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(back.0.expose(), "abc");
    }
}
