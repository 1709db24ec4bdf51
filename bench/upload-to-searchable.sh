#!/usr/bin/env bash
# Upload-to-searchable with and without search by meaning, side by side: starts the portal jar as ./portal does
# (-Xmx1g, a fresh data directory and its embedded PostgreSQL) once with PORTAL_SEMANTIC=off and once with it on (the
# default), uploads the same N PDFs one after another to each, and times every upload from its 202 to the moment its
# status says searchable ("indexed"), while the background vector pass of the documents before it may be running.
# Prints each time, the medians and their ratio (the issue's target: on / off under 2).
#
# Usage: bench/upload-to-searchable.sh [N] [CORPUS_DIR]     defaults: 6 and ../shared/corpus/pdfs/public-health-fr
# Needs the portal jar (./portal builds it; PORTAL_JAR names another), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-6}"
corpus="${2:-../shared/corpus/pdfs/public-health-fr}"
[ -d "$corpus" ] || { echo "Not found: $corpus" >&2; exit 2; }
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
jar="${PORTAL_JAR:-portal-api/target/portal-api-${version}.jar}"
[ -f "$jar" ] || { echo "No $jar: build it first (./portal does)" >&2; exit 2; }
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" 2>/dev/null || true; }
now() { date +%s.%N; }
mapfile -t files < <(find "$corpus" -name '*.pdf' | sort | head -n "$count")

# One run: prints the seconds from each upload's answer to its status "indexed", one per line.
run() {
  local semantic=$1 work port base pid email=admin@upload-bench.test password="a long enough bench passphrase"
  work=$(mktemp -d -t portal-upload-bench-XXXXXX)
  port=$(free_port)
  base="http://127.0.0.1:$port"
  PORTAL_SEMANTIC="$semantic" PORTAL_DATA_DIR="$work/data" PORTAL_PORT="$port" \
    PORTAL_EMBEDDED_DB_PORT="$(free_port)" PORTAL_ADMIN_EMAIL="$email" PORTAL_ADMIN_PASSWORD="$password" \
    "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx1g -jar "$jar" \
    >"$work/portal.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    curl -fs "$base/health/readiness" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/portal.log" >&2; return 1; }
    sleep 0.5
  done
  local token
  token=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"$email\",\"password\":\"$password\"}" \
    "$base/api/auth/login" | json 'd["access_token"]')
  [ -n "$token" ] || { echo "sign-in refused" >&2; kill "$pid"; return 1; }
  local file id started status
  for file in "${files[@]}"; do
    id=$(curl -s -H "Authorization: Bearer $token" -F 'metadata={"type":"report"};type=application/json' \
      -F "file=@$file" "$base/api/documents" | json 'd["id"]')
    started=$(now)
    [ -n "$id" ] || { echo "upload of $file refused" >&2; kill "$pid"; return 1; }
    for _ in $(seq 1 6000); do
      status=$(curl -s -H "Authorization: Bearer $token" "$base/api/documents/$id/status" | json 'd["status"]')
      [[ "$status" =~ ^(indexed|failed|extracted)$ ]] && break
      sleep 0.05
    done
    python3 -c "print(f'{$(now) - $started:.2f}', '$status', '$(basename "$file")')"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
  for _ in 1 2 3 4 5; do rm -rf "$work" 2>/dev/null && break; sleep 1; done
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores;" \
  "$("$java" -version 2>&1 | head -n 1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
off=$(run off); on=$(run on)
echo "upload to searchable, seconds (words only | with search by meaning), ${#files[@]} PDFs from $corpus:"
paste <(echo "$off" | cut -d' ' -f1) <(echo "$on") | sed 's/^/  /'
python3 - "$off" "$on" <<'PY'
import statistics, sys
off = [float(l.split()[0]) for l in sys.argv[1].splitlines()]
on = [float(l.split()[0]) for l in sys.argv[2].splitlines()]
m_off, m_on = statistics.median(off), statistics.median(on)
print(f"median: words only {m_off:.2f} s, with search by meaning {m_on:.2f} s; ratio {m_on / m_off:.2f}"
      f" (target < 2); slowest {max(off):.2f} s vs {max(on):.2f} s")
PY
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
