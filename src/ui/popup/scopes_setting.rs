//! The one setting users see: the scopes their integration needs. Stored in extension
//! storage (never with a token); the card then lists what a token lacks.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::github::scopes::parse_scope_list;

#[derive(Properties, PartialEq)]
pub struct ScopesSettingProps {
    pub scopes: Vec<String>,
    pub onchange: Callback<Vec<String>>,
}

#[component]
pub fn ScopesSetting(props: &ScopesSettingProps) -> Html {
    let onchange = {
        let callback = props.onchange.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            callback.emit(parse_scope_list(&input.value()));
        })
    };
    html! {
        <details class="setting">
            <summary>{ "Scopes your integration needs" }
                if !props.scopes.is_empty() {
                    <span class="muted">{ format!(": {}", props.scopes.join(", ")) }</span>
                }
            </summary>
            <label for="required-scopes" class="visually-hidden">{ "Required scopes" }</label>
            <input id="required-scopes" data-testid="required-scopes" type="text"
                placeholder="e.g. repo, read:org" autocomplete="off" spellcheck="false"
                value={props.scopes.join(", ")} {onchange} />
            <p class="muted small">
                { "Saved in this browser. Validation then lists the scopes a classic token lacks \
                   and links to a correctly scoped new one." }
            </p>
        </details>
    }
}
