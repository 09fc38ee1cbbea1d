//! The verdict card (`ui::card`, plain elements) inside the popup's yew tree.

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::browser::github::now;
use crate::github::Report;
use crate::token::Token;
use crate::ui::card::Card;

/// A report compared by identity, not by content: the popup keeps one `Rc` per answer across
/// re-renders, and a report that came back again is a new answer (a new card), even if it
/// says the same.
#[derive(Clone)]
pub struct SameReport(pub Rc<Report>);

impl PartialEq for SameReport {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct VerdictCardProps {
    pub report: SameReport,
    /// The checked token, for the revoke action; `None` hides it.
    #[prop_or_default]
    pub token: Option<Token>,
    /// Ask again: offered on every "couldn't check" card.
    #[prop_or_default]
    pub onretry: Option<Callback<()>>,
}

/// A card for each report (and token): a new report is a new card; re-renders of the popup
/// keep the card and its state (a countdown, the revoke steps).
#[component]
pub fn VerdictCard(props: &VerdictCardProps) -> Html {
    let holder = use_node_ref();
    // The latest "ask again", read when it is clicked.
    let onretry = use_mut_ref(|| None::<Callback<()>>);
    *onretry.borrow_mut() = props.onretry.clone();
    {
        let holder = holder.clone();
        let offers_retry = props.onretry.is_some();
        use_effect_with(
            (props.report.clone(), props.token.clone(), offers_retry),
            move |(SameReport(report), token, offers_retry)| {
                let retry = offers_retry.then(|| {
                    let onretry: Rc<RefCell<Option<Callback<()>>>> = onretry.clone();
                    Rc::new(move || {
                        if let Some(onretry) = onretry.borrow().as_ref() {
                            onretry.emit(());
                        }
                    }) as Rc<dyn Fn()>
                });
                let card = Card::new(report.clone(), now(), token.clone(), retry);
                if let Some(holder) = holder.cast::<Element>() {
                    let _ = holder.append_child(card.element());
                }
                move || {
                    card.element().remove();
                    drop(card);
                }
            },
        );
    }
    html! { <div class="card-holder" ref={holder}></div> }
}
