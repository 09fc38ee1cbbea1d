//! PAT Guard: keeps freshly generated GitHub personal access tokens from being lost,
//! leaked or misconfigured.
//!
//! The crate has two layers (see ARCHITECTURE.md):
//! - a pure core (`message`, `page`, `background::route`) that takes plain values and returns
//!   plain values, compiles on any target and is tested natively with `cargo test`;
//! - a thin browser shell (`browser`, `background::plans`, `ui`, `entry`) that exists only on
//!   `wasm32` and turns browser events into calls of the core.

pub mod background;
pub mod encoding;
pub mod github;
pub mod hosts;
pub mod json;
pub mod leak;
pub mod message;
pub mod page;
pub mod token;

// Each context's module holds only what it runs (see Cargo.toml's features), so a shell
// function one context does not call is unused in the others' builds.
#[cfg(target_arch = "wasm32")]
#[cfg_attr(
    not(all(feature = "background", feature = "popup", feature = "banner")),
    allow(dead_code, unused_imports)
)]
mod browser;
#[cfg(target_arch = "wasm32")]
mod entry;
#[cfg(all(target_arch = "wasm32", feature = "ui"))]
#[cfg_attr(
    not(all(feature = "popup", feature = "banner")),
    allow(dead_code, unused_imports)
)]
mod ui;

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The product's version, shared by the manifest (build.sh copies it there) and every context.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The product's name as users see it.
pub const PRODUCT_NAME: &str = "PAT Guard";
