#!/usr/bin/env bash
# Builds the portal's image with podman and tries it as an operator would, twice:
#  1. alone, with its embedded PostgreSQL, on a fresh volume, a read-only root file system and a memory limit: waits
#     for /health and the image's own health check, checks the user and the volume, signs in as the first
#     administrator, uploads a real PDF, waits until it is indexed, publishes it, finds it at its page through
#     anonymous search; uploads a scanned page, waits until Tesseract in the image has read it, and finds it by a word
#     of the scan, its hit marked as read by OCR; restarts the container and finds the first PDF again;
#  2. through compose.yaml (podman-compose) with an external PostgreSQL: the same upload, publication and search.
# Then it stops everything and removes what it made (the base images stay, for the next run). A failed step stops the
# script with a message naming it, the container's last log lines, and a non-zero status.
#
# Usage: docker/smoke-test.sh [--from-source]
#   default        the image's `prebuilt` target with the jar in portal-api/target (built by ./mvnw verify or
#                  ./mvnw -pl portal-api -am package); what .ci/run does
#   --from-source  the image's default target, which builds the jar inside the image (minutes)
# Base images are made locally when absent (docker/base-images.sh), since no container registry is reachable here.
set -euo pipefail
cd "$(dirname "$0")/.."
export CONTAINERS_CONF="$PWD/docker/containers.conf"

target=prebuilt
case "${1:-}" in
  "") ;;
  --from-source) target=source ;;
  *) echo "Usage: docker/smoke-test.sh [--from-source]" >&2; exit 2 ;;
esac

image=localhost/evidence-portal:smoke-test-$$
name=portal-smoke-test-$$
project=portal-smoke-compose-$$
work=$(mktemp -d -t portal-smoke-XXXXXX)
admin_email=admin@example.org
admin_password="smoke test passphrase $$"
pdf=portal-api/src/test/resources/pdfs/sante-psy-tutoriel-choruspro.pdf
# Page 4 of that PDF reads « vérifier bien si la ligne TVA est correcte »: searched without accents.
query='verifier+ligne+TVA'
expected_page=4
# A scan of that page 4 (an image, no text layer): found only once OCR has read it, by a word of it.
scan=portal-api/src/test/resources/pdfs/sante-psy-choruspro-page-4-scanned.pdf
scan_word=conventionnement
container=$name  # whose log a failure shows

say() { echo "[smoke-test] $*" >&2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
seconds_since() { awk -v ms="$(($(now_ms) - $1))" 'BEGIN { printf "%.1f", ms / 1000 }'; }
fail() {
  say "FAILED: $*"
  if podman container exists "$container"; then
    say "last lines of $container's log:"
    podman logs --tail 40 "$container" 2>&1 | grep -v 'level=error msg=.*systemd' >&2 || true
  fi
  exit 1
}
compose() {
  podman-compose -p "$project" -f docker/compose.yaml -f docker/compose.offline.yaml -f "$work/compose.test.yaml" "$@"
}
cleanup() {
  podman rm --force --time 0 "$name" >/dev/null 2>&1 || true
  podman volume rm --force "$name" >/dev/null 2>&1 || true
  if [ -f "$work/compose.test.yaml" ]; then
    compose down --volumes >/dev/null 2>&1 || true
  fi
  podman rmi --force "$image" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

for tool in podman podman-compose curl jq; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install $tool)"
done

await_health() {
  local deadline=$(($(date +%s) + 180))
  until curl --silent --fail --max-time 5 "$base/health" >/dev/null; do
    [ "$(podman inspect --format '{{.State.Running}}' "$container")" = true ] || fail "$container exited"
    [ "$(date +%s)" -lt "$deadline" ] || fail "no answer on $base/health within 180 s"
    sleep 0.5
  done
}

sign_in() {
  token=$(curl --silent --fail --max-time 30 -H 'Content-Type: application/json' \
    -d "$(jq -n --arg u "$admin_email" --arg p "$admin_password" '{username: $u, password: $p}')" \
    "$base/api/auth/login" | jq -r .access_token) || fail "sign-in as the first administrator ($admin_email)"
  [ -n "$token" ] && [ "$token" != null ] || fail "the sign-in answer has no access_token"
}

# Settled: the document's last job has run (indexing after the upload, and again after the publication, which search
# reflects only then).
await_indexed() {
  local deadline=$(($(date +%s) + 120)) answer
  while :; do
    answer=$(curl --silent --fail --max-time 10 -H "Authorization: Bearer $token" "$base/api/documents/$id/status") \
      || fail "status of document $id"
    case "$(jq -r '.jobState + " " + .status' <<<"$answer")" in
      "done indexed") return ;;
      done* | failed*) fail "document $id ended other than indexed: $answer" ;;
    esac
    [ "$(date +%s)" -lt "$deadline" ] || fail "document $id not indexed after 120 s: $answer"
    sleep 0.5
  done
}

upload_and_publish() {
  local started
  started=$(now_ms)
  id=$(curl --silent --fail --max-time 60 -H "Authorization: Bearer $token" \
    -F 'metadata={"type":"operating_procedure","language":"fr","effectiveDate":"2024-01-15","reviewDueDate":"2030-01-15"};type=application/json' -F "file=@$pdf" \
    "$base/api/documents" | jq -r .id) || fail "upload of $pdf"
  [ -n "$id" ] && [ "$id" != null ] || fail "the upload answer has no id"
  await_indexed
  say "uploaded and indexed in $(seconds_since "$started") s"
  curl --silent --fail --max-time 30 -X POST -H "Authorization: Bearer $token" "$base/api/documents/$id/publish" \
    >/dev/null || fail "publication of document $id"
  await_indexed
}

# A scan only has no text until OCR reads it: processed once without (failed: "OCR is reading it"), then again once
# OCR is done. One page at 300 dpi takes well under a minute alone; 600 s leaves room for a loaded machine.
await_ocr() {
  local deadline=$(($(date +%s) + 600)) answer
  while :; do
    answer=$(curl --silent --fail --max-time 10 -H "Authorization: Bearer $token" "$base/api/documents/$scan_id/status") \
      || fail "status of the scanned document $scan_id"
    case "$(jq -r '(.ocr.state // "none") + " " + .jobState + " " + .status' <<<"$answer")" in
      "done done indexed") return ;;
      "done done failed" | "none done"*) fail "the scanned document $scan_id was not read by OCR: $answer" ;;
    esac
    [ "$(date +%s)" -lt "$deadline" ] || fail "the scanned document $scan_id not read by OCR after 600 s: $answer"
    sleep 1
  done
}

upload_scan_and_find() {
  local started answer first
  [ -f "$scan" ] || fail "$scan is missing"
  started=$(now_ms)
  scan_id=$(curl --silent --fail --max-time 60 -H "Authorization: Bearer $token" \
    -F 'metadata={"title":"Tutoriel Chorus Pro, page 4 (scan)","type":"report","language":"fr"};type=application/json' \
    -F "file=@$scan" "$base/api/documents" | jq -r .id) || fail "upload of $scan"
  [ -n "$scan_id" ] && [ "$scan_id" != null ] || fail "the scan's upload answer has no id"
  await_ocr
  say "scan uploaded and read by OCR in $(seconds_since "$started") s"
  curl --silent --fail --max-time 30 -X POST -H "Authorization: Bearer $token" \
    "$base/api/documents/$scan_id/publish" >/dev/null || fail "publication of the scanned document $scan_id"
  first=$id
  id=$scan_id
  await_indexed
  id=$first
  answer=$(curl --silent --fail --max-time 30 "$base/api/search?q=$scan_word") || fail "anonymous search for '$scan_word'"
  jq -e --arg id "$scan_id" '.hits[] | select(.id == $id) | .pages[0] | .page == 1 and .ocr == true' \
    <<<"$answer" >/dev/null \
    || fail "anonymous search for '$scan_word' does not find page 1 of the scan $scan_id marked ocr: $answer"
}

find_it() {
  local answer
  answer=$(curl --silent --fail --max-time 30 "$base/api/search?q=$query") || fail "anonymous search for '$query'"
  jq -e --arg id "$id" --argjson page "$expected_page" \
    '.hits[] | select(.id == $id) | .pages | map(.page) | index($page) != null' <<<"$answer" >/dev/null \
    || fail "anonymous search for '$query' does not find page $expected_page of document $id: $answer"
}

# Stops $container and checks that the JVM ended by the SIGTERM it was sent, after its shutdown hooks (status 143;
# a kill after the timeout gives 137).
stop_cleanly() {
  local started exit_code
  started=$(now_ms)
  podman stop --time 30 "$container" >/dev/null 2>&1 || fail "podman stop $container"
  exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$container")
  [ "$exit_code" = 143 ] || [ "$exit_code" = 0 ] || fail "$container stopped with status $exit_code"
  stop_seconds=$(seconds_since "$started")
}

free_port() {
  local port
  for port in $(seq 18080 18180); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
  fail "no free port in 18080..18180"
}

# 1. Base images, made here when absent.
started=$(now_ms)
bases=(jre postgres)
[ "$target" = source ] && bases+=(jdk)
docker/base-images.sh "${bases[@]}" || fail "the base images could not be made"
say "base images ready in $(seconds_since "$started") s"

# 2. The portal's image; --layers=false leaves no intermediate images behind (a second build from source is fast
# thanks to the Dockerfile's Maven cache mount, not to layers).
started=$(now_ms)
build=(podman build --quiet --layers=false --format docker -f docker/Dockerfile -t "$image"
       --build-arg RUNTIME_IMAGE=localhost/portal-base/temurin:25-jre
       --build-arg BUILD_IMAGE=localhost/portal-base/temurin:25-jdk)
if [ "$target" = prebuilt ]; then
  jars=(portal-api/target/portal-api-*.jar)
  [ -f "${jars[0]}" ] || fail "no jar in portal-api/target: build it first (./mvnw -B -ntp -pl portal-api -am package)"
  build+=(--target prebuilt)
fi
"${build[@]}" . >/dev/null || fail "podman build of docker/Dockerfile ($target)"
say "image built ($target) in $(seconds_since "$started") s"

# 3. Alone, on a fresh volume. --read-only: the portal may write nowhere but /data and a tmpfs on /tmp (the embedded
# PostgreSQL's socket, the JVM's own files), as the README's docker run has it;
# --health-interval=disable: no systemd here to schedule the image's health check, which step 4 runs instead.
podman volume create "$name" >/dev/null
started=$(now_ms)
podman run --detach --name "$name" --init --read-only --read-only-tmpfs=false --tmpfs /tmp --memory 2g \
  --health-interval=disable \
  --publish 127.0.0.1::8080 --volume "$name:/data" \
  --env PORTAL_ADMIN_EMAIL="$admin_email" --env PORTAL_ADMIN_PASSWORD="$admin_password" \
  "$image" >/dev/null 2>&1 || fail "podman run $image"
base="http://$(podman port "$name" 8080)"
await_health
say "alone: /health answered 200 after $(seconds_since "$started") s"

# 4. What the image promises: its health check, a user that is not root, its data in a volume.
podman healthcheck run "$name" >/dev/null 2>&1 || fail "the image's HEALTHCHECK does not report healthy"
uid=$(podman exec "$name" id -u) || fail "podman exec id -u"
[ "$uid" = 10001 ] || fail "the portal runs as user $uid, not 10001"
mounts=$(podman inspect --format '{{range .Mounts}}{{.Destination}} {{end}}' "$name")
[[ " $mounts" == *" /data "* ]] || fail "/data is not a volume (mounts: $mounts)"
say "health check healthy, user 10001, /data a volume"

# 5. Sign in, upload, publish, find.
sign_in
upload_and_publish
find_it
say "published, found by anonymous search at page $expected_page"
upload_scan_and_find
say "scan published, found by a word Tesseract read, its hit marked ocr"

# 6. Restarted on the same volume: the document is still there and still found.
stop_cleanly
started=$(now_ms)
podman start "$name" >/dev/null 2>&1 || fail "podman start $name"
base="http://$(podman port "$name" 8080)"
await_health
say "stopped cleanly in $stop_seconds s; restarted: /health after $(seconds_since "$started") s"
find_it
say "found again after the restart"
stop_cleanly
podman rm "$name" >/dev/null 2>&1

# 7. compose.yaml with its external PostgreSQL (the local images of compose.offline.yaml), the image above as the
# portal's, on a free port of the host.
port=$(free_port)
cat >"$work/compose.test.yaml" <<EOF
services:
  portal:
    image: $image
EOF
container="${project}_portal_1"
started=$(now_ms)
POSTGRES_PASSWORD="smoke-test-db-$$" PORTAL_ADMIN_EMAIL="$admin_email" PORTAL_ADMIN_PASSWORD="$admin_password" \
  PORTAL_HOST_PORT="$port" compose up -d >"$work/compose.log" 2>&1 \
  || { cat "$work/compose.log" >&2; fail "podman-compose up (its output above)"; }
base="http://127.0.0.1:$port"
await_health
podman healthcheck run "${project}_db_1" >/dev/null 2>&1 || fail "the database's health check does not report healthy"
podman healthcheck run "$container" >/dev/null 2>&1 || fail "the portal's health check does not report healthy"
say "compose: /health answered 200 after $(seconds_since "$started") s, both health checks healthy"
sign_in
upload_and_publish
find_it
say "compose: published, found by anonymous search at page $expected_page"
stop_cleanly
POSTGRES_PASSWORD=unused compose down --volumes >/dev/null 2>&1 || fail "podman-compose down"
say "passed"
