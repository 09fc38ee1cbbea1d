//! The token engine: recognise, clean up, check and redact every GitHub token format,
//! offline. Pure: plain values in, plain values out, no I/O (docs/token-formats.md).
//!
//! - [`inspect`] tells what one pasted string is, what was cleaned off it, what is wrong with
//!   it and whether asking GitHub about it makes sense;
//! - [`find_tokens`] finds every token in a page's text;
//! - [`Token`] holds a token as a secret: redacted when printed, zeroed when dropped.

mod check;
mod clean;
mod find;
mod inspect;
mod inspection;
mod kind;
mod other;
mod problem;
mod secret;

pub use check::{classic_check, fine_grained_check};
pub use clean::Cleanup;
pub use find::{find_text, find_tokens, split_text, strip_prefix_ignore_case, Found};
pub use inspect::{inspect, inspect_owned};
pub use inspection::{CheckValue, Endpoint, Inspection, Shape, MAX_INPUT_BYTES};
pub use kind::Kind;
pub use problem::{Problem, ProblemCode, Severity};
pub use secret::{join_secret, redact, HandedSecret, SecretString, Token};
