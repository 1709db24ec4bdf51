#!/usr/bin/env bash
# Resident memory of the portal with search by meaning: starts the portal jar as ./portal does, with -Xmx1g (what a
# 2 GiB container gives it) and the semantic part on (the default), a fresh data directory and its embedded
# PostgreSQL; uploads N of the corpus's PDFs as the first administrator, waits until each is indexed and found by
# meaning (the background pass gave it its vectors), runs 100 hybrid searches (50 English and 50 French SciFact
# claims), then prints the portal's VmRSS and VmHWM from /proc, the machine and its load average. Stops the portal and
# deletes its data directory.
#
# Usage: bench/portal-memory.sh [N] [CORPUS_DIR]     defaults: 5 and ../shared/corpus/pdfs/public-health-fr
# Needs the portal jar (./portal builds it; PORTAL_JAR names another), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-5}"
corpus="${2:-../shared/corpus/pdfs/public-health-fr}"
queries=(../shared/corpus/ir/scifact/queries-train.jsonl ../shared/corpus/ir/scifact/queries-train-fr.jsonl)
for input in "$corpus" "${queries[@]}"; do
  [ -e "$input" ] || { echo "Not found: $input" >&2; exit 2; }
done
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
jar="${PORTAL_JAR:-portal-api/target/portal-api-${version}.jar}"
[ -f "$jar" ] || { echo "No $jar: build it first (./portal does)" >&2; exit 2; }
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
work=$(mktemp -d -t portal-memory-XXXXXX)
port=$(free_port)
base="http://127.0.0.1:$port"
email=admin@portal-memory.test
password="a long enough memory-run passphrase"
PORTAL_DATA_DIR="$work/data" PORTAL_PORT="$port" PORTAL_EMBEDDED_DB_PORT="$(free_port)" \
  PORTAL_ADMIN_EMAIL="$email" PORTAL_ADMIN_PASSWORD="$password" \
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx1g -jar "$jar" \
  >"$work/portal.log" 2>&1 &
pid=$!
# The portal stops its PostgreSQL as it exits, which may still write into the data directory for a moment.
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; for _ in 1 2 3 4 5; do rm -rf "$work" 2>/dev/null && break; sleep 1; done' EXIT

for _ in $(seq 1 300); do
  curl -fs "$base/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/portal.log" >&2; exit 1; }
  sleep 0.5
done
answer=$(curl -s -H 'Content-Type: application/json' \
  -d "{\"username\":\"$email\",\"password\":\"$password\"}" "$base/api/auth/login")
token=$(echo "$answer" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' 2>/dev/null) ||
  { echo "sign-in refused: $answer" >&2; exit 1; }
auth=(-H "Authorization: Bearer $token")
# A field of the JSON on standard input, or nothing when it is not JSON (a poll answered before the document exists).
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" 2>/dev/null || true; }

ids=()
while IFS= read -r file; do
  answer=$(curl -s "${auth[@]}" -F 'metadata={"type":"report"};type=application/json' -F "file=@$file" \
    "$base/api/documents")
  id=$(echo "$answer" | json 'd["id"]')
  [ -n "$id" ] || { echo "upload of $file refused: $answer" >&2; exit 1; }
  ids+=("$id")
done < <(find "$corpus" -name '*.pdf' | sort | head -n "$count")
for id in "${ids[@]}"; do
  for _ in $(seq 1 600); do
    status=$(curl -s "${auth[@]}" "$base/api/documents/$id/status" | json 'd["status"]')
    [[ "$status" =~ ^(indexed|failed|extracted)$ ]] && break
    sleep 0.5
  done
  curl -fs "${auth[@]}" -X POST "$base/api/documents/$id/publish" >/dev/null || true
  title=$(curl -s "${auth[@]}" "$base/api/documents/$id" | json 'd.get("title") or ""')
  # Found by meaning: its own title lists it with a page chosen by meaning, once the background pass reached it.
  for _ in $(seq 1 1200); do
    found=$(curl -s "${auth[@]}" --get --data-urlencode "q=$title" --data-urlencode size=20 "$base/api/search" |
      json "any(p.get('byMeaning') for h in d['hits'] if h['id']=='$id' for p in h.get('pages',[]))")
    [ "$found" = True ] && break
    sleep 0.5
  done
  echo "document $id ($status): found by meaning $found" >&2
done

started=$(date +%s.%N)
for file in "${queries[@]}"; do
  python3 -c 'import json,sys; [print(json.loads(l)["text"]) for l in list(open(sys.argv[1]))[:50]]' "$file" |
    while IFS= read -r query; do
      curl -s -o /dev/null "${auth[@]}" --get --data-urlencode "q=$query" "$base/api/search"
    done
done
elapsed=$(python3 -c "import time; print(round(time.time() - $started, 1))")

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores," \
  "$(free -g | awk '/Mem:/ {print $2}') GiB; $("$java" -version 2>&1 | head -n 1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "documents uploaded: ${#ids[@]}; 100 hybrid searches (50 English, 50 French) in $elapsed s"
grep -E 'VmRSS|VmHWM' "/proc/$pid/status"
grep -m1 -o 'Loaded the dense model [^ ]* in [0-9]* ms' "$work/portal.log" || echo "the dense model was not loaded" >&2
