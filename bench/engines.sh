#!/usr/bin/env bash
# The two search engines side by side, and one against two portal nodes, in one run (see EngineBenchmark in
# portal-api's test sources):
#   1. in-process: the embedded engine and the OpenSearch engine (on a node this run starts from the integ-test
#      distribution, as the tests do) index the same SciFact abstracts and shared-corpus PDFs, then answer the SciFact
#      training claims from 1 and 4 clients;
#   2. over HTTP: the portal's jar with one node on its embedded index, one node on OpenSearch, and two nodes on one
#      PostgreSQL and OpenSearch sharing PORTAL_FILES_DIR: upload-to-searchable, then GET /api/search from 4 and 8
#      clients.
#
# Usage: bench/engines.sh [--quick] [--in-process-only] [CORPUS_DIR] [SCIFACT_DIR]
#   --quick            1,000 abstracts, 100 claims, 20 PDFs (a few minutes on two cores instead of a quarter hour)
#   --in-process-only  part 1 alone
#   defaults: ../shared/corpus/pdfs and ../shared/corpus/ir/scifact (from the repository root)
# Builds portal-indexer, portal-opensearch and portal-api (tests skipped), unpacks the OpenSearch distribution into
# portal-opensearch/target/opensearch-dist, then works in a temporary folder that it deletes afterwards. Loopback only;
# about 1.5 GB of memory (a 512 MB OpenSearch node, up to two portal JVMs, PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."

flags=()
inputs=()
for arg in "$@"; do
  case "$arg" in
    --quick|--in-process-only) flags+=("$arg") ;;
    --*) echo "Unknown option: $arg" >&2; exit 2 ;;
    *) inputs+=("$arg") ;;
  esac
done
corpus="${inputs[0]:-../shared/corpus/pdfs}"
scifact="${inputs[1]:-../shared/corpus/ir/scifact}"
for input in "$corpus" "$scifact/corpus.jsonl" "$scifact/queries-train.jsonl"; do
  [ -e "$input" ] || { echo "Not found: $input" >&2; exit 2; }
done

if [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

echo "Building portal-indexer, portal-opensearch and portal-api..." >&2
# The shade plugin re-shades an existing jar and keeps its old copies of changed classes: start from none (the
# portal processes of part 2 run the jar).
rm -f portal-api/target/portal-api-*.jar portal-api/target/original-portal-api-*.jar
./mvnw -q -B -ntp -pl portal-api -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >&2
# The distribution the node runs, unpacked as the integration tests' build does (never on a classpath).
./mvnw -q -B -ntp -pl portal-opensearch dependency:unpack@unpack-opensearch >&2

version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
opensearch_version=$(sed -n 's:.*<opensearch.distribution.version>\(.*\)</opensearch.distribution.version>.*:\1:p' \
  portal-opensearch/pom.xml)
work=$(mktemp -d -t portal-engines-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT

"$java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -Dopensearch.home="$PWD/portal-opensearch/target/opensearch-dist/opensearch-$opensearch_version" \
  -Dopensearch.work="$work/opensearch" \
  -cp "portal-api/target/test-classes:portal-api/target/classes:$(cat portal-api/target/bench.classpath)" \
  org.alima.portal.api.bench.EngineBenchmark ${flags[@]+"${flags[@]}"} \
  "$corpus" "$scifact" "$work" "$PWD/portal-api/target/portal-api-${version}.jar"
