#!/usr/bin/env bash
# Benchmarks the portal API as deployed and prints the figures (see ApiBenchmark in portal-api's test sources):
# indexing throughput over HTTP against the command-line indexer on the same PDFs, startup time and resident memory
# with an external PostgreSQL, and search latency under concurrent load over HTTP against in-process PortalSearch.
#
# Usage: bench/api-bench.sh [CORPUS_DIR] [QUERIES_JSONL]
#   defaults: ../shared/corpus/pdfs and ../shared/corpus/ir/scifact/queries-train.jsonl (from the repository root)
# Builds portal-indexer and portal-api (tests skipped), then works in a temporary folder that it deletes afterwards.
# Loopback only; takes a few minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="${1:-../shared/corpus/pdfs}"
queries="${2:-../shared/corpus/ir/scifact/queries-train.jsonl}"
for input in "$corpus" "$queries"; do
  [ -e "$input" ] || { echo "Not found: $input" >&2; exit 2; }
done

if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "Building portal-indexer and portal-api..." >&2
# The shade plugin re-shades an existing jar and keeps its old copies of changed classes: start from none.
rm -f portal-api/target/portal-api-*.jar portal-api/target/original-portal-api-*.jar
./mvnw -q -B -ntp -pl portal-api -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
work=$(mktemp -d -t portal-api-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

"$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -cp "portal-api/target/test-classes:portal-api/target/classes:$(cat portal-api/target/bench.classpath)" \
  org.alima.portal.api.bench.ApiBenchmark \
  "$corpus" "$queries" "$work" "portal-api/target/portal-api-${version}.jar" portal-indexer/target/portal-indexer.jar
