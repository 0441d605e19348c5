#!/bin/sh
# Plays an unprivileged local user against root's listns (HostileNamespaceIT). It makes a mount
# namespace of its own in which every program of the usual directories is a trap that records that it
# ran, /proc is a fake copy whose mountinfo hides everything, and a network namespace of its own is
# bind-mounted at W/hidden-net. The namespace's only process then exits: it lives on through an fd
# this script keeps, so listns finds a mount namespace with no process and must read its table.
# A second namespace of the same kind keeps one process, chrooted, so that listns cannot read its table
# through that process either; its network namespace is bind-mounted at W/jailed-net.
# Writes W/net-id, W/mnt-id, W/jailed-mnt-id, then W/holding when all is in place, and sleeps until killed.
set -eu
W=$1
mkdir -p "$W/trapbin" "$W/proof" "$W/fakeproc/self"
# What the namespace still needs after its programs are traps: a shell and mount, kept aside.
cp /bin/dash "$W/trapbin/dash"
cp /usr/bin/mount "$W/trapbin/mount"
cp /usr/sbin/chroot "$W/trapbin/chroot"
cp /usr/bin/sleep "$W/trapbin/sleep"
printf '#!%s\necho "$0 $*" >> %s/proof/trapped\n' "$W/trapbin/dash" "$W" > "$W/trap"
chmod 755 "$W/trap"
for dir in /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin; do
  mkdir -p "$W/shadow$dir"
  for f in "$dir"/*; do
    [ -e "$f" ] || continue
    cp "$W/trap" "$W/shadow$dir/${f##*/}"
  done
done
printf '1 0 0:1 / / rw - ext4 /dev/root rw\n' > "$W/fakeproc/self/mountinfo"
mkfifo "$W/go"
: > "$W/hidden-net"
: > "$W/jailed-net"
mkdir -p "$W/jail"
unshare --user --map-root-user --mount --net /bin/sh -c '
  set -eu
  W=$1
  mount --make-rprivate /
  mount --bind /proc/self/ns/net "$W/hidden-net"
  readlink /proc/self/ns/net > "$W/net-id"
  readlink /proc/self/ns/mnt > "$W/mnt-id"
  for dir in /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin; do
    "$W/trapbin/mount" --bind "$W/shadow$dir" "$dir"
  done
  "$W/trapbin/mount" --bind "$W/fakeproc" /proc
  echo ready > "$W/ready"
  read go < "$W/go"
' sh "$W" &
child=$!
# The chrooted variant: the jail is the namespace's whole tree bound again, so the chrooted process
# still sees everything, but listns sees a process whose root is not its namespace's.
unshare --user --map-root-user --mount --net /bin/sh -c '
  set -eu
  W=$1
  mount --make-rprivate /
  mount --bind /proc/self/ns/net "$W/jailed-net"
  readlink /proc/self/ns/mnt > "$W/jailed-mnt-id.tmp"
  mount --rbind / "$W/jail"
  for dir in /usr/bin /usr/sbin /usr/local/bin /usr/local/sbin; do
    "$W/trapbin/mount" --bind "$W/shadow$dir" "$dir"
  done
  "$W/trapbin/mount" --bind "$W/fakeproc" /proc
  exec "$W/trapbin/chroot" "$W/jail" "$W/trapbin/sleep" 600
' sh "$W" &
while [ ! -e "$W/ready" ]; do sleep 0.05; done
while [ ! -e "$W/jailed-mnt-id.tmp" ]; do sleep 0.05; done
mv "$W/jailed-mnt-id.tmp" "$W/jailed-mnt-id"
exec 3< "/proc/$child/ns/mnt"
echo go > "$W/go"
wait "$child"
echo holding > "$W/holding"
exec sleep 600
