//! The toolbar popup.

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::browser;
use crate::message::Message;
use crate::page::is_github_url;
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
            <TabLine status={(*tab).clone()} />
            <BackgroundLine status={(*background).clone()} />
            <p class="hint">
                { "On GitHub's token pages, PAT Guard reminds you to copy a new token before \
                   GitHub hides it for good." }
            </p>
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

/// The product mark, drawn inline so the popup needs no image request.
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
