#!/usr/bin/env python3
"""listns's real-kernel scenarios, compact enough to run under emulation: it builds every scenario
at once (each a namespace kept alive in exactly one way), runs listns once per Java and table path
(`java -jar target/listns.jar -J -v`), checks every scenario against each run's JSON and stderr, and
undoes everything. Writes a result JSON for kernels/matrix.py. Needs root.

The scenarios are those of the integration tests in src/test/java/dev/listns/it (HiddenHolderIT,
NamespaceDiscoveryIT, HostileNamespaceIT), built the same way; the ITs stay the reference.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = "/usr/bin/python3"
STEP_TIMEOUT = 120   # one setup command; generous, as everything is ~5x slower under TCG
LISTNS_TIMEOUT = 300  # one listns run (about 10-25 s under TCG on a loaded 2-core host)
ATTACKER_UID = 4242   # the hostile scenario's unprivileged user: a bare number, so /etc stays unchanged
ENTER = "-Dlistns.mount-tables=enter"  # test-only: read other mount tables by a thread inside each

# Holds open every path given, prints "PID FD...", then sleeps.
HOLD_FDS = """
import os, sys, time
fds = [os.open(p, os.O_RDONLY) for p in sys.argv[1:]]
print(os.getpid(), *fds, flush=True)
time.sleep(3600)
"""
# A second thread enters the network namespace at argv[1] and closes its fd; prints "PID TID".
THREAD_IN_NETNS = """
import ctypes, os, sys, threading, time
libc = ctypes.CDLL(None, use_errno=True)
ready, result = threading.Event(), {}
def enter():
    fd = os.open(sys.argv[1], os.O_RDONLY)
    result['rc'] = libc.setns(fd, 0x40000000)
    os.close(fd)
    result['tid'] = threading.get_native_id()
    ready.set()
    time.sleep(3600)
threading.Thread(target=enter, daemon=True).start()
ready.wait()
assert result['rc'] == 0, 'setns in the thread'
print(os.getpid(), result['tid'], flush=True)
time.sleep(3600)
"""
# Enters the network namespace at argv[1], makes a UDP socket there, goes back and closes both
# namespace fds; prints "PID SOCKETFD": only the socket refers to that namespace then.
SOCKET_IN_NETNS = """
import ctypes, os, socket, sys, time
libc = ctypes.CDLL(None, use_errno=True)
target = os.open(sys.argv[1], os.O_RDONLY)
home = os.open('/proc/self/ns/net', os.O_RDONLY)
assert libc.setns(target, 0x40000000) == 0, 'setns into the target'
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
assert libc.setns(home, 0x40000000) == 0, 'setns back'
os.close(target)
os.close(home)
print(os.getpid(), s.fileno(), flush=True)
time.sleep(3600)
"""


# ---------------------------------------------------------------- running things

class Lab:
    """The work directory (a private tmpfs), the processes started, and their undoing."""

    def __init__(self, root, repo):
        self.repo = repo
        self.attacker = None
        self.dir = Path(tempfile.mkdtemp(prefix="listns-kernels-", dir=root))
        self.started = []
        self.netns_names = []
        sh("mount", "-t", "tmpfs", "-o", "mode=755", "listns-kernels", str(self.dir))
        # Private, so nothing bound here shows up in other mount namespaces by propagation.
        sh("mount", "--make-private", str(self.dir))
        self.own_mnt = link("/proc/self/ns/mnt")

    def path(self, name, directory=False):
        path = self.dir / name
        if directory:
            path.mkdir(parents=True)
        else:
            path.touch()
        return path

    def start(self, *command):
        """A process in a session of its own, so that it and its children are killed together."""
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.started.append(process)
        return process

    def helper(self, source, *args):
        """Starts a python helper; answers it and the numbers of the line it prints when ready."""
        script = self.dir / f"helper-{len(self.started)}.py"
        script.write_text(source)
        process = self.start(PYTHON, str(script), *args)
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"helper {script.name} failed: {process.stderr.read()}")
        return process, [int(word) for word in line.split()]

    def member(self, *unshare_options):
        """`unshare OPTIONS sleep`, once it is in its new namespaces: answers the process."""
        process = self.start("unshare", *unshare_options, "sleep", "3600")
        deadline = time.monotonic() + STEP_TIMEOUT
        while read(f"/proc/{process.pid}/comm").strip() != "sleep":
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"unshare {' '.join(unshare_options)} failed: {process.stderr.read()}")
            time.sleep(0.02)
        return process

    def close(self):
        for process in self.started:
            kill(process)
        for name in self.netns_names:
            subprocess.run(["ip", "netns", "delete", name], check=False)
        # Deepest mount points first; lazily, as a holder might still be exiting.
        for _ in range(3):
            points = [line.split()[4] for line in read("/proc/self/mountinfo").splitlines()
                      if line.split()[4].startswith(str(self.dir))]
            for point in sorted(points, key=len, reverse=True):
                subprocess.run(["umount", "-l", point], check=False, stderr=subprocess.DEVNULL)
        shutil.rmtree(self.dir, ignore_errors=True)
        if self.dir.exists():
            self.dir.rmdir()


def sh(*command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, timeout=STEP_TIMEOUT, **kwargs)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)}: exit {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def kill(process):
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def link(path):
    return os.readlink(path)


def link_or_none(path):
    """The link's target, or None when what it belonged to is gone."""
    try:
        return os.readlink(path)
    except OSError:
        return None


def read(path):
    try:
        return Path(path).read_text(errors="replace")
    except OSError:
        return ""


def inode(path):
    return os.stat(path).st_ino


# ---------------------------------------------------------------- what a scan says

def namespace(doc, ns_id):
    return next((n for n in doc["namespaces"] if n["id"] == ns_id), None)


def expect_sole(doc, ns_id, **fields):
    """ns_id is listed and has exactly one holder, with these fields. Answers failures."""
    found = namespace(doc, ns_id)
    if found is None:
        return [f"{ns_id} not listed"]
    holders = [h for h in found["holders"] if not passer_by(h)]
    if len(holders) != 1:
        return [f"{ns_id}: expected one holder, got {[h['description'] for h in found['holders']]}"]
    return expect_fields(ns_id, holders[0], fields)


def passer_by(holder):
    """An fd of a process that is gone by now: on a shared host (the host row), another scan, such as
    an integration test's listns, holds other namespaces' fds for a moment. Inside a VM there is none."""
    return holder["kind"] == "fd" and not os.path.exists(f"/proc/{holder['pid']}")


def expect_some(doc, ns_id, **fields):
    """ns_id is listed with at least one holder that has these fields."""
    found = namespace(doc, ns_id)
    if found is None:
        return [f"{ns_id} not listed"]
    if any(not expect_fields(ns_id, h, fields) for h in found["holders"]):
        return []
    return [f"{ns_id}: no holder with {fields} among {[h['description'] for h in found['holders']]}"]


def expect_fields(ns_id, holder, fields):
    return [f"{ns_id}: holder {key} is {holder.get(key)!r}, expected {value!r}"
            for key, value in fields.items() if holder.get(key) != value]


def expect_bound_here(doc, ns_id, lab, path):
    """Bind mounts only, one of them at path in listns's own mount namespace (mount namespaces made
    while it was mounted may hold copies of it)."""
    found = namespace(doc, ns_id)
    if found is None:
        return [f"{ns_id} not listed"]
    failures = [f"{ns_id}: holder {h['description']} is not a bind mount" for h in found["holders"]
                if h["kind"] != "bind_mount"]
    here = [h for h in found["holders"] if h.get("mount_namespace") == lab.own_mnt]
    if [(h.get("path"), h.get("description")) for h in here] != [(path, f"bind mount {path}")]:
        failures.append(f"{ns_id}: bind mounts in listns's own mount namespace {[h['description'] for h in here]}, "
                        f"expected bind mount {path}")
    return failures


def expect_absent(doc, ns_id, why):
    """On Java 17-21 a namespace only a native call finds is not listed; listns says so on stderr."""
    found = namespace(doc, ns_id)
    return [] if found is None else [f"{ns_id} listed although {why} needs Java 22+: {found['holders']}"]


# ---------------------------------------------------------------- the scenarios
# Each builds its namespace(s) in the lab and answers a check: check(doc, stderr, java) -> failures.

def held_by_processes(lab):
    member = lab.member("--net", "--uts")
    net, uts = link(f"/proc/{member.pid}/ns/net"), link(f"/proc/{member.pid}/ns/uts")
    return lambda doc, err, java: (expect_some(doc, net, kind="process", pid=member.pid)
                                   + expect_some(doc, uts, kind="process", pid=member.pid))


def held_by_a_thread(lab):
    member = lab.member("--net")
    net = link(f"/proc/{member.pid}/ns/net")
    _, (pid, tid) = lab.helper(THREAD_IN_NETNS, f"/proc/{member.pid}/ns/net")
    kill(member)
    return lambda doc, err, java: expect_sole(doc, net, kind="thread", pid=pid, tid=tid)


def held_by_an_fd(lab):
    member = lab.member("--net")
    net = link(f"/proc/{member.pid}/ns/net")
    _, (pid, fd) = lab.helper(HOLD_FDS, f"/proc/{member.pid}/ns/net")
    kill(member)
    return lambda doc, err, java: expect_sole(doc, net, kind="fd", pid=pid, fd=fd)


def held_by_a_socket(lab):
    member = lab.member("--net")
    net = link(f"/proc/{member.pid}/ns/net")
    _, (pid, fd) = lab.helper(SOCKET_IN_NETNS, f"/proc/{member.pid}/ns/net")
    kill(member)

    def check(doc, err, java):
        if java < 22:
            return expect_absent(doc, net, "a socket holder")
        return expect_sole(doc, net, kind="socket", pid=pid, fd=fd)
    return check


def held_by_ip_netns(lab):
    name = f"listns-kernels-{os.getpid()}"
    sh("ip", "netns", "add", name)
    lab.netns_names.append(name)
    net = f"net:[{inode(f'/run/netns/{name}')}]"
    path = f"/run/netns/{name}"

    def check(doc, err, java):
        found = namespace(doc, net)
        names = [] if found is None else [f"{net}: names {found['names']}, expected {name}"] * (name not in found["names"])
        return names + expect_bound_here(doc, net, lab, path)
    return check


def held_by_a_bind_mount(lab):
    member = lab.member("--net")
    net = link(f"/proc/{member.pid}/ns/net")
    file = lab.path("bound-net")
    sh("mount", "--bind", f"/proc/{member.pid}/ns/net", str(file))
    kill(member)
    return lambda doc, err, java: expect_bound_here(doc, net, lab, str(file))


def bound_in_a_mount_namespace_with_a_process(lab):
    file = lab.path("in-other-mnt")
    owner = lab.member("--mount", "--propagation", "private")
    mnt = link(f"/proc/{owner.pid}/ns/mnt")
    net_member = lab.member("--net")
    net = link(f"/proc/{net_member.pid}/ns/net")
    sh("nsenter", f"--target={owner.pid}", "--mount", "mount", "--bind", f"/proc/{net_member.pid}/ns/net", str(file))
    kill(net_member)
    return lambda doc, err, java: expect_sole(doc, net, kind="bind_mount", path=str(file), mount_namespace=mnt,
                                              description=f"bind mount {file} in {mnt}")


def bound_in_a_processless_mount_namespace(lab):
    file = lab.path("in-processless-mnt")
    owner = lab.member("--mount", "--propagation", "private")
    mnt = link(f"/proc/{owner.pid}/ns/mnt")
    net_member = lab.member("--net")
    net = link(f"/proc/{net_member.pid}/ns/net")
    sh("nsenter", f"--target={owner.pid}", "--mount", "mount", "--bind", f"/proc/{net_member.pid}/ns/net", str(file))
    _, (pid, fd) = lab.helper(HOLD_FDS, f"/proc/{owner.pid}/ns/mnt")
    kill(owner)
    kill(net_member)

    def check(doc, err, java):
        failures = expect_sole(doc, mnt, kind="fd", pid=pid, fd=fd)
        if java < 22:
            return failures + expect_absent(doc, net, "reading a process-less mount namespace's table")
        return failures + expect_sole(doc, net, kind="bind_mount", path=str(file), mount_namespace=mnt,
                                      description=f"bind mount {file} in {mnt}")
    return check


def nested_processless_mount_namespaces(lab):
    outer_file, inner_file, net_file = lab.path("outer-mnt"), lab.path("inner-mnt"), lab.path("nested-net")
    # One CPU for both: newer kernels refuse (EINVAL) to bind a mount namespace whose id is not above
    # that of the namespace it is bound in, and ids come in per-CPU batches (see HiddenHolderIT).
    sh("taskset", "-c", "0", "unshare", f"--mount={outer_file}", "--propagation", "private", "true")
    outer = f"mnt:[{inode(outer_file)}]"
    inner_member = lab.start("taskset", "-c", "0", "nsenter", f"--mount={outer_file}",
                             "unshare", "--mount", "--propagation", "private", "sh", "-c", "echo ready; exec sleep 3600")
    inner_member.stdout.readline()
    inner = link(f"/proc/{inner_member.pid}/ns/mnt")
    sh("nsenter", f"--mount={outer_file}", "mount", "--bind", f"/proc/{inner_member.pid}/ns/mnt", str(inner_file))
    kill(inner_member)
    net_member = lab.member("--net")
    net = link(f"/proc/{net_member.pid}/ns/net")
    sh("nsenter", f"--mount={outer_file}", "nsenter", f"--mount={inner_file}",
       "mount", "--bind", f"/proc/{net_member.pid}/ns/net", str(net_file))
    kill(net_member)

    def check(doc, err, java):
        failures = expect_bound_here(doc, outer, lab, str(outer_file))
        if java < 22:
            return failures + expect_absent(doc, inner, "a mount bound only in a process-less mount namespace")
        return failures + expect_sole(doc, inner, kind="bind_mount", path=str(inner_file), mount_namespace=outer) \
            + expect_sole(doc, net, kind="bind_mount", path=str(net_file), mount_namespace=inner)
    return check


def parents_and_owners(lab):
    """host user ns > middle (its only process exec'd into a child user ns) > inner, which owns a PID
    namespace whose init is sleep. The middle one is then held only by being inner's parent."""
    outer = lab.start("unshare", "--user", "--map-root-user", "sh", "-c",
                      "readlink /proc/self/ns/user; exec unshare --user --pid --fork sleep 3600")
    middle = outer.stdout.readline().strip()
    host_pid = link("/proc/self/ns/pid")
    deadline = time.monotonic() + STEP_TIMEOUT
    sleeper = None
    while sleeper is None:
        children = read(f"/proc/{outer.pid}/task/{outer.pid}/children").split()
        # A child listed may have exec'd or exited by the time it is looked at: then it is not the one.
        sleeper = next((int(c) for c in children if link_or_none(f"/proc/{c}/ns/pid") not in (host_pid, None)
                        and read(f"/proc/{c}/comm").strip() == "sleep"), None)
        if time.monotonic() > deadline:
            raise RuntimeError(f"the nested sleep did not start: {outer.stderr.read()}")
        time.sleep(0.02)
    inner = link(f"/proc/{outer.pid}/ns/user")
    inner_pid = link(f"/proc/{sleeper}/ns/pid")

    def check(doc, err, java):
        if java < 22:
            return expect_absent(doc, middle, "a parent holder") + expect_some(doc, inner, kind="process", pid=sleeper)
        failures = expect_sole(doc, middle, kind="child_namespace", namespace=inner, description=f"parent of {inner}")
        failures += expect_some(doc, inner, kind="owned_namespace", description=f"owner of {inner_pid}")
        found = namespace(doc, inner)
        if found and (found.get("parent") != middle or found.get("owner") != middle):
            failures.append(f"{inner}: parent {found.get('parent')}, owner {found.get('owner')}, expected {middle}")
        pid_ns = namespace(doc, inner_pid)
        if pid_ns is None or pid_ns.get("owner") != inner:
            failures.append(f"{inner_pid}: owner {pid_ns and pid_ns.get('owner')}, expected {inner}")
        return failures
    return check


def start_hostile_mount_namespace(lab):
    """The attack of SECURITY.md, by src/test/resources/it/hostile-mount-namespace.sh as an
    unprivileged user: traps over every program, a fake /proc, a netns bound inside, held by an fd.
    The script copies a trap over each of ~1,300 programs, which takes minutes under emulation, so it
    is started first and waited for by hostile_mount_namespace, after most other scenarios."""
    attacker = lab.path("eve", directory=True)
    os.chown(attacker, ATTACKER_UID, ATTACKER_UID)
    script = lab.repo / "src/test/resources/it/hostile-mount-namespace.sh"
    # The script copies with `cp`, once per program. Under emulation each exec of coreutils' cp,
    # which is dynamically linked, costs about a third of a second (7 to 9 minutes in all); busybox's
    # cp is static and a few times cheaper. Only which cp copies the traps changes.
    fast = lab.path("fastbin", directory=True)
    (fast / "cp").symlink_to("/bin/busybox")
    lab.attacker = lab.start("env", f"PATH={fast}:{os.environ.get('PATH', '/usr/bin:/bin')}",
                             "setpriv", f"--reuid={ATTACKER_UID}", f"--regid={ATTACKER_UID}", "--clear-groups",
                             str(script), str(attacker))
    return None


def hostile_mount_namespace(lab):
    attacker = lab.dir / "eve"
    deadline = time.monotonic() + 5 * STEP_TIMEOUT
    while not (attacker / "holding").exists():
        if time.monotonic() > deadline or lab.attacker.poll() is not None:
            raise RuntimeError(f"the attacker's namespace did not come up: {lab.attacker.stderr.read()}")
        time.sleep(0.2)
    net, mnt = read(attacker / "net-id").strip(), read(attacker / "mnt-id").strip()
    proof = attacker / "proof" / "trapped"
    hidden = str(attacker / "hidden-net")

    def check(doc, err, java):
        failures = [f"a trap ran: {read(proof).strip()}"] if proof.exists() else []
        if java < 22:
            if "bind mounts in mount namespaces" not in err:
                failures.append("stderr does not say that process-less mount namespaces were not read")
            return failures + expect_some(doc, mnt, kind="fd") + expect_absent(doc, net, "the attacker's table")
        return failures + expect_sole(doc, net, kind="bind_mount", path=hidden, mount_namespace=mnt,
                                      description=f"bind mount {hidden} in {mnt}")
    return check


# In this order: the attacker's script starts first and runs meanwhile. Those that bind in listns's
# own mount namespace come after it is ready, so that no mount namespace made by another scenario
# (the attacker's among them) holds a copy of their mounts.
SCENARIOS = [start_hostile_mount_namespace, held_by_processes, held_by_a_thread, held_by_an_fd, held_by_a_socket,
             bound_in_a_mount_namespace_with_a_process, bound_in_a_processless_mount_namespace,
             parents_and_owners, hostile_mount_namespace, nested_processless_mount_namespaces,
             held_by_a_bind_mount, held_by_ip_netns]


# ---------------------------------------------------------------- the runs of listns

def jdks():
    """{feature version: java} of the JDKs in /usr/lib/jvm: the oldest and the newest, which
    differ in what listns can do (Java 17-21 without java.lang.foreign, 22+ with it)."""
    found = {}
    for home in sorted(Path("/usr/lib/jvm").iterdir()):
        version = re.search(r'^JAVA_VERSION="(\d+)', read(home / "release"), re.M)
        if version and (home / "bin/java").exists():
            found.setdefault(int(version.group(1)), str((home / "bin/java").resolve()))
    chosen = {v: found[v] for v in {min(found), max(found)}} if found else {}
    return dict(sorted(chosen.items()))


def plan(javas):
    """(label, feature, command) of every listns run: each Java as users run it, and the newest
    once more with the test-only switch that makes it read other mount namespaces' tables from a
    thread inside each (the fallback for kernels without listmount)."""
    runs = [(f"Java {v}", v, [java]) for v, java in javas.items()]
    newest = max(javas)
    if newest >= 22:
        runs.append((f"Java {newest} {ENTER}", newest, [javas[newest], ENTER]))
    return runs


def run_listns(command, jar):
    start = time.monotonic()
    done = subprocess.run([*command, "-jar", str(jar), "-J", "-v"], capture_output=True, text=True,
                          timeout=LISTNS_TIMEOUT)
    seconds = time.monotonic() - start
    try:
        doc = json.loads(done.stdout)
    except json.JSONDecodeError:
        doc = None
    return done, doc, seconds


def verbose_paths(stderr):
    """What -v says about the ways listns took: the mount-table line and what it did not look for."""
    keep = ("listns: mount tables of other mount namespaces:", "listns: not looked for", "could not read",
            "listns: namespace ids:", "listns: mount namespace ids:", "listns: every mount namespace:",
            "listns: listns(2)")
    return [line[len("listns: "):] for line in stderr.splitlines() if line.startswith(keep)]


def path_failures(label, enter, stderr, java, kernel):
    """The table path the README promises: listmount on Linux 6.11+, a thread inside otherwise or
    when told; nothing on Java 17-21."""
    line = next((l for l in stderr.splitlines() if "mount tables of other mount namespaces:" in l), "")
    if java < 22:
        return [f"{label}: -v names a mount-table path on Java {java}: {line}"] if line else []
    major, minor = (int(x) for x in re.match(r"(\d+)\.(\d+)", kernel).groups())
    want = "read by a thread inside each" if enter or (major, minor) < (6, 11) else "listmount(2) and statmount(2)"
    return [] if want in line else [f"{label}: expected '{want}' on Linux {major}.{minor}, -v said: '{line}'"]


def kernel_interface_failures(label, stderr, doc, java, kernel):
    """What the kernel's own interfaces gave, as -v reports them: namespace ids (NS_GET_ID, 6.18),
    the list of every mount namespace (NS_MNT_GET_NEXT, 6.12) and listns(2) (6.19), whose every
    namespace must be explained by a holder listns found. Java 17-21 uses none of them."""
    lines = {prefix: next((l for l in stderr.splitlines() if l.startswith("listns: " + prefix)), "")
             for prefix in ("namespace ids:", "mount namespace ids:", "every mount namespace:", "listns(2)")}
    if java < 22:
        return [f"{label}: -v names a kernel interface on Java {java}: {l}" for l in lines.values() if l]
    release = tuple(int(x) for x in re.match(r"(\d+)\.(\d+)", kernel).groups())

    def at_least(major, minor):
        return release >= (major, minor)

    failures = []
    namespaces = (doc or {}).get("namespaces", [])
    ids = [ns.get("ns_id") for ns in namespaces]
    other_ids = [ns.get("ns_id") for ns in namespaces if ns.get("type") != "mnt"]
    mount_ids = [ns.get("ns_id") for ns in namespaces if ns.get("type") == "mnt"]
    if at_least(6, 18):
        if "NS_GET_ID" not in lines["namespace ids:"] or not any(ids):
            failures.append(f"{label}: no namespace ids on Linux {kernel}: '{lines['namespace ids:']}'")
    elif "not on this kernel" not in lines["namespace ids:"] or any(other_ids):
        failures.append(f"{label}: namespace ids before Linux 6.18: '{lines['namespace ids:']}'")
    elif at_least(6, 11) != ("NS_GET_MNTNS_ID" in lines["mount namespace ids:"] and any(mount_ids)):
        # Mount namespaces alone have ids from 6.11 (NS_GET_MNTNS_ID), the same ones NS_GET_ID gives later.
        failures.append(f"{label}: mount namespace ids on Linux {kernel}: '{lines['mount namespace ids:']}'")
    mount_list = lines["every mount namespace:"]
    if at_least(6, 12) != ("NS_MNT_GET_NEXT listed" in mount_list):
        failures.append(f"{label}: the mount namespace list on Linux {kernel}: '{mount_list}'")
    listns = lines["listns(2)"]
    if at_least(6, 19):
        if "all explained" not in listns:
            failures.append(f"{label}: listns(2) on Linux {kernel}: '{listns}'")
    elif listns:
        failures.append(f"{label}: listns(2) before Linux 6.19: '{listns}'")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--vm", action="store_true", help="inside a throw-away VM: may change sysctls")
    args = parser.parse_args()
    jar = args.repo / "target" / "listns.jar"
    kernel = os.uname().release
    result = {"kernel": kernel, "runs": [], "setup_failures": {}, "setup_steps": {},
              "setup_seconds": 0}
    if args.vm and read("/proc/sys/kernel/unprivileged_userns_clone").strip() == "0":
        Path("/proc/sys/kernel/unprivileged_userns_clone").write_text("1")  # the hostile user needs it

    # SIGTERM (matrix.py's time-out on the host) still undoes the lab, through the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("scenarios: terminated"))
    lab = Lab("/tmp", args.repo)
    checks = {}
    start = time.monotonic()
    try:
        for scenario in SCENARIOS:
            name = scenario.__name__
            print(f"scenarios: {time.monotonic() - start:.1f} s: setting up {name}", flush=True)
            began = time.monotonic()
            try:
                check = scenario(lab)
                if check:
                    checks[name] = check
            except Exception as e:  # a scenario that cannot be built fails; the others still run
                result["setup_failures"][name] = f"{type(e).__name__}: {e}"
            result["setup_steps"][name] = round(time.monotonic() - began, 1)
        result["setup_seconds"] = round(time.monotonic() - start, 1)
        for label, java, command in plan(jdks()):
            print(f"scenarios: running listns on {label}", flush=True)
            run = {"label": label, "java": java, "version": java_version(command[0]), "switches": command[1:]}
            try:
                done, doc, seconds = run_listns(command, jar)
            except subprocess.TimeoutExpired:
                run.update(seconds=LISTNS_TIMEOUT, paths=[], failures={"listns": f"overran {LISTNS_TIMEOUT} s"})
                result["runs"].append(run)
                continue
            run.update(seconds=round(seconds, 1), exit=done.returncode, paths=verbose_paths(done.stderr),
                       stderr=done.stderr, passed=[], failures={})
            if done.returncode != 0 or doc is None:
                # A JVM that crashes says so on stdout ("# A fatal error has been detected..."), not stderr.
                run["failures"]["listns"] = (f"exit {done.returncode}, no JSON; stderr: {done.stderr[-2000:]}; "
                                             f"stdout: {done.stdout[:2000]}")
            else:
                for name, check in checks.items():
                    failures = check(doc, done.stderr, java)
                    if failures:
                        run["failures"][name] = failures
                    else:
                        run["passed"].append(name)
            failures = path_failures(label, ENTER in command, done.stderr, java, kernel)
            if failures:
                run["failures"]["mount_table_path"] = failures
            else:
                run["passed"].append("mount_table_path")
            failures = kernel_interface_failures(label, done.stderr, doc, java, kernel)
            if failures:
                run["failures"]["kernel_interfaces"] = failures
            else:
                run["passed"].append("kernel_interfaces")
            for name, why in result["setup_failures"].items():
                run["failures"][name] = [f"setup: {why}"]
            result["runs"].append(run)
    finally:
        lab.close()
    args.out.write_text(json.dumps(result, indent=1))
    for run in result["runs"]:
        print(f"scenarios: {run['label']}: {len(run.get('passed', []))} passed, {len(run['failures'])} failed "
              f"in {run['seconds']} s; {'; '.join(run['paths'])}", flush=True)
        for name, why in run["failures"].items():
            print(f"scenarios:   FAILED {name}: {why}", flush=True)
    return 0 if all(not run["failures"] for run in result["runs"]) else 1


def java_version(java):
    home = Path(java).parent.parent
    version = re.search(r'^JAVA_VERSION="([^"]+)"', read(home / "release"), re.M)
    return version.group(1) if version else "?"


if __name__ == "__main__":
    sys.exit(main())
