#!/bin/sh
# screenshot-report.sh REPORT_DIR [OUT.png]
#
# Renders REPORT_DIR/report.html (written by `newsqual eval`) in headless
# Chromium and saves a full-width screenshot, to check the page and its
# charts by eye. Installs Debian's chromium package when it is missing
# (needs root and apt-get). Prints the path of the PNG.
#
# WINDOW=1280,4000 sets the window size in pixels (width,height); the
# screenshot is the window, so raise the height for a long report.
set -eu

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 REPORT_DIR [OUT.png]" >&2
	exit 2
fi
dir=$1
page=$dir/report.html
if [ ! -f "$page" ]; then
	echo "$0: no report.html in $dir" >&2
	exit 1
fi
out=${2:-$dir/report.png}
window=${WINDOW:-1280,4000}

browser=
for name in chromium chromium-browser; do
	if command -v "$name" >/dev/null 2>&1; then
		browser=$name
		break
	fi
done
if [ -z "$browser" ]; then
	echo "installing chromium…" >&2
	apt-get update >&2
	DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
	browser=chromium
fi

# Chromium wants absolute paths for the page URL and the output file.
abs() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd -P)" "$(basename "$1")"); }
page=$(abs "$page")
mkdir -p "$(dirname "$out")"
out=$(abs "$out")

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT INT TERM

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --hide-scrollbars \
	--window-size="$window" --screenshot="$out" "file://$page" >&2

if [ ! -s "$out" ]; then
	echo "$0: chromium wrote no screenshot" >&2
	exit 1
fi
echo "$out"
