//! A whole check of a token against the API, and a revocation: the token engine decides
//! whether to ask, `http` asks, `github::interpret` reads the answer.

use crate::github::{
    self, add_inspection_warnings, endpoint_path, interpret, offline_report, revoke_body, Context,
    Report, RevokeOutcome, Settings,
};
use crate::hosts::Host;
use crate::token::{Inspection, Token};

use super::http::{self, Cancel};

/// Seconds since the Unix epoch, by the browser's clock.
pub fn now() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Check an inspected token with `host`'s API (or explain why it is not sent). `host` must be
/// one PAT Guard may send tokens to (`browser::hosts::usable_host`).
pub async fn validate(
    inspection: &Inspection,
    settings: &Settings,
    host: &Host,
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
        // An Enterprise host is usable only with its permissions; github.com's can be withheld.
        all_headers: !host.is_github_com() || super::has_host_access().await,
    };
    let url = format!("{}{}", host.api_base(), endpoint_path(endpoint));
    let mut report = match http::get_with_token(&url, token.expose(), cancel).await {
        Ok(answer) => interpret(&answer, &context),
        Err(failure) => github::failure(failure, &context),
    };
    add_inspection_warnings(&mut report, inspection);
    report
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
