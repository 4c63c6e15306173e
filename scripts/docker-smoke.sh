#!/usr/bin/env bash
# Smoke test of the container image: docker build, docker run (serve),
# wait for /healthz, score a clean and a spam article through POST
# /v1/score and check their verdicts, then stop the container with SIGTERM
# and check that it shut down cleanly (exit 0) as a non-root user.
#
# Where there is no Docker engine (no docker command, or no daemon
# answering), or the base image cannot be pulled, it says so and exits 0:
# CI calls it on every run.
#
#   bash scripts/docker-smoke.sh          # image tag newsqual:smoke
#   IMAGE=newsqual:dev bash scripts/docker-smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."

image=${IMAGE:-newsqual:smoke}
base=$(awk '/^FROM .* AS build/ {print $2; exit}' Dockerfile)

if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
	echo "docker not available: skipped"
	exit 0
fi
if ! docker image inspect "$base" >/dev/null 2>&1 && ! docker pull -q "$base" >/dev/null 2>&1; then
	echo "docker: base image $base cannot be pulled (no registry reachable): skipped"
	exit 0
fi
for tool in curl; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "docker-smoke: needs $tool" >&2
		exit 1
	fi
done

start=$SECONDS
docker build -q -t "$image" . >/dev/null
echo "docker-smoke: built $image in $((SECONDS - start))s, $(docker image inspect -f '{{.Size}}' "$image") bytes"

user=$(docker image inspect -f '{{.Config.User}}' "$image")
case "$user" in
"" | root | 0 | 0:*)
	echo "docker-smoke: the image runs as root ($user)" >&2
	exit 1
	;;
esac

container=$(docker run -d -p 127.0.0.1::8080 "$image")
cleanup() { docker rm -f "$container" >/dev/null 2>&1 || true; }
trap cleanup EXIT
port=$(docker port "$container" 8080/tcp | head -n1 | sed 's/.*://')
url="http://127.0.0.1:$port"

for _ in $(seq 1 50); do
	if curl -fsS "$url/healthz" >/dev/null 2>&1; then
		break
	fi
	if [ "$(docker inspect -f '{{.State.Running}}' "$container")" != true ]; then
		echo "docker-smoke: the container stopped:" >&2
		docker logs "$container" >&2
		exit 1
	fi
	sleep 0.2
done
health=$(curl -fsS "$url/healthz")
if ! grep -q '"status": *"ok"' <<<"$health"; then
	echo "docker-smoke: /healthz answered $health" >&2
	docker logs "$container" >&2
	exit 1
fi

# json_article FILE ID prints the request body for one article.
json_article() {
	local text
	text=$(awk '{gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, ""); printf "%s\\n", $0}' "$1")
	printf '{"id": "%s", "text": "%s"}' "$2" "$text"
}

# expect FILE VERDICT scores FILE through the container and checks the verdict.
expect() {
	local answer
	answer=$(json_article "$1" "$(basename "$1")" |
		curl -fsS -H 'Content-Type: application/json' --data-binary @- "$url/v1/score")
	if ! grep -q "\"verdict\": *\"$2\"" <<<"$answer" || ! grep -q "\"id\": *\"$(basename "$1")\"" <<<"$answer"; then
		echo "docker-smoke: $1: want verdict $2, got:" >&2
		echo "$answer" | head -c 2000 >&2
		exit 1
	fi
	echo "docker-smoke: $(basename "$1"): $2, as expected"
}
expect testdata/articles/harbour-repairs.txt clean
expect testdata/articles/miracle-supplement.md spam

docker stop -t 10 "$container" >/dev/null
code=$(docker inspect -f '{{.State.ExitCode}}' "$container")
if [ "$code" != 0 ]; then
	echo "docker-smoke: serve exited $code on SIGTERM, want 0:" >&2
	docker logs "$container" >&2
	exit 1
fi
echo "docker-smoke: ok (build, serve as $user, /healthz, /v1/score, clean shutdown)"
