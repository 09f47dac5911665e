# Shared by the scripts: paths, logging, and idempotent tool installs.
# Everything comes from rustup, crates.io, Debian's apt or the npm registry.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
# Trunk and cargo: never reach for the internet beyond the registries.
export TRUNK_OFFLINE=true
TRUNK_VERSION=0.22.1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"; fi
}

apt_install() {
  command -v apt-get >/dev/null || die "apt-get not found: install $* with your package manager"
  if [ -z "${APT_UPDATED:-}" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The pinned nightly with rust-src and the wasm target (rust-toolchain.toml).
ensure_toolchain() {
  command -v rustup >/dev/null || die "rustup not found: install Rust with rustup first (https://rustup.rs)"
  local channel
  channel="$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)"
  if ! rustup run "$channel" rustc --version >/dev/null 2>&1 \
     || ! rustup target list --installed --toolchain "$channel" | grep -qx wasm32-unknown-unknown \
     || ! rustup component list --installed --toolchain "$channel" | grep -q '^rust-src'; then
    say "installing Rust $channel with rust-src and wasm32-unknown-unknown"
    rustup toolchain install "$channel" --profile minimal \
      --component rust-src,rustfmt,clippy --target wasm32-unknown-unknown
  fi
}

# wasm-bindgen-cli at exactly the version in Cargo.lock, so Trunk never downloads one.
ensure_wasm_bindgen() {
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' Cargo.lock)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (a few minutes)"
    # Not --locked: its lockfile pins a crate version crates.io no longer serves.
    cargo install --force wasm-bindgen-cli --version "$want"
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" != "$TRUNK_VERSION" ]; then
    say "installing trunk $TRUNK_VERSION (about 12 minutes on 2 cores)"
    cargo install --force --locked trunk --version "$TRUNK_VERSION"
  fi
}

# wasm-opt (binaryen 132) from the npm registry, ahead of any older one on PATH.
ensure_wasm_opt() {
  command -v npm >/dev/null || { say "installing Node.js and npm (apt)"; apt_install nodejs npm; }
  if [ ! -x scripts/tools/node_modules/.bin/wasm-opt ]; then
    say "installing binaryen's wasm-opt (npm)"
    (cd scripts/tools && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
export PATH="$ROOT/scripts/tools/node_modules/.bin:$PATH"

ensure_build_tools() {
  ensure_toolchain
  ensure_wasm_bindgen
  ensure_trunk
  ensure_wasm_opt
}

# The browsers the tests drive, all Debian's: Chromium (playwright-core),
# Firefox ESR (puppeteer-core over WebDriver BiDi), WebKitGTK's MiniBrowser
# (WebKitWebDriver under Xvfb); Node.js; the npm drivers, which download no browser.
ensure_test_tools() {
  local missing=()
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium chromium-driver)
  [ -x "${FIREFOX:-/usr/bin/firefox-esr}" ] || missing+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing+=(xvfb)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  # The tutorial's client and the Python equivalents run under python3.
  command -v python3 >/dev/null || missing+=(python3)
  # The embed tests build a tutorial blog with Hugo (tests/embed-site).
  command -v hugo >/dev/null || missing+=(hugo)
  # tests/server_schemathesis.rs installs schemathesis into a virtualenv.
  python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (apt)"
    apt_install "${missing[@]}"
  fi
  # Any pinned driver absent or at another version (an older node_modules): install again.
  if ! (cd tests/browser && node -e '
    const want = require("./package.json").devDependencies;
    const have = (d) => { try { return require(`./node_modules/${d}/package.json`).version; } catch { return null; } };
    process.exit(Object.keys(want).every((d) => have(d) === want[d]) ? 0 : 1);'); then
    say "installing the test drivers and tools (npm: playwright-core, puppeteer-core, unfurl.js, axe-core, lighthouse; they drive the system browsers, download none)"
    (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
      npm ci --no-audit --no-fund --loglevel=error)
  fi
}

# Everything the offline builds read, into the cargo registry: the project's
# lockfile, and std's own (`-Z build-std` resolves the toolchain's
# library/Cargo.lock, which an empty registry does not hold).
fetch_dependencies() {
  say "fetching crates (the project's Cargo.lock and std's, for -Z build-std)"
  cargo fetch --locked
  cargo fetch --locked --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
}

# Builds from here on read a registry that starts empty, with the installed
# tools linked in: proof, on every test run, that a fresh machine builds.
use_empty_registry() {
  local home="$ROOT/target/empty-cargo-home"
  rm -rf "$home"
  mkdir -p "$home"
  ln -s "${CARGO_HOME:-$HOME/.cargo}/bin" "$home/bin"
  export CARGO_HOME="$home"
  say "building from an empty cargo registry ($home)"
}

# The wasm apps (dist/, dist/single/), precompressed, and the native server.
build_all() {
  fetch_dependencies
  # Both wasm builds rebuild std from source (-Z build-std): the threaded one
  # needs it with atomics, and both get it at the wasm-release profile's
  # opt-level "s" (Cargo.toml) with std's optimize_for_size feature (smaller
  # formatting and sorting code, the kernel as fast). -Z location-detail=none:
  # a panic keeps its message but not its file and line (docs/benchmark.md
  # has what each saves).
  local std=(CARGO_UNSTABLE_BUILD_STD=panic_abort,std
             CARGO_UNSTABLE_BUILD_STD_FEATURES=panic-unwind,optimize_for_size)
  say "building the wasm app (trunk build --release)"
  # The flag joins .cargo/config.toml's atomics flags for the wasm target
  # (Cargo merges the two lists); native builds keep their panic locations.
  env "${std[@]}" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zlocation-detail=none" \
    trunk build --release
  say "building the wasm app without threads (for pages that are not isolated)"
  # RUSTFLAGS replaces the atomics flags of .cargo/config.toml; its own
  # target dir keeps the two builds from rebuilding each other.
  env "${std[@]}" RUSTFLAGS="-Cdebuginfo=0 -Zlocation-detail=none" CARGO_TARGET_DIR=target/single \
    trunk build --release --config www/Trunk.single.toml
  say "building the server and precompressing the app (brotli and gzip files beside dist/'s)"
  cargo build --release --bin playground-server --bin precompress
  cargo run --release --quiet --bin precompress -- dist
}

# The house style: clippy with warnings denied on the native code and on
# both wasm builds (threads, and the build for pages without isolation).
lint_all() {
  say "style: cargo clippy, warnings denied (native, wasm with threads, wasm without)"
  cargo clippy --release --all-targets -- -D warnings
  local std=(CARGO_UNSTABLE_BUILD_STD=panic_abort,std)
  env "${std[@]}" cargo clippy --target wasm32-unknown-unknown --profile wasm-release \
    --lib --bin playground-app -- -D warnings
  env "${std[@]}" RUSTFLAGS="-Cdebuginfo=0" CARGO_TARGET_DIR=target/single \
    cargo clippy --target wasm32-unknown-unknown --profile wasm-release --no-default-features \
    --lib --bin playground-app -- -D warnings
}
