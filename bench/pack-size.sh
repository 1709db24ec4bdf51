#!/usr/bin/env bash
# The offline pack of a collection built from the shared corpus: starts the portal jar as ./portal does (-Xmx1g, a
# fresh data directory and its embedded PostgreSQL, search by meaning off: a pack does not use it), imports N PDFs of
# the corpus (linked, read in place) as published documents into a new public collection with `./portal import`, waits
# until every one is searchable, then asks for the collection's pack until it is built. Prints the ZIP's size, the size
# of its search data (pack-data.js) against the total text of its pages, the index's share, and the build time (the
# portal's own log line, and the wall time from the first request to the 200).
#
# Usage: bench/pack-size.sh [N] [CORPUS_DIR]     defaults: 40 and ../shared/corpus/pdfs (edge cases left out)
# Needs the portal jar (./portal builds it; PORTAL_JAR names another), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

count="${1:-40}"
corpus="$(cd "${2:-../shared/corpus/pdfs}" && pwd)"
[ -f "$corpus/MANIFEST.tsv" ] || { echo "No MANIFEST.tsv in $corpus" >&2; exit 2; }
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

work=$(mktemp -d -t portal-pack-bench-XXXXXX)
email=admin@pack-bench.test
password="a long enough bench passphrase"
port=$(free_port)
db_port=$(free_port)
base="http://127.0.0.1:$port"
slug="bench-pack"

# The library: links to the first N PDFs of the manifest (edge cases aside), and their metadata.
python3 - "$corpus" "$work" "$count" <<'PY'
import csv, os, sys
corpus, work, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
types = {"guidelines-protocols": "guideline", "public-health-fr": "report", "reports-long": "report",
         "tables": "report"}
rows = []
with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as manifest:
    for entry in csv.DictReader(manifest, delimiter="\t"):
        if entry["category"] == "edge-cases" or len(rows) == count:
            continue
        target = os.path.join(work, "library", entry["file"])
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.symlink(os.path.join(corpus, entry["file"]), target)
        stem = os.path.splitext(os.path.basename(entry["file"]))[0].replace("-", " ")
        rows.append({"file": entry["file"], "title": stem, "authors": "Corpus, Shared",
                     "date": "2020-01-15", "type": types.get(entry["category"], "article"),
                     "language": entry["language"] if entry["language"] in ("fr", "en") else "en",
                     "countries": "", "topics": entry["category"], "doi": "", "licence": ""})
with open(os.path.join(work, "metadata.csv"), "w", encoding="utf-8", newline="") as out:
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
PY

PORTAL_SEMANTIC=off PORTAL_DATA_DIR="$work/data" PORTAL_PORT="$port" PORTAL_EMBEDDED_DB_PORT="$db_port" \
  PORTAL_ADMIN_EMAIL="$email" PORTAL_ADMIN_PASSWORD="$password" \
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx1g -jar "$jar" \
  >"$work/portal.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do
  curl -fs "$base/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/portal.log" >&2; exit 1; }
  sleep 0.5
done
token=$(curl -s -H 'Content-Type: application/json' -d "{\"username\":\"$email\",\"password\":\"$password\"}" \
  "$base/api/auth/login" | json 'd["access_token"]')
[ -n "$token" ] || { echo "sign-in refused" >&2; exit 1; }
curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -o /dev/null \
  -d "{\"slug\":\"$slug\",\"title\":{\"fr\":\"Pack de mesure\",\"en\":\"Bench pack\"},\"visibility\":\"public\"}" \
  "$base/api/collections"

start=$(now)
PORTAL_DATA_DIR="$work/data" PORTAL_EMBEDDED_DB_PORT="$db_port" PORTAL_ADMIN_PASSWORD="$password" \
  "$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar "$jar" import "$work/library" \
  --metadata "$work/metadata.csv" --as "$email" --status published --collection "$slug" --report "$work/import.tsv" \
  >"$work/import.out" 2>&1 || true
grep '^Import done' "$work/import.out" || { cat "$work/import.out" >&2; exit 1; }

# Every item searchable (or failed, which a pack leaves out of nothing: it carries what the index holds).
mapfile -t ids < <(curl -s -H "Authorization: Bearer $token" "$base/api/collections/$slug" \
  | python3 -c 'import json,sys; [print(i["document"]["id"]) for i in json.load(sys.stdin)["items"]]')
failed=0
for id in "${ids[@]}"; do
  for _ in $(seq 1 6000); do
    status=$(curl -s -H "Authorization: Bearer $token" "$base/api/documents/$id/status" | json 'd["status"]')
    [[ "$status" =~ ^(indexed|failed)$ ]] && break
    sleep 0.2
  done
  [ "$status" = indexed ] || failed=$((failed + 1))
done
echo "imported and searchable: ${#ids[@]} documents ($failed not indexed) in $(python3 -c "print(round($(now) - $start))") s"

# The pack: asked until built, as the page does.
start=$(now)
for _ in $(seq 1 3000); do
  code=$(curl -s -o "$work/pack.zip" -w '%{http_code}' "$base/api/collections/$slug/pack")
  [ "$code" = 200 ] && break
  [ "$code" = 202 ] || { echo "pack answered $code:" >&2; cat "$work/pack.zip" >&2; exit 1; }
  sleep 0.2
done
wall=$(python3 -c "print(f'{$(now) - $start:.1f}')")
built=$(grep -o 'Built the offline pack of [^ ]* .*' "$work/portal.log" | tail -n 1)

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; load average" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "portal: $built"
echo "wall time from the first request to the 200: $wall s"
python3 - "$work/pack.zip" <<'PY'
import json, sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    infos = {i.filename: i for i in z.infolist()}
    script = z.read("pack-data.js").decode("utf-8").strip()
data = json.loads(script[len("window.PORTAL_PACK = "):-1])
search = data["search"]
text = sum(len(p[2].encode("utf-8")) for p in search["pages"])
terms = len(json.dumps(search["terms"], ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
pdfs = [i for n, i in infos.items() if n.startswith("files/")]
data_info = infos["pack-data.js"]
import os
mb = lambda b: f"{b / 1e6:.2f} MB"
print(f"pack: {mb(os.path.getsize(path))} ZIP; {len(data['documents'])} documents, {len(search['pages'])} pages,"
      f" {len(pdfs)} PDFs ({mb(sum(i.file_size for i in pdfs))})")
print(f"search data: pack-data.js {mb(data_info.file_size)} ({mb(data_info.compress_size)} in the ZIP) for"
      f" {mb(text)} of page text: {data_info.file_size / text:.2f} x the text;"
      f" inverted index {mb(terms)} ({len(search['terms'])} terms) = {terms / text:.2f} x the text")
PY
