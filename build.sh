#!/usr/bin/env bash
# PAT Guard's one build script. It installs whatever it needs that is missing.
#
#   ./build.sh                build dist/chrome, dist/firefox and their zips
#   ./build.sh test           native tests, a short fuzz run, the build, the browser suites
#   ./build.sh bench          the token engine's speed and a page's cost, as ratios to same-run baselines
#   ./build.sh fuzz [SECONDS] fuzz the token engine, each target for SECONDS (default 300)
#   ./build.sh screenshots    the README's screenshots, into docs/screenshots/
#   ./build.sh reproduce      build the committed HEAD in another folder; the zips must match
#   ./build.sh help           this text
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
ROOT=$PWD
TOOLS=${PAT_GUARD_TOOLS:-$ROOT/tools}
DIST=$ROOT/dist
WASM_TARGET=wasm32-unknown-unknown
CRATE=pat_guard
# sha2's loop-based SHA-256 (its documented `compact` soft backend): the wasm hashes one token
# at a time, so the unrolled rounds would only cost size.
WASM_RUSTFLAGS='--cfg sha2_backend_soft="compact"'
# The wasm is built with its own standard library (cargo's -Zbuild-std), so that a panic is a
# bare trap: wasm32-unknown-unknown has nowhere to print a panic message, yet the prebuilt
# standard library formats one (and every panic location's file name) into each module. That
# is a tenth of the popup. These flags are unstable, which the pinned stable compiler
# (rust-toolchain.toml) allows only with RUSTC_BOOTSTRAP=1; being pinned, they cannot change
# under us. See docs/wasm-size.md.
WASM_UNSTABLE_RUSTFLAGS='-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none'
WASM_BUILD_STD=(-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size)

# ---------------------------------------------------------------------------------------------
# Output helpers

if [ -t 1 ]; then BOLD=$'\e[1m'; RED=$'\e[31m'; GREEN=$'\e[32m'; RESET=$'\e[0m'; else BOLD=; RED=; GREEN=; RESET=; fi

step() { printf '%s==> %s%s\n' "$BOLD" "$*" "$RESET"; }

# fail WHAT [WHAT-TO-DO]: stop with a message that says what failed and what to do.
fail() {
  printf '%sbuild.sh: %s%s\n' "$RED" "$1" "$RESET" >&2
  if [ -n "${2:-}" ]; then printf '  what to do: %s\n' "$2" >&2; fi
  exit 1
}

# attempt WHAT WHAT-TO-DO COMMAND...: run a command, or stop with a clear message.
attempt() {
  local what=$1 todo=$2
  shift 2
  "$@" || fail "$what failed (exit $?)" "$todo"
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    fail "'$*' needs root" "run it as root, or install the packages named above by hand"
  fi
}

APT_UPDATED=
# need_debian PACKAGE...: install Debian packages that are not installed yet.
need_debian() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "installing Debian packages: ${missing[*]}"
  if [ -z "$APT_UPDATED" ]; then
    attempt "apt-get update" "check that Debian's package mirror is reachable" as_root apt-get update -q
    APT_UPDATED=1
  fi
  attempt "apt-get install ${missing[*]}" "install them by hand: apt-get install ${missing[*]}" \
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# ---------------------------------------------------------------------------------------------
# Tools

ensure_base_tools() {
  command -v cargo >/dev/null || fail "cargo is not installed" "install Rust with rustup (https://rustup.rs), then run ./build.sh again"
  local need=()
  command -v node >/dev/null || need+=(nodejs)
  command -v npm >/dev/null || need+=(npm)
  command -v python3 >/dev/null || need+=(python3)
  command -v gzip >/dev/null || need+=(gzip)
  if [ ${#need[@]} -gt 0 ]; then need_debian "${need[@]}"; fi
}

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    step "adding the Rust target $WASM_TARGET"
    attempt "rustup target add $WASM_TARGET" "run: rustup target add $WASM_TARGET" rustup target add "$WASM_TARGET"
  fi
  # The standard library's source, which the wasm is built with (WASM_BUILD_STD).
  if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
    step "adding the Rust component rust-src"
    attempt "rustup component add rust-src" "run: rustup component add rust-src" rustup component add rust-src
  fi
}

# The CLI must match the wasm-bindgen crate exactly; read the version Cargo.lock pins.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_wasm_bindgen() {
  local want have=
  want=$(wasm_bindgen_version)
  [ -n "$want" ] || fail "Cargo.lock does not pin wasm-bindgen" "run: cargo generate-lockfile"
  [ -x "$TOOLS/bin/wasm-bindgen" ] && have=$("$TOOLS/bin/wasm-bindgen" --version | awk '{print $2}')
  if [ "$have" != "$want" ]; then
    step "installing wasm-bindgen-cli $want into tools/ (a few minutes, once)"
    # Not --locked: one of the CLI's locked dependency versions is missing from crates.io.
    attempt "cargo install wasm-bindgen-cli $want" "check that crates.io is reachable and that gcc is installed" \
      cargo install --quiet wasm-bindgen-cli --version "=$want" --root "$TOOLS"
  fi
}

ensure_npm_packages() { # DIR: install DIR's npm packages from its lockfile, when it changed
  local dir=$1 stamp=$1/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || [ "$dir/package-lock.json" -nt "$stamp" ]; then
    step "installing npm packages in ${dir#"$ROOT"/} (from its package-lock.json)"
    attempt "npm ci in ${dir#"$ROOT"/}" "check that the npm registry is reachable" \
      npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
}

ensure_build_tools() {
  ensure_base_tools
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_npm_packages "$TOOLS"
}

# ---------------------------------------------------------------------------------------------
# Build

crate_version() {
  awk -F'"' '/^version = / { print $2; exit }' Cargo.toml
}

# The contexts that run wasm; each gets a module with only its own code (Cargo features).
CONTEXTS="background popup banner"

build_wasm() {
  local context
  for context in $CONTEXTS; do
    build_context "$context"
  done
}

# build_context NAME: target/pat-guard-pkg/NAME.js and NAME_bg.wasm, from the crate built
# with feature NAME (in a target folder of its own, so each keeps its incremental cache).
build_context() {
  local context=$1
  step "compiling Rust to WebAssembly: the $context module (release)"
  # Paths of this machine must not end up in the package: the same commit built anywhere
  # gives the same bytes. The dependencies' sources go under one short name whatever the
  # registry's folder is called (a mirror names it differently), so they are fetched first;
  # the later mapping wins where two apply.
  local cargo_home=${CARGO_HOME:-$HOME/.cargo}
  local target_dir=$ROOT/target/ctx-$context
  attempt "cargo fetch for $WASM_TARGET" "check that crates.io is reachable" \
    cargo fetch --quiet --target "$WASM_TARGET"
  local remap="--remap-path-prefix=$ROOT=/pat-guard --remap-path-prefix=$cargo_home=/cargo"
  remap+=" --remap-path-prefix=$(rustc --print sysroot)=/rust"
  local registry
  for registry in "$cargo_home"/registry/src/*/; do
    [ -d "$registry" ] && remap+=" --remap-path-prefix=${registry%/}=/crates"
  done
  attempt "cargo build for $WASM_TARGET ($context)" "read the compiler errors above" \
    env RUSTFLAGS="$remap $WASM_RUSTFLAGS $WASM_UNSTABLE_RUSTFLAGS" \
    CARGO_TARGET_DIR="$target_dir" RUSTC_BOOTSTRAP=1 \
    cargo build --quiet --release --target "$WASM_TARGET" --lib --features "$context" "${WASM_BUILD_STD[@]}"

  local out=$ROOT/target/pat-guard-pkg
  local tmp=$out.$context.tmp
  step "generating JS bindings for $context (wasm-bindgen --target web)"
  rm -rf "$tmp"
  attempt "wasm-bindgen" "delete tools/bin and run ./build.sh again to reinstall the CLI" \
    "$TOOLS/bin/wasm-bindgen" --target web --no-typescript --out-dir "$tmp" --out-name "$context" \
    "$target_dir/$WASM_TARGET/release/$CRATE.wasm"

  # wasm-opt takes seconds; reuse its result while wasm-bindgen's output and the flags are
  # unchanged. -Oz repeated until it gains nothing more (--converge): 0.2-0.7 KiB a module.
  # Then the names the module imports and exports, long hashed names only the glue reads,
  # become one or two letters (binaryen prints the mapping; rename_glue applies it).
  # --low-memory-unused lets wasm-opt fold a pointer's added constant into the access's
  # offset: Rust's wasm puts its 1 MiB stack first, growing down to 0, so nothing but a stack
  # within a KiB of overflowing reaches the lowest KiB (docs/wasm-size.md).
  local features=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
    --enable-mutable-globals --enable-reference-types --enable-multivalue)
  local opt_flags=(-Oz --low-memory-unused --converge --strip-debug --strip-producers "${features[@]}")
  local hash cache wasm_opt=$TOOLS/node_modules/.bin/wasm-opt
  hash=$( (cat "$tmp/${context}_bg.wasm"; echo "${opt_flags[*]} minify") | sha256sum | cut -c1-32)
  cache=$ROOT/target/pat-guard-opt/$hash.wasm
  if [ ! -f "$cache" ] || [ ! -f "$cache.names.json" ]; then
    step "shrinking the $context wasm (wasm-opt -Oz)"
    mkdir -p "$(dirname "$cache")"
    attempt "wasm-opt" "delete tools/node_modules and run ./build.sh again" \
      "$wasm_opt" "${opt_flags[@]}" "$tmp/${context}_bg.wasm" -o "$cache.opt.tmp"
    # A pass of its own: --converge would minify the minified names again.
    attempt "wasm-opt (names)" "delete tools/node_modules and run ./build.sh again" \
      "$wasm_opt" "${features[@]}" --minify-imports-and-exports-and-modules \
      "$cache.opt.tmp" -o "$cache.tmp" >"$cache.names.tmp"
    rm "$cache.opt.tmp"
    mv "$cache.names.tmp" "$cache.names.json"
    mv "$cache.tmp" "$cache"
  fi
  mkdir -p "$out"
  cp "$cache" "$out/${context}_bg.wasm"
  attempt "renaming the $context glue's imports and exports" "report this as a bug: wasm-bindgen's glue changed shape" \
    rename_glue "$tmp/$context.js" "$cache" "$cache.names.json" "$out/$context.js"
  rm -rf "$tmp"
}

# rename_glue GLUE WASM NAMES OUT: wasm-bindgen's glue (GLUE) with the module's minified names
# (NAMES, binaryen's mapping), into OUT. It checks its work: afterwards the glue offers
# exactly the imports the module (WASM) asks for, under its one module name, and reads only
# exports the module has.
rename_glue() {
  node - "$@" <<'JS'
const fs = require('fs');
const [glue, wasmFile, namesFile, out] = process.argv.slice(2);
const fail = (why) => { console.error(`rename_glue: ${why}`); process.exit(1); };
const escape = (name) => name.replace(/[$]/g, '\\$&');
const names = JSON.parse(fs.readFileSync(namesFile, 'utf8'));
const module = new WebAssembly.Module(fs.readFileSync(wasmFile));
const imports = WebAssembly.Module.imports(module);
const exports = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
const modules = new Set(imports.map((i) => i.module));
const oldModules = new Set(names.imports.map(([m]) => m));
if (modules.size !== 1 || oldModules.size !== 1) fail('expected one import module');
const [newModule] = modules, [oldModule] = oldModules;
let js = fs.readFileSync(glue, 'utf8');
const replaceOnce = (pattern, replacement, what) => {
  let count = 0;
  js = js.replace(pattern, (...match) => { count += 1; return replacement(...match); });
  if (count !== 1) fail(`${what} found ${count} times`);
};
replaceOnce(new RegExp(`^(\\s+)${JSON.stringify(oldModule).replace(/[.]/g, '\\.')}: import0,$`, 'm'),
  (_, space) => `${space}${JSON.stringify(newModule)}: import0,`, `import module ${oldModule}`);
for (const [, from, to] of names.imports) {
  replaceOnce(new RegExp(`^(\\s+)${escape(from)}: `, 'm'), (_, space) => `${space}${JSON.stringify(to)}: `, `import ${from}`);
}
for (const [from, to] of names.exports) {
  js = js.replace(new RegExp(`\\bwasm\\.${escape(from)}(?![\\w$])`, 'g'), `wasm.${to}`);
}
const offered = new Set([...js.matchAll(/^\s+"([^"]+)": function\b/gm)].map((m) => m[1]));
const wanted = new Set(imports.map((i) => i.name));
if (offered.size !== wanted.size || [...wanted].some((n) => !offered.has(n))) fail('the glue does not offer exactly the imports');
for (const [, name] of js.matchAll(/\bwasm\.([\w$]+)/g)) {
  if (!exports.has(name)) fail(`the glue reads wasm.${name}, which the module does not export`);
}
fs.writeFileSync(out, js);
JS
}

# assemble BROWSER: dist/BROWSER from extension/, static/ and the wasm package.
assemble() {
  local browser=$1 dir=$DIST/$1
  rm -rf "$dir"
  mkdir -p "$dir/pkg"
  cp extension/*.js "$dir/"
  [ "$browser" = chrome ] && cp extension/managed_schema.json "$dir/"
  cp -R extension/_locales "$dir/"
  cp static/*.html static/*.css "$dir/"
  mkdir -p "$dir/icons"
  cp static/icons/*.png "$dir/icons/"
  local context
  for context in $CONTEXTS; do
    cp "$ROOT/target/pat-guard-pkg/$context.js" "$ROOT/target/pat-guard-pkg/${context}_bg.wasm" "$dir/pkg/"
  done
  attempt "writing $browser's manifest" "check extension/manifest.json is valid JSON" \
    node - "$browser" "$(crate_version)" extension/manifest.json "$dir/manifest.json" <<'NODE'
const fs = require('fs');
const [browser, version, source, target] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(source, 'utf8'));
manifest.version = version;
if (browser === 'chrome') {
  delete manifest.background.scripts;             // Chromium runs the module service worker
  delete manifest.browser_specific_settings;       // and knows no gecko settings
} else {
  delete manifest.background.service_worker;       // Firefox runs a module background script
  delete manifest.storage;                         // and reads managed storage from policies
}
// Keys in a fixed order so the file (and the zip) is the same on every build.
const ordered = ['manifest_version', 'name', 'version', 'description', 'default_locale'];
const sorted = Object.fromEntries([
  ...ordered.filter((key) => key in manifest).map((key) => [key, manifest[key]]),
  ...Object.keys(manifest).filter((key) => !ordered.includes(key)).sort().map((key) => [key, manifest[key]]),
]);
fs.writeFileSync(target, JSON.stringify(sorted, null, 2) + '\n');
NODE
}

# package BROWSER: a zip with fixed timestamps, order and permissions, so it is reproducible.
package() {
  local browser=$1 zip
  zip=$DIST/pat-guard-$(crate_version)-$browser.zip
  attempt "zipping dist/$browser" "check that python3 works" python3 - "$DIST/$browser" "$zip" <<'PY'
import os, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
files = sorted(
    os.path.relpath(os.path.join(d, f), src)
    for d, _, fs in os.walk(src) for f in fs
)
with zipfile.ZipFile(dst + ".tmp", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for rel in files:
        info = zipfile.ZipInfo(rel.replace(os.sep, "/"), date_time=(1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(os.path.join(src, rel), "rb") as f:
            z.writestr(info, f.read(), compresslevel=9)
os.replace(dst + ".tmp", dst)
PY
}

size_table() {
  printf '\n%-34s %10s %10s\n' "shipped file (dist/chrome)" "bytes" "gzip -9"
  local file raw gz total_raw=0 total_gz=0
  while IFS= read -r file; do
    raw=$(wc -c <"$DIST/chrome/$file")
    gz=$(gzip -9 -n -c "$DIST/chrome/$file" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '%-34s %10d %10d\n' "$file" "$raw" "$gz"
  done < <(cd "$DIST/chrome" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
  printf '%-34s %10d %10d\n' "total" "$total_raw" "$total_gz"
  printf '(dist/firefox ships the same files; only its manifest differs.)\n'
  for zip in "$DIST"/*.zip; do printf '%-34s %10d\n' "${zip#"$ROOT"/}" "$(wc -c <"$zip")"; done
}

how_to_load() {
  cat <<TEXT

Load it:
  Chromium/Chrome: open chrome://extensions, switch on Developer mode,
                   "Load unpacked" and choose dist/chrome.
  Firefox:         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on..."
                   and choose dist/firefox/manifest.json.
TEXT
}

cmd_build() {
  ensure_build_tools
  build_wasm
  step "assembling dist/chrome and dist/firefox"
  rm -f "$DIST"/*.zip
  for browser in chrome firefox; do
    assemble "$browser"
    package "$browser"
  done
  size_table
  if [ "${1:-}" != quiet ]; then how_to_load; fi
}

# ---------------------------------------------------------------------------------------------
# Test

PASSED=0
FAILED=0
SKIPPED=0

count_cargo() { # LOG: add up cargo's "test result:" lines
  local p f s
  read -r p f s < <(awk '/^test result: / {
      for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/) s += $i }
    } END { print p + 0, f + 0, s + 0 }' "$1")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
}

count_tap() { # LOG: add up node's TAP summary; a cancelled test is a failed one
  local p f c s t
  p=$(awk '/^# pass /{print $3}' "$1" | tail -1)
  f=$(awk '/^# fail /{print $3}' "$1" | tail -1)
  c=$(awk '/^# cancelled /{print $3}' "$1" | tail -1)
  s=$(awk '/^# skipped /{print $3}' "$1" | tail -1)
  t=$(awk '/^# todo /{print $3}' "$1" | tail -1)
  PASSED=$((PASSED + ${p:-0})); FAILED=$((FAILED + ${f:-0} + ${c:-0}))
  SKIPPED=$((SKIPPED + ${s:-0} + ${t:-0}))
  if [ "${c:-0}" -gt 0 ]; then printf '%s%s test(s) cancelled (counted as failed)%s\n' "$RED" "$c" "$RESET"; fi
}

ensure_e2e_tools() {
  need_debian chromium openssl xvfb xdotool
  ensure_npm_packages "$ROOT/tests/e2e"
}

GECKODRIVER_VERSION=0.37.1

ensure_firefox_tools() {
  need_debian firefox-esr
  local have=
  [ -x "$TOOLS/bin/geckodriver" ] && have=$("$TOOLS/bin/geckodriver" --version | awk 'NR==1 {print $2}')
  if [ "$have" != "$GECKODRIVER_VERSION" ]; then
    step "installing geckodriver $GECKODRIVER_VERSION into tools/ (a few minutes, once)"
    attempt "cargo install geckodriver" "check that crates.io is reachable" \
      cargo install --quiet geckodriver --version "=$GECKODRIVER_VERSION" --root "$TOOLS"
  fi
}

# run_suite TITLE NAME FILE...: one node --test run; its TAP summary adds to the totals.
run_suite() {
  local title=$1 name=$2 tap
  shift 2
  tap=$ROOT/target/test-logs/e2e-$name.tap
  rm -f "$tap"
  step "end-to-end tests: $title, against the fake GitHub"
  local ok=0
  GECKODRIVER="$TOOLS/bin/geckodriver" node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" "$@" || ok=1
  if grep -q '^# pass ' "$tap" 2>/dev/null; then
    count_tap "$tap"
  else
    FAILED=$((FAILED + 1)) # the suite did not run to its summary
    ok=1
  fi
  return "$ok"
}

cmd_test() {
  local logs=$ROOT/target/test-logs status=0
  mkdir -p "$logs"

  step "native tests (cargo test)"
  if ! cargo test --quiet 2>&1 | tee "$logs/cargo.log"; then
    status=1
    grep -qE '^test result: ' "$logs/cargo.log" || FAILED=$((FAILED + 1)) # did not even compile
  fi
  count_cargo "$logs/cargo.log"

  ensure_fuzz_tools
  local target
  for target in "${FUZZ_TARGETS[@]}"; do
    step "fuzz smoke run: $target (${FUZZ_SMOKE_SECONDS:-15}s)"
    if fuzz_target "$target" "${FUZZ_SMOKE_SECONDS:-15}"; then PASSED=$((PASSED + 1)); else
      FAILED=$((FAILED + 1)); status=1
      printf '%sfuzz target %s failed: see fuzz/artifacts/%s/%s\n' "$RED" "$target" "$target" "$RESET"
    fi
  done

  cmd_build quiet
  ensure_e2e_tools

  run_suite "Chromium (and Mozilla's linter)" chromium \
    tests/e2e/pipeline.test.mjs tests/e2e/popup.test.mjs tests/e2e/validate.test.mjs \
    tests/e2e/guardian.test.mjs tests/e2e/pages.test.mjs tests/e2e/canary.test.mjs \
    tests/e2e/ux.test.mjs tests/e2e/access.test.mjs tests/e2e/other-extension.test.mjs \
    tests/e2e/enterprise.test.mjs tests/e2e/leak.test.mjs \
    tests/e2e/lint.test.mjs || status=1
  ensure_firefox_tools
  run_suite "Firefox ESR" firefox tests/e2e/firefox.test.mjs tests/e2e/managed.test.mjs || status=1

  step "reproducible packages"
  local reproduced=0
  cmd_reproduce || reproduced=$?
  case "$reproduced" in
    0) PASSED=$((PASSED + 1)) ;;
    2) if [ -n "${CI:-}" ]; then # CI works on a clean clone: a skip there is a fault
         FAILED=$((FAILED + 1)); status=1
       else
         SKIPPED=$((SKIPPED + 1))
       fi
       printf '%sreproducible packages: NOT CHECKED (uncommitted changes)%s\n' "$RED" "$RESET" ;;
    *) FAILED=$((FAILED + 1)); status=1 ;;
  esac

  if [ "$FAILED" -gt 0 ]; then status=1; fi
  printf '\n'
  if [ "$status" -eq 0 ]; then printf '%s' "$GREEN"; else printf '%s' "$RED"; fi
  if [ "$SKIPPED" -gt 0 ]; then
    printf '%d passed, %d failed, %d skipped%s\n' "$PASSED" "$FAILED" "$SKIPPED" "$RESET"
  else
    printf '%d passed, %d failed%s\n' "$PASSED" "$FAILED" "$RESET"
  fi
  return "$status"
}

# ---------------------------------------------------------------------------------------------
# Fuzz and bench

CARGO_FUZZ_VERSION=0.13.2
FUZZ_TARGETS=(inspect find interpret message assess)

ensure_fuzz_tools() {
  if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    step "installing the nightly Rust toolchain (cargo-fuzz needs it)"
    attempt "rustup toolchain install nightly" "run: rustup toolchain install nightly --profile minimal" \
      rustup toolchain install nightly --profile minimal
  fi
  local have=
  [ -x "$TOOLS/bin/cargo-fuzz" ] && have=$("$TOOLS/bin/cargo-fuzz" --version | awk '{print $2}')
  if [ "$have" != "$CARGO_FUZZ_VERSION" ]; then
    step "installing cargo-fuzz $CARGO_FUZZ_VERSION into tools/ (once)"
    attempt "cargo install cargo-fuzz" "check that crates.io is reachable" \
      cargo install --quiet cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --root "$TOOLS"
  fi
}

# fuzz_target NAME SECONDS: run one fuzz target; a crash leaves its input in fuzz/artifacts/.
fuzz_target() {
  local log=$ROOT/target/fuzz-$1.log
  mkdir -p "$ROOT/target"
  if (cd fuzz && PATH="$TOOLS/bin:$PATH" cargo +nightly fuzz run "$1" -- \
      -max_total_time="$2" -max_len=4096 >"$log" 2>&1); then
    grep -E '^Done [0-9]+ runs' "$log" || true
  else
    grep -E -A4 'panicked at|ERROR: libFuzzer|Failing input:|^error' "$log" | head -n 40
    printf '(the whole log: target/fuzz-%s.log)\n' "$1"
    return 1
  fi
}

cmd_fuzz() {
  local seconds=${1:-300}
  [[ $seconds =~ ^[0-9]+$ ]] || fail "fuzz takes a number of seconds, not '$seconds'" "run: ./build.sh fuzz 60"
  ensure_base_tools
  ensure_fuzz_tools
  local target status=0
  for target in "${FUZZ_TARGETS[@]}"; do
    step "fuzzing $target for ${seconds}s"
    fuzz_target "$target" "$seconds" || { status=1; printf '%sfuzz target %s failed: see fuzz/artifacts/%s/%s\n' "$RED" "$target" "$target" "$RESET"; }
  done
  return "$status"
}

cmd_bench() {
  ensure_base_tools
  step "benchmarking the token engine (release build)"
  attempt "the benchmark" "read the compiler errors above" cargo run --quiet --release --example bench
  cmd_build quiet >/dev/null
  ensure_e2e_tools
  step "benchmarking what PAT Guard costs a GitHub page (Chromium, dist/chrome)"
  attempt "the browser benchmark" "read the error above" node tests/e2e/bench.mjs
}

# reproduce: build HEAD in a fresh clone elsewhere and compare its zips with dist/'s.
# Exit 2 (skipped) when the work tree has changes HEAD does not hold.
cmd_reproduce() {
  if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    printf 'reproduce: skipped: the work tree has uncommitted changes (commit them, then run again)\n'
    return 2
  fi
  cmd_build quiet >/dev/null
  local other
  other=$(mktemp -d)
  step "building HEAD again in another folder, to compare the packages byte for byte"
  if ! git clone --quiet --no-local "$ROOT" "$other/pat-guard" \
    || ! (cd "$other/pat-guard" && PAT_GUARD_TOOLS="$TOOLS" ./build.sh >"$other/build.log" 2>&1); then
    tail -n 20 "$other/build.log" 2>/dev/null
    printf '%sreproduce: the second build failed (its log is above)%s\n' "$RED" "$RESET"
    rm -rf "$other"
    return 1
  fi
  local zip status=0
  for zip in "$DIST"/*.zip; do
    if cmp -s "$zip" "$other/pat-guard/dist/$(basename "$zip")"; then
      printf 'identical: %s (sha256 %s)\n' "$(basename "$zip")" "$(sha256sum "$zip" | cut -c1-16)"
    else
      printf '%sdiffers: %s%s\n' "$RED" "$(basename "$zip")" "$RESET"
      status=1
    fi
  done
  rm -rf "$other"
  return "$status"
}

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}

case "${1:-build}" in
  build) cmd_build ;;
  test) cmd_test ;;
  bench) cmd_bench ;;
  screenshots) cmd_build quiet && ensure_e2e_tools && node tests/e2e/screenshots.mjs ;;
  reproduce) cmd_reproduce ;;
  fuzz) cmd_fuzz "${2:-}" ;;
  help|-h|--help) usage ;;
  *) usage >&2; fail "unknown command '$1'" "run ./build.sh help" ;;
esac
