//! The popup's state: the pasted text, what the engine says of it, the check in progress
//! and its report. Changing the text forgets any report and any answer still on its way.

use std::rc::Rc;

use yew::Reducible;
use zeroize::Zeroizing;

use crate::github::{Report, Settings};
use crate::token::{inspect, Inspection};

#[derive(Default, PartialEq)]
pub struct Model {
    pub inspection: Option<Rc<Inspection>>,
    /// The id of the check in flight.
    pub checking: Option<u32>,
    pub report: Option<Rc<Report>>,
    pub settings: Settings,
    last_check: u32,
}

pub enum Action {
    Paste(Zeroizing<String>),
    Started(u32),
    Finished(u32, Rc<Report>),
    Cancelled,
    SettingsLoaded(Settings),
}

impl Model {
    /// The id the next check gets.
    pub fn next_check_id(&self) -> u32 {
        self.last_check.wrapping_add(1)
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let settings = self.settings.clone();
        let last_check = self.last_check;
        let inspection = self.inspection.clone();
        Rc::new(match action {
            Action::Paste(text) => Model {
                inspection: (!text.trim().is_empty()).then(|| Rc::new(inspect(&text))),
                checking: None,
                report: None,
                settings,
                // Results of checks started before this edit no longer apply.
                last_check: last_check.wrapping_add(1),
            },
            Action::Started(id) => Model {
                inspection,
                checking: Some(id),
                report: None,
                settings,
                last_check: id,
            },
            Action::Finished(id, report) if self.checking == Some(id) => Model {
                inspection,
                checking: None,
                report: Some(report),
                settings,
                last_check,
            },
            Action::Finished(..) => return self,
            Action::Cancelled => Model {
                inspection,
                checking: None,
                report: None,
                settings,
                last_check,
            },
            Action::SettingsLoaded(settings) => Model {
                inspection,
                checking: self.checking,
                report: self.report.clone(),
                settings,
                last_check,
            },
        })
    }
}
