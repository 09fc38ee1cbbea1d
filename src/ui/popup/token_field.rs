//! The token input, with a show/hide toggle. It is a text field masked by CSS, not a
//! password field: a password field makes the browser (and password-manager extensions)
//! offer to save what was typed, as a login for the extension's address. No spellcheck,
//! autocomplete or autocorrect, and the markers password managers honour to stay away.
//!
//! The input itself is `popup.html`'s own (`#token-input` in `#early`): it is there, focused
//! and usable at first paint, before the wasm has loaded. This component adopts that very
//! element (so nothing typed or pasted meanwhile is lost, and no reference to it goes stale),
//! listens to it, and removes the rest of the early page. An Enter pressed meanwhile (noted
//! by the loader) validates once the popup has started.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;
use zeroize::Zeroizing;

#[derive(Properties, PartialEq)]
pub struct TokenFieldProps {
    /// Called with the field's whole text on every change.
    pub ontext: Callback<Zeroizing<String>>,
    /// Enter pressed in the field.
    pub onsubmit: Callback<()>,
}

/// `popup.html`'s own field, which carries every attribute above (the one place they are
/// written).
fn page_field() -> Option<HtmlInputElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id("token-input")?
        .dyn_into()
        .ok()
}

#[component]
pub fn TokenField(props: &TokenFieldProps) -> Html {
    let visible = use_state(|| false);
    let field = use_memo((), |_| page_field());
    // The latest callbacks, for listeners attached once.
    let handlers = use_mut_ref(|| (props.ontext.clone(), props.onsubmit.clone()));
    *handlers.borrow_mut() = (props.ontext.clone(), props.onsubmit.clone());
    {
        let field = (*field).clone();
        use_effect_with(*visible, move |visible| {
            if let Some(field) = field {
                let class = if *visible {
                    "token-input"
                } else {
                    "token-input masked"
                };
                let _ = field.set_attribute("class", class);
            }
        });
    }
    {
        let (field, handlers) = ((*field).clone(), handlers.clone());
        use_effect_with((), move |_| listen(field, handlers));
    }
    let ontoggle = {
        let visible = visible.clone();
        Callback::from(move |_: MouseEvent| visible.set(!*visible))
    };
    html! {
        <div class="token-field">
            <label for="token-input">{ "Token" }</label>
            <div class="token-row">
                if let Some(field) = &*field {
                    { Html::VRef(field.clone().into()) }
                }
                <button type="button" class="ghost" data-testid="toggle-visibility"
                    aria-pressed={if *visible { "true" } else { "false" }}
                    aria-controls="token-input" onclick={ontoggle}>
                    { if *visible { "Hide" } else { "Show" } }
                </button>
            </div>
        </div>
    }
}

type Handlers = Rc<RefCell<(Callback<Zeroizing<String>>, Callback<()>)>>;
type Listener = (&'static str, Closure<dyn Fn(web_sys::Event)>);

/// Listen to the adopted field, take over what it already holds, and focus it (moving it
/// into the popup blurred it). Returns the clean-up that removes the listeners.
fn listen(field: Option<HtmlInputElement>, handlers: Handlers) -> impl FnOnce() {
    let mut listeners: Vec<Listener> = Vec::new();
    if let Some(field) = &field {
        let on_input = {
            let (field, handlers) = (field.clone(), handlers.clone());
            Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
                let ontext = handlers.borrow().0.clone();
                ontext.emit(Zeroizing::new(field.value()));
            })
        };
        let on_key = {
            let handlers = handlers.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                let enter = event
                    .dyn_ref::<KeyboardEvent>()
                    .is_some_and(|key| key.key() == "Enter");
                if enter {
                    event.prevent_default();
                    let onsubmit = handlers.borrow().1.clone();
                    onsubmit.emit(());
                }
            })
        };
        for (name, listener) in [("input", on_input), ("keydown", on_key)] {
            let _ = field.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
            listeners.push((name, listener));
        }
        // The rest of the early page goes; the field lives on in the popup.
        if let Some(early) = field
            .owner_document()
            .and_then(|d| d.get_element_by_id("early"))
        {
            early.remove();
        }
        // Focused on open: Ctrl+V pastes straight away.
        let _ = field.focus();
        let typed = field.value();
        if !typed.is_empty() {
            let ontext = handlers.borrow().0.clone();
            ontext.emit(Zeroizing::new(typed));
            // Enter pressed before the popup had started (the loader noted it): validate,
            // once the popup has rendered what was typed.
            if field.get_attribute("data-submitted").is_some() {
                let _ = field.remove_attribute("data-submitted");
                let handlers = handlers.clone();
                yew::platform::spawn_local(async move {
                    yew::platform::time::sleep(std::time::Duration::ZERO).await;
                    let onsubmit = handlers.borrow().1.clone();
                    onsubmit.emit(());
                });
            }
        }
    }
    move || {
        if let Some(field) = field {
            for (name, listener) in &listeners {
                let _ = field
                    .remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
            }
        }
    }
}
