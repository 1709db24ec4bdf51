#!/usr/bin/env bash
# Soaks the portal: starts it as deployed (its runnable jar, the embedded PostgreSQL, a fresh data directory in a
# temporary folder, the first administrator from PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD or made up), drives a
# mixed load for MINUTES (anonymous searches from several clients, suggestions, document pages and downloads; uploads
# of the corpus's PDFs, indexing, publication and deletion; sign-ins), and prints every minute the heap left after a
# full collection, the file descriptors, threads and memory of the portal and its PostgreSQL; then errors, p50/p99
# per route and a verdict line (errors, heap growth, file descriptor growth). See Soak in portal-api's test sources.
#
# Usage: bench/soak.sh [MINUTES] [CORPUS_DIR]
#   defaults: 30 and ../shared/corpus/pdfs; queries: ../shared/corpus/ir/scifact/queries-train{,-fr}.jsonl
# Exits 1 unless the verdict is a pass. Builds portal-api (tests skipped) first; loopback only; deletes its temporary
# folder afterwards unless SOAK_KEEP=1 (then it prints where the portal's log and data are).
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:-30}"
corpus="${2:-../shared/corpus/pdfs}"
queries=(../shared/corpus/ir/scifact/queries-train.jsonl ../shared/corpus/ir/scifact/queries-train-fr.jsonl)
for input in "$corpus" "${queries[@]}"; do
  [ -e "$input" ] || { echo "Not found: $input" >&2; exit 2; }
done
[[ "$minutes" =~ ^[1-9][0-9]*$ ]] || { echo "MINUTES must be a whole number of minutes, got '$minutes'" >&2; exit 2; }

if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "Building portal-api..." >&2
# A fresh jar: shading over an existing one keeps old copies of changed files (see ./portal).
rm -f portal-api/target/portal-api-*.jar portal-api/target/original-portal-api-*.jar
./mvnw -q -B -ntp -pl portal-api -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
work=$(mktemp -d -t portal-soak-XXXXXX)
if [ "${SOAK_KEEP:-0}" = 1 ]; then
  trap 'echo "Kept: $work (portal.log, data/)" >&2' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

"$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "portal-api/target/test-classes:portal-api/target/classes:$(cat portal-api/target/bench.classpath)" \
  org.alima.portal.api.bench.Soak \
  "$minutes" "$corpus" "$work" "portal-api/target/portal-api-${version}.jar" "${queries[@]}"
