//! Decoding what another context sends: any JSON must, on every channel, either become a
//! valid message or be refused, never panic, and a refusal never quotes the input. And the
//! hand reader and writer every Rust context uses (`message::read`, `message::write`) must
//! agree with serde's on the same JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pat_guard::message::{
    from_wire, read_wire, to_wire, write_wire, BannerReply, BannerRequest, ContentReply,
    ContentRequest, PopupReply, PopupRequest, Read, Refusal, TabCommand, TabReply, Wire, Write,
};

fn decode<T: Wire>(value: &serde_json::Value, data: &[u8]) {
    match from_wire::<T>(value.clone()) {
        Ok(message) => {
            // What is accepted survives a round trip unchanged (secrets are written as
            // "[redacted]", so the written forms are compared).
            let written = to_wire(&message).unwrap();
            let again: T = from_wire(written.clone()).unwrap();
            assert_eq!(to_wire(&again).unwrap(), written);
        }
        Err(error) => {
            let refusal = Refusal::from(&error);
            let reason = refusal.reason();
            assert!(reason.len() < 200, "{reason}");
            let input = String::from_utf8_lossy(data);
            for piece in input.as_bytes().chunks(24).filter(|c| c.len() == 24) {
                let piece = String::from_utf8_lossy(piece);
                if piece.chars().all(|c| c.is_ascii_alphanumeric()) {
                    assert!(
                        !reason.contains(piece.as_ref()),
                        "the refusal quotes the input"
                    );
                }
            }
        }
    }
}

/// Every message accepted that a Rust context may send is written by hand
/// (`message::write`) exactly as serde writes it.
fn write_by_hand<T: Wire + Write>(value: &serde_json::Value) {
    if let Ok(message) = from_wire::<T>(value.clone()) {
        assert_eq!(write_wire(&message), to_wire(&message).unwrap());
    }
}

/// What the hand reader accepts, serde accepts as the same message; what serde accepts, the
/// hand reader accepts in the form serde writes it (the one shape only serde takes, a unit
/// variant as an object, is never written).
fn read_by_hand<T: Wire + Read + PartialEq + std::fmt::Debug>(value: &serde_json::Value) {
    let by_serde = from_wire::<T>(value.clone());
    if let Ok(message) = read_wire::<T>(value) {
        assert_eq!(
            by_serde.as_ref().ok(),
            Some(&message),
            "only the hand reader took it"
        );
    }
    if let Ok(message) = by_serde {
        let written = to_wire(&message).unwrap();
        assert!(
            read_wire::<T>(&written).is_ok(),
            "the hand reader refused {written}"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    // Only a plain object reaches the decoder (browser::from_js refuses anything else).
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    if !value.is_object() {
        return;
    }
    decode::<PopupRequest>(&value, data);
    decode::<PopupReply>(&value, data);
    decode::<ContentRequest>(&value, data);
    decode::<ContentReply>(&value, data);
    decode::<BannerRequest>(&value, data);
    decode::<TabCommand>(&value, data);
    decode::<TabReply>(&value, data);
    decode::<Refusal>(&value, data);
    read_by_hand::<PopupRequest>(&value);
    read_by_hand::<ContentRequest>(&value);
    read_by_hand::<BannerRequest>(&value);
    read_by_hand::<TabReply>(&value);
    read_by_hand::<Refusal>(&value);
    read_by_hand::<PopupReply>(&value);
    read_by_hand::<BannerReply>(&value);
    write_by_hand::<PopupRequest>(&value);
    write_by_hand::<PopupReply>(&value);
    write_by_hand::<ContentReply>(&value);
    write_by_hand::<BannerRequest>(&value);
    write_by_hand::<BannerReply>(&value);
    write_by_hand::<TabCommand>(&value);
    write_by_hand::<Refusal>(&value);
});
