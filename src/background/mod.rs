//! The background: the one long-lived context, and the only one content scripts talk to.
//!
//! [`route`] is the whole of its logic as a pure function: a validated message and who sent
//! it in, a reply and any messages to pass on out. `glue` (wasm only) wires it to
//! `runtime.onMessage` and `tabs.sendMessage`.

#[cfg(target_arch = "wasm32")]
pub(crate) mod glue;

use crate::message::Message;
use crate::page;

/// What the browser told us about a message's sender, reduced to what routing needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sender {
    /// `sender.id` is this extension's own id.
    pub own_extension: bool,
    /// The tab the sender lives in, if any (content scripts and the banner frame).
    pub tab_id: Option<i32>,
    /// 0 for a tab's top frame, larger for frames inside it.
    pub frame_id: Option<i32>,
}

impl Sender {
    fn is_content_script(&self) -> bool {
        self.tab_id.is_some() && self.frame_id == Some(0)
    }

    fn is_banner_frame(&self) -> bool {
        self.tab_id.is_some() && matches!(self.frame_id, Some(id) if id > 0)
    }
}

/// A message the background must send on to a tab's top-frame content script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TellTab {
    pub tab_id: i32,
    pub message: Message,
}

/// The background's answer to one incoming message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub reply: Message,
    pub tell: Option<TellTab>,
}

impl Outcome {
    fn reply(reply: Message) -> Self {
        Outcome { reply, tell: None }
    }

    fn refuse(reason: &str) -> Self {
        Outcome::reply(Message::Refused {
            reason: reason.to_owned(),
        })
    }
}

/// Decide the background's answer to a message that has already passed
/// [`Message::validate`].
pub fn route(message: Message, sender: &Sender) -> Outcome {
    if !sender.own_extension {
        return Outcome::refuse("messages are accepted only from PAT Guard itself");
    }
    match message {
        Message::Ping {} => Outcome::reply(Message::Pong {
            version: crate::VERSION.to_owned(),
        }),
        Message::PageFacts(facts) if sender.is_content_script() => {
            Outcome::reply(Message::PageAssessment(page::assess(&facts)))
        }
        Message::PageFacts(_) => {
            Outcome::refuse("page facts come only from a tab's content script")
        }
        Message::BannerDismissed {} => match sender.tab_id {
            Some(tab_id) if sender.is_banner_frame() => Outcome {
                reply: Message::Ack {},
                tell: Some(TellTab {
                    tab_id,
                    message: Message::UnmountBanner {},
                }),
            },
            _ => Outcome::refuse("only the in-page banner can be dismissed"),
        },
        Message::Pong { .. }
        | Message::PageAssessment(_)
        | Message::UnmountBanner {}
        | Message::Ack {}
        | Message::Refused { .. } => Outcome::refuse("the background does not take this message"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{PageAssessment, PageFacts, PageKind};

    const POPUP: Sender = Sender {
        own_extension: true,
        tab_id: None,
        frame_id: None,
    };
    const CONTENT: Sender = Sender {
        own_extension: true,
        tab_id: Some(7),
        frame_id: Some(0),
    };
    const BANNER: Sender = Sender {
        own_extension: true,
        tab_id: Some(7),
        frame_id: Some(3),
    };

    fn refused(outcome: &Outcome) -> bool {
        matches!(outcome.reply, Message::Refused { .. }) && outcome.tell.is_none()
    }

    #[test]
    fn ping_answers_with_the_version() {
        for sender in [POPUP, CONTENT, BANNER] {
            assert_eq!(
                route(Message::Ping {}, &sender),
                Outcome::reply(Message::Pong {
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
    fn page_facts_are_assessed_for_content_scripts_only() {
        let facts = PageFacts {
            url: "https://github.com/settings/tokens".into(),
            token_element: true,
            copy_notice: true,
            shown_text: None,
        };
        assert_eq!(
            route(Message::PageFacts(facts.clone()), &CONTENT).reply,
            Message::PageAssessment(PageAssessment {
                page: PageKind::TokenShown,
                banner: true,
                kind: None,
            })
        );
        assert!(refused(&route(Message::PageFacts(facts.clone()), &POPUP)));
        assert!(refused(&route(Message::PageFacts(facts), &BANNER)));
    }

    #[test]
    fn dismissing_the_banner_tells_its_tab() {
        assert_eq!(
            route(Message::BannerDismissed {}, &BANNER),
            Outcome {
                reply: Message::Ack {},
                tell: Some(TellTab {
                    tab_id: 7,
                    message: Message::UnmountBanner {}
                }),
            }
        );
        assert!(refused(&route(Message::BannerDismissed {}, &CONTENT)));
        assert!(refused(&route(Message::BannerDismissed {}, &POPUP)));
    }

    #[test]
    fn replies_are_not_requests() {
        for message in [
            Message::Pong {
                version: "x".into(),
            },
            Message::UnmountBanner {},
            Message::Ack {},
            Message::Refused { reason: "x".into() },
        ] {
            assert!(refused(&route(message, &CONTENT)));
        }
    }
}
