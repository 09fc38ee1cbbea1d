//! A whole check of a token against the API, and a revocation: the token engine decides
//! whether to ask, `http` asks, `github::interpret` reads the answer.

use crate::github::{
    self, add_inspection_warnings, endpoint_path, interpret, offline_report, revoke_body, Context,
    Report, RevokeOutcome, Settings,
};
use crate::hosts::{host_named, Host};
use crate::message::TokenToCheck;
use crate::token::{inspect_owned, Inspection, Token};

use super::hosts::usable_host;
use super::http::{self, Cancel};

/// Seconds since the Unix epoch, by the browser's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Whether PAT Guard may read every header of `host`'s API answers (its host permission): an
/// Enterprise host is usable only with its permissions; github.com's can be withheld, and
/// then the browser hides the token's expiry header.
pub async fn reads_all_headers(host: &Host) -> bool {
    !host.is_github_com() || super::has_host_access().await
}

/// Check an inspected token with `host`'s API (or explain why it is not sent). `host` must be
/// one PAT Guard may send tokens to (`browser::hosts::usable_host`); `all_headers` is
/// [`reads_all_headers`] of it.
async fn validate(
    inspection: &Inspection,
    settings: &Settings,
    host: &Host,
    all_headers: bool,
    cancel: &Cancel,
) -> Report {
    if let Some(report) = offline_report(inspection) {
        return report;
    }
    let (Some(token), Some(endpoint)) = (&inspection.token, inspection.endpoint) else {
        return Report::bare(
            github::Verdict::Malformed,
            inspection.kind,
            "Nothing to check.",
        );
    };
    let context = Context {
        kind: inspection.kind,
        endpoint,
        now: now(),
        settings: settings.clone(),
        host: host.clone(),
        all_headers,
    };
    let url = format!("{}{}", host.api_base(), endpoint_path(endpoint));
    let mut report = match http::get_with_token(&url, token.expose(), cancel).await {
        Ok(answer) => interpret(&answer, &context),
        Err(failure) => github::failure(failure, &context),
    };
    add_inspection_warnings(&mut report, inspection);
    report
}

/// Check an inspected token with the API of `server` (a web host name), if PAT Guard may send
/// tokens there (the browser holds its permission); else a report that says it was not sent.
pub async fn validate_on(
    inspection: &Inspection,
    settings: &Settings,
    server: &str,
    cancel: &Cancel,
) -> Report {
    match usable_host(server).await {
        Some(host) => {
            let all_headers = reads_all_headers(&host).await;
            validate(inspection, settings, &host, all_headers, cancel).await
        }
        None => {
            let mut report = Report::bare(
                github::Verdict::Unknown,
                inspection.kind,
                format!(
                    "Not sent: PAT Guard has no access to {server}. Allow it under GitHub Enterprise."
                ),
            );
            report.host = server.to_owned();
            report
        }
    }
}

/// Check a token the background handed over (the one a tab shows, or a posted one) with the
/// API of the host of the page it came from. The background hands a token over only for a
/// host the browser holds the permission of (`browser::hosts::hosts_for`), and only it
/// answers this extension's messages: its word is taken here, as the reminder's frame could
/// not ask (Firefox gives an extension frame in a web page no `permissions` API).
pub async fn check_handed(handed: TokenToCheck, settings: &Settings, cancel: &Cancel) -> Report {
    let TokenToCheck {
        token,
        host,
        all_headers,
    } = handed;
    let inspection = inspect_owned(token.0.into_inner());
    let Some(host) = host_named(&host) else {
        return Report::bare(
            github::Verdict::Unknown,
            inspection.kind,
            "Not sent: the page is on no host PAT Guard knows.",
        );
    };
    validate(&inspection, settings, &host, all_headers, cancel).await
}

/// Ask `host` to revoke a token (`POST /credentials/revoke`, no Authorization header).
pub async fn revoke(token: &Token, host: &Host, cancel: &Cancel) -> RevokeOutcome {
    let url = format!("{}/credentials/revoke", host.api_base());
    let Some(body) = revoke_body(token.expose()) else {
        return RevokeOutcome::Unknown;
    };
    let status = http::post_json(&url, &body, cancel)
        .await
        .ok()
        .map(|answer| answer.status);
    RevokeOutcome::from_status(status)
}
