# What the browser checks share, sourced by each with CHECK set to its
# name: `fail`, the tools they need, a release build, a temporary folder
# ($TMP) and a Chromium profile of its own ($PROFILE, removed at exit),
# and `browser`, headless Chromium run as this machine's closed network
# needs.

fail() {
    echo "$CHECK: $*" >&2
    exit 1
}

command -v chromium >/dev/null 2>&1 ||
    fail "chromium is not on PATH; install it (Debian: apt-get install -y chromium) and run again"
command -v python3 >/dev/null 2>&1 || fail "python3 is not on PATH"
for tool in pdfinfo pdftotext; do
    command -v "$tool" >/dev/null 2>&1 ||
        fail "$tool is not on PATH; install it (Debian: apt-get install -y poppler-utils) and run again"
done

cd "$ROOT"
cargo build --release --quiet

TMP="$(mktemp -d)"
PROFILE="$(mktemp -d)"
trap 'rm -rf "$PROFILE"' EXIT

# One profile for every run, so none leaves state in the user's own.
browser() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$PROFILE" --window-size=1200,2000 "$@" 2>"$TMP/chromium.log"
}
