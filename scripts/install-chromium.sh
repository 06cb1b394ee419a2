#!/bin/sh
# Installs Debian's Chromium for the browser test (tests/test_browser.py). Playwright drives it
# through its executable path, so no browser is ever downloaded by a test tool.
# Needs root (or sudo); a no-op when chromium is already installed.
set -eu
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation
command -v chromium
