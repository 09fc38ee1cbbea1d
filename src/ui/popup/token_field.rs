//! The token input: a password field (no spellcheck, autocomplete or autocorrect, so the
//! browser keeps no copy) with a show/hide toggle.

use web_sys::HtmlInputElement;
use yew::prelude::*;
use zeroize::Zeroizing;

#[derive(Properties, PartialEq)]
pub struct TokenFieldProps {
    /// Called with the field's whole text on every change.
    pub ontext: Callback<Zeroizing<String>>,
    /// Enter pressed in the field.
    pub onsubmit: Callback<()>,
}

#[component]
pub fn TokenField(props: &TokenFieldProps) -> Html {
    let visible = use_state(|| false);
    let oninput = {
        let ontext = props.ontext.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            ontext.emit(Zeroizing::new(input.value()));
        })
    };
    let onkeydown = {
        let onsubmit = props.onsubmit.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Enter" {
                event.prevent_default();
                onsubmit.emit(());
            }
        })
    };
    let ontoggle = {
        let visible = visible.clone();
        Callback::from(move |_: MouseEvent| visible.set(!*visible))
    };
    html! {
        <div class="token-field">
            <label for="token-input">{ "Token" }</label>
            <div class="token-row">
                <input id="token-input" data-testid="token-input"
                    type={if *visible { "text" } else { "password" }}
                    placeholder="ghp_… or github_pat_…"
                    autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                    {oninput} {onkeydown} />
                <button type="button" class="ghost" data-testid="toggle-visibility"
                    aria-pressed={if *visible { "true" } else { "false" }}
                    aria-controls="token-input" onclick={ontoggle}>
                    { if *visible { "Hide" } else { "Show" } }
                </button>
            </div>
        </div>
    }
}
