//! The background: the one long-lived context, and the only one content scripts talk to.
//!
//! [`route`] decides, as a pure function of a validated message and its sender, what the
//! background does: answer at once, or which job to run. [`memory`] is what it remembers
//! between messages (never a token). [`plans`] (wasm only) carries out the plans against the
//! browser: storage, tabs, the network.

pub mod memory;
#[cfg(target_arch = "wasm32")]
pub(crate) mod plans;

use crate::message::Message;
use crate::page::{PageFacts, SaveState};

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

impl Sender {
    /// A content script in a tab's top frame.
    fn content_tab(&self) -> Option<i32> {
        (!self.extension_page && self.frame_id == Some(0))
            .then_some(self.tab_id)
            .flatten()
    }

    /// The banner: an extension page in a frame inside a tab. Whether it is the reminder
    /// PAT Guard mounted there is checked against memory ([`Plan::FromBanner`]).
    fn banner_tab(&self) -> Option<i32> {
        (self.extension_page && matches!(self.frame_id, Some(id) if id > 0))
            .then_some(self.tab_id)
            .flatten()
    }

    /// `plan`, once the sender is known to be the reminder mounted in `tab_id`.
    fn sent_by_banner(&self, tab_id: i32, plan: Plan) -> Plan {
        Plan::FromBanner {
            tab_id,
            key: self.banner_key.clone(),
            visible: false,
            plan: Box::new(plan),
        }
    }

    /// `plan`, for a click in the reminder mounted in `tab_id`, once the page also vouches
    /// that the reminder was really visible when it was clicked.
    fn clicked_in_banner(&self, tab_id: i32, plan: Plan) -> Plan {
        Plan::FromBanner {
            tab_id,
            key: self.banner_key.clone(),
            visible: true,
            plan: Box::new(plan),
        }
    }

    /// The popup (or another extension page outside any tab).
    fn is_popup(&self) -> bool {
        self.extension_page && self.tab_id.is_none()
    }
}

/// Who hears the resulting save state. The background decides it (acknowledging outranks
/// copying); the content script only carries it on to the reminder, through the fragment of
/// the reminder's URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notify {
    /// The sender, in the answer: the content script that reported a copy.
    Sender,
    /// The content script of a tab (the reminder there acknowledged); the sender gets `Ack`.
    Tab(i32),
}

/// What the background does with a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Answer at once.
    Reply(Message),
    /// Assess a page with the remembered save states, record the tab, answer.
    Assess { tab_id: i32, facts: Box<PageFacts> },
    /// Record what the user did with a token, tell whoever shows it, acknowledge.
    Remember {
        fingerprint: String,
        state: SaveState,
        notify: Notify,
    },
    /// Get the token from the tab's content script, check it with GitHub, answer the report.
    CheckShownToken { tab_id: i32 },
    /// Answer what the tab shows.
    PageStatus { tab_id: i32, url: String },
    /// Send a message to the tab's content script, and acknowledge.
    TellTab { tab_id: i32, message: Message },
    /// Run `plan` only if `key` is the key of the reminder PAT Guard mounted in `tab_id` (a
    /// page can frame `banner.html` itself, but cannot know the key) and, for a click
    /// (`visible`), only if the tab's content script finds the reminder really visible.
    FromBanner {
        tab_id: i32,
        key: Option<String>,
        visible: bool,
        plan: Box<Plan>,
    },
}

fn refuse(reason: &str) -> Plan {
    Plan::Reply(Message::Refused {
        reason: reason.to_owned(),
    })
}

/// Decide what to do with a message that has already passed [`Message::validate`].
pub fn route(message: Message, sender: &Sender) -> Plan {
    if !sender.own_extension {
        return refuse("messages are accepted only from PAT Guard itself");
    }
    match message {
        Message::Ping {} => Plan::Reply(Message::Pong {
            version: crate::VERSION.to_owned(),
        }),
        Message::PageFacts(facts) => match sender.content_tab() {
            Some(tab_id) => Plan::Assess {
                tab_id,
                facts: Box::new(facts),
            },
            None => refuse("page facts come only from a tab's content script"),
        },
        Message::TokenCopied { fingerprint } => match sender.content_tab() {
            Some(_) => Plan::Remember {
                fingerprint,
                state: SaveState::Copied,
                notify: Notify::Sender,
            },
            None => refuse("a copy is reported only by a tab's content script"),
        },
        Message::TokenAcknowledged { fingerprint } => match sender.banner_tab() {
            Some(tab_id) => sender.clicked_in_banner(
                tab_id,
                Plan::Remember {
                    fingerprint,
                    state: SaveState::Acknowledged,
                    notify: Notify::Tab(tab_id),
                },
            ),
            None => refuse("only the in-page banner acknowledges a token"),
        },
        Message::CheckShownToken { tab_id } => {
            match (sender.banner_tab(), tab_id, sender.is_popup()) {
                (Some(own), None, _) => {
                    sender.clicked_in_banner(own, Plan::CheckShownToken { tab_id: own })
                }
                (None, Some(tab_id), true) => Plan::CheckShownToken { tab_id },
                _ => refuse("only the banner or the popup asks for a check"),
            }
        }
        Message::PageStatusRequest { tab_id, url } if sender.is_popup() => {
            Plan::PageStatus { tab_id, url }
        }
        Message::PageStatusRequest { .. } => refuse("only the popup asks for a page's status"),
        Message::BannerDismissed {} => match sender.banner_tab() {
            Some(tab_id) => sender.clicked_in_banner(
                tab_id,
                Plan::TellTab {
                    tab_id,
                    message: Message::UnmountBanner {},
                },
            ),
            None => refuse("only the in-page banner can be dismissed"),
        },
        Message::ResizeBanner { height } => match sender.banner_tab() {
            Some(tab_id) => sender.sent_by_banner(
                tab_id,
                Plan::TellTab {
                    tab_id,
                    message: Message::ResizeBanner {
                        height: height.clamp(64, 640),
                    },
                },
            ),
            None => refuse("only the in-page banner can be resized"),
        },
        Message::Pong { .. }
        | Message::PageAssessment(_)
        | Message::UnmountBanner {}
        | Message::ConfirmBannerVisible {}
        | Message::SaveStateChanged { .. }
        | Message::ShareShownToken { .. }
        | Message::ShownToken { .. }
        | Message::CheckResult { .. }
        | Message::PageStatus { .. }
        | Message::Ack {}
        | Message::Refused { .. } => refuse("the background does not take this message"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn banner_with_key() -> Sender {
        Sender {
            banner_key: Some("k".into()),
            ..BANNER
        }
    }

    fn refused(plan: &Plan) -> bool {
        matches!(plan, Plan::Reply(Message::Refused { .. }))
    }

    fn facts() -> PageFacts {
        PageFacts {
            url: "https://github.com/settings/tokens".into(),
            token_element: true,
            candidates: vec![],
            text: None,
            left_unsaved: None,
        }
    }

    #[test]
    fn ping_answers_with_the_version() {
        for sender in [POPUP, CONTENT, BANNER] {
            assert_eq!(
                route(Message::Ping {}, &sender),
                Plan::Reply(Message::Pong {
                    version: env!("CARGO_PKG_VERSION").into()
                })
            );
        }
    }

    #[test]
    fn strangers_are_refused() {
        let stranger = Sender {
            own_extension: false,
            ..CONTENT
        };
        assert!(refused(&route(Message::Ping {}, &stranger)));
    }

    #[test]
    fn each_message_comes_only_from_its_context() {
        let cases: Vec<(Message, Sender, bool)> = vec![
            (Message::PageFacts(facts()), CONTENT, true),
            (Message::PageFacts(facts()), BANNER, false),
            (Message::PageFacts(facts()), POPUP, false),
            (
                Message::TokenCopied {
                    fingerprint: "ab".into(),
                },
                CONTENT,
                true,
            ),
            (
                Message::TokenCopied {
                    fingerprint: "ab".into(),
                },
                BANNER,
                false,
            ),
            (
                Message::TokenAcknowledged {
                    fingerprint: "ab".into(),
                },
                BANNER,
                true,
            ),
            (
                Message::TokenAcknowledged {
                    fingerprint: "ab".into(),
                },
                CONTENT,
                false,
            ),
            (
                Message::TokenAcknowledged {
                    fingerprint: "ab".into(),
                },
                POPUP,
                false,
            ),
            (Message::CheckShownToken { tab_id: None }, BANNER, true),
            (Message::CheckShownToken { tab_id: Some(9) }, BANNER, false),
            (Message::CheckShownToken { tab_id: Some(9) }, POPUP, true),
            (Message::CheckShownToken { tab_id: None }, POPUP, false),
            (Message::CheckShownToken { tab_id: Some(9) }, CONTENT, false),
            (
                Message::PageStatusRequest {
                    tab_id: 9,
                    url: "x".into(),
                },
                POPUP,
                true,
            ),
            (
                Message::PageStatusRequest {
                    tab_id: 9,
                    url: "x".into(),
                },
                CONTENT,
                false,
            ),
            (Message::BannerDismissed {}, BANNER, true),
            (Message::BannerDismissed {}, CONTENT, false),
            (Message::ResizeBanner { height: 300 }, BANNER, true),
            (Message::ResizeBanner { height: 300 }, POPUP, false),
        ];
        for (message, sender, accepted) in cases {
            let plan = route(message.clone(), &sender);
            assert_eq!(
                !refused(&plan),
                accepted,
                "{message:?} from {sender:?}: {plan:?}"
            );
        }
    }

    #[test]
    fn plans_name_the_right_tab_and_state() {
        let checked = |plan: Plan| Plan::FromBanner {
            tab_id: 7,
            key: Some("k".into()),
            visible: true,
            plan: Box::new(plan),
        };
        let only_key = |plan: Plan| Plan::FromBanner {
            tab_id: 7,
            key: Some("k".into()),
            visible: false,
            plan: Box::new(plan),
        };
        let banner = banner_with_key();
        assert_eq!(
            route(
                Message::TokenAcknowledged {
                    fingerprint: "ab".into()
                },
                &banner
            ),
            checked(Plan::Remember {
                fingerprint: "ab".into(),
                state: SaveState::Acknowledged,
                notify: Notify::Tab(7)
            })
        );
        assert_eq!(
            route(Message::CheckShownToken { tab_id: None }, &banner),
            checked(Plan::CheckShownToken { tab_id: 7 })
        );
        assert_eq!(
            route(Message::BannerDismissed {}, &banner),
            checked(Plan::TellTab {
                tab_id: 7,
                message: Message::UnmountBanner {}
            })
        );
        // A resize is no click: the key is enough.
        assert_eq!(
            route(Message::ResizeBanner { height: 5000 }, &banner),
            only_key(Plan::TellTab {
                tab_id: 7,
                message: Message::ResizeBanner { height: 640 }
            })
        );
        // A copy is reported by the content script, which gets the resulting state back.
        assert_eq!(
            route(
                Message::TokenCopied {
                    fingerprint: "ab".into()
                },
                &CONTENT
            ),
            Plan::Remember {
                fingerprint: "ab".into(),
                state: SaveState::Copied,
                notify: Notify::Sender
            }
        );
        // Without a key, the plan still goes through the check (which then refuses).
        assert!(matches!(
            route(Message::BannerDismissed {}, &BANNER),
            Plan::FromBanner { key: None, .. }
        ));
    }

    #[test]
    fn replies_are_not_requests() {
        for message in [
            Message::Pong {
                version: "x".into(),
            },
            Message::UnmountBanner {},
            Message::Ack {},
            Message::ShareShownToken {
                fingerprint: "ab".into(),
            },
            Message::Refused { reason: "x".into() },
        ] {
            assert!(refused(&route(message, &CONTENT)));
        }
    }
}
