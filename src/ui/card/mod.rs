//! The verdict card: everything a check found, the same in the popup and in the banner.
//! Every string from the network is rendered as text (yew escapes it), never as markup.

mod revoke;

use std::rc::Rc;

use yew::prelude::*;

pub use self::revoke::RevokePanel;
use crate::browser::github::now;
use crate::github::scopes::Risk;
use crate::github::{self, expiry, Expiry, Report, Sso, Verdict};
use crate::hosts::{parse_host, Host, GITHUB_COM};
use crate::page::new_token_path;
use crate::token::Token;

#[derive(Properties, PartialEq)]
struct RetryProps {
    /// How long GitHub asked to wait (a rate limit), from when the card appeared.
    wait_seconds: Option<u64>,
    onretry: Callback<()>,
}

/// "Try again", counting down while GitHub's rate limit says to wait.
#[component]
fn RetryButton(props: &RetryProps) -> Html {
    let until = *use_state(|| now() + props.wait_seconds.unwrap_or(0) as i64);
    let clock = use_state(now);
    let left = until - *clock;
    {
        let clock = clock.clone();
        use_effect_with(*clock, move |_| {
            if left > 0 {
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::from_secs(1)).await;
                    clock.set(now());
                });
            }
        });
    }
    let onclick = {
        let onretry = props.onretry.clone();
        Callback::from(move |_: MouseEvent| onretry.emit(()))
    };
    let label = match left {
        ..=0 => "Try again".to_owned(),
        1..=90 => format!("Try again in {left} s"),
        _ => format!("Try again in {} min", (left + 59) / 60),
    };
    html! {
        <button type="button" data-testid="retry" disabled={left > 0} {onclick}>{ label }</button>
    }
}

#[derive(Properties, PartialEq)]
pub struct VerdictCardProps {
    pub report: Rc<Report>,
    /// Unix seconds, for "in 5 days".
    pub now: i64,
    /// The checked token, for the revoke action; `None` hides it.
    #[prop_or_default]
    pub token: Option<Token>,
    /// Ask again: offered on every "couldn't check" card.
    #[prop_or_default]
    pub onretry: Option<Callback<()>>,
}

/// How a verdict is named to the user.
pub fn verdict_title(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Valid => "Valid",
        Verdict::Invalid => "Invalid",
        Verdict::Unknown => "Couldn't check",
        Verdict::Malformed => "Can't be sent",
    }
}

#[component]
pub fn VerdictCard(props: &VerdictCardProps) -> Html {
    let report = &props.report;
    let verdict = report.verdict;
    let revoked = use_state(|| false);
    let onrevoked = {
        let revoked = revoked.clone();
        Callback::from(move |()| revoked.set(true))
    };
    // The host PAT Guard itself asked (never a name from the network).
    let host = if report.host == GITHUB_COM {
        Some(Host::github_com())
    } else {
        parse_host(&report.host).ok()
    };
    let title = if *revoked {
        "Revoked"
    } else {
        verdict_title(verdict)
    };
    html! {
        <section class={classes!("card", verdict.code())} data-testid="verdict"
            data-verdict={verdict.code()} data-kind={report.kind.code()}
            data-host={report.host.clone()}>
            <header class="card-head">
                <span class={classes!("verdict-badge", if *revoked { "invalid" } else { verdict.code() })}
                    data-testid="verdict-title" data-revoked={if *revoked { "true" } else { "false" }}>
                    { title }
                </span>
                <span class="card-kind">{ report.kind.label() }</span>
            </header>
            <p class="summary" data-testid="summary">{ &report.summary }</p>
            if verdict != Verdict::Malformed {
                <p class="muted small" data-testid="answered-by">
                    { format!("Asked {}", report.host) }
                </p>
            }
            if let Some(user) = &report.user {
                <p class="user">
                    if let Some(avatar) = &user.avatar_url {
                        <img class="avatar" src={avatar.clone()} alt="" width="32" height="32"
                            referrerpolicy="no-referrer" />
                    }
                    <span>
                        <strong data-testid="login">{ &user.login }</strong>
                        if let Some(name) = &user.name {
                            <span class="muted" data-testid="name">{ format!(" · {name}") }</span>
                        }
                    </span>
                </p>
            }
            <ExpiryLine expiry={report.expiry.clone()} now={props.now} verdict={verdict} />
            <ScopeList report={report.clone()} />
            if let Sso::Required { url: Some(url) } = &report.sso {
                <p><a class="button-link" data-testid="sso-link" href={url.clone()} target="_blank"
                    rel="noopener noreferrer">{ "Authorize for single sign-on" }</a></p>
            }
            if !report.warnings.is_empty() {
                <ul class="warnings">
                    for warning in &report.warnings {
                        <li class="warning" data-testid="warning" data-code={warning.code.code()}>
                            { &warning.message }
                        </li>
                    }
                </ul>
            }
            if verdict == Verdict::Unknown {
                if let Some(onretry) = &props.onretry {
                    <p><RetryButton wait_seconds={report.wait_seconds} onretry={onretry.clone()} /></p>
                }
            }
            if let (Verdict::Invalid, Some(host)) = (verdict, &host) {
                <p><a class="button-link" data-testid="new-token" target="_blank" rel="noopener noreferrer"
                    href={format!("{}{}", host.web_origin(), new_token_path(report.kind))}>
                    { "Make a new token" }
                </a></p>
            }
            if let Some(url) = &report.new_token_url {
                <p><a class="button-link" data-testid="new-token-link" href={url.clone()}
                    target="_blank" rel="noopener noreferrer">
                    { format!("Create a token with {}", report.missing_scopes.join(", ")) }
                </a></p>
            }
            if report.github_message.is_some() || report.rate.is_some() || report.request_id.is_some() {
            <details class="details" data-testid="details">
            <summary>{ "Details" }</summary>
            <dl class="facts">
                if let Some(message) = &report.github_message {
                    <dt>{ "GitHub said" }</dt>
                    <dd data-testid="github-message">{ message }</dd>
                }
                if let Some(rate) = &report.rate {
                    if let (Some(remaining), Some(limit)) = (rate.remaining, rate.limit) {
                        <dt>{ "Rate limit" }</dt>
                        <dd data-testid="rate-limit">
                            { format!("{remaining} of {limit} requests left") }
                            if let Some(reset) = rate.reset {
                                { format!(", resets {}", expiry::relative(reset, props.now)) }
                            }
                        </dd>
                    }
                }
                if let Some(id) = &report.request_id {
                    <dt>{ "Request ID" }</dt>
                    <dd><code data-testid="request-id">{ id }</code></dd>
                }
            </dl>
            </details>
            }
            if let (Some(token), Some(host)) = (&props.token, &host) {
                if github::can_revoke(report.kind) && verdict != Verdict::Invalid && verdict != Verdict::Malformed {
                    <RevokePanel token={token.clone()} host={host.clone()} {onrevoked} />
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ExpiryLineProps {
    expiry: Expiry,
    now: i64,
    verdict: Verdict,
}

#[component]
fn ExpiryLine(props: &ExpiryLineProps) -> Html {
    let text = match &props.expiry {
        Expiry::Never => "Never expires".to_owned(),
        Expiry::At { unix, .. } => format!(
            "Expires {} ({})",
            expiry::date(*unix),
            expiry::relative(*unix, props.now)
        ),
        Expiry::Unknown if props.verdict == Verdict::Valid => "Expiry unknown".to_owned(),
        Expiry::Unknown => return html! {},
    };
    html! {
        <p class="expiry" data-testid="expiry" data-expires={props.expiry.attribute().to_owned()}>
            { text }
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct ScopeListProps {
    report: Rc<Report>,
}

#[component]
fn ScopeList(props: &ScopeListProps) -> Html {
    let report = &props.report;
    if report.verdict != Verdict::Valid {
        return html! {};
    }
    match &report.scopes {
        None => html! {
            <p class="muted scopes-none" data-testid="no-scope-list">
                { "No scope list: fine-grained tokens have per-repository permissions, which GitHub's API does not list." }
            </p>
        },
        Some(scopes) if scopes.is_empty() => html! {
            <p class="muted" data-testid="no-scopes">{ "No scopes: this token can only read public data." }</p>
        },
        Some(scopes) => html! {
            <ul class="scopes" aria-label="Scopes">
                for scope in scopes {
                    <li class="scope" data-testid="scope" data-scope={scope.name.clone()}
                        title={format!("{}: {}", scope.name, scope.meaning)}>
                        <span class={classes!("risk", risk_class(scope.risk))}
                            title={risk_title(scope.risk)}>
                            <span aria-hidden="true">{ risk_mark(scope.risk) }</span>
                            <span class="visually-hidden">{ risk_title(scope.risk) }</span>
                        </span>
                        <code>{ &scope.name }</code>
                        <span class="muted">{ format!(" {}", scope.meaning) }</span>
                    </li>
                }
            </ul>
        },
    }
}

fn risk_class(risk: Option<Risk>) -> &'static str {
    match risk {
        Some(Risk::High) => "high",
        Some(Risk::Medium) => "medium",
        Some(Risk::Low) => "low",
        None => "unknown",
    }
}

fn risk_title(risk: Option<Risk>) -> &'static str {
    match risk {
        Some(Risk::High) => "High risk",
        Some(Risk::Medium) => "Medium risk",
        Some(Risk::Low) => "Low risk",
        None => "Unknown risk",
    }
}

fn risk_mark(risk: Option<Risk>) -> &'static str {
    match risk {
        Some(Risk::High) => "▲",
        Some(Risk::Medium) => "◆",
        Some(Risk::Low) => "●",
        None => "?",
    }
}
