#!/usr/bin/env bash
# map-playground's one entry point. Every subcommand is idempotent and safe to re-run.
#
#   ./build.sh setup   install what building needs (the Rust toolchain with its wasm target and
#                      rust-src, wasm-bindgen-cli) and what testing needs (Chromium, Firefox
#                      ESR, geckodriver, WebKitGTK's WebKitWebDriver and Xvfb, npm packages)
#   ./build.sh build   threaded + single-threaded wasm builds, each without and with the Python
#                      engine, through wasm-bindgen into www/ (pkg, pkg-st, pkg-py, pkg-py-st)
#   ./build.sh serve   setup for building only, the small builds, then serve www/ with COOP/COEP
#                      on 127.0.0.1:${PORT:-8080} while the Python-engine builds follow
#   ./build.sh dist    setup for building + build, then the site to publish, in dist/
#                      (tools/dist.mjs: versioned files, service worker, _headers)
#   ./build.sh test    setup + build, native tests, wasm tests in Chromium, browser end-to-end
#                      tests in Chromium, Firefox ESR and WebKitGTK
#   ./build.sh bench   setup + build, then the side-by-side benchmark (--smoke: a quick check;
#                      --python: the Python engine's figures, docs/python-engine.md)
set -euo pipefail
cd "$(dirname "$0")"

TARGET=wasm32-unknown-unknown
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
FIREFOX=/usr/bin/firefox-esr
# WebKitGTK's WebDriver (Debian webkit2gtk-driver); its MiniBrowser needs a display: Xvfb.
WEBKIT_DRIVER=/usr/bin/WebKitWebDriver
# geckodriver, Mozilla's WebDriver server for Firefox, from crates.io at this version.
GECKODRIVER_VERSION=0.37.1

# The threaded build. `+atomics` alone no longer yields a shared memory since
# rust-lang/rust#147225; without these link args the build succeeds and the browser then fails
# with "DataCloneError: #<Memory> could not be cloned" (wasm-bindgen-rayon issue #33).
THREADED_RUSTFLAGS="-C target-feature=+atomics,+bulk-memory,+mutable-globals \
-C link-arg=--shared-memory -C link-arg=--max-memory=1073741824 -C link-arg=--import-memory \
-C link-arg=--export=__wasm_init_tls -C link-arg=--export=__tls_size \
-C link-arg=--export=__tls_align -C link-arg=--export=__tls_base"

# Each step with the time since the command started, so a slow step shows where it is.
log() { printf '\033[1m==> [%d:%02d] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; }
# A step of a numbered part: `step build 2 4 "what" "about 1 min"` prints "build 2/4: what (about 1 min)".
step() { log "$1 $2/$3: $4${5:+ ($5)}"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The threaded build needs `-Z build-std`; RUSTC_BOOTSTRAP lets the pinned stable toolchain
# accept it, for these commands only.
threaded_cargo() {
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$THREADED_RUSTFLAGS" \
    cargo "$@" --target "$TARGET" -Z build-std=panic_abort,std --target-dir target/wasm-threads
}

lock_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

# The toolchain rust-toolchain.toml pins. rustup does not install it on its own here
# (RUSTUP_AUTO_INSTALL=0 on these machines), so setup does, with the wasm target, the standard
# library's source for `-Z build-std`, clippy and rustfmt.
toolchain_channel() {
  sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml
}

# What building needs: the pinned toolchain with its wasm target and rust-src, and
# wasm-bindgen-cli at the Cargo.lock version. `./build.sh serve` installs only these.
setup_build() {
  local channel
  channel=$(toolchain_channel)
  [ -n "$channel" ] || die "rust-toolchain.toml names no channel"
  if ! rustup run "$channel" rustc --version >/dev/null 2>&1 \
    || ! rustup target list --installed --toolchain "$channel" | grep -qx "$TARGET" \
    || ! rustup component list --installed --toolchain "$channel" | grep -q '^rust-src'; then
    step setup 1 2 "Rust $channel with $TARGET, rust-src, clippy and rustfmt (rust-toolchain.toml)" "about a minute, once"
    rustup toolchain install "$channel" --profile minimal --component rust-src,clippy,rustfmt --target "$TARGET"
  fi
  [ -f Cargo.lock ] || cargo generate-lockfile

  local want
  want=$(lock_version wasm-bindgen)
  [ -n "$want" ] || die "wasm-bindgen is missing from Cargo.lock"
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $want" ]; then
    step setup 2 2 "wasm-bindgen-cli $want, the version in Cargo.lock, compiled from crates.io" "about 2 minutes on 2 cores, once"
    # `--locked` fails on this registry mirror: a dependency it pins is missing there.
    # `--debug`: unoptimised, it compiles in 111 s here against 231 s (196 s at opt-level 1),
    # and runs the largest build through in 9 s against 2: two minutes sooner to the page.
    cargo install wasm-bindgen-cli --version "$want" --force --debug
  fi
}

# What testing and benchmarking need besides: the browsers and their drivers, and the npm test
# tools. The browsers come from Debian in the background (fetching and unpacking them needs
# little CPU): `setup` waits for them at its end, `test` only before its first browser, so on a
# fresh machine they arrive while the Rust tools and the builds compile.
cmd_setup() {
  setup_tests
  browsers_ready
}

BROWSERS_PID='' BROWSERS_LOG=''

setup_tests() {
  if [ ! -x "$CHROMIUM" ] || [ ! -x "$CHROMEDRIVER" ] || [ ! -x "$FIREFOX" ] || [ ! -x "$WEBKIT_DRIVER" ] \
    || ! command -v Xvfb >/dev/null; then
    log "setup for tests: Chromium, ChromeDriver, Firefox ESR, WebKitGTK's WebDriver and Xvfb from Debian, in the background (about 3 minutes, once)"
    BROWSERS_LOG=$(mktemp)
    (
      as_root apt-get update -qq
      DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq \
        chromium chromium-driver firefox-esr webkit2gtk-driver xvfb
    ) >"$BROWSERS_LOG" 2>&1 &
    BROWSERS_PID=$!
  fi

  setup_build

  if [ "$(geckodriver --version 2>/dev/null | head -1 | cut -d' ' -f2)" != "$GECKODRIVER_VERSION" ]; then
    log "setup for tests: geckodriver $GECKODRIVER_VERSION from crates.io (about a minute on 2 cores, once)"
    # Unoptimised, as wasm-bindgen-cli: it only relays WebDriver commands (80 s here against
    # 138 s optimised).
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --force --debug
  fi

  local stamp=node_modules/.package-lock.sha256 sum
  sum=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    log "setup for tests: npm ci, the test tools (seconds)"
    npm ci --no-audit --no-fund
    echo "$sum" >"$stamp"
  fi
}

# Waits for the browsers setup_tests started from Debian, if it started any.
browsers_ready() {
  [ -n "$BROWSERS_PID" ] || return 0
  log "setup for tests: waiting for the browsers from Debian"
  if ! wait "$BROWSERS_PID"; then
    cat "$BROWSERS_LOG" >&2
    die "installing the browsers from Debian failed (its output is above)"
  fi
  rm -f "$BROWSERS_LOG"
  BROWSERS_PID=''
}

# Four builds: threaded (atomics, shared memory) and single-threaded, each without and with the
# Python engine (feature `python`, about 2 MB gzip more). The page loads the small ones and
# fetches an engine build only when a person runs a custom worker or a program.
cmd_build() {
  build_prelude
  build_variant basic
  build_variant python
}

build_prelude() {
  log "build: the workloads' Python source -> www/page/workloads-py.js"
  node tools/embed-python.mjs
}

# Usual times on a fresh target/ on 2 cores (a rebuild after a change takes seconds), in
# seconds: the logs say them, and `serve` tells the page while the engine builds.
usual_s() {
  case "$1 $2" in
    'basic threaded') echo 60 ;;
    'basic st') echo 30 ;;
    'python threaded') echo 300 ;;
    'python st') echo 240 ;;
  esac
}

# One variant, `basic` (steps 1-2 of 4) or `python` (3-4): its threaded and single-threaded
# builds, through wasm-bindgen into www/pkg* and checked. `on_step` (if set) is called with the
# step's number and what it builds before each.
build_variant() {
  local variant=$1 out=www/pkg profile=release features= n=1
  if [ "$variant" = python ]; then out=www/pkg-py profile=release-python features=,python n=3; fi
  local usual_threaded usual_st
  usual_threaded=$(usual_s "$variant" threaded)
  usual_st=$(usual_s "$variant" st)

  ${on_step:-:} "$n" "threaded wasm, $variant"
  step build "$n" 4 "threaded wasm, $variant -> $out" "$(usual_words "$usual_threaded" "$variant")"
  threaded_cargo build --profile "$profile" --lib --no-default-features --features "threads$features"
  wasm-bindgen --target web --out-dir "$out" "target/wasm-threads/$TARGET/$profile/map_playground.wasm"
  node tools/check-wasm.mjs "$out/map_playground" shared

  ${on_step:-:} "$((n + 1))" "single-threaded wasm, $variant"
  step build "$((n + 1))" 4 "single-threaded wasm (no atomics), $variant -> $out-st" "$(usual_words "$usual_st" "$variant")"
  cargo build --profile "$profile" --lib --target "$TARGET" --target-dir target/wasm-st \
    --no-default-features --features "${features#,}"
  wasm-bindgen --target web --out-dir "$out-st" "target/wasm-st/$TARGET/$profile/map_playground.wasm"
  node tools/check-wasm.mjs "$out-st/map_playground" unshared
}

usual_words() {
  local s=$1 what=''
  [ "$2" = python ] && what=': the Python engine'
  if [ "$s" -lt 60 ]; then echo "about $s s fresh$what"; else echo "about $((s / 60)) min fresh$what"; fi
}

# What `serve` tells the page about the Python-engine builds it makes after the server started
# (tools/serve.mjs serves it as /build-status.json; worker/engine-build.js reads it).
BUILD_STATUS=target/serve/build-status.json

build_status() {
  mkdir -p "$(dirname "$BUILD_STATUS")"
  printf '%s\n' "$1" >"$BUILD_STATUS.tmp" && mv "$BUILD_STATUS.tmp" "$BUILD_STATUS"
}

# The page first: the small builds, then the server, then the Python-engine builds while it
# serves (a custom worker or a program run meanwhile waits for them, and says so).
SERVER_PID=''

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

cmd_serve() {
  local started usual port=${PORT:-8080}
  ! port_taken "$port" || die "port $port is in use: stop what serves there, or choose another (PORT=8081 ./build.sh serve)"
  setup_build
  build_prelude
  build_variant basic
  started=$(date +%s)
  usual=$(($(usual_s python threaded) + $(usual_s python st)))
  # Steps 3 and 4 of the build, as the page reads them.
  serve_step() {
    build_status "{\"state\":\"building\",\"started\":$started,\"usual_s\":$usual,\"step\":$1,\"steps\":4,\"what\":\"$2\"}"
  }
  serve_step 3 "threaded wasm, python"
  # A page never gets an engine older than the one being built: it waits for the new one (a
  # rebuild takes seconds).
  rm -rf www/pkg-py www/pkg-py-st
  node tools/serve.mjs --root www --port "$port" --build-status "$BUILD_STATUS" &
  SERVER_PID=$!
  trap '[ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null' EXIT
  trap 'exit 130' INT TERM
  local waited=0
  until port_taken "$port"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { SERVER_PID=''; die "the server did not start (its message is above)"; }
    [ $((waited += 1)) -le 100 ] || die "the server did not answer on port $port within 10 s"
    sleep 0.1
  done
  log "serve: the page is up; the Python engine builds next (custom workers and programs wait for it)"
  # In the foreground, so that Ctrl-C stops it too; in a subshell, so that `set -e` holds
  # inside and a failed step ends the build there, not the server.
  set +e
  (set -e; on_step=serve_step build_variant python)
  local built=$?
  set -e
  if [ "$built" -eq 0 ]; then
    build_status '{"state":"done"}'
    log "serve: the Python engine is built; serving until Ctrl-C"
  else
    build_status '{"state":"failed"}'
    log "serve: the Python engine's build failed (its output is above); the map playground still serves"
  fi
  wait "$SERVER_PID"
}

cmd_test() {
  setup_tests
  cmd_build

  log "test: native (cargo test), and the fuzz target still builds (cargo check)"
  cargo test
  cargo check --quiet --manifest-path fuzz/Cargo.toml

  log "test: the page's pure JavaScript modules (node --test tests/unit/)"
  node --test tests/unit/

  browsers_ready
  log "test: wasm threads in Chromium (wasm-bindgen-test)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    CHROMEDRIVER="$CHROMEDRIVER" WASM_BINDGEN_TEST_TIMEOUT=120 \
    threaded_cargo test --test web_threads --no-default-features --features threads

  # A test that hangs fails after 5 minutes (the longest takes under one), with its name, rather
  # than holding the run until CI's limit: a page run that never resolved was seen once (leaks).
  log "test: browser end-to-end (node --test, playwright-core, Chromium)"
  node --test --test-concurrency=1 --test-timeout=300000 tests/e2e/

  log "test: browser end-to-end in Firefox ESR and WebKitGTK (node --test, selenium-webdriver)"
  FIREFOX="$FIREFOX" WEBKIT_DRIVER="$WEBKIT_DRIVER" node --test --test-concurrency=1 --test-timeout=300000 tests/webdriver/

  log "test: benchmark smoke run (./build.sh bench --smoke)"
  node tools/bench/run.mjs --smoke >/dev/null
}

cmd_dist() {
  setup_build
  cmd_build
  log "dist: the site to publish -> dist/"
  node tools/dist.mjs --from www --out dist
}

cmd_bench() {
  cmd_setup
  cmd_build
  if [ "${1:-}" = --python ]; then
    node tools/bench/python-engine.mjs
  else
    node tools/bench/run.mjs "$@"
  fi
}

case "${1:-}" in
  setup) cmd_setup ;;
  build) cmd_build ;;
  serve) cmd_serve ;;
  dist) cmd_dist ;;
  test) cmd_test ;;
  bench) shift; cmd_bench "$@" ;;
  *)
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
