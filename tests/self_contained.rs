//! The repository stands on its own: facts the code relies on live in `docs/` with their public
//! sources, so no file may point at notes outside the checkout.

use std::fs;
use std::path::Path;

const ROOTS: [&str; 8] = [
    "src",
    "tests",
    "extension",
    "static",
    "docs",
    "examples",
    "fuzz/fuzz_targets",
    ".ci",
];
const FILES: [&str; 4] = ["README.md", "ARCHITECTURE.md", "build.sh", "Cargo.toml"];
const TEXT: [&str; 10] = [
    "rs", "js", "mjs", "md", "html", "css", "json", "toml", "sh", "py",
];

fn visit(path: &Path, found: &mut Vec<String>) {
    if path.is_dir() {
        if path.file_name().is_some_and(|name| name == "node_modules") {
            return;
        }
        for entry in fs::read_dir(path).unwrap().flatten() {
            visit(&entry.path(), found);
        }
        return;
    }
    let textual = path
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| TEXT.contains(&ext))
        || path.file_name().is_some_and(|name| name == "run");
    if !textual || path.ends_with("tests/self_contained.rs") {
        return;
    }
    let Ok(text) = fs::read_to_string(path) else {
        return;
    };
    let lower = text.to_lowercase();
    for needle in ["field-guide", "field guide", "../shared", "style.md"] {
        if lower.contains(needle) {
            found.push(format!("{} mentions {needle}", path.display()));
        }
    }
}

#[test]
fn no_file_points_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for dir in ROOTS {
        visit(&root.join(dir), &mut found);
    }
    for file in FILES {
        visit(&root.join(file), &mut found);
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_fact_file_the_code_cites_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for doc in [
        "docs/github-pages.md",
        "docs/token-formats.md",
        "docs/github-api.md",
    ] {
        let text = fs::read_to_string(root.join(doc)).unwrap();
        assert!(text.contains("https://"), "{doc} names no public source");
    }
}
