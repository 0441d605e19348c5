#!/bin/sh
# PID 1 inside the VM, after the initramfs switch_rooted into the host's root (read-only 9p).
# Makes the usual writable places tmpfs, mounts the results share, runs the scenarios and powers off.
# LISTNS_REPO and LISTNS_SCENARIO_ARGS come from the kernel command line (matrix.py sets them).
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
# The root is read-only: everything that listns, the JVM, python, mount, ip and the scenarios write
# goes to tmpfs. /var/lib/listns-scenarios is not needed: scenarios work under /tmp.
for dir in /tmp /run /var/tmp /dev/shm; do
  mount -t tmpfs -o mode=1777 tmpfs "$dir"
done
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null
ip link set lo up
mkdir -p /run/out
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 out /run/out

echo "LISTNS-GUEST: kernel $(uname -r) up $(cut -d" " -f1 /proc/uptime) s, starting scenarios"
# shellcheck disable=SC2086 # the arguments are words on purpose
/usr/bin/python3 "$LISTNS_REPO/kernels/scenarios.py" --repo "$LISTNS_REPO" --out /run/out/result.json \
  $LISTNS_SCENARIO_ARGS 2>&1 | tee /run/out/guest.log
echo "LISTNS-GUEST: done"
sync
umount /run/out
# PID 1 must not exit (the kernel would panic); power off instead, which ends qemu.
exec /bin/busybox poweroff -f
