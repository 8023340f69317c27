#!/usr/bin/env bash
# Make sure a Chromium exists for the browser tests and the benchmark.
# 1. the system Chromium (Debian's package), installing it with apt when we are root;
# 2. otherwise Playwright's own download (which needs a network that allows it).
set -euo pipefail
python="${1:-python3}"
for candidate in "${HARM_REPAIR_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No system Chromium found and not root; trying Playwright's own browser download."
"$python" -m playwright install chromium
