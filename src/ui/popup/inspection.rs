//! The offline verdict: what the token engine says about the pasted text, shown at once.

use yew::prelude::*;

use crate::token::{CheckValue, Inspection, Severity};

/// What the engine found; `under_card`: a verdict card is shown above, which gives the
/// answer, so this shows only the details.
pub fn inspection_view(inspection: &Inspection, under_card: bool) -> Html {
    let kind = inspection.kind;
    let redacted = inspection
        .token
        .as_ref()
        .map(|token| token.redacted())
        .unwrap_or_default();
    let check = match inspection.check {
        _ if under_card => None,
        CheckValue::Valid => Some(("ok", "No typo: the token's built-in checksum matches.")),
        CheckValue::Mismatch => Some((
            "bad",
            "A typo: the token's built-in checksum does not match.",
        )),
        CheckValue::NotJudged | CheckValue::None => None,
    };
    html! {
        <section class="inspection" data-testid="inspection" data-kind={kind.code()}
            data-api={if inspection.can_call_api() { "yes" } else { "no" }}>
            <p class="kind">
                <span class="badge">
                    { kind.label() }
                </span>
                if !redacted.is_empty() {
                    <code class="redacted" data-testid="redacted">{ redacted }</code>
                }
            </p>
            if let Some((state, text)) = check {
                <p class="check" data-testid="check-value" data-state={state}>
                    { text }
                </p>
            }
            if !inspection.problems.is_empty() {
                <ul class="problems">
                    for problem in &inspection.problems {
                        <li class="problem"
                            data-testid="problem" data-code={problem.code.code()}
                            data-severity={severity_class(problem.severity)}>
                            { &problem.message }
                        </li>
                    }
                </ul>
            }
            if !inspection.cleanups.is_empty() {
                <details class="cleanups" open=true>
                    <summary>{ "Cleaned up what you pasted" }</summary>
                    <ul>
                        for cleanup in &inspection.cleanups {
                            <li data-testid="cleanup" data-code={cleanup.code()}>
                                { cleanup.describe() }
                            </li>
                        }
                    </ul>
                </details>
            }
        </section>
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Note => "note",
        Severity::Warning => "warning",
        Severity::Blocking => "blocking",
    }
}
