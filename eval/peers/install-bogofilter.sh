#!/bin/sh
# install-bogofilter.sh installs bogofilter, the Bayesian mail filter the
# evaluation report compares newsqual with, when it is not on PATH, and
# prints its version. Running it again changes nothing.
#
# Usage: eval/peers/install-bogofilter.sh
set -eu

# as_root runs a command as root, through sudo when not root already.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		echo "install-bogofilter.sh: need root (or sudo) to run: $*" >&2
		exit 1
	fi
}

if ! command -v bogofilter >/dev/null 2>&1; then
	echo "bogofilter not found; installing it" >&2
	if command -v apt-get >/dev/null 2>&1; then
		as_root apt-get update
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y bogofilter
	elif command -v dnf >/dev/null 2>&1; then
		as_root dnf install -y bogofilter
	elif command -v brew >/dev/null 2>&1; then
		brew install bogofilter
	else
		echo "install-bogofilter.sh: no apt-get, dnf or brew; install bogofilter yourself" >&2
		exit 1
	fi
	if ! command -v bogofilter >/dev/null 2>&1; then
		echo "install-bogofilter.sh: bogofilter still not on PATH after installing" >&2
		exit 1
	fi
fi

bogofilter -V | head -n 1
