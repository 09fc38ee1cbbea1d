//! Turning GitHub's answer (status, headers, body), or the lack of one, into a [`Report`].
//! A pure function of its inputs, tested over the whole matrix (docs/github-api.md).

use super::expiry::{self, Expiry};
use super::report::{RateLimit, Report, Sso, User, Verdict, WarningCode};
use super::scopes::{self, ScopeInfo};
use super::settings::{new_token_url, Settings};
use crate::hosts::Host;
use crate::json::{self, Json};
use crate::message::Tree;
use crate::token::{Endpoint, Inspection, Kind, ProblemCode, Severity};

/// An HTTP answer as the shell read it. Header names are matched without regard to case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    fn number(&self, name: &str) -> Option<u64> {
        self.header(name)?.trim().parse().ok()
    }
}

/// Why there is no answer to interpret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No answer within the time limit.
    Timeout,
    /// The browser says it is offline.
    Offline,
    /// The connection failed (refused, reset, DNS, TLS); the browser does not say which.
    Unreachable,
    /// GitHub answered with a redirect, which PAT Guard does not follow.
    Redirect,
    /// The user cancelled.
    Cancelled,
}

/// What the interpretation needs besides the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub kind: Kind,
    pub endpoint: Endpoint,
    /// Unix seconds.
    pub now: i64,
    pub settings: Settings,
    /// The host whose API is asked: links and the card name it.
    pub host: Host,
    /// Whether PAT Guard may read every header of the answer: it has host access to the API.
    /// Without it the request still works (GitHub answers any origin), but the browser hides
    /// `GitHub-Authentication-Token-Expiration`, so its absence says nothing.
    pub all_headers: bool,
}

/// The longest stretch of GitHub's own message that is shown.
const MAX_MESSAGE: usize = 300;

/// The report for a token that must not, or cannot, be sent: `None` when it can be.
pub fn offline_report(inspection: &Inspection) -> Option<Report> {
    if inspection.can_call_api() {
        return None;
    }
    let blocking = inspection
        .problems
        .iter()
        .find(|problem| problem.severity == Severity::Blocking);
    let mut report = match blocking {
        Some(problem) => {
            // The answer, once: the token engine's problem list (shown beside the card) has
            // the details.
            let mut report = Report::bare(
                Verdict::Malformed,
                inspection.kind,
                "Not sent to GitHub: as it is, it cannot be a working token.",
            );
            // The cause as a stable code too, for users, tests and bug reports.
            if problem.code == ProblemCode::ChecksumMismatch {
                report.warn(
                    WarningCode::ChecksumMismatch,
                    "At least one character is mistyped: copy the token again rather than typing it.",
                );
            }
            report
        }
        None => Report::bare(
            Verdict::Unknown,
            inspection.kind,
            "This kind of token cannot be checked with the API.",
        ),
    };
    add_inspection_warnings(&mut report, inspection);
    Some(report)
}

/// Warnings the token engine already knows (soft check-value mismatch, legacy format,
/// refresh token).
pub fn add_inspection_warnings(report: &mut Report, inspection: &Inspection) {
    for problem in &inspection.problems {
        let code = match problem.code {
            ProblemCode::ChecksumMismatch if problem.severity < Severity::Blocking => {
                WarningCode::ChecksumMismatch
            }
            ProblemCode::LegacyFormat => WarningCode::LegacyFormat,
            ProblemCode::RefreshToken => WarningCode::CannotCallApi,
            _ => continue,
        };
        report.warn(code, problem.message.clone());
    }
}

/// Interpret GitHub's answer.
pub fn interpret(answer: &Answer, context: &Context) -> Report {
    let mut report = match answer.status {
        200 => success(answer, context),
        300..=399 => failure(Failure::Redirect, context),
        401 => {
            let mut report = Report::bare(
                Verdict::Invalid,
                context.kind,
                "Invalid: GitHub does not accept this token. It was revoked, has expired, or is mistyped.",
            );
            report.expiry = Expiry::Unknown;
            report
        }
        403 | 429 => forbidden(answer, context),
        404 => Report::bare(
            Verdict::Unknown,
            context.kind,
            match context.endpoint {
                Endpoint::User => {
                    "Unknown: the API answered 404 Not Found. Is the API address right?"
                }
                Endpoint::InstallationRepositories => {
                    "Unknown: the API answered 404 Not Found for the installation's repositories."
                }
            },
        ),
        500..=599 => Report::bare(
            Verdict::Unknown,
            context.kind,
            format!(
                "Unknown: GitHub had a problem of its own (HTTP {}). Try again in a few minutes.",
                answer.status
            ),
        ),
        status => Report::bare(
            Verdict::Unknown,
            context.kind,
            format!("Unknown: GitHub answered with an unexpected status (HTTP {status})."),
        ),
    };
    if report.github_message.is_none() && answer.status != 200 {
        report.github_message = github_message(&answer.body);
    }
    report.request_id = answer
        .header("x-github-request-id")
        .map(|id| clip(id, 64))
        .filter(|id| !id.is_empty());
    report.rate = rate_limit(answer);
    report.host = context.host.name().to_owned();
    report
}

/// The report when no answer came.
pub fn failure(failure: Failure, context: &Context) -> Report {
    let summary = match failure {
        Failure::Timeout => "Unknown: GitHub did not answer within 10 seconds. Check your connection and try again.",
        Failure::Offline => "Unknown: your browser is offline.",
        Failure::Unreachable => {
            "Unknown: could not connect to the GitHub API (refused, blocked by a proxy or firewall, or a certificate problem)."
        }
        Failure::Redirect => {
            "Unknown: the API answered with a redirect, which PAT Guard does not follow with your token. Is the API address right?"
        }
        Failure::Cancelled => "Cancelled: nothing was decided.",
    };
    let mut report = Report::bare(Verdict::Unknown, context.kind, summary);
    report.host = context.host.name().to_owned();
    report
}

/// `text` without `prefix`, if it starts with it.
fn strip<'a>(text: &'a str, prefix: &str) -> &'a str {
    text.strip_prefix(prefix).unwrap_or(text)
}

fn clip(text: &str, max: usize) -> String {
    text.chars().filter(|c| !c.is_control()).take(max).collect()
}

fn github_message(body: &str) -> Option<String> {
    let message = json::members(&json::parse(body)?)?
        .get("message")?
        .string()?;
    Some(clip(&message, MAX_MESSAGE)).filter(|m| !m.is_empty())
}

/// Where GitHub serves avatars; the only image host PAT Guard shows.
pub const AVATAR_HOST: &str = "https://avatars.githubusercontent.com/";

fn https_url(value: Option<&Json>) -> Option<String> {
    let url = value?.string()?;
    (url.starts_with("https://") && url.len() <= 2048 && !url.contains(char::is_whitespace))
        .then_some(url)
}

fn rate_limit(answer: &Answer) -> Option<RateLimit> {
    let rate = RateLimit {
        limit: answer.number("x-ratelimit-limit"),
        remaining: answer.number("x-ratelimit-remaining"),
        used: answer.number("x-ratelimit-used"),
        reset: answer
            .number("x-ratelimit-reset")
            .and_then(|n| i64::try_from(n).ok()),
        resource: answer.header("x-ratelimit-resource").map(|r| clip(r, 32)),
    };
    (rate.limit.is_some() || rate.remaining.is_some()).then_some(rate)
}

fn success(answer: &Answer, context: &Context) -> Report {
    let Some(parsed) = json::parse(&answer.body) else {
        return Report::bare(
            Verdict::Unknown,
            context.kind,
            "Unknown: the answer was not JSON. A captive portal, proxy or filter may be in the way.",
        );
    };
    // Anything but an object names no user and lists no repositories.
    let body = json::members(&parsed).unwrap_or_default();
    let mut report = match context.endpoint {
        Endpoint::User => {
            let Some(login) = body
                .get("login")
                .and_then(|l| l.string())
                .filter(|l| !l.is_empty())
            else {
                return Report::bare(
                    Verdict::Unknown,
                    context.kind,
                    "Unknown: GitHub's answer did not name a user.",
                );
            };
            let user = User {
                login: clip(&login, 64),
                name: body
                    .get("name")
                    .and_then(|n| n.string())
                    .map(|n| clip(&n, 128))
                    .filter(|n| !n.is_empty()),
                // Only GitHub's avatar host: the extension pages' CSP allows no other.
                avatar_url: https_url(body.get("avatar_url"))
                    .filter(|url| url.starts_with(AVATAR_HOST)),
                html_url: https_url(body.get("html_url")),
            };
            let mut report = Report::bare(
                Verdict::Valid,
                context.kind,
                format!("Valid: this token belongs to {}.", user.login),
            );
            report.user = Some(user);
            report
        }
        Endpoint::InstallationRepositories => {
            let Some(count) = body
                .get("total_count")
                .and_then(|n| n.whole())
                .and_then(|n| u64::try_from(n).ok())
            else {
                return Report::bare(
                    Verdict::Unknown,
                    context.kind,
                    "Unknown: GitHub's answer did not list the installation's repositories.",
                );
            };
            let mut report = Report::bare(
                Verdict::Valid,
                context.kind,
                format!(
                    "Valid: this installation token can reach {count} repositor{}.",
                    if count == 1 { "y" } else { "ies" }
                ),
            );
            report.repositories = Some(count);
            report
        }
    };
    read_scopes(&mut report, answer, context);
    read_expiry(&mut report, answer, context);
    read_sso(&mut report, answer, &context.host);
    report
}

fn read_scopes(report: &mut Report, answer: &Answer, context: &Context) {
    let Some(header) = answer.header("x-oauth-scopes") else {
        if context.kind == Kind::FineGrained && !context.settings.required_scopes.is_empty() {
            report.warn(
                WarningCode::MissingScope,
                "Fine-grained tokens have permissions, not scopes, and GitHub does not list them: \
                 check the token's permissions on GitHub against what your integration needs.",
            );
        }
        return;
    };
    let granted = scopes::parse_scope_list(header);
    report.scopes = Some(granted.iter().map(|s| ScopeInfo::of(s)).collect());
    let required = &context.settings.required_scopes;
    // A scope the user says their integration needs is no excess, however broad.
    let broad: Vec<_> = scopes::broad(&granted)
        .into_iter()
        .filter(|(name, _)| !required.iter().any(|needed| needed == name))
        .collect();
    if !broad.is_empty() {
        let list: Vec<String> = broad
            .iter()
            .map(|(name, why)| format!("{name} ({why})"))
            .collect();
        report.warn(
            WarningCode::BroadScope,
            format!(
                "Broad scopes: {}. Give a token only what it needs.",
                list.join("; ")
            ),
        );
    }
    if !required.is_empty() {
        let missing = scopes::missing(&granted, required);
        if !missing.is_empty() {
            // The answer to the user's question leads the card.
            report.summary = format!("Valid, but missing {}.", missing.join(", "));
            report.warn(
                WarningCode::MissingScope,
                format!(
                    "Missing scopes your integration needs: {}.",
                    missing.join(", ")
                ),
            );
            report.new_token_url = Some(new_token_url(
                &context.host,
                required,
                &format!(
                    "{} (PAT Guard: with {})",
                    report.user.as_ref().map_or("token", |u| u.login.as_str()),
                    required.join(", ")
                ),
            ));
            report.missing_scopes = missing;
        }
    }
}

fn read_expiry(report: &mut Report, answer: &Answer, context: &Context) {
    report.expiry = match answer.header("github-authentication-token-expiration") {
        None if context.all_headers => Expiry::Never,
        None => {
            report.warn(
                WarningCode::ExpiryHidden,
                format!(
                    "When this token expires is unknown: without access to {} the browser \
                     hides GitHub's expiry header from PAT Guard. Allow access to see it.",
                    strip(&context.host.api_origin(), "https://")
                ),
            );
            Expiry::Unknown
        }
        Some(value) => expiry::parse_expiration(value).unwrap_or(Expiry::Unknown),
    };
    let expires_by_design = matches!(
        context.kind,
        Kind::Classic | Kind::FineGrained | Kind::Legacy
    );
    match &report.expiry {
        Expiry::Never if expires_by_design => report.warn(
            WarningCode::NoExpiration,
            "This token never expires. If it leaks, it works until someone revokes it: prefer one with an expiry date.",
        ),
        Expiry::At { unix, .. } if report.expiry.is_soon(context.now) => {
            let when = expiry::relative(*unix, context.now);
            report.warn(
                WarningCode::ExpiresSoon,
                format!("This token expires {when} ({}). Plan its replacement now.", expiry::date(*unix)),
            );
        }
        _ => {}
    }
}

/// `required; url=https://github.com/orgs/ORG/sso?authorization_request=…` or
/// `partial-results; organizations=123,456`.
fn read_sso(report: &mut Report, answer: &Answer, host: &Host) {
    let Some(header) = answer.header("x-github-sso") else {
        return;
    };
    let mut parts = header.split(';').map(str::trim);
    match parts.next() {
        Some("required") => {
            let web = format!("{}/", host.web_origin());
            let url = parts
                .find_map(|part| part.strip_prefix("url="))
                .filter(|url| {
                    url.starts_with(&web) && !url.contains(char::is_whitespace) && url.len() <= 2048
                })
                .map(str::to_owned);
            report.warn(
                WarningCode::SsoRequired,
                "This token is not authorized for an organization that uses SAML single sign-on. \
                 Authorize it (the link works for one hour).",
            );
            report.sso = Sso::Required { url };
        }
        Some("partial-results") => {
            let organizations: Vec<u64> = parts
                .find_map(|part| part.strip_prefix("organizations="))
                .map(|list| {
                    list.split(',')
                        .filter_map(|id| id.trim().parse().ok())
                        .take(100)
                        .collect()
                })
                .unwrap_or_default();
            report.warn(
                WarningCode::SsoPartial,
                format!(
                    "Results leave out {} organization{} that use SAML single sign-on: authorize the token for them on GitHub.",
                    organizations.len(),
                    if organizations.len() == 1 { "" } else { "s" }
                ),
            );
            report.sso = Sso::Partial { organizations };
        }
        _ => {}
    }
}

fn forbidden(answer: &Answer, context: &Context) -> Report {
    let message = github_message(&answer.body).unwrap_or_default();
    let sso_required = answer
        .header("x-github-sso")
        .is_some_and(|sso| sso.trim_start().starts_with("required"));
    if sso_required {
        let mut report = Report::bare(
            Verdict::Valid,
            context.kind,
            "Valid, but not authorized for an organization that uses SAML single sign-on.",
        );
        read_sso(&mut report, answer, &context.host);
        return report;
    }
    let retry_after = answer.number("retry-after");
    let exhausted = answer.number("x-ratelimit-remaining") == Some(0);
    let secondary = message.to_ascii_lowercase().contains("rate limit");
    if retry_after.is_some() || exhausted || secondary || answer.status == 429 {
        let reset_wait = answer
            .number("x-ratelimit-reset")
            .and_then(|reset| i64::try_from(reset).ok())
            .map(|reset| u64::try_from(reset - context.now).unwrap_or(0));
        // A day at most: a header claiming more is not to be believed.
        let wait = retry_after
            .or(if exhausted { reset_wait } else { None })
            .or(if secondary { Some(60) } else { None })
            .map(|seconds| seconds.min(86_400));
        let kind_of_limit = if exhausted && retry_after.is_none() {
            "primary"
        } else {
            "secondary"
        };
        let when = wait.map_or_else(
            || "a while".to_owned(),
            |seconds| {
                let relative = expiry::relative(context.now + seconds as i64, context.now);
                strip(&relative, "in ").to_owned()
            },
        );
        let mut report = Report::bare(
            Verdict::Unknown,
            context.kind,
            format!("Unknown: GitHub's {kind_of_limit} rate limit was hit. Wait {when}, then check again."),
        );
        report.wait_seconds = wait;
        // Only the secondary limit punishes impatience (docs/github-api.md).
        let early = if kind_of_limit == "secondary" {
            " Asking sooner can make GitHub block you for longer."
        } else {
            ""
        };
        report.warn(
            WarningCode::RateLimited,
            format!("Rate limited ({kind_of_limit} limit): try again in {when}.{early}"),
        );
        report.github_message = Some(message).filter(|m| !m.is_empty());
        return report;
    }
    let mut report = Report::bare(
        Verdict::Unknown,
        context.kind,
        "Unknown: GitHub refused the request (403). After several failed logins GitHub refuses \
         every login of that account for a while, valid tokens included: wait before trying again.",
    );
    report.github_message = Some(message).filter(|m| !m.is_empty());
    report
}
