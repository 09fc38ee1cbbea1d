//! The one setting users see: the scopes their integration needs. Stored in extension
//! storage (never with a token); the card then lists what a token lacks.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::github::scopes::{parse_scope_list, unknown};

#[derive(Properties, PartialEq)]
pub struct ScopesSettingProps {
    pub scopes: Vec<String>,
    pub onchange: Callback<Vec<String>>,
}

#[component]
pub fn ScopesSetting(props: &ScopesSettingProps) -> Html {
    // What is being typed (until it is committed), checked against GitHub's scope names as
    // it is typed; the field shows it, else the stored list.
    let typed = use_state(|| None::<String>);
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            typed.set(Some(input.value()));
        })
    };
    let text = (*typed).clone().unwrap_or_else(|| props.scopes.join(", "));
    let names = parse_scope_list(&text);
    let unknown = unknown(&names);
    let onchange = {
        let (callback, typed) = (props.onchange.clone(), typed.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            callback.emit(parse_scope_list(&input.value()));
            typed.set(None);
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
                value={text} {oninput} {onchange}
                aria-describedby={(!unknown.is_empty()).then_some("unknown-scopes")} />
            if !unknown.is_empty() {
                <p class="problem warning small" id="unknown-scopes" data-testid="unknown-scopes">
                    { format!("GitHub has no scope named {}: check the spelling.", unknown.join(", ")) }
                </p>
            }
            <p class="muted small">
                { "Saved in this browser. Validation then lists the scopes a classic token lacks \
                   and links to a correctly scoped new one." }
            </p>
        </details>
    }
}
