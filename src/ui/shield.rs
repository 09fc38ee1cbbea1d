//! The product mark, shared by the popup and the banner.

use yew::prelude::*;

/// The product mark, drawn inline so no image request is needed.
#[component]
pub fn Shield() -> Html {
    html! {
        <svg class="shield" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
            <path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5z" fill="currentColor" />
            <path d="m8.5 12 2.5 2.5 4.5-5" fill="none" stroke="var(--surface)"
                stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}
