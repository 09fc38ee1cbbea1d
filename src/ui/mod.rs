//! The user interfaces: the popup (yew) and the in-page banner (plain elements, to stay
//! small), with the verdict card both show.

#[cfg(feature = "banner")]
pub mod banner;
mod card;
mod dom;
#[cfg(feature = "popup")]
pub mod popup;

/// Render a root component into the page's `#app` element (or `<body>` if it is missing).
#[cfg(feature = "popup")]
pub fn mount<C>()
where
    C: yew::BaseComponent,
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
