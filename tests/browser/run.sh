#!/usr/bin/env bash
# Browser quality gates (issue 9): builds the example handbook and the English
# fixture, serves each on 127.0.0.1, and runs the node:test suite in
# tests/browser/suite/ against both in headless Chromium: axe-core (WCAG 2.1
# AA, also in dark mode and print), the Nu HTML checker over every output
# file, an internal link and fragment crawl with a no-external-requests
# guard, keyboard navigation, reflow at 375 px and 200 % text, screenshots;
# and the live preview (`zorgroute serve` on a scratch copy of
# tests/fixtures/minimal, edited under an open page).
#
#   bash tests/browser/run.sh            # from anywhere
#
# Environment:
#   ZORGROUTE   the binary (default: target/release/zorgroute; built with
#               cargo build --release when missing; exported to the suite)
#   CHROMIUM    the browser (default: /usr/bin/chromium)
#   ZR_ONLY     run only the suite files whose names contain this word
#               (e.g. ZR_ONLY=vnu)
#   ZR_PROJECT  test another handbook project in place of the example in
#               content/ (default: the repository itself)
# Needs: node >= 20 with npm, java >= 11, chromium, pdftotext (poppler-utils).
# No network beyond npm.
# Screenshots go to target/screenshots/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
cd "$REPO"

fail() { printf 'browser tests: %s\n' "$*" >&2; exit 1; }

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || fail "no browser at $CHROMIUM (apt-get install -y chromium, or set CHROMIUM)"
command -v java >/dev/null || fail "java is needed for the Nu HTML checker (apt-get install -y default-jre-headless)"
command -v node >/dev/null || fail "node is needed (apt-get install -y nodejs npm)"
command -v pdftotext >/dev/null || fail "pdftotext reads the printed PDFs back (apt-get install -y poppler-utils)"

# 1. Dependencies, exactly as locked. --ignore-scripts: vnu-jar's postinstall
#    would try to download a Java runtime; the machine's java is used instead.
( cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null )

# 2. The binary and the two sites.
DEFAULT_BIN="${CARGO_TARGET_DIR:-$REPO/target}/release/zorgroute"
ZORGROUTE="${ZORGROUTE:-$DEFAULT_BIN}"
if [ ! -x "$ZORGROUTE" ]; then
  echo "browser tests: building $ZORGROUTE"
  cargo build --release --locked --quiet
elif [ "$ZORGROUTE" = "$DEFAULT_BIN" ] \
  && [ -n "$(find "$REPO/src" "$REPO/themes" "$REPO/Cargo.toml" "$REPO/Cargo.lock" -newer "$ZORGROUTE" -print -quit 2>/dev/null)" ]; then
  echo "browser tests: warning: $ZORGROUTE is older than the sources (cargo build --release)" >&2
fi
# suite/live.test.mjs runs this binary itself (zorgroute serve).
export ZORGROUTE

WORK="$(mktemp -d "${TMPDIR:-/tmp}/zorgroute-browser.XXXXXX")"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The example handbook (or $ZR_PROJECT) and the English fixture.
if [ -n "${ZR_PROJECT:-}" ]; then
  PROJECTS=("project=$(cd "$ZR_PROJECT" && pwd)")
else
  PROJECTS=("example=$REPO")
fi
PROJECTS+=("english=$REPO/tests/fixtures/english")
for entry in "${PROJECTS[@]}"; do
  name="${entry%%=*}"
  "$ZORGROUTE" build --root "${entry#*=}" --out "$WORK/$name" >"$WORK/build-$name.log" 2>&1 \
    || { cat "$WORK/build-$name.log" >&2; fail "$name (${entry#*=}) does not build"; }
done

# 3. Serve each site on 127.0.0.1, on a free port, under its base_url path
#    (the 404 page links from the site root).
SITES="["
for entry in "${PROJECTS[@]}"; do
  name="${entry%%=*}"
  project="${entry#*=}"
  read -r base lang < <(node "$HERE/lib/site-info.mjs" "$project")
  node "$HERE/lib/serve.mjs" "$WORK/$name" "$base" >"$WORK/$name.url" 2>"$WORK/$name.server.log" &
  PIDS+=("$!")
  for _ in $(seq 1 100); do [ -s "$WORK/$name.url" ] && break; sleep 0.1; done
  [ -s "$WORK/$name.url" ] || { cat "$WORK/$name.server.log" >&2; fail "the server for $name did not start"; }
  url="$(cat "$WORK/$name.url")"
  echo "browser tests: $name at $url (lang $lang)"
  [ "$SITES" = "[" ] || SITES+=","
  SITES+="{\"name\":\"$name\",\"dir\":\"$WORK/$name\",\"url\":\"$url\",\"lang\":\"$lang\"}"
done
export ZR_SITES="$SITES]"
export ZR_REPO="$REPO"
export ZR_SCREENSHOTS="$REPO/target/screenshots"

# 4. The suite. TAP output, so the closing "# pass N" / "# fail N" lines show.
files=()
for f in "$HERE"/suite/*.test.mjs; do
  case "$(basename "$f")" in *"${ZR_ONLY:-}"*) files+=("$f") ;; esac
done
[ "${#files[@]}" -gt 0 ] || fail "no suite file matches ZR_ONLY=${ZR_ONLY:-}"
# Each test may take 5 minutes at most, the whole suite 15: a hung browser
# fails the run instead of stalling CI.
status=0
timeout --kill-after=15 900 \
  node --test --test-reporter=tap --test-concurrency=2 --test-timeout=300000 "${files[@]}" || status=$?
[ "$status" -ne 124 ] || echo "browser tests: stopped after 15 minutes" >&2

# 5. Non-zero on any failure; the trap stops the servers.
exit "$status"
