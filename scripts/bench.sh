#!/usr/bin/env bash
# bench.sh times `newsqual score` against bogofilter on the same articles in
# the same run, `newsqual filter` against `score` on the same JSONL, and
# measures newsqual's peak memory on a large JSONL input.
#
# Usage: scripts/bench.sh [WORKDIR]
#
#   RUNS=5          runs of each command (the median is reported)
#   FILES=8000      articles written as files for the side-by-side run
#   BIG_MB=1024     size of the JSONL for the memory run (0 skips it)
#   SHARED=../shared
#
# It installs bogofilter and GNU time from Debian's packages when missing,
# trains bogofilter on the labelled corpus (the same data as the default
# model), and prints a table: seconds, MB/s, articles/s, peak RSS, ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${1:-/tmp/newsqual-bench}
runs=${RUNS:-5}
files=${FILES:-8000}
big_mb=${BIG_MB:-1024}
shared=${SHARED:-../shared}
corpus="$shared/corpus"
data=("$corpus/xsum-human-vs-llm.jsonl" "$corpus/bbc-news.jsonl" "$corpus/reuters-21578.jsonl" "$corpus/templates.jsonl")

for f in "${data[@]}"; do
	[ -f "$f" ] || { echo "bench: $f not found (set SHARED)" >&2; exit 1; }
done
bash eval/peers/install-bogofilter.sh >/dev/null
if [ ! -x /usr/bin/time ]; then
	apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

mkdir -p "$work"
echo "building newsqual" >&2
CGO_ENABLED=0 go build -trimpath -o "$work/newsqual" ./cmd/newsqual
go run ./scripts/benchdata -out "$work" -files "$files" -big-mb "$big_mb" "${data[@]}"

# bogofilter learns from the same labelled articles.
rm -rf "$work/bogodb" && mkdir -p "$work/bogodb"
bogofilter -C -d "$work/bogodb" -y 0 -s -b <"$work/train-spam.list"
bogofilter -C -d "$work/bogodb" -y 0 -n -b <"$work/train-clean.list"

# median prints the median of its arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# timed runs a command RUNS times and prints "median-seconds peak-kB".
timed() {
	local secs=() peak=0
	for _ in $(seq "$runs"); do
		/usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || true
		read -r s kb <"$work/time.txt"
		secs+=("$s")
		((kb > peak)) && peak=$kb
	done
	echo "$(median "${secs[@]}") $peak"
}

bytes=$(cat "$work/files.bytes")
articles=$(cat "$work/files.count")
printf '%-44s %8s %8s %10s %9s\n' "command ($articles articles, $((bytes / 1000000)) MB of text)" seconds "MB/s" "articles/s" "peak MB"
row() {
	local name=$1 s=$2 kb=$3
	printf '%-44s %8.2f %8.1f %10.0f %9.1f\n' "$name" "$s" "$(echo "$bytes/1000000/$s" | bc -l)" "$(echo "$articles/$s" | bc -l)" "$(echo "$kb/1024" | bc -l)"
}
read -r bogo_s bogo_kb < <(timed sh -c "bogofilter -C -d '$work/bogodb' -T -b <'$work/files.list'")
row "bogofilter -T -b (one process)" "$bogo_s" "$bogo_kb"
read -r nq_s nq_kb < <(timed "$work/newsqual" score --format jsonl --progress never "$work/files")
row "newsqual score --format jsonl (folder)" "$nq_s" "$nq_kb"
read -r nqj_s nqj_kb < <(timed "$work/newsqual" score --format jsonl --progress never "$work/files.jsonl")
row "newsqual score --format jsonl (one JSONL)" "$nqj_s" "$nqj_kb"
echo "ratio newsqual/bogofilter throughput (folder): $(echo "$bogo_s/$nq_s" | bc -l | cut -c1-5)x"
read -r nqf_s nqf_kb < <(timed "$work/newsqual" filter --min-quality 50 --rejected "$work/rejected.jsonl" --progress never "$work/files.jsonl")
row "newsqual filter --min-quality 50 (one JSONL)" "$nqf_s" "$nqf_kb"
echo "ratio filter/score throughput (one JSONL): $(echo "$nqj_s/$nqf_s" | bc -l | cut -c1-5)x"

echo
echo "scaling with --workers (JSONL of the same articles):"
for w in 1 2 4; do
	read -r s _ < <(timed "$work/newsqual" score --format jsonl --progress never --workers "$w" "$work/files.jsonl")
	printf '  workers %d: %6.2f s  %6.1f MB/s\n' "$w" "$s" "$(echo "$bytes/1000000/$s" | bc -l)"
done

if [ "$big_mb" -gt 0 ]; then
	echo
	size=$(stat -c %s "$work/big.jsonl")
	/usr/bin/time -f '%e %M' -o "$work/time.txt" "$work/newsqual" score --format jsonl --progress never "$work/big.jsonl" >/dev/null 2>"$work/stderr.txt"
	read -r s kb <"$work/time.txt"
	printf 'big JSONL: %d MB in %.1f s (%.1f MB/s of JSONL), peak RSS %.1f MB; %s\n' \
		"$((size / 1000000))" "$s" "$(echo "$size/1000000/$s" | bc -l)" "$(echo "$kb/1024" | bc -l)" "$(tail -1 "$work/stderr.txt")"
fi
