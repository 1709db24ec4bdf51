#!/bin/sh
# The image's entry point: starts the portal with the JVM flags it needs, its arguments passed on (e.g.
# `create-admin --email …`). JAVA_OPTS adds or overrides JVM flags, e.g. JAVA_OPTS=-Xmx2g.
#
#   --add-modules jdk.incubator.vector, --enable-native-access   what Lucene 10 uses on JDK 21+ (vectors, mmap)
#   -XX:MaxRAMPercentage=50   heap from the container's memory limit; the rest is for the embedded PostgreSQL, the
#                             index's memory-mapped files (page cache) and PDFBox's buffers outside the heap
#   -Djava.io.tmpdir          upload parts, PDFBox scratch files and the embedded PostgreSQL's binaries go to the data
#                             volume, not to the image's file system (which may be read-only)
set -eu
data="${PORTAL_DATA_DIR:-/data}"
if ! mkdir -p "$data/tmp" 2>/dev/null || [ ! -w "$data" ]; then
  echo "The data directory $data is not writable by user $(id -u). Give it to that user (for a bind mount:" \
       "chown -R $(id -u):$(id -g) DIR), or use a named volume." >&2
  exit 1
fi
# shellcheck disable=SC2086 # JAVA_OPTS holds several flags
exec java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  -XX:MaxRAMPercentage=50 -Djava.awt.headless=true -Djava.io.tmpdir="$data/tmp" \
  ${JAVA_OPTS:-} -jar /opt/portal/portal-api.jar "$@"
