#!/usr/bin/env bash
# dos.sh runs the denial-of-service battery of issue 13 against a freshly
# built newsqual and prints each case with its figures: time and peak RSS
# of `newsqual score` on HTML element bombs, and the other cases as they
# are added below. Inputs are generated here, never committed.
#
# Usage: scripts/dos.sh [WORKDIR]
set -uo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/newsqual-dos}
rm -rf "$work" && mkdir -p "$work"
CGO_ENABLED=0 go build -trimpath -o "$work/newsqual" ./cmd/newsqual || exit 1
nq="$work/newsqual"

# measure NAME CMD...: one table row with the exit status, seconds and
# peak RSS of CMD, and the last line it wrote on stderr.
measure() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/time.txt" timeout 300 "$@" >"$work/out.txt" 2>"$work/err.txt"
	local code=$?
	read -r secs kb < <(tail -1 "$work/time.txt") || { secs=?; kb=0; }
	printf '| %s | %s | %s | %.0f | %s |\n' "$name" "$code" "$secs" "$(echo "$kb/1024" | bc -l)" \
		"$(grep -v '^Command exited' "$work/err.txt" | tail -1 | cut -c1-160 | sed 's/|/\\|/g')"
}

echo '| case | exit | seconds | peak MB | last line on stderr |'
echo '| --- | --- | --- | --- | --- |'

# 1. HTML element bombs: 33 MB of <p>x, 4 M <b></b>, 8 M <br>.
repeat() { yes "$1" | head -n "$2" | tr -d '\n'; }
{ printf '<html><body>'; repeat '<p>x' 8250000; printf '</body></html>'; } >"$work/p-x.html"
{ printf '<html><body>'; repeat '<b></b>' 4000000; printf '</body></html>'; } >"$work/b-empty.html"
{ printf '<html><body>'; repeat '<br>' 8000000; printf '</body></html>'; } >"$work/br.html"
for f in p-x b-empty br; do
	measure "score $f.html ($(($(stat -c %s "$work/$f.html") / 1000000)) MB)" "$nq" score --format jsonl "$work/$f.html"
	rm -f "$work/$f.html"
done
