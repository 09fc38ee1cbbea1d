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
