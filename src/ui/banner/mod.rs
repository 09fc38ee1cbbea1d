//! The in-page reminder, shown in an iframe that the content script places right below a
//! freshly generated token. It never receives the token: it learns the kind, the save state
//! and an opaque fingerprint from its URL, and asks the background for everything else.

mod hooks;

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use self::hooks::{
    use_fit_frame, use_leak_state, use_shown, use_theme, use_validation, Shown, Validation,
};
use crate::browser;
use crate::browser::github::now;
use crate::message::{
    banner_params, leak_params, BannerLive, BannerParams, BannerReply, BannerRequest, LeakParams,
};
use crate::page::{regenerate_path, secret_label, SaveState, SecretKind, Theme};
use crate::token::Kind;
use crate::ui::card::VerdictCard;
use crate::ui::focus_testid;
use crate::ui::shield::Shield;

#[component]
pub fn Banner() -> Html {
    let params = use_memo((), |_| {
        web_sys::window()
            .and_then(|window| window.location().search().ok())
            .map(|query| banner_params(&query))
            .unwrap_or_default()
    });
    let leak = use_memo((), |_| {
        web_sys::window()
            .and_then(|window| window.location().search().ok())
            .and_then(|query| leak_params(&query))
    });
    let shown = use_shown();
    use_theme(shown.theme);
    use_fit_frame();
    // No `main` or `h1`: the frame is part of GitHub's page, which has its own.
    if let Some(leak) = &*leak {
        html! { <LeakWarning params={leak.clone()} /> }
    } else if params.lost {
        html! { <LostNotice kind={params.kind} theme={shown.theme} host={params.host.clone()} /> }
    } else {
        html! { <Reminder params={(*params).clone()} {shown} /> }
    }
}

#[derive(Properties, PartialEq)]
struct ReminderProps {
    params: BannerParams,
    shown: UseReducerHandle<Shown>,
}

/// What a click in the reminder expects back: a plain acknowledgement.
fn acknowledged(reply: BannerReply) -> Option<()> {
    matches!(reply, BannerReply::Ack {}).then_some(())
}

#[component]
fn Reminder(props: &ReminderProps) -> Html {
    let params = &props.params;
    let state = props.shown.clone();
    let (validation, oncheck) = use_validation();
    let error = use_state(|| None::<String>);
    // ✕ while the token is unsaved shrinks the reminder to a mark: the leave guard is still
    // armed, and the mark says why.
    let collapsed = use_state(|| false);

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
                    Ok(()) => {
                        state.dispatch(BannerLive {
                            state: SaveState::Acknowledged,
                            expires: None,
                            theme: None,
                        });
                        focus_testid("dismiss");
                    }
                    Err(why) => error.set(Some(why.to_string())),
                }
            });
        })
    };
    let ondismiss = {
        let (error, collapsed, saved) = (error.clone(), collapsed.clone(), state.state.is_saved());
        Callback::from(move |_: MouseEvent| {
            if !saved {
                collapsed.set(true);
                focus_testid("expand");
                return;
            }
            let error = error.clone();
            spawn_local(async move {
                let answer = browser::ask(&BannerRequest::BannerDismissed {}, acknowledged);
                if let Err(why) = answer.await {
                    error.set(Some(why.to_string()));
                }
            });
        })
    };
    let onexpand = {
        let collapsed = collapsed.clone();
        Callback::from(move |_: MouseEvent| {
            collapsed.set(false);
            focus_testid("ack");
        })
    };

    let what = secret_label(params.secret, params.kind);
    let kind_code = params.kind.map_or("", Kind::code);
    let theme = state.theme.code();
    if *collapsed && !state.state.is_saved() {
        return html! {
            <section class="banner collapsed" data-testid="banner" data-state={state.state.code()}
                data-kind={kind_code} data-theme={theme} data-collapsed="true"
                aria-label="PAT Guard reminder">
                <div class="banner-row">
                    <Shield />
                    <span class="banner-text">{ format!("This {what} is not saved yet.") }</span>
                    <button type="button" data-testid="expand" onclick={onexpand}>
                        { "Show reminder" }
                    </button>
                </div>
            </section>
        };
    }
    let (headline, detail) = match state.state {
        SaveState::Unsaved => (
            "Not saved yet.".to_owned(),
            format!("Put this {what} in your password manager. PAT Guard warns you if you try to leave this page before you copy it."),
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
            data-theme={theme} aria-label="PAT Guard reminder">
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
                        <button type="button" data-testid="ack" onclick={onack}>
                            { "I've saved it" }
                        </button>
                    }
                    if params.secret != Some(SecretKind::ClientSecret) {
                        <button type="button" data-testid="check" onclick={oncheck.reform(|_: MouseEvent| ())} disabled={checking}
                            aria-busy={if checking { "true" } else { "false" }}>
                            { if checking { "Checking…" } else { "Check it" } }
                        </button>
                    }
                    <button type="button" class="ghost icon" data-testid="dismiss"
                        aria-label={if state.state.is_saved() { "Dismiss this reminder" } else { "Shrink this reminder" }}
                        title={if state.state.is_saved() { "Dismiss" } else { "Shrink" }} onclick={ondismiss}>
                        { "✕" }
                    </button>
                </div>
            </div>
            { match &*validation {
                Validation::Done(report) => html! {
                    <VerdictCard report={report.clone()} now={now()} onretry={oncheck.clone()} />
                },
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
struct LeakWarningProps {
    params: LeakParams,
}

/// Said beside a text field that holds a secret: what it is (redacted), that anyone who can
/// read the page could use it, and the two ways out. The page never sees this frame's
/// contents; the content script acts on the user's choice.
#[component]
fn LeakWarning(props: &LeakWarningProps) -> Html {
    let state = use_leak_state();
    let error = use_state(|| None::<String>);
    let check =
        use_state(|| None::<Result<(Rc<crate::github::Report>, crate::token::Token), String>>);
    let checking = use_state(|| false);
    let params = &props.params;
    let what = if params.kind == "private-key" {
        "a private key".to_owned()
    } else {
        Kind::from_code(&params.kind).map_or_else(
            || "a GitHub token".to_owned(),
            |kind| format!("a {}", kind.label()),
        )
    };
    let decide = |keep: bool| {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            let error = error.clone();
            spawn_local(async move {
                let request = BannerRequest::LeakDecision { keep };
                if let Err(why) = browser::ask(&request, acknowledged).await {
                    error.set(Some(why.to_string()));
                }
            });
        })
    };
    let oncheck = {
        let (check, checking) = (check.clone(), checking.clone());
        Callback::from(move |_: MouseEvent| {
            if *checking {
                return;
            }
            checking.set(true);
            let (check, checking) = (check.clone(), checking.clone());
            spawn_local(async move {
                let asked = browser::ask(&BannerRequest::CheckLeak {}, |reply| match reply {
                    BannerReply::LeakChecked { report, token } => Some((report, token)),
                    _ => None,
                });
                check.set(Some(match asked.await {
                    Ok((report, token)) => {
                        let kind = report.kind;
                        Ok((
                            Rc::new(*report),
                            crate::token::Token::new(token.into_inner(), kind),
                        ))
                    }
                    Err(why) => Err(why.to_string()),
                }));
                checking.set(false);
            });
        })
    };
    let state_code: &'static str = *state;
    let (headline, detail) = match state_code {
        "held" => (
            format!("Not posted: this field holds {what} ({}).", params.redacted),
            "PAT Guard held the post. Anyone who can read this page could use it: remove it, or keep it if you mean to.",
        ),
        "removed" => (
            format!("Removed {what} ({}) from the field.", params.redacted),
            "The rest of your text is as it was.",
        ),
        "kept" => (
            format!("You kept {what} ({}) in this field.", params.redacted),
            "PAT Guard will not warn about it again here.",
        ),
        "posted" => (
            format!("{what} ({}) was posted.", params.redacted),
            "Anyone who can read this page can use it now. Check it, and revoke it if it works.",
        ),
        _ => (
            format!("This field holds {what} ({}).", params.redacted),
            "Anyone who can read this page could use it. Remove it before you post.",
        ),
    };
    let open = matches!(state_code, "warning" | "held");
    html! {
        <section class="banner leak" data-testid="leak-warning" data-kind={params.kind.clone()}
            data-state={state_code} aria-label="PAT Guard warning" role="alert">
            <div class="banner-row">
                <Shield />
                <div class="banner-text">
                    <strong>{ headline }</strong>{ " " }{ detail }
                </div>
                if open {
                    <div class="banner-actions">
                        <button type="button" class="primary" data-testid="leak-remove"
                            onclick={decide(false)}>{ "Remove it" }</button>
                        <button type="button" data-testid="leak-keep"
                            onclick={decide(true)}>{ "Keep it" }</button>
                    </div>
                } else if state_code == "posted" && params.kind != "private-key" {
                    <div class="banner-actions">
                        <button type="button" class="primary" data-testid="check"
                            disabled={*checking} onclick={oncheck}>
                            { if *checking { "Checking…" } else { "Check it" } }
                        </button>
                    </div>
                }
            </div>
            if let Some(why) = &*error {
                <p class="problem small" role="alert">{ why }</p>
            }
            if let Some(result) = &*check {
                { match result {
                    Ok((report, token)) => html! {
                        <VerdictCard report={report.clone()} now={now()} token={Some(token.clone())} />
                    },
                    Err(why) => html! { <p class="problem small" role="alert">{ format!("Could not check it: {why}") }</p> },
                } }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LostNoticeProps {
    kind: Option<Kind>,
    theme: Theme,
    /// The Enterprise host the page is on (`None`: github.com).
    host: Option<crate::hosts::Host>,
}

/// Shown after a history navigation took the user away from an unsaved token.
#[component]
fn LostNotice(props: &LostNoticeProps) -> Html {
    let kind = props.kind.unwrap_or(Kind::Classic);
    let ondismiss =
        Callback::from(|_: MouseEvent| browser::tell(BannerRequest::BannerDismissed {}));
    html! {
        <section class="banner lost" data-testid="token-lost" data-kind={kind.code()}
            data-theme={props.theme.code()} aria-label="PAT Guard notice">
            <div class="banner-row">
                <Shield />
                <div class="banner-text" role="status">
                    <strong>{ "The new token is no longer on screen." }</strong>
                    { " GitHub will not show it again. If you did not save it, regenerate it: " }
                    <a href={format!("{}{}", props.host.as_ref().map_or_else(
                            || crate::hosts::Host::github_com().web_origin(), |h| h.web_origin()),
                            regenerate_path(kind))} target="_top"
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
