#!/usr/bin/env bash
# Makes, with podman and without any container registry, the base images that docker/Dockerfile and compose.yaml
# take from Docker Hub elsewhere: a Debian bookworm made with debootstrap from the apt mirror this machine uses, a Java
# runtime linked (jlink) from this machine's JDK, the JDK itself for building from source, and Debian's PostgreSQL.
# They carry this machine's CA certificates, which the package registries' TLS needs here.
#
# Usage: docker/base-images.sh [--rebuild] IMAGE...     IMAGE: jre, jdk, postgres (debian is made when one needs it)
# Prints nothing but progress on stderr; an image already present is kept unless --rebuild is given.
#
#   localhost/portal-base/debian:bookworm   debootstrap --variant=minbase, with ca-certificates
#   localhost/portal-base/temurin:25-jre    + a jlink runtime of the JDK below, in place of eclipse-temurin:25-jre
#   localhost/portal-base/temurin:25-jdk    + the JDK, in place of eclipse-temurin:25-jdk (only to build from source)
#   localhost/portal-base/postgres:15       + Debian's PostgreSQL 15, with the official postgres image's variables
set -euo pipefail
cd "$(dirname "$0")"
export CONTAINERS_CONF="$PWD/containers.conf"

jdk="${PORTAL_BASE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
debian=localhost/portal-base/debian:bookworm
rebuild=false
wanted=()
for argument in "$@"; do
  case "$argument" in
    --rebuild) rebuild=true ;;
    jre | jdk | postgres) wanted+=("$argument") ;;
    *) echo "Unknown image '$argument': expected jre, jdk or postgres" >&2; exit 2 ;;
  esac
done

work=$(mktemp -d -t portal-base-XXXXXX)
trap 'rm -rf "$work"' EXIT

present() { [ "$rebuild" = false ] && podman image exists "$1"; }

say() { echo "[base-images] $*" >&2; }

# The suite's URL on this machine's apt configuration (whatever the sources' format), e.g. http://deb.debian.org/debian/.
mirror_of() {
  apt-get indextargets --format '$(RELEASE) $(REPO_URI)' 'Created-By: Packages' | awk -v suite="$1" '$1 == suite { print $2; exit }'
}

debian_made=false
make_debian() {
  [ "$debian_made" = true ] && return
  debian_made=true
  present "$debian" && return
  local main security rootfs="$work/rootfs"
  main=$(mirror_of bookworm)
  security=$(mirror_of bookworm-security)
  [ -n "$main" ] || { echo "No bookworm suite in this machine's apt sources: debootstrap needs a mirror" >&2; exit 1; }
  say "debootstrap bookworm from $main"
  debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" "$main" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; echo "debootstrap failed (log above)" >&2; exit 1; }
  {
    echo "deb $main bookworm main"
    echo "deb $main bookworm-updates main"
    [ -z "$security" ] || echo "deb $security bookworm-security main"
  } >"$rootfs/etc/apt/sources.list"
  # This machine's own certificate authorities (e.g. of an egress proxy), trusted inside as outside.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
    chroot "$rootfs" update-ca-certificates >"$work/update-ca-certificates.log" 2>&1
  fi
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/*.log
  tar -C "$rootfs" -c . | podman import --quiet --change 'CMD ["/bin/bash"]' - "$debian" >/dev/null
  rm -rf "$rootfs"
}

make_jre() {
  local image=localhost/portal-base/temurin:25-jre
  present "$image" && return
  make_debian
  say "jlink a runtime from $jdk"
  # What a JRE holds: every module but the development tools (compiler, debugger, jshell, jlink...). jcmd stays, for
  # heap and thread dumps in a running container.
  local modules
  modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//' | grep -v -x -E \
    'java\.compiler|java\.se|jdk\.(compiler|editpad|graal\..*|hotspot\.agent|internal\.(ed|le|md|opt|vm\.ci)|jartool|javadoc|jconsole|jdeps|jdi|jdwp\.agent|jlink|jpackage|jshell|jstatd)' \
    | paste -sd,)
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --output "$work/jre" \
    >"$work/jlink.log" 2>&1 || { cat "$work/jlink.log" >&2; echo "jlink failed on $jdk (log above)" >&2; exit 1; }
  cp -L /etc/ssl/certs/java/cacerts "$work/jre/lib/security/cacerts" 2>/dev/null \
    || cp -L "$jdk/lib/security/cacerts" "$work/jre/lib/security/cacerts"
  build_java_image "$image" jre
}

make_jdk() {
  local image=localhost/portal-base/temurin:25-jdk
  present "$image" && return
  make_debian
  say "copy the JDK $jdk"
  cp -rL "$jdk" "$work/jdk"
  build_java_image "$image" jdk
}

# The layout and variables of the eclipse-temurin images: Java in /opt/java/openjdk, on the PATH.
build_java_image() {
  local image=$1 directory=$2
  cat >"$work/Containerfile" <<EOF
FROM $debian
COPY $directory /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    LANG=C.UTF-8
EOF
  podman build --no-cache --layers=false --quiet --format docker -t "$image" -f "$work/Containerfile" "$work" \
    >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; echo "podman build of $image failed (log above)" >&2; exit 1; }
  rm -rf "${work:?}/$directory" "$work/Containerfile"
}

make_postgres() {
  local image=localhost/portal-base/postgres:15
  present "$image" && return
  make_debian
  say "Debian's PostgreSQL 15"
  mkdir -p "$work/postgres"
  cp postgres/entrypoint.sh "$work/postgres/"
  podman build --no-cache --layers=false --quiet --format docker -t "$image" --build-arg BASE_IMAGE="$debian" \
    -f postgres/Dockerfile "$work/postgres" >"$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; echo "podman build of $image failed (log above)" >&2; exit 1; }
}

for image in "${wanted[@]}"; do
  start=$(date +%s)
  "make_$image"
  say "$image ready ($(($(date +%s) - start)) s)"
done
