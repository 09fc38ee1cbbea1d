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
    if let Some(root) = dom::app_root() {
        yew::Renderer::<C>::with_root(root).render();
    }
}
