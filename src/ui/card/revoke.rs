//! "Revoke this token", behind a confirmation that says it cannot be undone.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::browser::github::revoke;
use crate::browser::hosts::usable_host;
use crate::browser::http::Cancel;
use crate::github::RevokeOutcome;
use crate::hosts::Host;
use crate::token::Token;
use crate::ui::focus_testid;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Closed,
    Confirming,
    Revoking,
    Done(RevokeOutcome),
}

#[derive(Properties, PartialEq)]
pub struct RevokePanelProps {
    pub token: Token,
    /// The host whose API checked the token: the revocation goes there, and only while
    /// PAT Guard may still send it tokens.
    pub host: Host,
    /// GitHub accepted the revocation: the card says so instead of "Valid".
    #[prop_or_default]
    pub onrevoked: Callback<()>,
}

#[component]
pub fn RevokePanel(props: &RevokePanelProps) -> Html {
    let step = use_state(|| Step::Closed);
    let onask = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| {
            step.set(Step::Confirming);
            // The safe choice takes focus, as in a dialog.
            focus_testid("revoke-cancel");
        })
    };
    let close = {
        let step = step.clone();
        move || {
            step.set(Step::Closed);
            focus_testid("revoke");
        }
    };
    let onkeep = {
        let close = close.clone();
        Callback::from(move |_: MouseEvent| close())
    };
    let onescape = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            close();
        }
    });
    let onconfirm = {
        let step = step.clone();
        let token = props.token.clone();
        let host = props.host.clone();
        let onrevoked = props.onrevoked.clone();
        Callback::from(move |_: MouseEvent| {
            if *step != Step::Confirming {
                return;
            }
            step.set(Step::Revoking);
            let (step, token, host) = (step.clone(), token.clone(), host.clone());
            let onrevoked = onrevoked.clone();
            spawn_local(async move {
                let outcome = match (Cancel::new(), usable_host(host.name()).await) {
                    (Some(cancel), Some(host)) => revoke(&token, &host, &cancel).await,
                    _ => RevokeOutcome::Unknown,
                };
                step.set(Step::Done(outcome));
                focus_testid("revoke-result");
                if outcome == RevokeOutcome::Revoked {
                    onrevoked.emit(());
                }
            });
        })
    };
    html! {
        <div class="revoke">
            { match *step {
                Step::Closed => html! {
                    <button type="button" class="danger-ghost" data-testid="revoke" onclick={onask}>
                        { "Revoke this token…" }
                    </button>
                },
                Step::Confirming => html! {
                    <div class="confirm" role="alertdialog" aria-labelledby="revoke-title"
                        aria-describedby="revoke-text" onkeydown={onescape}>
                        <p id="revoke-title"><strong>{ "Revoke this token for good?" }</strong></p>
                        <p id="revoke-text">
                            { "This cannot be undone. GitHub stops accepting the token within minutes \
                               and e-mails its owner. Do this if the token leaked." }
                        </p>
                        <div class="actions">
                            <button type="button" class="danger" data-testid="revoke-confirm"
                                onclick={onconfirm}>{ "Revoke it" }</button>
                            <button type="button" data-testid="revoke-cancel" onclick={onkeep}>
                                { "Keep it" }
                            </button>
                        </div>
                    </div>
                },
                Step::Revoking => html! {
                    <p class="progress" role="status"><span class="spinner" aria-hidden="true"></span>
                        { "Asking GitHub to revoke the token…" }</p>
                },
                Step::Done(outcome) => html! {
                    <p class={classes!("revoke-result", outcome.code())} data-testid="revoke-result"
                        data-outcome={outcome.code()} role="status" tabindex="-1">
                        { outcome.message() }
                        if outcome == RevokeOutcome::NotOffered {
                            { " " }
                            <a href={format!("{}/settings/tokens", props.host.web_origin())}
                                target="_blank" rel="noopener noreferrer" data-testid="token-settings">
                                { format!("Open {}'s token settings", props.host.name()) }
                            </a>
                        }
                    </p>
                },
            } }
        </div>
    }
}
