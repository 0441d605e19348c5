#!/bin/busybox sh
# /init of the initramfs that kernels/matrix.py builds: busybox only. Debian kernels build 9p as
# modules, so this loads them (listed in dependency order in /modules/order, already decompressed),
# mounts the host's root filesystem (shared read-only by qemu over virtio-9p) and switch_roots into
# it. switch_root, not chroot: after a chroot PID 1's mount paths would keep this initramfs's prefix,
# and listns's bind-mount scenarios compare mount paths.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t devtmpfs devtmpfs /dev

fail() {
  echo "LISTNS-INIT-FAILED: $*"
  # -no-reboot makes qemu exit on this reboot, so the host sees the failure at once.
  echo b > /proc/sysrq-trigger
}

while read -r module; do
  insmod "/modules/$module" || fail "insmod $module"
done < /modules/order

mkdir -p /newroot
# cache=loose: the host's root does not change while the VM runs, and the JVM reads many files.
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose,msize=262144 hostroot /newroot \
  || fail "mount of the host's root over 9p"
[ -x "/newroot$LISTNS_GUEST" ] || fail "no $LISTNS_GUEST in the host's root"

umount /proc
umount /dev
exec switch_root /newroot "$LISTNS_GUEST"
