#!/usr/bin/env bash
# Runs a command against a real, unlocked Secret Service (gnome-keyring) on a private D-Bus
# session bus, then tears it all down and exits with the command's status:
#
#   bash scripts/with-keyring.sh vitest run --config vitest.keychain.config.ts
#
# The command sees LOGAI_KEYRING_TEST=1. Everything lives in a fresh temporary HOME so the
# developer's own keyring is never touched. DISPLAY is removed because with a display and a locked
# or missing keyring the keychain libraries block forever on a GUI prompt; `timeout` bounds the
# whole run in case something blocks anyway (LOGAI_KEYRING_TIMEOUT seconds, default 120).
set -euo pipefail

if [[ "${1-}" != --inside-bus ]]; then
  if [[ $# -eq 0 ]]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
  fi
  for tool in dbus-run-session dbus-send gnome-keyring-daemon timeout; do
    if ! command -v "$tool" >/dev/null; then
      echo "with-keyring: $tool is missing (apt-get install gnome-keyring dbus-x11 libsecret-tools)" >&2
      exit 127
    fi
  done

  tmp=$(mktemp -d -t logai-keyring.XXXXXX)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -m 700 "$tmp/home" "$tmp/run"

  status=0
  env -u DISPLAY -u WAYLAND_DISPLAY -u XAUTHORITY -u DBUS_SESSION_BUS_ADDRESS \
    -u GNOME_KEYRING_CONTROL \
    HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/run" \
    XDG_DATA_HOME="$tmp/home/.local/share" XDG_CONFIG_HOME="$tmp/home/.config" \
    XDG_CACHE_HOME="$tmp/home/.cache" XDG_STATE_HOME="$tmp/home/.local/state" \
    timeout --kill-after=10 "${LOGAI_KEYRING_TIMEOUT:-120}" \
    dbus-run-session -- bash "$0" --inside-bus "$@" || status=$?
  if [[ $status -eq 124 ]]; then
    echo "with-keyring: timed out after ${LOGAI_KEYRING_TIMEOUT:-120} s" >&2
  fi
  exit "$status"
fi

# From here on we run inside the private bus that dbus-run-session started.
shift
log="$XDG_RUNTIME_DIR/gnome-keyring.log"

# --unlock reads the password from standard input and creates the login keyring with it.
printf '%s' logai-test-password |
  gnome-keyring-daemon --foreground --unlock --components=secrets >"$log" 2>&1 &
daemon=$!

stop_daemon() {
  kill "$daemon" 2>/dev/null || true
  wait "$daemon" 2>/dev/null || true
}
trap stop_daemon EXIT

# Ask the bus rather than sleeping: NameHasOwner does not trigger D-Bus activation, which would
# start a second, locked daemon from the system's service file.
has_owner() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
    grep -q 'boolean true'
}
for _ in $(seq 100); do
  has_owner && break
  if ! kill -0 "$daemon" 2>/dev/null; then
    echo "with-keyring: gnome-keyring-daemon exited early:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 0.1
done
if ! has_owner; then
  echo "with-keyring: org.freedesktop.secrets did not appear on the bus within 10 s" >&2
  cat "$log" >&2
  exit 1
fi

status=0
LOGAI_KEYRING_TEST=1 "$@" || status=$?
exit "$status"
