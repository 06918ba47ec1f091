#!/usr/bin/env bash
# Installs, from Debian's packages, whatever Ritme needs to build, run and test and is
# not on this machine yet. Safe to run again: it does nothing when all is there.
set -euo pipefail

cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build ccache make pkg-config git ca-certificates
  librestinio-dev libasio-dev libhttp-parser-dev libfmt-dev
  libsoci-dev libsqlite3-dev libpq-dev sqlite3 postgresql
  nlohmann-json3-dev libsodium-dev libhowardhinnant-date-dev tzdata libgoogle-perftools-dev
  libcli11-dev libspdlog-dev libgtest-dev libgmock-dev
  libmstch-dev libcmark-gfm-dev libcmark-gfm-extensions-dev gettext libboost-locale-dev
  nodejs chromium
  python3
  libcurl4-openssl-dev libical-dev libzip-dev
  python3-aiosmtpd python3-icalendar python3-dateutil python3-recurring-ical-events
  nginx-light
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm comes with some builds of nodejs; Debian's own nodejs needs the npm package beside it.
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing: npm"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm >/dev/null
fi

# The front end's files (htmx, Pico CSS) and the browser tests' tools, pinned by the lock file.
if [ ! node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "Installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
  touch node_modules/.package-lock.json
fi
