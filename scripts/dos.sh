#!/usr/bin/env bash
# dos.sh runs the denial-of-service battery against a freshly
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

# 2 and 3. serve: four 16 MB element-bomb requests at once (peak RSS of the
# service, and each answer within --timeout), then 100 clients that send
# part of a body and stop: /healthz and a real score request must still be
# answered, and SIGTERM must exit 0 well within the drain timeout.
port=$((20000 + RANDOM % 20000))
"$nq" serve --addr "127.0.0.1:$port" --timeout 5s --drain-timeout 10s 2>"$work/serve.log" &
serve=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
python3 - "$port" "$serve" <<'PY'
import json, socket, sys, threading, time, urllib.request, urllib.error
port, pid = int(sys.argv[1]), sys.argv[2]
url = f"http://127.0.0.1:{port}"
def hwm():
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) // 1024
def post(body, ctype="application/json"):
    req = urllib.request.Request(url + "/v1/score", data=body, headers={"Content-Type": ctype})
    t = time.time()
    try:
        with urllib.request.urlopen(req, timeout=300) as r:
            code = r.status
    except urllib.error.HTTPError as e:
        code = e.code
    return code, time.time() - t
# 4. Eight batches of 5.5 M "{}" (16.5 MB each) at once: refused 422
# after --max-batch elements, before the bombs so that the peak is theirs.
flat = b"[" + b"{}," * 5_500_000 + b"{}]"
res = [None] * 8
def one(i): res[i] = post(flat)
t = time.time()
ts = [threading.Thread(target=one, args=(i,)) for i in range(8)]
[x.start() for x in ts]; [x.join() for x in ts]
print(f"| serve: eight arrays of 5.5 M {{}} ({len(flat)//1_000_000} MB) at once | {' '.join(str(c) for c, _ in res)} | {time.time()-t:.2f} | {hwm()} | slowest answer {max(d for _, d in res):.2f} s |")
bomb = json.dumps({"id": "bomb", "html": "<html><body>" + "<p>x" * 4_000_000}).encode()
res = [None] * 4
def one(i): res[i] = post(bomb)
t = time.time()
ts = [threading.Thread(target=one, args=(i,)) for i in range(4)]
[x.start() for x in ts]; [x.join() for x in ts]
print(f"| serve: four {len(bomb)//1_000_000} MB html bombs at once | {' '.join(str(c) for c, _ in res)} | {time.time()-t:.2f} | {hwm()} | slowest answer {max(d for _, d in res):.2f} s, --timeout 5s |")
conns = []
for _ in range(100):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"text\": \"The council")
    conns.append(s)
time.sleep(0.5)
t = time.time()
with urllib.request.urlopen(url + "/healthz", timeout=60) as r:
    h = r.status
hd = time.time() - t
code, d = post(json.dumps({"id": "real", "text": "The Old Mill bridge will stay closed until May, the highways agency said on Tuesday. " * 10}).encode())
print(f"| serve: /healthz and a score request beside 100 stalled bodies | {h} {code} | {hd + d:.2f} | {hwm()} | healthz {hd*1000:.0f} ms, score {d*1000:.0f} ms |")
t = time.time()
got = []
for s in conns:
    s.settimeout(60)
    try:
        got.append(s.recv(100).split(b" ")[1].decode())
    except Exception as e:
        got.append(type(e).__name__)
print(f"| serve: the 100 stalled clients at --timeout 5s | {','.join(sorted(set(got)))} | {time.time()-t:.2f} | {hwm()} | answers received, connections closed by the server |")
PY
for _ in $(seq 3); do python3 -c "
import socket
s=socket.create_connection(('127.0.0.1',$port)); s.sendall(b'POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{')
import time; time.sleep(30)" & done
sleep 0.5
start=$(date +%s.%N)
kill -TERM "$serve"
wait "$serve"
code=$?
printf '| serve: SIGTERM with stalled clients, --drain-timeout 10s | %s | %.2f | %s | %s |\n' "$code" "$(echo "$(date +%s.%N) - $start" | bc -l)" "-" "$(tail -1 "$work/serve.log" | cut -c1-120)"
kill $(jobs -p) 2>/dev/null

# 5. A .warc.gz of a few MB holding a 2 GB record between two pages: the
# most TMPDIR held while it was read (it was 1.95 GB), the records after
# it, and SIGINT in the middle of the record.
python3 - "$work/huge.warc.gz" <<'PY'
import sys, zlib
out = open(sys.argv[1], "wb")
z = zlib.compressobj(1, zlib.DEFLATED, 31)
def w(b): out.write(z.compress(b))
page = b"<html><head><title>Bridge</title></head><body><article><p>" + b"The town council voted on Tuesday to repair the old stone bridge over the river. " * 20 + b"</p></article>"
def record(rid, head, size, chunks):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % size
    w(b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % (rid, len(http) + size) + http + head)
    for c in chunks: w(c)
    w(b"\r\n\r\n")
record(b"before", page, len(page), [])
pad, chunk = 2 << 30, b"x" * (1 << 20)
record(b"huge", page + b"<!--", len(page) + 4 + pad, (chunk for _ in range(pad >> 20)))
record(b"after", page, len(page), [])
out.write(z.flush())
PY
mkdir -p "$work/tmp"
tmpbytes() { find "$work/tmp" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d\n", s}'; }
echo 0 >"$work/tmp-peak"
(peak=0; while :; do k=$(tmpbytes); [ "$k" -gt "$peak" ] && peak=$k && echo "$peak" >"$work/tmp-peak"; sleep 0.05; done) &
watcher=$!
TMPDIR="$work/tmp" measure "score huge.warc.gz ($(($(stat -c %s "$work/huge.warc.gz") / 1000)) KB, a 2 GB record)" "$nq" score --format jsonl "$work/huge.warc.gz"
echo "| records scored | $(grep -c '"verdict"' "$work/out.txt") of 3 | | | TMPDIR peak $(cat "$work/tmp-peak") bytes |"
TMPDIR="$work/tmp" "$nq" score --format jsonl "$work/huge.warc.gz" >/dev/null 2>&1 &
scorer=$!
sleep 0.3
kill -INT "$scorer"
wait "$scorer"
echo "| SIGINT inside the 2 GB record | $? | | | TMPDIR left: $(tmpbytes) bytes, peak $(cat "$work/tmp-peak") bytes |"
kill "$watcher"

# 6. A .jsonl.gz of 10^9 blank lines (4 minutes of CPU before), against
# gzip -dc | wc -l in the same run.
head -c 1000000000 /dev/zero | tr '\0' '\n' | gzip -9 >"$work/blank.jsonl.gz"
t0=$(date +%s.%N)
gzip -dc "$work/blank.jsonl.gz" | wc -l >/dev/null
t1=$(date +%s.%N)
measure "score blank.jsonl.gz ($(($(stat -c %s "$work/blank.jsonl.gz") / 1000)) KB, 10^9 blank lines)" "$nq" score --format jsonl "$work/blank.jsonl.gz"
t2=$(date +%s.%N)
printf '| gzip -dc \\| wc -l on the same file | 0 | %.2f | - | newsqual / gzip: %.2f (wall time, newsqual with its start) |\n' \
	"$(echo "$t1 - $t0" | bc -l)" "$(echo "($t2 - $t1) / ($t1 - $t0)" | bc -l)"
