//! The in-page reminder, shown in an iframe that the content script places right below a
//! freshly generated token. It never receives the token: it learns the kind, the save state
//! and an opaque fingerprint from its URL, and asks the background for everything else.

mod hooks;

use yew::platform::spawn_local;
use yew::prelude::*;

use self::hooks::{use_fit_frame, use_shown, use_validation, Validation};
use crate::browser;
use crate::browser::github::now;
use crate::message::{banner_params, BannerLive, BannerParams, BannerReply, BannerRequest};
use crate::page::{regenerate_path, secret_label, SaveState, SecretKind};
use crate::token::Kind;
use crate::ui::card::VerdictCard;
use crate::ui::shield::Shield;

#[component]
pub fn Banner() -> Html {
    let params = use_memo((), |_| {
        web_sys::window()
            .and_then(|window| window.location().search().ok())
            .map(|query| banner_params(&query))
            .unwrap_or_default()
    });
    html! {
        <main>
            <h1 class="visually-hidden">{ "PAT Guard" }</h1>
            if params.lost {
                <LostNotice kind={params.kind} />
            } else {
                <Reminder params={(*params).clone()} />
            }
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct ReminderProps {
    params: BannerParams,
}

/// What a click in the reminder expects back: a plain acknowledgement.
fn acknowledged(reply: BannerReply) -> Option<()> {
    matches!(reply, BannerReply::Ack {}).then_some(())
}

#[component]
fn Reminder(props: &ReminderProps) -> Html {
    let params = &props.params;
    let state = use_shown();
    let (validation, oncheck) = use_validation();
    let error = use_state(|| None::<String>);
    use_fit_frame((*validation).clone(), state.state, state.expires.clone());

    let onack = {
        let (state, error, fingerprint) =
            (state.clone(), error.clone(), params.fingerprint.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(fingerprint) = fingerprint.clone() else {
                return;
            };
            let (state, error) = (state.clone(), error.clone());
            spawn_local(async move {
                let request = BannerRequest::TokenAcknowledged { fingerprint };
                match browser::ask(&request, acknowledged).await {
                    Ok(()) => state.dispatch(BannerLive {
                        state: SaveState::Acknowledged,
                        expires: None,
                    }),
                    Err(why) => error.set(Some(why.to_string())),
                }
            });
        })
    };
    let ondismiss = {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let error = error.clone();
            spawn_local(async move {
                let answer = browser::ask(&BannerRequest::BannerDismissed {}, acknowledged);
                if let Err(why) = answer.await {
                    error.set(Some(why.to_string()));
                }
            });
        })
    };

    let what = secret_label(params.secret, params.kind);
    let kind_code = params.kind.map_or("", Kind::code);
    let (headline, detail) = match state.state {
        SaveState::Unsaved => (
            format!("Copy this {what} now."),
            "GitHub shows it only once: save it in your password manager before you leave this page.".to_owned(),
        ),
        SaveState::Copied => (
            "Copied.".to_owned(),
            "Now paste it into your password manager: a clipboard, a chat or a text file is no place to keep it.".to_owned(),
        ),
        SaveState::Acknowledged => (
            "Saved.".to_owned(),
            "PAT Guard will not remind you about this one again.".to_owned(),
        ),
    };
    let checking = *validation == Validation::Checking;
    html! {
        <section class="banner" data-testid="banner" data-state={state.state.code()} data-kind={kind_code}
            aria-label="PAT Guard reminder">
            <div class="banner-row">
                <Shield />
                <div class="banner-text" role="status">
                    <strong>{ headline }</strong>{ " " }{ detail }
                    if let Some(expires) = &state.expires {
                        <span class="muted" data-testid="banner-expires">{ format!(" {expires}.") }</span>
                    }
                    if let Some(why) = &*error {
                        <span class="error">{ format!(" {why}") }</span>
                    }
                </div>
                <div class="banner-actions">
                    if state.state != SaveState::Acknowledged {
                        <button type="button" class="primary" data-testid="ack" onclick={onack}>
                            { "I've saved it" }
                        </button>
                    }
                    if params.secret != Some(SecretKind::ClientSecret) {
                        <button type="button" data-testid="check" onclick={oncheck} disabled={checking}
                            aria-busy={if checking { "true" } else { "false" }}>
                            { if checking { "Checking…" } else { "Check it" } }
                        </button>
                    }
                    <button type="button" class="ghost icon" data-testid="dismiss"
                        aria-label="Dismiss this reminder" title="Dismiss" onclick={ondismiss}>
                        { "✕" }
                    </button>
                </div>
            </div>
            { match &*validation {
                Validation::Done(report) => html! { <VerdictCard report={report.clone()} now={now()} /> },
                Validation::Failed(why) => html! {
                    <p class="error" data-testid="check-error" role="status">{ format!("Could not check it: {why}") }</p>
                },
                Validation::Checking => html! {
                    <p class="progress" role="status"><span class="spinner" aria-hidden="true"></span>
                        { "Asking GitHub…" }</p>
                },
                Validation::Idle => html! {},
            } }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LostNoticeProps {
    kind: Option<Kind>,
}

/// Shown after a history navigation took the user away from an unsaved token.
#[component]
fn LostNotice(props: &LostNoticeProps) -> Html {
    let kind = props.kind.unwrap_or(Kind::Classic);
    let ondismiss =
        Callback::from(|_: MouseEvent| browser::tell(BannerRequest::BannerDismissed {}));
    html! {
        <section class="banner lost" data-testid="token-lost" data-kind={kind.code()}
            aria-label="PAT Guard notice">
            <div class="banner-row">
                <Shield />
                <div class="banner-text" role="status">
                    <strong>{ "The new token is no longer on screen." }</strong>
                    { " GitHub will not show it again. If you did not save it, regenerate it: " }
                    <a href={format!("https://github.com{}", regenerate_path(kind))} target="_top"
                        data-testid="regenerate">{ "open your tokens" }</a>
                    { "." }
                </div>
                <div class="banner-actions">
                    <button type="button" class="ghost icon" data-testid="dismiss"
                        aria-label="Dismiss this notice" title="Dismiss" onclick={ondismiss}>{ "✕" }</button>
                </div>
            </div>
        </section>
    }
}
