#!/usr/bin/env bash
# badinputs.sh feeds newsqual the inputs a crawler brings home at its worst
# and prints a Markdown table: each case, what newsqual said, its exit
# status, the time and the peak memory. Every case must be accounted for in
# the summary line (scored + failed + skipped) and none may crash.
#
# Usage: scripts/badinputs.sh [WORKDIR]
set -uo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/newsqual-badinputs}
rm -rf "$work" && mkdir -p "$work/cases"
CGO_ENABLED=0 go build -trimpath -o "$work/newsqual" ./cmd/newsqual || exit 1
if [ ! -x /usr/bin/time ]; then
	apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
c="$work/cases"

printf '' >"$c/empty.txt"
printf ' \n\t\n   \n' >"$c/whitespace.txt"
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00' >"$c/image.png.txt"
printf 'The council met on Tuesday.\n' | gzip >"$c/archive.gz.txt"
printf 'The mayor said \xff\xfe the bridge \xc3\x28 would reopen in May.\n' >"$c/invalid-utf8.txt"
printf 'The mayor said the bridge would reopen in May, officials told reporters.\n' | iconv -f UTF-8 -t UTF-16 >"$c/utf16-bom.txt"
head -c 100000000 /dev/zero | tr '\0' 'a' >"$c/100mb-single-line.txt"
yes 'Short line.' | head -n 1000000 >"$c/1m-lines.txt"
{
	printf '<html><body>'
	for _ in $(seq 10000); do printf '<div>'; done
	printf '<p>The council said the bridge would reopen in May after repairs.</p>'
	for _ in $(seq 10000); do printf '</div>'; done
	printf '</body></html>'
} >"$c/nested-10000.html"
printf '<html><head><script>var a=1;</script></head><body><script>alert(1)</script><style>p{}</style></body></html>' >"$c/only-scripts.html"
{
	printf '{"id":"big","text":"'
	head -c 50000000 /dev/zero | tr '\0' 'b'
	printf '"}\n{"id":"after","text":"The council said the bridge would reopen in May."}\n'
} >"$c/50mb-line.jsonl"
printf '{"id":"ok1","text":"The council said the bridge would reopen."}\n{"id": broken\n[1,2,3]\n{"id":"ok2","text":"Police said two men were arrested."}\n' >"$c/malformed.jsonl"
printf '{"id":"no-text","title":"A title only"}\n' >"$c/missing-text.jsonl"
printf 'A private note.\n' >"$c/unreadable.txt" && chmod 000 "$c/unreadable.txt"
mkdir -p "$c/loop/inner" && printf 'The council met.\n' >"$c/loop/inner/a.txt" && ln -s .. "$c/loop/inner/up"
mkfifo "$c/fifo-dir" 2>/dev/null; mkdir -p "$c/with-fifo" && mkfifo "$c/with-fifo/pipe.txt" && printf 'The council met on Tuesday.\n' >"$c/with-fifo/a.txt"
"$work/newsqual" train --help >/dev/null
head -c 3000 models/default.json >"$c/truncated-model.json"

run() {
	local name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/time.txt" timeout 300 "$@" >"$work/out.txt" 2>"$work/err.txt"
	local code=$?
	read -r secs kb < <(tail -1 "$work/time.txt") || { secs=?; kb=0; }
	local said
	said=$( (grep -o '"error":"[^"]*"' "$work/out.txt" | head -2 | sed 's/"error":"//; s/"$//'; grep -o '"verdict":"[^"]*"' "$work/out.txt" | head -2 | sed 's/"verdict":/verdict /'; grep -E '^(skipped|newsqual: (load|decode|scored|--))' "$work/err.txt" | head -2) | tr '\n' ';' | sed 's/|/\\|/g; s/;$//' | cut -c1-230)
	printf '| %s | %s | %s | %s | %.0f |\n' "$name" "$said" "$code" "$secs" "$(echo "$kb/1024" | bc -l)"
}

echo '| input | what newsqual did | exit | seconds | peak MB |'
echo '| --- | --- | --- | --- | --- |'
for f in empty.txt whitespace.txt image.png.txt archive.gz.txt invalid-utf8.txt utf16-bom.txt 100mb-single-line.txt 1m-lines.txt nested-10000.html only-scripts.html 50mb-line.jsonl malformed.jsonl missing-text.jsonl; do
	run "$f" "$work/newsqual" score --format jsonl --progress never "$c/$f"
done
# Root reads any file, so the unreadable file is read as another user.
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1; then
	chmod 755 "$work" "$c"
	run "unreadable.txt (as nobody)" runuser -u nobody -- "$work/newsqual" score --format jsonl --progress never "$c/unreadable.txt"
else
	run "unreadable.txt" "$work/newsqual" score --format jsonl --progress never "$c/unreadable.txt"
fi
run "directory symlink loop" "$work/newsqual" score --format jsonl --progress never "$c/loop"
run "a FIFO inside a folder" "$work/newsqual" score --format jsonl --progress never "$c/with-fifo"
run "truncated model file" "$work/newsqual" score --format jsonl --progress never --model "$c/truncated-model.json" "$c/with-fifo/a.txt"

# Output that must not go wrong or be lost.
mkdir -p "$c/links/scan" && printf 'aws_secret_access_key = EXAMPLEKEY\n' >"$c/links/credentials.txt"
cp testdata/examples/clean-port-strike.txt "$c/links/scan/story.txt"
ln -s ../credentials.txt "$c/links/scan/leak.txt" && ln -s / "$c/links/scan/root"
run "links to a file outside the folder and to /" "$work/newsqual" score --format jsonl --progress never "$c/links/scan"
{
	cat testdata/examples/clean-port-strike.txt
	for seed in 1 2 3 4 5; do
		line=$(awk -v s="$seed" 'BEGIN { srand(s); split("the council said budget harbour minister report week year city police market people government plan new", w, " "); for (i = 0; i < 12000; i++) printf "%s ", w[int(rand() * 16) + 1] }')
		printf '\n\n%s\n\n%s\n\n%s' "$line" "$line" "$line"
	done
} >"$c/long-repeated-lines.txt"
run "lines of 80 KB repeated (bytes of JSON: $("$work/newsqual" score --format json "$c/long-repeated-lines.txt" 2>/dev/null | wc -c))" \
	"$work/newsqual" score --format jsonl --progress never "$c/long-repeated-lines.txt"
mkdir -p "$c/names" && printf '' >"$c/names/a
newsqual: scored 99, failed 0, skipped 0
.txt"
run "file name holding a newline and a forged summary" "$work/newsqual" score --format jsonl --progress never "$c/names"
sed '/"scale": \[/{n;s/^\( *\)[^,]*/\11e-320/}' models/default.json >"$c/extreme-model.json"
run "model file with scale 1e-320" "$work/newsqual" score --format jsonl --progress never --model "$c/extreme-model.json" "$c/with-fifo/a.txt"
run "--workers 99999999999" "$work/newsqual" score --format jsonl --progress never --workers 99999999999 "$c/with-fifo/a.txt"
