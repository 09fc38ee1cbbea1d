//! Building the page directly, for the interface that must stay small: the in-page banner and
//! the verdict card (which the popup shows too). yew would cost the banner's module about 60 KB
//! gzipped; the banner's few states are rebuilt in full instead of diffed.
//!
//! Every string goes into the page as text (a text node or an attribute's value), never as
//! markup: what GitHub or a page says cannot become an element.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, UnwrapThrowExt};
use web_sys::{Document, Element, Event, EventTarget, HtmlElement};

thread_local! {
    static DOCUMENT: Document = web_sys::window()
        .and_then(|window| window.document())
        .expect_throw("an extension page has a document");
}

/// The page's document.
pub fn document() -> Document {
    DOCUMENT.with(Document::clone)
}

/// Where a page of PAT Guard's renders: its `#app` element, or `<body>` if it is missing.
pub fn app_root() -> Option<Element> {
    let document = document();
    document
        .get_element_by_id("app")
        .or_else(|| document.body().map(Into::into))
}

/// An element under construction: `el("p").class("muted").text("…")`.
pub struct El(pub Element);

pub fn el(tag: &str) -> El {
    El(DOCUMENT
        .with(|document| document.create_element(tag))
        .expect_throw("a known tag name"))
}

/// An element of the SVG namespace (the product mark).
pub fn svg(tag: &str) -> El {
    El(DOCUMENT
        .with(|document| document.create_element_ns(Some("http://www.w3.org/2000/svg"), tag))
        .expect_throw("a known tag name"))
}

impl El {
    pub fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.0.set_attribute(name, value);
        self
    }

    pub fn class(self, value: &str) -> Self {
        self.attr("class", value)
    }

    pub fn testid(self, value: &str) -> Self {
        self.attr("data-testid", value)
    }

    /// `type="button"`, so no button ever submits anything.
    pub fn button(self) -> Self {
        self.attr("type", "button")
    }

    pub fn disabled(self, disabled: bool) -> Self {
        if disabled {
            self.attr("disabled", "")
        } else {
            self
        }
    }

    pub fn text(self, text: &str) -> Self {
        let _ = self.0.append_with_str_1(text);
        self
    }

    pub fn child(self, child: El) -> Self {
        let _ = self.0.append_child(&child.0);
        self
    }

    pub fn maybe(self, child: Option<El>) -> Self {
        match child {
            Some(child) => self.child(child),
            None => self,
        }
    }

    pub fn children(self, children: impl IntoIterator<Item = El>) -> Self {
        children.into_iter().fold(self, El::child)
    }

    /// An element that lives on across rebuilds (a card keeps its own state).
    pub fn node(self, node: &Element) -> Self {
        let _ = self.0.append_child(node);
        self
    }
}

/// Replace everything in `parent` with `child`.
pub fn replace_children(parent: &Element, child: El) {
    parent.set_text_content(None);
    let _ = parent.append_child(&child.0);
}

/// The element with this `data-testid` in `scope`.
pub fn by_testid(scope: &Element, testid: &str) -> Option<HtmlElement> {
    scope
        .query_selector(&format!("[data-testid=\"{testid}\"]"))
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into().ok())
}

/// Move keyboard focus to the element with this `data-testid` in `scope`, if it is there.
pub fn focus(scope: &Element, testid: &str) {
    if let Some(element) = by_testid(scope, testid) {
        let _ = element.focus();
    }
}

/// The `data-testid` of the nearest element, from where an event happened up to `scope`,
/// that has one.
pub fn testid_of(event: &Event) -> Option<String> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .closest("[data-testid]")
        .ok()??
        .get_attribute("data-testid")
}

/// An event listener that is removed when this is dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn Fn(Event)>,
}

impl Listener {
    pub fn new(target: &EventTarget, kind: &'static str, on: impl Fn(Event) + 'static) -> Self {
        let callback = Closure::<dyn Fn(Event)>::new(on);
        let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
        Listener {
            target: target.clone(),
            kind,
            callback,
        }
    }

    /// Keep listening for as long as the page lives.
    pub fn forever(self) {
        std::mem::forget(self);
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}

/// Run `on` every `ms` milliseconds until this is dropped.
pub struct Interval {
    id: i32,
    _callback: Closure<dyn Fn()>,
}

impl Interval {
    pub fn every(ms: i32, on: impl Fn() + 'static) -> Option<Interval> {
        let callback = Closure::<dyn Fn()>::new(on);
        let id = web_sys::window()?
            .set_interval_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                ms,
            )
            .ok()?;
        Some(Interval {
            id,
            _callback: callback,
        })
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_interval_with_handle(self.id);
        }
    }
}

/// The product mark, drawn inline so no image request is needed.
pub fn shield() -> El {
    svg("svg")
        .class("shield")
        .attr("viewBox", "0 0 24 24")
        .attr("width", "24")
        .attr("height", "24")
        .attr("aria-hidden", "true")
        .child(
            svg("path")
                .attr("d", "M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5z")
                .attr("fill", "currentColor"),
        )
        .child(
            svg("path")
                .attr("d", "m8.5 12 2.5 2.5 4.5-5")
                .attr("fill", "none")
                .attr("stroke", "var(--surface)")
                .attr("stroke-width", "2")
                .attr("stroke-linecap", "round")
                .attr("stroke-linejoin", "round"),
        )
}
