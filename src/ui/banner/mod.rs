//! The in-page banner, shown in an iframe that the content script places in GitHub's page:
//! the reminder right below a freshly generated token, the notice that it is gone, or a
//! warning beside a field that holds a secret. It learns the kind, the save state and an
//! opaque fingerprint from its URL, and asks the background for everything else; it receives
//! the token only when the user asks it to check it (the frame is the extension's: the page
//! cannot read it), and checks it with GitHub itself.
//!
//! Plain elements (`ui::dom`), no yew: the banner loads in GitHub's page, so its module is
//! kept small. Each change of state rebuilds the banner's few elements; a card shown in it
//! is kept across rebuilds (it has its own state).

mod state;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

pub use self::state::Shown;
use crate::browser;
use crate::browser::github::{check_handed, now};
use crate::browser::http::Cancel;
use crate::message::{
    banner_live, banner_params, leak_params, leak_state, BannerLive, BannerParams, BannerReply,
    BannerRequest, LeakParams,
};
use crate::page::{regenerate_path, secret_label, SaveState, SecretKind};
use crate::token::{Kind, SecretString, Token};
use crate::ui::card::Card;
use crate::ui::dom::{
    app_root, document, el, focus, replace_children, shield, testid_of, El, Listener,
};

/// Show the banner in `#app` of `banner.html`, as its URL says.
pub fn start() {
    let Some(root) = app_root() else {
        return;
    };
    let query = document()
        .location()
        .and_then(|location| location.search().ok());
    let query = query.unwrap_or_default();
    let fragment = fragment();
    let app = Rc::new(App {
        root,
        params: banner_params(&query),
        leak: leak_params(&query),
        shown: RefCell::new(Shown::from(banner_live(&fragment))),
        leak_state: Cell::new(leak_state(&fragment)),
        error: RefCell::new(None),
        collapsed: Cell::new(false),
        check: RefCell::new(Check::Idle),
    });
    app.render(None);
    let weak = Rc::downgrade(&app);
    Listener::new(&app.root, "click", {
        let weak = weak.clone();
        move |event| {
            if let (Some(app), Some(testid)) = (weak.upgrade(), testid_of(&event)) {
                app.clicked(&testid);
            }
        }
    })
    .forever();
    if let Some(window) = web_sys::window() {
        // The content script says what changed (a copy, the expiry, a held post) by
        // rewriting the frame's URL fragment.
        Listener::new(&window, "hashchange", move |_| {
            if let Some(app) = weak.upgrade() {
                app.fragment_changed();
            }
        })
        .forever();
    }
    fit_frame_to(&app.root);
    // The banner lives as long as its frame.
    std::mem::forget(app);
}

/// The frame's URL fragment, where the content script writes what changed.
fn fragment() -> String {
    document()
        .location()
        .and_then(|location| location.hash().ok())
        .unwrap_or_default()
}

/// Ask the content script (through the background) to make the frame fit the page.
fn fit_frame(root: &Element) {
    // The content's own height (the root element's would be at least the frame's).
    let height = root.scroll_height();
    if height > 0 {
        browser::tell(BannerRequest::ResizeBanner {
            height: height as u32 + 4,
        });
    }
}

/// Fit the frame to the banner whenever its content changes size: a new state, the expiry
/// arriving, a card, a narrower window that wraps the text, a larger font.
fn fit_frame_to(root: &Element) {
    let on_resize = {
        let root = root.clone();
        Closure::<dyn Fn()>::new(move || fit_frame(&root))
    };
    match web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        Ok(observer) => observer.observe(root),
        Err(_) => fit_frame(root),
    }
    on_resize.forget(); // lives as long as the banner
}

/// The check in place.
enum Check {
    Idle,
    Checking,
    Done(Card),
    Failed(String),
}

struct App {
    root: Element,
    params: BannerParams,
    /// Set when this frame is a leak warning.
    leak: Option<LeakParams>,
    shown: RefCell<Shown>,
    leak_state: Cell<&'static str>,
    /// Why the last action failed.
    error: RefCell<Option<String>>,
    /// ✕ while the token is unsaved shrinks the reminder to a mark: the leave guard is still
    /// armed, and the mark says why.
    collapsed: Cell<bool>,
    check: RefCell<Check>,
}

/// What a click in the banner expects back: a plain acknowledgement.
fn acknowledged(reply: BannerReply) -> Option<()> {
    matches!(reply, BannerReply::Ack {}).then_some(())
}

impl App {
    /// Rebuild the banner, then put focus on `focus_on`, or back where it was.
    fn render(&self, focus_on: Option<&str>) {
        let document = document();
        let focused = document
            .active_element()
            .filter(|element| self.root.contains(Some(element)))
            .and_then(|element| element.get_attribute("data-testid"));
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("data-theme", self.shown.borrow().theme.code());
        }
        // No `main` or `h1`: the frame is part of GitHub's page, which has its own.
        let view = match &self.leak {
            Some(leak) => self.leak_warning(leak),
            None if self.params.lost => self.lost_notice(),
            None => self.reminder(),
        };
        replace_children(&self.root, view);
        if let Some(testid) = focus_on.or(focused.as_deref()) {
            focus(&self.root, testid);
        }
    }

    fn fragment_changed(&self) {
        let fragment = fragment();
        let changed = self.shown.borrow_mut().apply(banner_live(&fragment));
        let leak = leak_state(&fragment);
        let leak_changed = leak != self.leak_state.replace(leak);
        if changed || (self.leak.is_some() && leak_changed) {
            self.render(None);
        }
    }

    fn clicked(self: &Rc<Self>, testid: &str) {
        match (self.leak.is_some(), testid) {
            (false, "ack") => self.acknowledge(),
            (false, "dismiss") => self.dismiss(),
            (false, "expand") => {
                self.collapsed.set(false);
                self.render(Some("ack"));
            }
            (false, "check") => self.check(BannerRequest::CheckShownToken {}),
            (true, "check") => self.check(BannerRequest::CheckLeak {}),
            (true, "leak-remove") => self.decide(false),
            (true, "leak-keep") => self.decide(true),
            _ => {}
        }
    }

    /// Ask the background, then show what went wrong, if anything.
    fn ask_then(self: &Rc<Self>, request: BannerRequest, done: impl FnOnce(&App) + 'static) {
        let weak = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let answer = browser::ask(&request, acknowledged).await;
            let Some(app) = weak.upgrade() else {
                return;
            };
            match answer {
                Ok(()) => done(&app),
                Err(why) => {
                    app.error.replace(Some(why.to_string()));
                    app.render(None);
                }
            }
        });
    }

    fn acknowledge(self: &Rc<Self>) {
        let Some(fingerprint) = self.params.fingerprint.clone() else {
            return;
        };
        self.ask_then(BannerRequest::TokenAcknowledged { fingerprint }, |app| {
            app.shown.borrow_mut().apply(BannerLive {
                state: SaveState::Acknowledged,
                expires: None,
                theme: None,
            });
            app.render(Some("dismiss"));
        });
    }

    fn dismiss(self: &Rc<Self>) {
        if self.params.lost {
            browser::tell(BannerRequest::BannerDismissed {});
        } else if !self.shown.borrow().state.is_saved() {
            self.collapsed.set(true);
            self.render(Some("expand"));
        } else {
            self.ask_then(BannerRequest::BannerDismissed {}, |_| {});
        }
    }

    fn decide(self: &Rc<Self>, keep: bool) {
        self.ask_then(BannerRequest::LeakDecision { keep }, |_| {});
    }

    /// The check in place, one at a time: the reminder's of the token on the page ("Check
    /// it", and its card's "Try again"), or a leak warning's of the posted secret (whose card
    /// offers to revoke it, with the token the background hands back).
    fn check(self: &Rc<Self>, request: BannerRequest) {
        if matches!(*self.check.borrow(), Check::Checking) {
            return;
        }
        self.check.replace(Check::Checking);
        self.render(None);
        let leak = matches!(request, BannerRequest::CheckLeak {});
        let weak = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let checked = match browser::ask(&request, |reply| match reply {
                BannerReply::TokenToCheck(handed) => Some(handed),
                BannerReply::Ack {} => None,
            })
            .await
            {
                Ok(handed) => {
                    // A leak warning's card offers to revoke the token, so it keeps a copy.
                    let kept = leak.then(|| SecretString::new(handed.token.0.expose().to_owned()));
                    match Cancel::new() {
                        Some(cancel) => {
                            let settings = browser::storage::load_settings().await;
                            Ok((check_handed(handed, &settings, &cancel).await, kept))
                        }
                        None => Err("the browser cannot make the request".to_owned()),
                    }
                }
                Err(why) => Err(why.to_string()),
            };
            let Some(app) = weak.upgrade() else {
                return;
            };
            app.check.replace(match checked {
                Ok((report, token)) => {
                    let token = token.map(|token| Token::new(token.into_inner(), report.kind));
                    let retry = (!leak).then(|| {
                        Rc::new(move || {
                            if let Some(app) = weak.upgrade() {
                                app.check(BannerRequest::CheckShownToken {});
                            }
                        }) as Rc<dyn Fn()>
                    });
                    Check::Done(Card::new(Rc::new(report), now(), token, retry))
                }
                Err(why) => Check::Failed(why),
            });
            app.render(None);
        });
    }

    fn reminder(&self) -> El {
        let params = &self.params;
        let shown = self.shown.borrow();
        let what = secret_label(params.secret, params.kind);
        let section = el("section")
            .testid("banner")
            .attr("data-state", shown.state.code())
            .attr("data-kind", params.kind.map_or("", Kind::code))
            .attr("data-theme", shown.theme.code());
        if self.collapsed.get() && !shown.state.is_saved() {
            return section
                .class("banner collapsed")
                .attr("data-collapsed", "true")
                .attr("aria-label", "PAT Guard reminder")
                .child(row(
                    el("span")
                        .class("banner-text")
                        .text(&format!("This {what} is not saved yet.")),
                    Some(el("button").button().testid("expand").text("Show reminder")),
                ));
        }
        let (headline, detail) = match shown.state {
            SaveState::Unsaved => (
                "Not saved yet.",
                format!("Put this {what} in your password manager. PAT Guard warns you if you try to leave this page before you copy it."),
            ),
            SaveState::Copied => (
                "Copied.",
                "Now paste it into your password manager: a clipboard, a chat or a text file is no place to keep it.".to_owned(),
            ),
            SaveState::Acknowledged => (
                "Saved.",
                "PAT Guard will not remind you about this one again.".to_owned(),
            ),
        };
        let check = self.check.borrow();
        let checking = matches!(*check, Check::Checking);
        let saved = shown.state.is_saved();
        let text = el("div")
            .class("banner-text")
            .attr("role", "status")
            .child(el("strong").text(headline))
            .text(" ")
            .text(&detail)
            .maybe(shown.expires.as_ref().map(|expires| {
                el("span")
                    .class("muted")
                    .testid("banner-expires")
                    .text(&format!(" {expires}."))
            }))
            .maybe(
                self.error
                    .borrow()
                    .as_ref()
                    .map(|why| el("span").class("error").text(&format!(" {why}"))),
            );
        let actions = el("div")
            .class("banner-actions")
            .maybe(
                (shown.state != SaveState::Acknowledged)
                    .then(|| el("button").button().testid("ack").text("I've saved it")),
            )
            .maybe((params.secret != Some(SecretKind::ClientSecret)).then(|| {
                el("button")
                    .button()
                    .testid("check")
                    .disabled(checking)
                    .attr("aria-busy", if checking { "true" } else { "false" })
                    .text(if checking { "Checking…" } else { "Check it" })
            }))
            .child(if saved {
                close_button("Dismiss this reminder", "Dismiss")
            } else {
                close_button("Shrink this reminder", "Shrink")
            });
        let result = match &*check {
            Check::Done(card) => Some(el("div").node(card.element())),
            Check::Failed(why) => Some(
                el("p")
                    .class("error")
                    .testid("check-error")
                    .attr("role", "status")
                    .text(&format!("Could not check it: {why}")),
            ),
            Check::Checking => Some(
                el("p")
                    .class("progress")
                    .attr("role", "status")
                    .child(el("span").class("spinner").attr("aria-hidden", "true"))
                    .text("Asking GitHub…"),
            ),
            Check::Idle => None,
        };
        section
            .class("banner")
            .attr("aria-label", "PAT Guard reminder")
            .child(row(text, Some(actions)))
            .maybe(result)
    }

    /// Said beside a text field that holds a secret: what it is (redacted), that anyone who
    /// can read the page could use it, and the two ways out. The page never sees this
    /// frame's contents; the content script acts on the user's choice.
    fn leak_warning(&self, params: &LeakParams) -> El {
        let what = if params.kind == "private-key" {
            "a private key".to_owned()
        } else {
            Kind::from_code(&params.kind).map_or_else(
                || "a GitHub token".to_owned(),
                |kind| format!("a {}", kind.label()),
            )
        };
        let state = self.leak_state.get();
        let redacted = &params.redacted;
        let (headline, detail) = match state {
            "held" => (
                format!("Not posted: this field holds {what} ({redacted})."),
                "PAT Guard held the post. Anyone who can read this page could use it: remove it, or keep it if you mean to.",
            ),
            "removed" => (
                format!("Removed {what} ({redacted}) from the field."),
                "The rest of your text is as it was.",
            ),
            "kept" => (
                format!("You kept {what} ({redacted}) in this field."),
                "PAT Guard will not warn about it again here.",
            ),
            "posted" => (
                format!("{what} ({redacted}) was posted."),
                "Anyone who can read this page can use it now. Check it, and revoke it if it works.",
            ),
            _ => (
                format!("This field holds {what} ({redacted})."),
                "Anyone who can read this page could use it. Remove it before you post.",
            ),
        };
        let check = self.check.borrow();
        let checking = matches!(*check, Check::Checking);
        let actions = if matches!(state, "warning" | "held") {
            Some(
                el("div")
                    .class("banner-actions")
                    .child(
                        el("button")
                            .button()
                            .class("primary")
                            .testid("leak-remove")
                            .text("Remove it"),
                    )
                    .child(el("button").button().testid("leak-keep").text("Keep it")),
            )
        } else if state == "posted" && params.kind != "private-key" {
            Some(
                el("div").class("banner-actions").child(
                    el("button")
                        .button()
                        .class("primary")
                        .testid("check")
                        .disabled(checking)
                        .text(if checking { "Checking…" } else { "Check it" }),
                ),
            )
        } else {
            None
        };
        let problem = |text: &str| {
            el("p")
                .class("problem small")
                .attr("role", "alert")
                .text(text)
        };
        let result = match &*check {
            Check::Done(card) => Some(el("div").node(card.element())),
            Check::Failed(why) => Some(problem(&format!("Could not check it: {why}"))),
            Check::Idle | Check::Checking => None,
        };
        el("section")
            .class("banner leak")
            .testid("leak-warning")
            .attr("data-kind", &params.kind)
            .attr("data-state", state)
            .attr("aria-label", "PAT Guard warning")
            .attr("role", "alert")
            .child(row(
                el("div")
                    .class("banner-text")
                    .child(el("strong").text(&headline))
                    .text(" ")
                    .text(detail),
                actions,
            ))
            .maybe(self.error.borrow().as_deref().map(problem))
            .maybe(result)
    }

    /// Shown after a history navigation took the user away from an unsaved token.
    fn lost_notice(&self) -> El {
        let kind = self.params.kind.unwrap_or(Kind::Classic);
        let origin = self.params.host.as_ref().map_or_else(
            || crate::hosts::Host::github_com().web_origin(),
            |host| host.web_origin(),
        );
        el("section")
            .class("banner lost")
            .testid("token-lost")
            .attr("data-kind", kind.code())
            .attr("data-theme", self.shown.borrow().theme.code())
            .attr("aria-label", "PAT Guard notice")
            .child(row(
                el("div")
                    .class("banner-text")
                    .attr("role", "status")
                    .child(el("strong").text("The new token is no longer on screen."))
                    .text(" GitHub will not show it again. If you did not save it, regenerate it: ")
                    .child(
                        el("a")
                            .attr("href", &format!("{origin}{}", regenerate_path(kind)))
                            .attr("target", "_top")
                            .testid("regenerate")
                            .text("open your tokens"),
                    )
                    .text("."),
                Some(
                    el("div")
                        .class("banner-actions")
                        .child(close_button("Dismiss this notice", "Dismiss")),
                ),
            ))
    }
}

/// A banner's one row: the mark, what it says, and its buttons.
fn row(text: El, actions: Option<El>) -> El {
    el("div")
        .class("banner-row")
        .child(shield())
        .child(text)
        .maybe(actions)
}

/// The ✕ that shrinks or dismisses a banner.
fn close_button(label: &str, title: &str) -> El {
    el("button")
        .button()
        .class("ghost icon")
        .testid("dismiss")
        .attr("aria-label", label)
        .attr("title", title)
        .text("✕")
}
