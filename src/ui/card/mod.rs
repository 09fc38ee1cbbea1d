//! The verdict card: everything a check found, the same in the popup and in the banner.
//! Built as plain elements (`ui::dom`), so the banner needs no yew; every string from the
//! network goes in as text, never as markup.
//!
//! A card keeps its own state (a rate limit's countdown, the revoke steps) and is dropped
//! with its listeners and timer when whoever shows it lets go of it.

mod revoke;

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use self::revoke::Step;
use crate::browser::github::now;
use crate::github::scopes::Risk;
use crate::github::{self, expiry, Expiry, Report, Sso, Verdict};
use crate::hosts::{host_named, Host};
use crate::page::new_token_path;
use crate::token::Token;
use crate::ui::dom::{el, focus, testid_of, El, Interval, Listener};

/// How a verdict is named to the user.
pub fn verdict_title(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Valid => "Valid",
        Verdict::Invalid => "Invalid",
        Verdict::Unknown => "Couldn't check",
        Verdict::Malformed => "Can't be sent",
    }
}

/// A card on screen; dropping it stops its listeners and timer (remove its element too).
pub struct Card {
    inner: Rc<Inner>,
}

struct Inner {
    root: Element,
    /// The checked token, for the revoke action; `None` hides it.
    token: Option<Token>,
    /// The host PAT Guard itself asked (never a name from the network).
    host: Option<Host>,
    /// Ask again: offered on every "couldn't check" card.
    retry: Option<Rc<dyn Fn()>>,
    /// When GitHub's rate limit allows asking again (Unix seconds).
    retry_at: i64,
    revoke: Cell<Step>,
    listeners: RefCell<Vec<Listener>>,
    countdown: RefCell<Option<Interval>>,
}

impl Card {
    /// `now` is Unix seconds, for "in 5 days".
    pub fn new(
        report: Rc<Report>,
        now: i64,
        token: Option<Token>,
        retry: Option<Rc<dyn Fn()>>,
    ) -> Card {
        let host = host_named(&report.host);
        let retry_at = now + report.wait_seconds.unwrap_or(0) as i64;
        let root = build(&report, now, retry.is_some(), &token, &host);
        let inner = Rc::new(Inner {
            root,
            token,
            host,
            retry,
            retry_at,
            revoke: Cell::new(Step::Closed),
            listeners: Default::default(),
            countdown: Default::default(),
        });
        inner.show_retry();
        let weak = Rc::downgrade(&inner);
        let on_click = Listener::new(&inner.root, "click", {
            let weak = weak.clone();
            move |event| {
                if let (Some(inner), Some(testid)) = (weak.upgrade(), testid_of(&event)) {
                    inner.clicked(&testid);
                }
            }
        });
        let on_key = Listener::new(&inner.root, "keydown", {
            let weak = weak.clone();
            move |event| {
                let escape = event
                    .clone()
                    .dyn_into::<KeyboardEvent>()
                    .is_ok_and(|key| key.key() == "Escape");
                if let (true, Some(inner)) = (escape, weak.upgrade()) {
                    if inner.revoke.get() == Step::Confirming {
                        event.prevent_default();
                        inner.set_revoke(Step::Closed, "revoke");
                    }
                }
            }
        });
        inner.listeners.replace(vec![on_click, on_key]);
        if inner.retry.is_some() && inner.retry_at > now {
            let interval = Interval::every(1000, move || {
                if let Some(inner) = weak.upgrade() {
                    inner.show_retry();
                }
            });
            inner.countdown.replace(interval);
        }
        Card { inner }
    }

    pub fn element(&self) -> &Element {
        &self.inner.root
    }
}

impl Inner {
    fn clicked(self: &Rc<Self>, testid: &str) {
        match testid {
            "retry" => {
                if let Some(retry) = &self.retry {
                    retry();
                }
            }
            "revoke" => self.set_revoke(Step::Confirming, "revoke-cancel"),
            "revoke-cancel" => self.set_revoke(Step::Closed, "revoke"),
            "revoke-confirm" if self.revoke.get() == Step::Confirming => self.start_revoke(),
            _ => {}
        }
    }

    /// "Try again", counting down while GitHub's rate limit says to wait.
    fn show_retry(&self) {
        let Some(button) = crate::ui::dom::by_testid(&self.root, "retry") else {
            return;
        };
        let left = self.retry_at - now();
        let label = match left {
            ..=0 => "Try again".to_owned(),
            1..=90 => format!("Try again in {left} s"),
            _ => format!("Try again in {} min", (left + 59) / 60),
        };
        if button.text_content().as_deref() != Some(label.as_str()) {
            button.set_text_content(Some(&label));
        }
        let _ = if left > 0 {
            button.set_attribute("disabled", "")
        } else {
            button.remove_attribute("disabled")
        };
    }

    /// Show a revoke step, then move focus where the step expects it.
    fn set_revoke(&self, step: Step, focus_on: &str) {
        self.revoke.set(step);
        if let Some(panel) = self.root.query_selector(".revoke").ok().flatten() {
            crate::ui::dom::replace_children(&panel, revoke::view(step, self.host.as_ref()));
        }
        if step == Step::Done(github::RevokeOutcome::Revoked) {
            self.mark_revoked();
        }
        focus(&self.root, focus_on);
    }

    fn start_revoke(self: &Rc<Self>) {
        let (Some(token), Some(host)) = (self.token.clone(), self.host.clone()) else {
            return;
        };
        self.set_revoke(Step::Revoking, "");
        let weak: Weak<Inner> = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = revoke::revoke(&token, &host).await;
            if let Some(inner) = weak.upgrade() {
                inner.set_revoke(Step::Done(outcome), "revoke-result");
            }
        });
    }

    /// GitHub accepted the revocation: the card says so instead of "Valid".
    fn mark_revoked(&self) {
        if let Some(badge) = crate::ui::dom::by_testid(&self.root, "verdict-title") {
            let _ = badge.set_attribute("class", "verdict-badge invalid");
            let _ = badge.set_attribute("data-revoked", "true");
            badge.set_text_content(Some("Revoked"));
        }
    }
}

/// The card's elements, as the report says.
fn build(
    report: &Report,
    now: i64,
    retry: bool,
    token: &Option<Token>,
    host: &Option<Host>,
) -> Element {
    let verdict = report.verdict;
    let user = report.user.as_ref().map(|user| {
        let avatar = user.avatar_url.as_ref().map(|avatar| {
            el("img")
                .class("avatar")
                .attr("src", avatar)
                .attr("alt", "")
                .attr("width", "32")
                .attr("height", "32")
                .attr("referrerpolicy", "no-referrer")
        });
        let name = user.name.as_ref().map(|name| {
            el("span")
                .class("muted")
                .testid("name")
                .text(&format!(" · {name}"))
        });
        el("p").class("user").maybe(avatar).child(
            el("span")
                .child(el("strong").testid("login").text(&user.login))
                .maybe(name),
        )
    });
    let sso = match &report.sso {
        Sso::Required { url: Some(url) } => {
            Some(el("p").child(link(url, "sso-link").text("Authorize for single sign-on")))
        }
        _ => None,
    };
    let warnings = (!report.warnings.is_empty()).then(|| {
        el("ul")
            .class("warnings")
            .children(report.warnings.iter().map(|warning| {
                el("li")
                    .class("warning")
                    .testid("warning")
                    .attr("data-code", warning.code.code())
                    .text(&warning.message)
            }))
    });
    let retry = (verdict == Verdict::Unknown && retry)
        .then(|| el("p").child(el("button").button().testid("retry").text("Try again")));
    let new_token = match (verdict, host) {
        (Verdict::Invalid, Some(host)) => Some(
            el("p").child(
                link(
                    &format!("{}{}", host.web_origin(), new_token_path(report.kind)),
                    "new-token",
                )
                .text("Make a new token"),
            ),
        ),
        _ => None,
    };
    let new_token_with_scopes = report.new_token_url.as_ref().map(|url| {
        el("p").child(link(url, "new-token-link").text(&format!(
            "Create a token with {}",
            report.missing_scopes.join(", ")
        )))
    });
    let revoke = match (token, host) {
        (Some(_), Some(_))
            if github::can_revoke(report.kind)
                && verdict != Verdict::Invalid
                && verdict != Verdict::Malformed =>
        {
            Some(
                el("div")
                    .class("revoke")
                    .child(revoke::view(Step::Closed, host.as_ref())),
            )
        }
        _ => None,
    };
    el("section")
        .class(&format!("card {}", verdict.code()))
        .testid("verdict")
        .attr("data-verdict", verdict.code())
        .attr("data-kind", report.kind.code())
        .attr("data-host", &report.host)
        .child(
            el("header")
                .class("card-head")
                .child(
                    el("span")
                        .class(&format!("verdict-badge {}", verdict.code()))
                        .testid("verdict-title")
                        .attr("data-revoked", "false")
                        .text(verdict_title(verdict)),
                )
                .child(el("span").class("card-kind").text(report.kind.label())),
        )
        .child(
            el("p")
                .class("summary")
                .testid("summary")
                .text(&report.summary),
        )
        .maybe((verdict != Verdict::Malformed).then(|| {
            el("p")
                .class("muted small")
                .testid("answered-by")
                .text(&format!("Asked {}", report.host))
        }))
        .maybe(user)
        .maybe(expiry_line(&report.expiry, now, verdict))
        .maybe(scope_list(report))
        .maybe(sso)
        .maybe(warnings)
        .maybe(retry)
        .maybe(new_token)
        .maybe(new_token_with_scopes)
        .maybe(details(report, now))
        .maybe(revoke)
        .0
}

/// A link that opens in a new tab and tells the other side nothing about this page.
fn link(href: &str, testid: &str) -> El {
    el("a")
        .class("button-link")
        .testid(testid)
        .attr("href", href)
        .attr("target", "_blank")
        .attr("rel", "noopener noreferrer")
}

fn expiry_line(expiry: &Expiry, now: i64, verdict: Verdict) -> Option<El> {
    let text = match expiry {
        Expiry::Never => "Never expires".to_owned(),
        Expiry::At { unix, .. } => format!(
            "Expires {} ({})",
            expiry::date(*unix),
            expiry::relative(*unix, now)
        ),
        Expiry::Unknown if verdict == Verdict::Valid => "Expiry unknown".to_owned(),
        Expiry::Unknown => return None,
    };
    Some(
        el("p")
            .class("expiry")
            .testid("expiry")
            .attr("data-expires", expiry.attribute())
            .text(&text),
    )
}

fn scope_list(report: &Report) -> Option<El> {
    if report.verdict != Verdict::Valid {
        return None;
    }
    Some(match &report.scopes {
        None => el("p").class("muted scopes-none").testid("no-scope-list").text(
            "No scope list: fine-grained tokens have per-repository permissions, which GitHub's API does not list.",
        ),
        Some(scopes) if scopes.is_empty() => el("p")
            .class("muted")
            .testid("no-scopes")
            .text("No scopes: this token can only read public data."),
        Some(scopes) => el("ul")
            .class("scopes")
            .attr("aria-label", "Scopes")
            .children(scopes.iter().map(|scope| {
                el("li")
                    .class("scope")
                    .testid("scope")
                    .attr("data-scope", &scope.name)
                    .attr("title", &format!("{}: {}", scope.name, scope.meaning))
                    .child(
                        el("span")
                            .class(&format!("risk {}", risk_class(scope.risk)))
                            .attr("title", risk_title(scope.risk))
                            .child(
                                el("span")
                                    .attr("aria-hidden", "true")
                                    .text(risk_mark(scope.risk)),
                            )
                            .child(
                                el("span")
                                    .class("visually-hidden")
                                    .text(risk_title(scope.risk)),
                            ),
                    )
                    .child(el("code").text(&scope.name))
                    .child(el("span").class("muted").text(&format!(" {}", scope.meaning)))
            })),
    })
}

/// What GitHub said besides the verdict, folded away.
fn details(report: &Report, now: i64) -> Option<El> {
    if report.github_message.is_none() && report.rate.is_none() && report.request_id.is_none() {
        return None;
    }
    let mut facts = el("dl").class("facts");
    if let Some(message) = &report.github_message {
        facts = facts
            .child(el("dt").text("GitHub said"))
            .child(el("dd").testid("github-message").text(message));
    }
    if let Some(rate) = &report.rate {
        if let (Some(remaining), Some(limit)) = (rate.remaining, rate.limit) {
            let mut line = el("dd")
                .testid("rate-limit")
                .text(&format!("{remaining} of {limit} requests left"));
            if let Some(reset) = rate.reset {
                line = line.text(&format!(", resets {}", expiry::relative(reset, now)));
            }
            facts = facts.child(el("dt").text("Rate limit")).child(line);
        }
    }
    if let Some(id) = &report.request_id {
        facts = facts
            .child(el("dt").text("Request ID"))
            .child(el("dd").child(el("code").testid("request-id").text(id)));
    }
    Some(
        el("details")
            .class("details")
            .testid("details")
            .child(el("summary").text("Details"))
            .child(facts),
    )
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
