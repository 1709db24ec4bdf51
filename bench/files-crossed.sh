#!/usr/bin/env bash
# Counts the portal's source files whose code runs for one search request and for one upload (from the request to
# the document being searchable), as issue 10 measures them: the portal jar runs with the JaCoCo agent (coverage of
# org.alima.portal.* only), the counters are reset after a warm-up, one operation runs, and the classes with any
# instruction covered are grouped by their source file (nested classes and lambdas count with their file).
#
# Usage: bench/files-crossed.sh [PDF]     (default: the Chorus Pro tutorial of portal-api's test PDFs)
# Prints the counts and the files, per module. Needs the JaCoCo agent and CLI 0.8.15 (Maven Central; fetched once).
# Background work (the dense-vector pass, OCR) is waited out before each measured operation.
set -euo pipefail
cd "$(dirname "$0")/.."

pdf="${1:-portal-api/src/test/resources/pdfs/sante-psy-tutoriel-choruspro.pdf}"
[ -f "$pdf" ] || { echo "Not found: $pdf" >&2; exit 2; }
if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

jacoco=0.8.15
repo="${MAVEN_REPO:-$HOME/.m2/repository}/org/jacoco"
agent="$repo/org.jacoco.agent/$jacoco/org.jacoco.agent-$jacoco-runtime.jar"
cli="$repo/org.jacoco.cli/$jacoco/org.jacoco.cli-$jacoco-nodeps.jar"
if [ ! -f "$agent" ] || [ ! -f "$cli" ]; then
  ./mvnw -q -B -ntp dependency:get -Dartifact=org.jacoco:org.jacoco.agent:$jacoco:jar:runtime -Dtransitive=false
  ./mvnw -q -B -ntp dependency:get -Dartifact=org.jacoco:org.jacoco.cli:$jacoco:jar:nodeps -Dtransitive=false
fi

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
jar="portal-api/target/portal-api-${version}.jar"
if [ ! -f "$jar" ] || [ -n "$(find pom.xml portal-*/pom.xml portal-*/src/main -newer "$jar" -print -quit)" ]; then
  echo "Building portal-api..." >&2
  rm -f portal-api/target/portal-api-*.jar portal-api/target/original-portal-api-*.jar
  ./mvnw -q -B -ntp -pl portal-api -am package -DskipTests >&2
fi

work=$(mktemp -d -t portal-files-crossed-XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
agent_port=$(( port + 1 ))
base="http://127.0.0.1:$port"
PORTAL_DATA_DIR="$work/data" PORTAL_PORT=$port PORTAL_ADMIN_EMAIL=admin@example.org \
  PORTAL_ADMIN_PASSWORD='a long passphrase for the count' \
  "$java" "-javaagent:$agent=includes=org.alima.portal.*,output=tcpserver,address=127.0.0.1,port=$agent_port" \
  --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -jar "$jar" > "$work/portal.log" 2>&1 &
portal=$!
trap 'kill $portal 2>/dev/null; wait $portal 2>/dev/null; rm -rf "$work"; true' EXIT

for _ in $(seq 600); do
  curl -sf "$base/api/search?q=x" > /dev/null && break
  kill -0 $portal 2>/dev/null || { echo "The portal exited; its log:" >&2; tail -20 "$work/portal.log" >&2; exit 1; }
  sleep 0.2
done
token=$(curl -sf -H 'Content-Type: application/json' \
  -d '{"username":"admin@example.org","password":"a long passphrase for the count"}' \
  "$base/api/auth/login" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')

dump() { rm -f "$1"; "$java" -jar "$cli" dump --address 127.0.0.1 --port $agent_port --reset --destfile "$1" --quiet; }
peek() { rm -f "$1"; "$java" -jar "$cli" dump --address 127.0.0.1 --port $agent_port --destfile "$1" --quiet; }

# Files with covered code in an execution-data file, "module path" per line.
files_of() {
  local csv="$work/report.csv"
  local classes=()
  for module in portal-indexer portal-opensearch portal-api; do
    [ -d "$module/target/classes" ] && classes+=(--classfiles "$module/target/classes")
  done
  "$java" -jar "$cli" report "$1" "${classes[@]}" --csv "$csv" --quiet
  # GROUP,PACKAGE,CLASS,INSTRUCTION_MISSED,INSTRUCTION_COVERED,...
  awk -F, 'NR > 1 && $5 > 0 { split($3, outer, "."); print $2 "." outer[1] }' "$csv" | sort -u
}

upload() {
  curl -sf -H "Authorization: Bearer $token" \
    -F 'metadata={"type":"protocol","language":"fr","title":"Compte des fichiers '"$1"'"};type=application/json' \
    -F "file=@$2;type=application/pdf" "$base/api/documents" | sed 's/.*"id":"\([^"]*\)".*/\1/'
}
await_indexed() {
  for _ in $(seq 600); do
    curl -sf -H "Authorization: Bearer $token" "$base/api/documents/$1/status" | grep -q '"indexed"' && return 0
    sleep 0.2
  done
  echo "Document $1 was not indexed within two minutes" >&2
  exit 1
}
# Gives background work (the vector pass after an upload) time to finish: the job queue and the vector pass poll every
# second or so whatever is asked, so "nothing runs" never comes; their polling code is counted with an upload, and a
# search's count keeps only what ran in all three of its windows.
await_quiet() {
  sleep 20
  dump "$work/ignored.exec"
}

# Warm-up: one upload, indexed, published, searched, so that first-use code (caches, lazy loads) is not counted.
pdf_copy="$work/other.pdf"
cp "$pdf" "$pdf_copy"
printf '\n%% a different file for the warm-up\n' >> "$pdf_copy"
first=$(upload warm-up "$pdf_copy")
await_indexed "$first"
curl -sf -X POST -H "Authorization: Bearer $token" "$base/api/documents/$first/publish" > /dev/null
curl -sf "$base/api/search?q=ecran+facture" > /dev/null
curl -sf "$base/api/search?q=facturation" > /dev/null
await_quiet

# The upload's request, then its processing until nothing runs for four seconds; its status is asked only after the
# count, so that the polling's own code is not counted.
second=$(upload measured "$pdf")
previous=-1
for _ in $(seq 120); do
  sleep 2
  peek "$work/upload.exec"
  now=$(files_of "$work/upload.exec" | wc -l)
  [ "$now" -eq "$previous" ] && { sleep 2; peek "$work/upload.exec"; [ "$(files_of "$work/upload.exec" | wc -l)" -eq "$now" ] && break; }
  previous=$now
done
dump "$work/ignored.exec"
await_indexed "$second"
await_quiet
# A search's window is a fraction of a second, yet a poll may fall into it: three searches, and the files that ran in
# all three.
for round in 1 2 3; do
  dump "$work/ignored.exec"
  curl -sf "$base/api/search?q=ecran+facture" > /dev/null
  dump "$work/search.exec"
  files_of "$work/search.exec" > "$work/search.$round"
done
comm -12 "$work/search.1" "$work/search.2" | comm -12 - "$work/search.3" > "$work/search.all"
# What runs in windows of the same kind with no request at all (the job queue's polling) is not the search's.
for round in 1 2 3; do
  dump "$work/ignored.exec"
  sleep 0.1
  dump "$work/idle.exec"
  files_of "$work/idle.exec" > "$work/idle.$round"
done
sort -u "$work/idle.1" "$work/idle.2" "$work/idle.3" > "$work/idle.files"
comm -23 "$work/search.all" "$work/idle.files" > "$work/search.files"
echo "idle polling, left out of the search's count (some, such as the engine, are on the search's path too):"
echo "  $(tr '\n' ' ' < "$work/idle.files")"
files_of "$work/upload.exec" > "$work/upload.files"

for operation in search upload; do
  echo "$operation: $(wc -l < "$work/$operation.files") files"
  sed 's/^/  /' "$work/$operation.files"
done
