#!/usr/bin/env bash
# Installs the Debian 12 packages CRM Desk needs to build, test and run, when missing.
# As root it runs apt-get; otherwise it prints the exact command and fails.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-base-dev-tools
  qt6-httpserver-dev qt6-websockets-dev   # CMake finds Qt6HttpServer only with WebSockets beside it
  qtkeychain-qt6-dev
  libqt6sql6-sqlite
  qt6-qpa-plugins
  libgl-dev libvulkan-dev
  appstream desktop-file-utils            # validate the packaging files in the tests
  dpkg-dev file                           # CPack's .deb generator
  nodejs python3                          # the tests run the fetch, SDK and requests snippets
  clang libclang-rt-14-dev                # the sanitizer suite and fuzz targets (ASan, UBSan, libFuzzer)
)
if [ "${CRMDESK_WITH_GUI_TOOLS:-0}" = 1 ]; then
  packages+=(xvfb xauth)
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "CRM Desk needs these Debian packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
