//! The toolbar popup.

use yew::platform::spawn_local;
use yew::prelude::*;

mod inspection;
mod token_field;

use zeroize::Zeroizing;

use self::inspection::InspectionView;
use self::token_field::TokenField;
use crate::browser;
use crate::message::Message;
use crate::page::is_github_url;
use crate::token::inspect;
use crate::ui::shield::Shield;
use crate::{PRODUCT_NAME, VERSION};

/// Where the active tab is, as far as the popup can tell.
#[derive(Debug, Clone, PartialEq)]
enum TabStatus {
    Checking,
    OnGitHub,
    Elsewhere,
    Unreadable(String),
}

/// Whether the background answers.
#[derive(Debug, Clone, PartialEq)]
enum BackgroundStatus {
    Checking,
    Ready { version: String },
    Down(String),
}

#[component]
pub fn Popup() -> Html {
    let tab = use_state(|| TabStatus::Checking);
    let background = use_state(|| BackgroundStatus::Checking);
    // The pasted text lives only in this state (wiped when replaced) and in the input.
    let pasted = use_state(|| Zeroizing::new(String::new()));
    let inspection = use_memo((*pasted).clone(), |text| {
        (!text.is_empty()).then(|| inspect(text))
    });
    let ontext = {
        let pasted = pasted.clone();
        Callback::from(move |text: Zeroizing<String>| pasted.set(text))
    };

    {
        let tab = tab.clone();
        let background = background.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                tab.set(match browser::active_tab_url().await {
                    Ok(Some(url)) if is_github_url(&url) => TabStatus::OnGitHub,
                    Ok(_) => TabStatus::Elsewhere,
                    Err(error) => TabStatus::Unreadable(error.to_string()),
                });
            });
            spawn_local(async move {
                background.set(match browser::send_message(&Message::Ping {}).await {
                    Ok(Message::Pong { version }) => BackgroundStatus::Ready { version },
                    Ok(other) => BackgroundStatus::Down(format!("unexpected answer: {other:?}")),
                    Err(error) => BackgroundStatus::Down(error.to_string()),
                });
            });
        });
    }

    html! {
        <main class="popup">
            <header class="brand">
                <Shield />
                <h1>{ PRODUCT_NAME }</h1>
                <span class="version" data-testid="version">{ format!("v{VERSION}") }</span>
            </header>
            <TokenField {ontext} />
            if inspection.is_some() {
                <InspectionView inspection={inspection.clone()} />
            } else {
                <p class="hint">
                    { "Paste a token to see what it is and what is wrong with it. \
                       Nothing leaves your browser while you type." }
                </p>
            }
            <footer class="footer">
                <TabLine status={(*tab).clone()} />
                <BackgroundLine status={(*background).clone()} />
            </footer>
        </main>
    }
}

#[derive(Properties, PartialEq)]
struct TabLineProps {
    status: TabStatus,
}

#[component]
fn TabLine(props: &TabLineProps) -> Html {
    let (state, text) = match &props.status {
        TabStatus::Checking => ("checking", "Checking this tab…".to_owned()),
        TabStatus::OnGitHub => ("yes", "This tab is on github.com.".to_owned()),
        TabStatus::Elsewhere => ("no", "This tab is not on github.com.".to_owned()),
        TabStatus::Unreadable(why) => ("unknown", format!("Could not read this tab: {why}")),
    };
    html! {
        <p class="status" data-testid="tab-status" data-github={state} role="status">
            <span class={classes!("dot", state)} aria-hidden="true"></span>
            { text }
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct BackgroundLineProps {
    status: BackgroundStatus,
}

#[component]
fn BackgroundLine(props: &BackgroundLineProps) -> Html {
    let (state, text) = match &props.status {
        BackgroundStatus::Checking => ("checking", "Starting…".to_owned()),
        BackgroundStatus::Ready { version } => ("ready", format!("Guard running (v{version}).")),
        BackgroundStatus::Down(why) => ("down", format!("The guard is not answering: {why}")),
    };
    html! {
        <p class="status" data-testid="background-status" data-state={state}>
            <span class={classes!("dot", state)} aria-hidden="true"></span>
            { text }
        </p>
    }
}
