#!/bin/bash
# A Debian 12 root filesystem with OpenJDK 17 JRE, made with debootstrap from the host's apt mirror
# (adapted from ../shared/recipes/debian-rootfs.sh; adds procps, which Nextflow uses for task metrics).
# Usage: debian-rootfs.sh DIR   -> DIR/rootfs. Needs root and debootstrap.
set -euo pipefail
dir=${1:?usage: debian-rootfs.sh DIR}
mkdir -p "$dir" && cd "$dir"
MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
T0=$(date +%s)
rm -rf rootfs
debootstrap --variant=minbase bookworm rootfs "$MIRROR" > debootstrap.log 2>&1 || { tail -20 debootstrap.log >&2; exit 1; }
T1=$(date +%s); echo "debootstrap: $((T1-T0)) s"
mount -t proc proc rootfs/proc
trap 'umount rootfs/proc 2>/dev/null || true' EXIT
chroot rootfs /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless procps && apt-get clean && rm -rf /var/lib/apt/lists/*' > chroot-apt.log 2>&1 || { tail -20 chroot-apt.log >&2; exit 1; }
umount rootfs/proc; trap - EXIT
T2=$(date +%s); echo "chroot apt-get openjdk: $((T2-T1)) s"
du -sh rootfs
