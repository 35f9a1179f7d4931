#!/usr/bin/env bash
# CI: Debian's headless Chromium and its chromedriver for the web browser test
# (reco-server's io.reco4j.server.web tests). Idempotent: does nothing when both are installed.
# The test uses /usr/bin/chromium and /usr/bin/chromedriver explicitly and never downloads a driver.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  /usr/bin/chromium --version
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-dejavu-core
/usr/bin/chromium --version
