//! The background: the one long-lived context, and the only one content scripts talk to.
//!
//! [`Sender::channel`] tells, from what the browser says about a message's sender, which
//! channel it is on; the message is then decoded as that channel's request type (so a
//! message on the wrong channel is refused as malformed), and [`route_popup`],
//! [`route_content`] and [`route_banner`] decide, as pure functions, what the background does:
//! answer at once, or which job to run. [`memory`] is what it remembers between messages
//! (never a token). [`plans`] (wasm only) carries out the plans against the browser: storage,
//! tabs, the network.

pub mod memory;
#[cfg(all(target_arch = "wasm32", feature = "background"))]
pub(crate) mod plans;

use crate::message::{BannerRequest, ContentRequest, PopupReply, PopupRequest, TabCommand};
use crate::page::PageFacts;

/// What the browser told us about a message's sender, reduced to what routing needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sender {
    /// `sender.id` is this extension's own id.
    pub own_extension: bool,
    /// The tab the sender lives in, if any (content scripts and the banner frame).
    pub tab_id: Option<i32>,
    /// 0 for a tab's top frame, larger for frames inside it.
    pub frame_id: Option<i32>,
    /// The sender is a page of this extension (popup, banner), not a content script.
    pub extension_page: bool,
    /// The reminder's key in the sender's own address (set by the browser, so unforgeable).
    pub banner_key: Option<String>,
}

/// The channel a message arrived on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Channel {
    /// The popup, or another page of this extension that is not framed in a tab
    /// (`in_tab`: opened as a tab's own page, which may only ping).
    Popup { in_tab: bool },
    /// The content script in a tab's top frame.
    Content { tab_id: i32 },
    /// An extension page framed in a tab: the reminder, if memory knows its `key`
    /// ([`BannerPlan`] checks).
    Banner { tab_id: i32, key: Option<String> },
}

impl Sender {
    /// Which channel the sender is on; a sender on none is refused before its message is read.
    pub fn channel(&self) -> Result<Channel, &'static str> {
        if !self.own_extension {
            return Err("messages are accepted only from PAT Guard itself");
        }
        match (self.extension_page, self.tab_id, self.frame_id) {
            (true, None, _) => Ok(Channel::Popup { in_tab: false }),
            (true, Some(_), Some(0) | None) => Ok(Channel::Popup { in_tab: true }),
            (true, Some(tab_id), Some(_)) => Ok(Channel::Banner {
                tab_id,
                key: self.banner_key.clone(),
            }),
            (false, Some(tab_id), Some(0)) => Ok(Channel::Content { tab_id }),
            (false, _, _) => Err("PAT Guard takes messages only from a tab's top frame"),
        }
    }
}

/// The toolbar button of a tab: its badge text and tooltip. A tab that shows a fresh secret
/// the user has not saved says so on the button itself; anything else clears it.
pub fn badge(unsaved: bool) -> (&'static str, &'static str) {
    if unsaved {
        (
            "!",
            "PAT Guard: the new token on this page is not saved yet",
        )
    } else {
        ("", crate::PRODUCT_NAME)
    }
}

/// What the background does with a popup's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PopupPlan {
    /// Answer at once.
    Reply(PopupReply),
    Refuse(&'static str),
    /// Get the token from the tab's content script and hand it to the popup, with the host
    /// of the page (the popup checks it with that host's API).
    CheckShownToken {
        tab_id: i32,
    },
    /// Answer what the tab shows.
    PageStatus {
        tab_id: i32,
        url: String,
    },
    /// Register content scripts for exactly the usable Enterprise hosts.
    SyncHosts,
}

pub fn route_popup(request: PopupRequest, in_tab: bool) -> PopupPlan {
    match request {
        PopupRequest::Ping {} => PopupPlan::Reply(PopupReply::Pong {
            version: crate::VERSION.to_owned(),
        }),
        _ if in_tab => PopupPlan::Refuse("only the toolbar popup asks about a tab"),
        PopupRequest::CheckShownToken { tab_id } => PopupPlan::CheckShownToken { tab_id },
        PopupRequest::PageStatusRequest { tab_id, url } => PopupPlan::PageStatus { tab_id, url },
        PopupRequest::SyncHosts {} => PopupPlan::SyncHosts,
    }
}

/// What the background does with a content script's request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContentPlan {
    /// Assess a page with the remembered save states, record the tab, answer.
    Assess { tab_id: i32, facts: Box<PageFacts> },
    /// Record that the user copied the token, answer the resulting state.
    Copied { tab_id: i32, fingerprint: String },
    /// Find the secrets among strings from a text field of the page at `url`.
    FindLeaks {
        tab_id: i32,
        url: String,
        candidates: Vec<crate::token::SecretString>,
    },
}

pub fn route_content(tab_id: i32, request: ContentRequest) -> ContentPlan {
    match request {
        ContentRequest::PageFacts(facts) => ContentPlan::Assess {
            tab_id,
            facts: Box::new(facts),
        },
        ContentRequest::TokenCopied { fingerprint } => ContentPlan::Copied {
            tab_id,
            fingerprint,
        },
        ContentRequest::LeakCandidates { url, candidates } => ContentPlan::FindLeaks {
            tab_id,
            url,
            candidates,
        },
    }
}

/// What the background does with a request from a frame that says it is the reminder in
/// `tab_id`: run `job` only if `key` is the key of the reminder PAT Guard mounted there (a
/// page can frame `banner.html` itself, but cannot know the key) and, for a click
/// (`visible`), only if the tab's content script finds the reminder really visible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BannerPlan {
    pub tab_id: i32,
    pub key: Option<String>,
    pub visible: bool,
    pub job: BannerJob,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BannerJob {
    /// Record that the user saved the token, tell the tab, acknowledge.
    Acknowledge { fingerprint: String },
    /// Hand the tab's token to the reminder, which checks it with GitHub.
    CheckShownToken,
    /// Send a command to the tab's content script, acknowledge.
    Tell(TabCommand),
    /// In a leak warning: take the secret out of its field, or keep it.
    LeakDecision { keep: bool },
    /// In a leak warning: hand the posted secret to the warning, which checks it with GitHub.
    CheckLeak,
}

impl BannerJob {
    /// Whether the job is a leak warning's (else the reminder's): each frame may ask only
    /// for its own.
    pub fn is_leak_warnings(&self) -> bool {
        matches!(self, BannerJob::LeakDecision { .. } | BannerJob::CheckLeak)
    }

    /// Whether any of PAT Guard's frames may ask for it (a resize: each frame fits itself).
    pub fn is_any_frames(&self) -> bool {
        matches!(self, BannerJob::Tell(TabCommand::ResizeBanner { .. }))
    }
}

pub fn route_banner(tab_id: i32, key: Option<String>, request: BannerRequest) -> BannerPlan {
    let (visible, job) = match request {
        BannerRequest::TokenAcknowledged { fingerprint } => {
            (true, BannerJob::Acknowledge { fingerprint })
        }
        BannerRequest::CheckShownToken {} => (true, BannerJob::CheckShownToken),
        BannerRequest::BannerDismissed {} => (true, BannerJob::Tell(TabCommand::UnmountBanner {})),
        BannerRequest::LeakDecision { keep } => (true, BannerJob::LeakDecision { keep }),
        BannerRequest::CheckLeak {} => (true, BannerJob::CheckLeak),
        // A resize is no click: the key is enough.
        BannerRequest::ResizeBanner { height } => (
            false,
            BannerJob::Tell(TabCommand::ResizeBanner {
                height: height.clamp(64, 640),
                key: None,
            }),
        ),
    };
    BannerPlan {
        tab_id,
        key,
        visible,
        job,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::PopupReply;

    const POPUP: Sender = Sender {
        own_extension: true,
        tab_id: None,
        frame_id: None,
        extension_page: true,
        banner_key: None,
    };
    const CONTENT: Sender = Sender {
        own_extension: true,
        tab_id: Some(7),
        frame_id: Some(0),
        extension_page: false,
        banner_key: None,
    };
    const BANNER: Sender = Sender {
        own_extension: true,
        tab_id: Some(7),
        frame_id: Some(3),
        extension_page: true,
        banner_key: None,
    };

    #[test]
    fn each_sender_is_on_one_channel() {
        assert_eq!(POPUP.channel(), Ok(Channel::Popup { in_tab: false }));
        assert_eq!(CONTENT.channel(), Ok(Channel::Content { tab_id: 7 }));
        let banner = Sender {
            banner_key: Some("k".into()),
            ..BANNER
        };
        assert_eq!(
            banner.channel(),
            Ok(Channel::Banner {
                tab_id: 7,
                key: Some("k".into())
            })
        );
        // An extension page opened as a tab's own page (Firefox opens the popup so in tests).
        let page_in_tab = Sender {
            frame_id: Some(0),
            ..BANNER
        };
        assert_eq!(page_in_tab.channel(), Ok(Channel::Popup { in_tab: true }));
        // A content script in a frame inside the page, and strangers, are on none.
        let sub_frame = Sender {
            frame_id: Some(2),
            ..CONTENT
        };
        assert!(sub_frame.channel().is_err());
        for sender in [POPUP, CONTENT, BANNER] {
            let stranger = Sender {
                own_extension: false,
                ..sender
            };
            assert_eq!(
                stranger.channel(),
                Err("messages are accepted only from PAT Guard itself")
            );
        }
    }

    #[test]
    fn the_popup_pings_anywhere_but_asks_about_tabs_only_as_the_popup() {
        assert_eq!(
            route_popup(PopupRequest::Ping {}, true),
            PopupPlan::Reply(PopupReply::Pong {
                version: env!("CARGO_PKG_VERSION").into()
            })
        );
        assert_eq!(
            route_popup(PopupRequest::CheckShownToken { tab_id: 9 }, false),
            PopupPlan::CheckShownToken { tab_id: 9 }
        );
        let status = PopupRequest::PageStatusRequest {
            tab_id: 9,
            url: "u".into(),
        };
        assert_eq!(
            route_popup(status.clone(), false),
            PopupPlan::PageStatus {
                tab_id: 9,
                url: "u".into()
            }
        );
        assert!(matches!(route_popup(status, true), PopupPlan::Refuse(_)));
        assert_eq!(
            route_popup(PopupRequest::SyncHosts {}, false),
            PopupPlan::SyncHosts
        );
        assert!(matches!(
            route_popup(PopupRequest::SyncHosts {}, true),
            PopupPlan::Refuse(_)
        ));
        assert!(matches!(
            route_popup(PopupRequest::CheckShownToken { tab_id: 9 }, true),
            PopupPlan::Refuse(_)
        ));
    }

    #[test]
    fn the_content_script_speaks_for_its_own_tab() {
        assert_eq!(
            route_content(
                7,
                ContentRequest::TokenCopied {
                    fingerprint: "ab".into()
                }
            ),
            ContentPlan::Copied {
                tab_id: 7,
                fingerprint: "ab".into()
            }
        );
        let facts = PageFacts {
            url: "https://github.com/settings/tokens".into(),
            token_element: true,
            candidates: vec![],
            text: None,
            left_unsaved: None,
            colors: None,
        };
        assert_eq!(
            route_content(7, ContentRequest::PageFacts(facts.clone())),
            ContentPlan::Assess {
                tab_id: 7,
                facts: Box::new(facts)
            }
        );
    }

    #[test]
    fn the_toolbar_button_says_when_a_token_is_unsaved() {
        let (text, title) = badge(true);
        assert!(!text.is_empty() && title.contains("not saved"), "{title}");
        assert!(title.starts_with(crate::PRODUCT_NAME));
        assert_eq!(badge(false).0, "");
    }

    #[test]
    fn clicks_in_the_reminder_need_its_key_and_its_visibility() {
        let plan = |request, job, visible| {
            assert_eq!(
                route_banner(7, Some("k".into()), request),
                BannerPlan {
                    tab_id: 7,
                    key: Some("k".into()),
                    visible,
                    job
                }
            );
        };
        plan(
            BannerRequest::TokenAcknowledged {
                fingerprint: "ab".into(),
            },
            BannerJob::Acknowledge {
                fingerprint: "ab".into(),
            },
            true,
        );
        plan(
            BannerRequest::CheckShownToken {},
            BannerJob::CheckShownToken,
            true,
        );
        plan(
            BannerRequest::BannerDismissed {},
            BannerJob::Tell(TabCommand::UnmountBanner {}),
            true,
        );
        // A resize is no click, and is held to a sane height.
        plan(
            BannerRequest::ResizeBanner { height: 5000 },
            BannerJob::Tell(TabCommand::ResizeBanner {
                height: 640,
                key: None,
            }),
            false,
        );
        // Without a key, the plan still goes through the check (which then refuses).
        assert_eq!(
            route_banner(7, None, BannerRequest::BannerDismissed {}).key,
            None
        );
    }
}
