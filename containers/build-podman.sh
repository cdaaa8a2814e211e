#!/bin/bash
# Builds the stdeconv image with podman without any image registry (the equivalent of containers/Dockerfile):
#   1. base image localhost/stdeconv-base:bookworm: a debootstrap'd Debian 12 + OpenJDK 17 JRE, `podman import`ed
#      (skipped when it exists; STDECONV_REBUILD_BASE=1 forces it);
#   2. the app image from containers/Containerfile.local: copies the app folder that `mvn package` built
#      (target/stdeconv.jar + target/lib), bin/stdeconv and bin/stdeconv-env.sh (and, built here with cc, the launcher's
#      answer to MKL's vendor check), then runs stdeconv once to unpack the DJL natives.
# Usage: containers/build-podman.sh [IMAGE]   (default localhost/stdeconv:VERSION). Needs root, podman, debootstrap.
# podman here needs the configs in .ci/podman (runc, ulimits, storage under /tmp/stdeconv-ctr) unless you set
# CONTAINERS_CONF / CONTAINERS_STORAGE_CONF yourself.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n 1)
image=${1:-localhost/stdeconv:$version}
base=localhost/stdeconv-base:bookworm
work=${STDECONV_CTR_DIR:-/tmp/stdeconv-ctr}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$root/.ci/podman/containers.conf}
export CONTAINERS_STORAGE_CONF=${CONTAINERS_STORAGE_CONF:-$root/.ci/podman/storage.conf}
T0=$(date +%s)

[ -f "$root/target/stdeconv.jar" ] && [ -d "$root/target/lib" ] || { echo "build-podman: no target/stdeconv.jar; run 'mvn package -DskipTests' first" >&2; exit 1; }

if [ "${STDECONV_REBUILD_BASE:-0}" = 1 ] || ! podman image exists "$base"; then
  echo "build-podman: making $base from a debootstrap'd Debian 12"
  "$root/containers/debian-rootfs.sh" "$work"
  tar -C "$work/rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$base"
  rm -rf "$work/rootfs"
fi
T1=$(date +%s)

ctx="$root/target/container-context"
rm -rf "$ctx" && mkdir -p "$ctx/app/bin" "$ctx/app/lib/stdeconv" "$ctx/app/share"
# hard links: the 110 MB natives jar is not copied again
cp -l "$root/target/stdeconv.jar" "$ctx/app/lib/stdeconv/" 2>/dev/null || cp "$root/target/stdeconv.jar" "$ctx/app/lib/stdeconv/"
cp -rl "$root/target/lib" "$ctx/app/lib/stdeconv/lib" 2>/dev/null || cp -r "$root/target/lib" "$ctx/app/lib/stdeconv/lib"
cp "$root/bin/stdeconv" "$root/bin/stdeconv-env.sh" "$ctx/app/bin/"
# the answer to MKL's vendor check that the launcher preloads on non-Intel CPUs with AVX-512 (the image has no
# compiler); without a compiler here the image runs MKL's AVX2 kernels on such CPUs
if command -v "${CC:-cc}" >/dev/null; then
  "${CC:-cc}" -shared -fPIC -O2 -o "$ctx/app/lib/stdeconv/libstdeconv-mkl-avx512.so" "$root/bin/stdeconv-mkl-avx512.c"
fi
cp "$root/containers/warm-up.sh" "$ctx/app/share/"
# the jar's checksum as a label: a test (or a user) can tell whether an existing image holds this build
jar_sha=$(sha256sum "$root/target/stdeconv.jar" | cut -d' ' -f1)
podman build --network=none --build-arg BASE="$base" --label "org.stdeconv.jar-sha256=$jar_sha" -f "$root/containers/Containerfile.local" -t "$image" "$ctx"
rm -rf "$ctx"
T2=$(date +%s)
echo "build-podman: base $((T1-T0)) s, app image $((T2-T1)) s -> $image"
podman image ls "$image"
