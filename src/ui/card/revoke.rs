//! "Revoke this token", behind a confirmation that says it cannot be undone.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::browser::github::revoke;
use crate::browser::http::Cancel;
use crate::github::{RevokeOutcome, Settings};
use crate::token::Token;

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
    pub settings: Settings,
}

#[component]
pub fn RevokePanel(props: &RevokePanelProps) -> Html {
    let step = use_state(|| Step::Closed);
    let onask = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(Step::Confirming))
    };
    let onkeep = {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(Step::Closed))
    };
    let onconfirm = {
        let step = step.clone();
        let token = props.token.clone();
        let settings = props.settings.clone();
        Callback::from(move |_: MouseEvent| {
            if *step != Step::Confirming {
                return;
            }
            step.set(Step::Revoking);
            let (step, token, settings) = (step.clone(), token.clone(), settings.clone());
            spawn_local(async move {
                let outcome = match Cancel::new() {
                    Some(cancel) => revoke(&token, &settings, &cancel).await,
                    None => RevokeOutcome::Unknown,
                };
                step.set(Step::Done(outcome));
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
                        aria-describedby="revoke-text">
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
                        data-outcome={outcome.code()} role="status">
                        { outcome.message() }
                    </p>
                },
            } }
        </div>
    }
}
