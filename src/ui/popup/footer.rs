//! The popup's footer: where the active tab is, and whether the background answers. These
//! are diagnostics: they show only when something is wrong (the lines stay in the document,
//! hidden, for bug reports and tests).

use yew::prelude::*;

/// Where the active tab is, as far as the popup can tell.
#[derive(Debug, Clone, PartialEq)]
pub enum TabStatus {
    Checking,
    /// On github.com or an Enterprise host PAT Guard watches (its name).
    OnGitHub(String),
    Elsewhere,
    Unreadable(String),
}

/// Whether the background answers.
#[derive(Debug, Clone, PartialEq)]
pub enum BackgroundStatus {
    Checking,
    Ready { version: String },
    Down(String),
}

/// Where the active tab is; shown only when it cannot be read.
pub fn tab_line(status: &TabStatus) -> Html {
    let (state, text) = match status {
        TabStatus::Checking => ("checking", "Checking this tab…".to_owned()),
        TabStatus::OnGitHub(host) => ("yes", format!("This tab is on {host}.")),
        TabStatus::Elsewhere => (
            "no",
            "This tab is not on a GitHub host PAT Guard watches.".to_owned(),
        ),
        TabStatus::Unreadable(why) => ("unknown", format!("Could not read this tab: {why}")),
    };
    html! {
        <p class="status" data-testid="tab-status" data-github={state}
            hidden={!matches!(status, TabStatus::Unreadable(_))}>
            <span class="dot" data-state={state} aria-hidden="true"></span>
            { text }
        </p>
    }
}

/// Whether the background answers; shown only when it does not.
pub fn background_line(status: &BackgroundStatus) -> Html {
    let (state, text) = match status {
        BackgroundStatus::Checking => ("checking", "Starting…".to_owned()),
        BackgroundStatus::Ready { version } => ("ready", format!("Guard running (v{version}).")),
        BackgroundStatus::Down(why) => ("down", format!("The guard is not answering: {why}")),
    };
    html! {
        <p class="status" data-testid="background-status" data-state={state}
            hidden={!matches!(status, BackgroundStatus::Down(_))}>
            <span class="dot" data-state={state} aria-hidden="true"></span>
            { text }
        </p>
    }
}
