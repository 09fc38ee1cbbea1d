//! The active tab's token page, as the background knows it, with a one-click check.

use yew::prelude::*;

use crate::page::{secret_label, PageKind, SaveState, SecretKind};
use crate::token::Kind;

/// What the active tab shows, as the background knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageInfo {
    pub tab_id: Option<i32>,
    pub page: PageKind,
    pub state: Option<SaveState>,
    pub kind: Option<Kind>,
    pub secret: Option<SecretKind>,
}

impl PageInfo {
    pub fn none() -> Self {
        PageInfo {
            tab_id: None,
            page: PageKind::None,
            state: None,
            kind: None,
            secret: None,
        }
    }
}

/// The page's line; `oncheck` checks the token it shows (off while `busy`).
pub fn page_status_line(info: &PageInfo, oncheck: Callback<MouseEvent>, busy: bool) -> Html {
    let page = info.page.code();
    let saved = info
        .state
        .map(|state| if state.is_saved() { "yes" } else { "no" });
    let what = secret_label(info.secret, info.kind);
    let text = match info.page {
        PageKind::None => {
            return html! {
                <p class="page-status" data-testid="page-status" data-page={page} hidden=true></p>
            }
        }
        PageKind::TokenList => "This tab lists your tokens.".to_owned(),
        PageKind::TokenNew => {
            "This tab is creating a token: PAT Guard will remind you to save it.".to_owned()
        }
        PageKind::TokenShown => match info.state {
            Some(SaveState::Acknowledged) => {
                format!("A new {what} is on this page, and you saved it.")
            }
            Some(SaveState::Copied) => format!("A new {what} is on this page; you copied it."),
            _ => format!("A new {what} is on this page, not saved yet."),
        },
    };
    let can_check =
        info.page == PageKind::TokenShown && info.secret != Some(SecretKind::ClientSecret);
    html! {
        <div class="page-status" data-testid="page-status"
            data-page={page} data-saved={saved}>
            <span>{ text }</span>
            if can_check {
                <button type="button" data-testid="check-page-token" onclick={oncheck}
                    disabled={busy}>{ "Check it" }</button>
            }
        </div>
    }
}
