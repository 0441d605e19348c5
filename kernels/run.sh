#!/bin/sh
# The kernel matrix, in one command: sudo kernels/run.sh [bullseye bookworm trixie sid host]
# Installs what it needs from Debian, builds target/listns.jar if it is missing, then boots each
# kernel under qemu and runs the scenarios (kernels/matrix.py). See kernels/README.md.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
  echo "kernels/run.sh: run it as root (it boots VMs and builds namespaces on the host)" >&2
  exit 2
fi
# qemu and busybox for the VMs; cpio for the initramfs; util-linux, iproute2 and python3 for the
# scenarios; a Java 17 for the Java-17 runs (the build finds its JDK 22+ itself, see README.md).
need="qemu-system-x86 busybox-static cpio xz-utils util-linux iproute2 python3 openjdk-17-jdk-headless"
missing=$(for p in $need; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || echo "$p"; done)
if [ -n "$missing" ]; then
  apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi
[ -f target/listns.jar ] || ./mvnw -q -B package -DskipTests
exec /usr/bin/python3 kernels/matrix.py "$@"
