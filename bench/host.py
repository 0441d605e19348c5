"""What the benchmark changes on the host, each with its undoing: the packages it needs, kernel
limits, the workloads of an ordinary host (a container, a sandbox, a browser) and the crowd of
sleeping processes. Each change is a context manager, so that it is undone on every way out: an
error, Ctrl-C or SIGTERM (which the program turns into an exception)."""

import contextlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
# Debian packages of the tools the benchmark runs. busybox-static gives the container a rootfs: no
# image can be pulled, since the only registry this machine reaches is Debian's.
PACKAGES = {
    "/usr/bin/time": "time",
    "/usr/bin/podman": "podman",
    "/usr/sbin/runc": "runc",
    "/usr/bin/bwrap": "bubblewrap",
    "/bin/busybox": "busybox-static",
    "/usr/bin/gcc": "gcc",
}


def log(message):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)


def install_missing_packages():
    missing = sorted({pkg for path, pkg in PACKAGES.items() if not os.path.exists(path)})
    # busybox (dynamically linked) also installs /bin/busybox, which cannot run in an empty rootfs.
    if "busybox-static" not in missing and "statically linked" not in file_type("/bin/busybox"):
        missing.append("busybox-static")
    if missing:
        log("installing " + " ".join(missing))
        subprocess.run(["apt-get", "install", "-y", "-q"] + missing, check=True,
                       stdout=subprocess.DEVNULL, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def file_type(path):
    try:
        return subprocess.run(["file", "-L", path], capture_output=True, text=True).stdout
    except OSError:  # no `file`: assume the best, the container's start will tell
        return "statically linked"


# ---------------------------------------------------------------- kernel limits ---

def read_sysctl(key):
    with open("/proc/sys/" + key) as f:
        return int(f.read())


@contextlib.contextmanager
def raised_limits(max_crowd, extra_tasks):
    """Raises the limits a crowd of max_crowd processes would hit, and restores them after:
    kernel.pid_max (32,768 by default), kernel.threads-max, and the per-user namespace counts.
    The limit on processes (ulimit -u) is only raised for this program and its children."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NPROC)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_NPROC, (hard, hard))  # no higher: needs CAP_SYS_RESOURCE
    tasks_now = sum(len(os.listdir("/proc/%s/task" % p)) for p in pids() if os.path.isdir("/proc/%s/task" % p))
    need = 2 * (max_crowd + extra_tasks + tasks_now + 10_000)
    wanted = {
        "kernel/pid_max": min(need, 4_194_304),  # the kernel's upper limit for pid_max
        "kernel/threads-max": need,
        "user/max_uts_namespaces": max_crowd // 10 + 1000,
        "user/max_ipc_namespaces": max_crowd // 10 + 1000,
    }
    original = {}
    try:
        for key, want in wanted.items():
            current = read_sysctl(key)
            if current < want:
                original[key] = current
                with open("/proc/sys/" + key, "w") as f:
                    f.write(str(want))
                log("raised %s %d -> %d (restored at the end)" % (key, current, want))
        yield
    finally:
        for key, value in original.items():
            try:
                with open("/proc/sys/" + key, "w") as f:
                    f.write(str(value))
                log("restored %s = %d" % (key, value))
            except OSError as e:
                log("WARNING: could not restore %s to %d: %s" % (key, value, e))


# -------------------------------------------------------------- what runs here ---

def pids():
    return [name for name in os.listdir("/proc") if name.isdigit()]


def process_group(pid):
    """The process group of a process, or None when it is gone."""
    try:
        with open("/proc/%s/stat" % pid) as f:
            return int(f.read().rsplit(")", 1)[1].split()[2])
    except (OSError, IndexError, ValueError):
        return None


def count_tasks():
    """(processes, threads) on the host now."""
    processes = threads = 0
    for pid in pids():
        with contextlib.suppress(OSError):
            threads += len(os.listdir("/proc/%s/task" % pid))
            processes += 1
    return processes, threads


def cpu_busy_ticks():
    """CPU time (in clock ticks, all CPUs) the machine has spent busy since boot."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:9]]  # user .. steal; guest is in user
    return sum(fields) - fields[3] - fields[4]  # minus idle and iowait


def busy_percent(seconds=2.0):
    """How busy the whole machine is over the next few seconds, in percent of all CPUs."""
    before = cpu_busy_ticks()
    time.sleep(seconds)
    ticks = cpu_busy_ticks() - before
    return 100.0 * ticks / os.sysconf("SC_CLK_TCK") / seconds / os.cpu_count()


def wait_for_quiet(max_wait_s, threshold=15.0):
    """Waits up to max_wait_s for other work on the host to fall under threshold percent of the
    machine: other sessions' builds and VMs on this shared VM make every command slower, and
    listns, which uses both cores, more than lsns, which uses one. Returns the last sample."""
    busy = busy_percent()
    waited = 0
    while busy >= threshold and waited < max_wait_s:
        log("host CPU %.0f%% busy with other work; waiting for it to calm down" % busy)
        time.sleep(8)
        waited += 10
        busy = busy_percent()
    return busy


# ------------------------------------------------------------------ the crowd ---

THREADED_PROCESSES, THREADS_EACH, NAMESPACES_EVERY = 3, 300, 10


def compile_crowd(workdir):
    binary = os.path.join(workdir, "crowd")
    subprocess.run(["gcc", "-O2", "-pthread", "-o", binary, os.path.join(BENCH_DIR, "crowd.c")], check=True)
    return binary


@contextlib.contextmanager
def crowd(binary, n, workdir):
    """N sleeping processes, every 10th in new uts+ipc namespaces, and 3 processes with 300 threads
    (see crowd.c). The crowd is its own process group, which is killed as a whole after; the crowd
    also dies with this program, even if it is SIGKILLed (PR_SET_PDEATHSIG)."""
    ready = os.path.join(workdir, "ready.%d" % n)
    proc = subprocess.Popen([binary, str(n), str(NAMESPACES_EVERY), str(THREADED_PROCESSES),
                             str(THREADS_EACH), ready])
    try:
        deadline = time.monotonic() + 60 + n / 50
        while not (os.path.exists(ready) and os.path.getsize(ready) > 0):
            if proc.poll() is not None:
                raise RuntimeError("the crowd exited (status %d) before it was ready" % proc.returncode)
            if time.monotonic() > deadline:
                raise RuntimeError("the crowd of %d was not ready in time" % n)
            time.sleep(0.05)
        members = sum(1 for p in pids() if process_group(p) == proc.pid)
        expected = n + THREADED_PROCESSES + 1
        if members != expected:
            raise RuntimeError("expected %d processes in the crowd, found %d" % (expected, members))
        yield
    finally:
        kill_group(proc)


def kill_group(proc):
    """Kills a process group whose leader is our child, and waits until none of it is left
    (its members are reaped by init)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 60
    while any(process_group(p) == proc.pid for p in pids()):
        if time.monotonic() > deadline:
            log("WARNING: processes of group %d still there after 60 s" % proc.pid)
            return
        time.sleep(0.1)


# ------------------------------------------------ workloads of an ordinary host ---

CONTAINER_PREFIX = "listns-bench-"


@contextlib.contextmanager
def podman_container(workdir, notes):
    """A podman container running `sleep`, from a rootfs of static busybox (no registry can be
    reached). runc, because crun fails on this machine's hybrid cgroups. --network none: the
    container still gets its own network namespace, without setting up a bridge. The ulimits are
    set low because podman's defaults are higher than this host's hard limits, and root here lacks
    CAP_SYS_RESOURCE, so runc could not set them."""
    for stale in podman_output(["ps", "-a", "--filter", "name=^" + CONTAINER_PREFIX, "--format", "{{.Names}}"]).split():
        log("removing container %s left by an earlier run" % stale)
        podman_output(["rm", "-f", "-t", "0", stale])
    root = os.path.join(workdir, "rootfs")
    os.makedirs(os.path.join(root, "bin"))
    shutil.copy("/bin/busybox", os.path.join(root, "bin", "busybox"))
    os.symlink("busybox", os.path.join(root, "bin", "sleep"))
    name = CONTAINER_PREFIX + str(os.getpid())
    try:
        started = subprocess.run(
            ["podman", "run", "-d", "--name", name, "--network", "none", "--runtime", "/usr/sbin/runc",
             "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=4096:4096", "--rootfs", root, "/bin/sleep", "86400"],
            capture_output=True, text=True, timeout=120)
        if started.returncode == 0:
            notes.append("podman container `%s` (busybox `sleep`, runc)" % name)
        else:
            problem = "podman could not start a container: " + " ".join(started.stderr.split())[-300:]
            notes.append("NOT RUNNING: " + problem)
            log("WARNING: " + problem)
        yield
    finally:
        podman_output(["rm", "-f", "-t", "0", name])


def podman_output(args):
    try:
        return subprocess.run(["podman"] + args, capture_output=True, text=True, timeout=120).stdout
    except (OSError, subprocess.TimeoutExpired):
        return ""


@contextlib.contextmanager
def bubblewrap_sandbox(notes):
    """A bubblewrap sandbox in new namespaces of every kind, as Flatpak makes them."""
    argv = ["bwrap", "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc",
            "--dev", "/dev", "sleep", "86400"]
    with background(argv, "bubblewrap sandbox", notes):
        yield


# A process with many open files and sockets and a few threads, as a browser has. The sockets stay
# on this host (socket pairs, loopback), no network is needed. It exits when its stdin closes.
BROWSER_LIKE = r"""
import os, socket, sys, tempfile, threading
keep = []
folder = tempfile.mkdtemp(prefix="listns-bench-browser-")
for i in range(300):
    keep.append(open(os.path.join(folder, "file%d" % i), "w"))
for i in range(40):
    keep.extend(socket.socketpair())
for kind in [socket.SOCK_STREAM] * 10 + [socket.SOCK_DGRAM] * 10:
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    if kind == socket.SOCK_STREAM:
        s.listen()
    keep.append(s)
stop = threading.Event()
for i in range(8):
    threading.Thread(target=stop.wait, daemon=True).start()
print(len(keep), flush=True)
sys.stdin.read()
import shutil; shutil.rmtree(folder)
"""


@contextlib.contextmanager
def browser_like(notes):
    proc = subprocess.Popen([sys.executable, "-c", BROWSER_LIKE], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        opened = proc.stdout.readline().strip()
        if proc.poll() is None and opened:
            notes.append("a browser-like process (pid %d) with %s open files and sockets and 8 threads"
                         % (proc.pid, opened))
        else:
            notes.append("NOT RUNNING: the browser-like process exited at start")
        yield
    finally:
        proc.stdin.close()  # it exits when its stdin closes, and removes its files
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def background(argv, what, notes):
    """A long-running process that is stopped after."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(0.5)  # long enough to fail at start, if it does
        if proc.poll() is None:
            notes.append("%s (pid %d)" % (what, proc.pid))
        else:
            problem = "%s exited at start: %s" % (what, " ".join(proc.stderr.read().split())[-300:])
            notes.append("NOT RUNNING: " + problem)
            log("WARNING: " + problem)
        yield
    finally:
        proc.kill()
        proc.wait()
