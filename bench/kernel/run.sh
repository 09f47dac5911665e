#!/usr/bin/env bash
# The kernel against the JS engine's own BigInt: builds bench/kernel (the
# app's src/core/factorial.rs, as a small wasm module at the app's opt-levels
# and at opt-level 3, and natively), then times both workloads in Node and
# headless Chromium (bench/kernel/run.mjs).
#
#   bench/kernel/run.sh [--write] [run.mjs options, e.g. --rounds 15 --cpu]
#
# --write puts the tables into docs/benchmark.md's kernel section.
set -euo pipefail
cd "$(dirname "$0")/../.."
write=()
args=()
for arg in "$@"; do
  case "$arg" in
    --write) write=(--write docs/benchmark.md) ;;
    *) args+=("$arg") ;;
  esac
done
export CARGO_TARGET_DIR=target/bench-kernel
manifest=bench/kernel/Cargo.toml
# RUSTFLAGS replaces .cargo/config.toml's flags for the threaded build, as
# for the app's build without threads (scripts/lib.sh); std is rebuilt with
# the app's features.
build() {
  env CARGO_UNSTABLE_BUILD_STD=panic_abort,std CARGO_UNSTABLE_BUILD_STD_FEATURES=panic-unwind,optimize_for_size \
    RUSTFLAGS="-Cdebuginfo=0 -Zlocation-detail=none" \
    cargo build --quiet --manifest-path "$manifest" --target wasm32-unknown-unknown --lib "$@"
}
build --release
build --profile o3
cargo build --quiet --manifest-path "$manifest" --release --bin kernel-native
wasm=$CARGO_TARGET_DIR/wasm32-unknown-unknown
"$CARGO_TARGET_DIR/release/kernel-native" > "$CARGO_TARGET_DIR/native.json"
node bench/kernel/run.mjs --native "$CARGO_TARGET_DIR/native.json" ${write[@]+"${write[@]}"} ${args[@]+"${args[@]}"} \
  "as the app builds it=$wasm/release/kernel_bench.wasm" "opt-level 3=$wasm/o3/kernel_bench.wasm"
