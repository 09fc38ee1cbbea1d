//! The token input, with a show/hide toggle. It is a text field masked by CSS, not a
//! password field: a password field makes the browser (and password-manager extensions)
//! offer to save what was typed, as a login for the extension's address. No spellcheck,
//! autocomplete or autocorrect, and the markers password managers honour to stay away.

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
    let field = use_node_ref();
    {
        // 1Password's marker: `html!` cannot spell an attribute name with a digit segment.
        let field = field.clone();
        use_effect_with((), move |_| {
            if let Some(input) = field.cast::<HtmlInputElement>() {
                let _ = input.set_attribute("data-1p-ignore", "true");
                // Focused on open: Ctrl+V pastes straight away.
                let _ = input.focus();
            }
        });
    }
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
                <input id="token-input" data-testid="token-input" type="text"
                    class={if *visible { "token-input" } else { "token-input masked" }}
                    placeholder="ghp_… or github_pat_…"
                    autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                    ref={field} data-lpignore="true" data-bwignore="true"
                    data-form-type="other"
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
