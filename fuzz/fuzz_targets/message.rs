//! Decoding what another context sends: any JSON must either become a valid message or be
//! refused, never panic, and a refusal never quotes the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pat_guard::message::Message;

fuzz_target!(|data: &[u8]| {
    // Only a plain object reaches the decoder (browser::from_js refuses anything else).
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    if !value.is_object() {
        return;
    }
    let Ok(message) = serde_json::from_value::<Message>(value) else {
        return;
    };
    match message.validate() {
        Ok(()) => {
            // What is accepted survives a round trip unchanged (secrets are written as
            // "[redacted]", so the written forms are compared).
            let written = serde_json::to_value(&message).unwrap();
            let again: Message = serde_json::from_value(written.clone()).unwrap();
            assert_eq!(serde_json::to_value(&again).unwrap(), written);
        }
        Err(error) => {
            let refusal = Message::refused(&error);
            let Message::Refused { reason } = refusal else { unreachable!() };
            assert!(reason.len() < 200, "{reason}");
            let input = String::from_utf8_lossy(data);
            for piece in input.as_bytes().chunks(24).filter(|c| c.len() == 24) {
                let piece = String::from_utf8_lossy(piece);
                if piece.chars().all(|c| c.is_ascii_alphanumeric()) {
                    assert!(!reason.contains(piece.as_ref()), "the refusal quotes the input");
                }
            }
        }
    }
});
