//! What one inspection of pasted text found: the types [`super::inspect`] returns.

use serde::{Deserialize, Serialize};

use super::{Cleanup, Kind, Problem, ProblemCode, Severity, Token};

/// Raw input above this size is refused before any work is done.
pub const MAX_INPUT_BYTES: usize = 64 * 1024;

/// Whether the characters and length fit the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    Valid,
    Invalid,
    /// Nothing to judge: not a GitHub token.
    NotApplicable,
}

/// What the check value says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckValue {
    Valid,
    Mismatch,
    /// The format has no check value (legacy, new installation form) or the shape is wrong.
    None,
    /// The format may have one, but its algorithm is not confirmed (old installation form).
    NotJudged,
}

/// Which GitHub endpoint tells what a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Endpoint {
    /// `GET /user`
    User,
    /// `GET /installation/repositories`, for installation tokens.
    InstallationRepositories,
}

/// Everything PAT Guard can tell about a pasted string without the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// The cleaned candidate, as a secret. `None` when there is nothing, or when the input
    /// was too large or is a private key (which PAT Guard does not keep).
    pub token: Option<Token>,
    pub kind: Kind,
    pub cleanups: Vec<Cleanup>,
    pub shape: Shape,
    pub check: CheckValue,
    pub problems: Vec<Problem>,
    /// Where to ask GitHub about it, or `None` when a request must not be made (a malformed
    /// token would only count towards GitHub's failed-login lockout).
    pub endpoint: Option<Endpoint>,
}

impl Inspection {
    pub(super) fn nothing(kind: Kind, problem: Problem) -> Self {
        Inspection {
            token: None,
            kind,
            cleanups: Vec::new(),
            shape: Shape::NotApplicable,
            check: CheckValue::None,
            problems: vec![problem],
            endpoint: None,
        }
    }

    /// Whether asking GitHub makes sense.
    pub fn can_call_api(&self) -> bool {
        self.endpoint.is_some()
    }

    pub fn has(&self, code: ProblemCode) -> bool {
        self.problems.iter().any(|problem| problem.code == code)
    }

    /// The most serious problem's severity, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.problems.iter().map(|problem| problem.severity).max()
    }
}
