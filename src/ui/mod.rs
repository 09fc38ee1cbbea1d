//! The yew user interfaces: the popup and the in-page banner, one folder per screen.

pub mod banner;
mod card;
pub mod popup;
mod shield;

use yew::BaseComponent;

/// Render a root component into the page's `#app` element (or `<body>` if it is missing).
pub fn mount<C>()
where
    C: BaseComponent,
    C::Properties: Default,
{
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let root = document
        .get_element_by_id("app")
        .or_else(|| document.body().map(Into::into));
    if let Some(root) = root {
        yew::Renderer::<C>::with_root(root).render();
    }
}

/// Move keyboard focus to the element with this `data-testid` once it is rendered (after a
/// dismissal or a step, focus goes somewhere useful instead of to the body).
pub(crate) fn focus_testid(testid: &'static str) {
    yew::platform::spawn_local(async move {
        use wasm_bindgen::JsCast;
        if let Some(element) = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| {
                document
                    .query_selector(&format!("[data-testid=\"{testid}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
