#!/usr/bin/env bash
# Integration-test helper: provides a real podman container for listns tests.
#
#   podman-container.sh start NAME
#       Imports the image localhost/NAME-image:latest (built offline from the
#       static /bin/busybox, no registry needed), removes any leftover
#       container called NAME, then runs `/bin/sleep 600` in a new detached
#       container NAME. The image is the container's own, so that removing it
#       afterwards never pulls one from under another run's container.
#       stdout: exactly one line "<host pid of sleep> <64-hex container id>", exit 0.
#       On any problem (no podman/runc, container does not start, ...): one
#       line reason on stderr, exit 3 (callers skip, or fail where every real
#       workload is required).
#
#   podman-container.sh exec NAME ARG...
#       podman exec -d NAME ARG...: one more process in the container. Exit 0,
#       or podman's failure.
#
#   podman-container.sh stop NAME
#       podman rm -f -t 0 NAME, then removes its image; "no such container"
#       or image is ignored. Always exit 0, safe to call repeatedly and after
#       a failed start.
#
# All podman output goes to stderr; stdout only carries the result line.
#
# Host notes (why the global flags below are passed explicitly rather than
# relying on /etc configuration, which we must not edit):
#   --runtime runc            crun fails on hybrid cgroup v1+v2 hosts.
#   --cgroup-manager=cgroupfs systemd may not be PID 1 (no systemd cgroup
#                             manager available); also makes the container's
#                             cgroup path deterministic: /libpod_parent/libpod-<id>.
#   --events-backend=file     journald may be absent.
#   --network none            still gives the container its own (lo-only) net
#                             namespace, but avoids netavark/iptables/bridge
#                             setup and the NAT chains it leaves on the host.
#                             Override with LISTNS_PODMAN_NETWORK=bridge etc.
#   --ulimit nofile/nproc     required: podman's default nofile (1048576) is
#                             above the caller's hard limit here (20000), and
#                             runc then fails with "error setting rlimit type 7:
#                             operation not permitted".
# Storage: default root storage (/var/lib/containers/storage, /run/containers)
# is created on first use by podman itself.
#
# Environment overrides (all optional):
#   LISTNS_PODMAN        podman binary            (default: podman from PATH)
#   LISTNS_RUNC          OCI runtime binary       (default: /usr/sbin/runc, else runc from PATH)
#   LISTNS_BUSYBOX       static busybox binary    (default: /bin/busybox)
#   LISTNS_PODMAN_NETWORK  --network value        (default: none)
#   LISTNS_PODMAN_TIMEOUT  seconds per podman call (default: 120)

set -u
set -o pipefail

SKIP=3

log() { printf '%s\n' "podman-container.sh: $*" >&2; }
skip() { log "SKIP: $*"; exit "$SKIP"; }
usage() { log "usage: $0 start|stop NAME, or exec NAME ARG..."; exit 2; }

[ $# -ge 2 ] || usage
CMD=$1
NAME=$2
shift 2
[ -n "$NAME" ] || usage
IMAGE="localhost/$NAME-image:latest"

TIMEOUT_SECS=${LISTNS_PODMAN_TIMEOUT:-120}
NETWORK=${LISTNS_PODMAN_NETWORK:-none}

PODMAN_BIN=${LISTNS_PODMAN:-$(command -v podman 2>/dev/null || true)}

if [ -n "${LISTNS_RUNC:-}" ]; then
    RUNC_BIN=$LISTNS_RUNC
elif [ -x /usr/sbin/runc ]; then
    RUNC_BIN=/usr/sbin/runc
else
    RUNC_BIN=$(command -v runc 2>/dev/null || true)
fi

PODMAN_GLOBAL=(
    --cgroup-manager=cgroupfs
    --events-backend=file
)
[ -n "$RUNC_BIN" ] && PODMAN_GLOBAL+=(--runtime "$RUNC_BIN")

# Run podman with the global flags; stdout is left to the caller.
pm() {
    if command -v timeout >/dev/null 2>&1; then
        timeout --kill-after=10 "$TIMEOUT_SECS" "$PODMAN_BIN" "${PODMAN_GLOBAL[@]}" "$@"
    else
        "$PODMAN_BIN" "${PODMAN_GLOBAL[@]}" "$@"
    fi
}

# Last non-empty line of a file, flattened to one line (for skip reasons).
# podman error text may contain NUL/control bytes (e.g. "conmon bytes"), so
# strip them before grep, which would otherwise say "binary file matches".
last_line() {
    tr -d '\000\r' <"$1" 2>/dev/null | grep -av '^[[:space:]]*$' | tail -n 1 \
        | tr -cd '[:print:]\t'
}

remove_container() {
    # -f: kill if running, -t 0: no grace period, --ignore: no such container is OK.
    pm rm -f -t 0 --ignore "$NAME" >&2 || true
}

TMPDIR_ROOTFS=""
ERRLOG=""
cleanup() {
    [ -n "$TMPDIR_ROOTFS" ] && rm -rf -- "$TMPDIR_ROOTFS"
    [ -n "$ERRLOG" ] && rm -f -- "$ERRLOG"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_image() {
    if pm image exists "$IMAGE" >/dev/null 2>&1; then
        return 0
    fi
    local busybox=${LISTNS_BUSYBOX:-/bin/busybox}
    [ -x "$busybox" ] || skip "static busybox not found at $busybox (apt install busybox-static)"

    TMPDIR_ROOTFS=$(mktemp -d "${TMPDIR:-/tmp}/listns-rootfs.XXXXXX") || skip "mktemp -d failed"
    local root=$TMPDIR_ROOTFS/rootfs
    mkdir -p "$root/bin" "$root/etc" "$root/proc" "$root/sys" "$root/dev" "$root/tmp" \
        || skip "cannot create rootfs in $TMPDIR_ROOTFS"
    chmod 1777 "$root/tmp"
    cp "$busybox" "$root/bin/busybox" || skip "cannot copy $busybox"
    chmod 0755 "$root/bin/busybox"
    ln -s busybox "$root/bin/sh"
    ln -s busybox "$root/bin/sleep"

    ERRLOG=$(mktemp "${TMPDIR:-/tmp}/listns-podman-err.XXXXXX") || skip "mktemp failed"
    if ! tar -C "$root" --numeric-owner --owner=0 --group=0 -c . \
            | pm import - "$IMAGE" >&2 2>"$ERRLOG"; then
        cat "$ERRLOG" >&2
        skip "podman import of $IMAGE failed: $(last_line "$ERRLOG")"
    fi
    cat "$ERRLOG" >&2
    rm -rf -- "$TMPDIR_ROOTFS"; TMPDIR_ROOTFS=""
}

do_start() {
    [ -n "$PODMAN_BIN" ] && [ -x "$PODMAN_BIN" ] || skip "podman not installed"
    [ -n "$RUNC_BIN" ] && [ -x "$RUNC_BIN" ] || skip "runc not installed (needed as OCI runtime)"
    [ "$(id -u)" -eq 0 ] || skip "must run as root (rootful podman)"

    ensure_image

    remove_container   # idempotency: drop a leftover container of the same name

    [ -n "$ERRLOG" ] || ERRLOG=$(mktemp "${TMPDIR:-/tmp}/listns-podman-err.XXXXXX") || skip "mktemp failed"
    local out
    if ! out=$(pm run -d --name "$NAME" \
            --network "$NETWORK" \
            --ulimit nofile=1024:1024 --ulimit nproc=4096:4096 \
            "$IMAGE" /bin/sleep 600 2>"$ERRLOG"); then
        cat "$ERRLOG" >&2
        [ -n "$out" ] && printf '%s\n' "$out" >&2
        local reason
        reason=$(last_line "$ERRLOG")
        remove_container
        skip "podman run failed: ${reason:-unknown error}"
    fi
    cat "$ERRLOG" >&2
    [ -n "$out" ] && printf '%s\n' "$out" >&2

    # Wait (briefly) until the container is running and its init is our sleep.
    local pid="" id="" state="" i
    for i in $(seq 1 50); do
        local info
        info=$(pm inspect --type container -f '{{.State.Pid}} {{.Id}} {{.State.Status}}' "$NAME" 2>/dev/null) || info=""
        read -r pid id state <<<"$info"
        if [ "$state" = running ] && [ -n "$pid" ] && [ "$pid" != 0 ] \
                && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = sleep ]; then
            break
        fi
        pid=""
        sleep 0.1
    done

    if [ -z "$pid" ]; then
        remove_container
        skip "container $NAME did not reach running state (state=${state:-unknown})"
    fi
    if ! [[ $id =~ ^[0-9a-f]{64}$ ]]; then
        remove_container
        skip "unexpected container id '$id' for $NAME"
    fi

    printf '%s %s\n' "$pid" "$id"
    exit 0
}

do_exec() {
    [ $# -gt 0 ] || usage
    pm exec -d "$NAME" "$@" >&2
}

do_stop() {
    if [ -n "$PODMAN_BIN" ] && [ -x "$PODMAN_BIN" ]; then
        remove_container
        pm rmi --ignore "$IMAGE" >&2 || true
    fi
    exit 0
}

case "$CMD" in
    start) [ $# -eq 0 ] || usage; do_start ;;
    exec)  do_exec "$@" ;;
    stop)  [ $# -eq 0 ] || usage; do_stop ;;
    *)     usage ;;
esac
