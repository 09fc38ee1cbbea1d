//! "Revoke this token", behind a confirmation that says it cannot be undone.

use crate::browser;
use crate::browser::github::revoke as ask_revoke;
use crate::browser::hosts::usable_host;
use crate::browser::http::Cancel;
use crate::github::RevokeOutcome;
use crate::hosts::Host;
use crate::token::Token;
use crate::ui::dom::{el, El};

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Step {
    Closed,
    Confirming,
    Revoking,
    Done(RevokeOutcome),
}

/// Revoke `token` at `host`'s API (the host that checked it), only while PAT Guard may still
/// send that host tokens. Where the browser cannot say (Firefox gives a reminder's or a
/// warning's frame no `permissions` API), `host` is the one the background handed over with
/// the token moments before, having found its permission held (`check_handed`).
pub async fn revoke(token: &Token, host: &Host) -> RevokeOutcome {
    let usable = if browser::has_permissions_api() {
        usable_host(host.name()).await
    } else {
        Some(host.clone())
    };
    match (Cancel::new(), usable) {
        (Some(cancel), Some(host)) => ask_revoke(token, &host, &cancel).await,
        _ => RevokeOutcome::Unknown,
    }
}

/// What the revoke panel shows at `step`. `host` is the one whose API checked the token.
pub fn view(step: Step, host: Option<&Host>) -> El {
    match step {
        Step::Closed => el("button")
            .button()
            .class("danger-ghost")
            .testid("revoke")
            .text("Revoke this token…"),
        Step::Confirming => el("div")
            .class("confirm")
            .attr("role", "alertdialog")
            .attr("aria-labelledby", "revoke-title")
            .attr("aria-describedby", "revoke-text")
            .child(
                el("p")
                    .attr("id", "revoke-title")
                    .child(el("strong").text("Revoke this token for good?")),
            )
            .child(el("p").attr("id", "revoke-text").text(
                "This cannot be undone. GitHub stops accepting the token within minutes \
                 and e-mails its owner. Do this if the token leaked.",
            ))
            .child(
                el("div")
                    .class("actions")
                    .child(
                        el("button")
                            .button()
                            .class("danger")
                            .testid("revoke-confirm")
                            .text("Revoke it"),
                    )
                    .child(
                        el("button")
                            .button()
                            .testid("revoke-cancel")
                            .text("Keep it"),
                    ),
            ),
        Step::Revoking => el("p")
            .class("progress")
            .attr("role", "status")
            .child(el("span").class("spinner").attr("aria-hidden", "true"))
            .text("Asking GitHub to revoke the token…"),
        Step::Done(outcome) => {
            let settings = host
                .filter(|_| outcome == RevokeOutcome::NotOffered)
                .map(|host| {
                    el("a")
                        .attr("href", &format!("{}/settings/tokens", host.web_origin()))
                        .attr("target", "_blank")
                        .attr("rel", "noopener noreferrer")
                        .testid("token-settings")
                        .text(&format!("Open {}'s token settings", host.name()))
                });
            let result = el("p")
                .class(&format!("revoke-result {}", outcome.code()))
                .testid("revoke-result")
                .attr("data-outcome", outcome.code())
                .attr("role", "status")
                .attr("tabindex", "-1")
                .text(outcome.message());
            match settings {
                Some(link) => result.text(" ").child(link),
                None => result,
            }
        }
    }
}
