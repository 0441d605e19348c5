#!/usr/bin/env python3
"""The kernel matrix: boots Debian kernels under qemu (TCG) with the host's root shared read-only
over 9p, runs kernels/scenarios.py inside each, and prints one table, which is also appended to
kernels/results/RESULTS.md. Run it through kernels/run.sh, which installs what it needs first.

Exit status: 0 when every kernel booted and every scenario passed, 1 otherwise.
"""
import argparse
import datetime
import json
import lzma
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("LISTNS_KERNEL_CACHE", "/var/cache/listns-kernels"))
RESULTS = REPO / "kernels" / "results" / "RESULTS.md"
ARCHIVE = "http://deb.debian.org/debian"
SECURITY = "http://deb.debian.org/debian-security"
KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg"
# Each Debian release and the archives its newest kernel may come from.
SUITES = {
    "bullseye": [(ARCHIVE, "bullseye"), (SECURITY, "bullseye-security")],
    "bookworm": [(ARCHIVE, "bookworm"), (SECURITY, "bookworm-security")],
    "trixie": [(ARCHIVE, "trixie"), (SECURITY, "trixie-security")],
    "sid": [(ARCHIVE, "sid")],
}
# The modules that mounting the host's root over virtio-9p needs; their dependencies come from
# modules.dep. Any that a kernel has built in is skipped.
ROOT_MODULES = ["virtio_pci", "9pnet_virtio", "9p"]
BOOT_TIMEOUT = int(os.environ.get("LISTNS_VM_TIMEOUT", "900"))


def log(message):
    print(f"matrix: {message}", file=sys.stderr, flush=True)


def run(command, **kwargs):
    return subprocess.run(command, check=True, **kwargs)


# ---------------------------------------------------------------- fetching kernels

class Apt:
    """apt with a private sources list and package lists under the cache, so that the host's own
    apt configuration is neither needed nor changed."""

    def __init__(self, root):
        self.root = root
        (root / "lists" / "partial").mkdir(parents=True, exist_ok=True)
        (root / "debs").mkdir(parents=True, exist_ok=True)
        sources = root / "sources.list"
        sources.write_text("".join(f"deb [signed-by={KEYRING}] {uri} {suite} main\n"
                                   for archives in SUITES.values() for uri, suite in archives))
        self.options = ["-o", f"Dir::Etc::sourcelist={sources}", "-o", "Dir::Etc::sourceparts=/dev/null",
                        "-o", f"Dir::State::Lists={root / 'lists'}", "-o", "Acquire::Languages=none",
                        "-o", "APT::Architecture=amd64", "-o", "APT::Architectures=amd64",
                        # downloads go to the cache, which the _apt user may not write
                        "-o", "APT::Sandbox::User=root"]

    def update(self):
        run(["apt-get", "-q", *self.options, "update"], stdout=subprocess.DEVNULL)

    def query(self, *args):
        return run(["apt-cache", *self.options, *args], capture_output=True, text=True).stdout

    def newest_kernel(self, suite):
        """(package, version) of the kernel image that linux-image-amd64 of this release points to."""
        archives = {name for _, name in SUITES[suite]}
        best = None
        for line in self.query("madison", "linux-image-amd64").splitlines():
            _, version, source = (part.strip() for part in line.split("|"))
            if source.split()[1].split("/")[0] in archives:
                if best is None or subprocess.run(
                        ["dpkg", "--compare-versions", version, "gt", best]).returncode == 0:
                    best = version
        if best is None:
            raise RuntimeError(f"no linux-image-amd64 in {suite}")
        return self.image_of(best)

    def image_of(self, meta_version):
        for field in self.query("show", f"linux-image-amd64={meta_version}").splitlines():
            if field.startswith("Depends:"):
                for dependency in field[len("Depends:"):].split(","):
                    name, _, version = dependency.strip().partition(" ")
                    if name.startswith("linux-image-"):
                        return name, version.strip("(= )")
        raise RuntimeError(f"linux-image-amd64={meta_version} names no image")

    def packages_of(self, image, version):
        """The image and, where Debian splits it (sid), its kernel binary, modules and base (modules.builtin)."""
        abi = image[len("linux-image-"):]
        names = [image]
        for field in self.query("show", f"{image}={version}").splitlines():
            if field.startswith("Depends:"):
                for dependency in field[len("Depends:"):].replace("|", ",").split(","):
                    name = dependency.strip().split(" ")[0]
                    if name.startswith(("linux-binary-", "linux-modules-", "linux-base-")) and name.endswith(abi):
                        names.append(name)
        return names

    def download(self, names, version):
        debs = self.root / "debs"
        run(["apt-get", "-q", *self.options, "download", *(f"{n}={version}" for n in names)],
            cwd=debs, stdout=subprocess.DEVNULL)
        return [next(debs.glob(f"{n}_*.deb")) for n in names]


def fetch_kernel(apt, suite):
    """Downloads and unpacks the release's kernel once; answers the unpacked tree."""
    image, version = apt.newest_kernel(suite)
    tree = CACHE / "trees" / f"{image}_{version}"
    if not (tree / ".complete").exists():
        log(f"{suite}: downloading {image} {version}")
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        for deb in apt.download(apt.packages_of(image, version), version):
            run(["dpkg-deb", "-x", str(deb), str(tree)])
        (tree / ".complete").touch()
    return tree


def kernel_files(tree):
    """(release, vmlinuz, modules directory) of an unpacked kernel: /boot/vmlinuz-RELEASE and
    /lib/modules/RELEASE until trixie; sid keeps both in /usr/lib/modules/RELEASE."""
    for modules in [*(tree / "lib/modules").glob("*"), *(tree / "usr/lib/modules").glob("*")]:
        for vmlinuz in (tree / "boot" / f"vmlinuz-{modules.name}", modules / "vmlinuz"):
            if vmlinuz.exists():
                return modules.name, vmlinuz, modules
    raise RuntimeError(f"no vmlinuz with its modules in {tree}")


# ---------------------------------------------------------------- the initramfs

def module_bytes(path):
    """A module's ELF, decompressed."""
    data = path.read_bytes()
    if path.name.endswith(".xz"):
        return lzma.decompress(data)
    if path.name.endswith(".zst"):
        return run(["zstd", "-dc"], input=data, capture_output=True).stdout
    return data


def module_order(modules):
    """The modules to insmod for ROOT_MODULES, dependencies first, as (name, path) pairs. Debian's
    package ships no modules.dep (depmod makes it at install time), so each module's own
    "depends=" entry in its .modinfo section is read instead."""
    paths = {}
    for path in modules.rglob("*.ko*"):
        paths[path.name.split(".ko")[0].replace("-", "_")] = path
    builtin = {Path(line).name.split(".ko")[0].replace("-", "_")
               for line in (modules / "modules.builtin").read_text().split()}
    order = []

    def add(name):
        if name in builtin or name in (n for n, _ in order):
            return
        if name not in paths:
            raise RuntimeError(f"{modules}: {name} is neither a module nor built in")
        data = module_bytes(paths[name])
        at = data.find(b"\0depends=")
        depends = data[at + 9:data.index(b"\0", at + 1)].decode() if at >= 0 else ""
        for dependency in filter(None, depends.split(",")):
            add(dependency.replace("-", "_"))
        order.append((name, paths[name]))

    for name in ROOT_MODULES:
        add(name)
    return order


def build_initramfs(modules, out):
    """busybox, /init and the 9p modules, decompressed (busybox's insmod can't always read .xz)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for d in ("bin", "proc", "dev", "sys", "modules", "newroot"):
            (root / d).mkdir()
        shutil.copy("/bin/busybox", root / "bin" / "busybox")
        shutil.copy(REPO / "kernels" / "initramfs-init.sh", root / "init")
        names = []
        for name, path in module_order(modules):
            (root / "modules" / f"{name}.ko").write_bytes(module_bytes(path))
            names.append(f"{name}.ko")
        (root / "modules" / "order").write_text("".join(n + "\n" for n in names))
        files = run(["find", "."], cwd=root, capture_output=True).stdout
        archive = run(["cpio", "--quiet", "-o", "-H", "newc", "--owner", "0:0"], cwd=root, input=files,
                      capture_output=True).stdout
        out.write_bytes(run(["gzip", "-1"], input=archive, capture_output=True).stdout)


# ---------------------------------------------------------------- booting

def boot(vmlinuz, initramfs, work, scenario_args, timeout=BOOT_TIMEOUT):
    """Boots one kernel; answers (result dict or None, seconds, console log path).
    The VM gets the host's / read-only over 9p and a writable share for its result."""
    out = work / "out"
    out.mkdir(parents=True, exist_ok=True)
    console = work / "console.log"
    append = " ".join([
        "console=ttyS0", "quiet", "panic=-1",
        # TCG emulates the HPET slowly and the JVM reads the clock often; the TSC is cheap.
        "clocksource=tsc", "tsc=reliable",
        f"LISTNS_GUEST={REPO}/kernels/guest.sh", f"LISTNS_REPO={REPO}",
        f'LISTNS_SCENARIO_ARGS="{" ".join(scenario_args)}"',
    ])
    command = [
        "qemu-system-x86_64", "-accel", "tcg,thread=multi", "-cpu", "max", "-smp", "2", "-m", "4G",
        "-nic", "none", "-display", "none", "-monitor", "none", "-no-reboot",
        "-serial", f"file:{console}",
        "-kernel", str(vmlinuz), "-initrd", str(initramfs), "-append", append,
        "-fsdev", "local,path=/,readonly=on,multidevs=remap,security_model=none,id=root",
        "-device", "virtio-9p-pci,fsdev=root,mount_tag=hostroot",
        "-fsdev", f"local,path={out},security_model=none,id=out",
        "-device", "virtio-9p-pci,fsdev=out,mount_tag=out",
    ]
    start = time.monotonic()
    try:
        subprocess.run(command, timeout=timeout, stdin=subprocess.DEVNULL, check=False)
    except subprocess.TimeoutExpired:  # subprocess.run kills qemu
        log(f"VM overran {timeout} s and was killed; console in {console}")
    seconds = time.monotonic() - start
    result = out / "result.json"
    return (json.loads(result.read_text()) if result.exists() else None), seconds, console


# ---------------------------------------------------------------- one kernel, the table

def test_kernel(apt, suite, work, scenario_args):
    """Fetches, boots and tests one release's kernel (or the host's own, without a VM).
    Answers a row: suite, kernel, result (None when it did not boot or run), seconds, note."""
    start = time.monotonic()
    if suite == "host":
        # The running kernel has no Debian package to boot: the scenarios run on the host itself.
        out = work / "out"
        out.mkdir(parents=True)
        command = [sys.executable, str(REPO / "kernels" / "scenarios.py"), "--repo", str(REPO),
                   "--out", str(out / "result.json"), *scenario_args]
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        try:
            process.wait(timeout=BOOT_TIMEOUT)
        except subprocess.TimeoutExpired:
            log(f"host: scenarios overran {BOOT_TIMEOUT} s and were stopped")
            process.terminate()  # not kill: on the host it must undo its namespaces and mounts
            process.wait()
        result = out / "result.json"
        return suite, os.uname().release, (json.loads(result.read_text()) if result.exists() else None), \
            time.monotonic() - start, "host, no VM"
    try:
        tree = fetch_kernel(apt, suite)
        release, vmlinuz, modules = kernel_files(tree)
        initramfs = work / "initramfs.cpio.gz"
        build_initramfs(modules, initramfs)
    except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
        return suite, "?", None, time.monotonic() - start, f"could not fetch the kernel: {e!r}"
    log(f"{suite}: booting {release}")
    result, seconds, console = boot(vmlinuz, initramfs, work, scenario_args)
    note = "" if result else f"did not finish; console: {console}"
    return suite, release, result, seconds, note


def mount_table_path(run):
    """The -v line on the mount tables of other mount namespaces, shortened for the table."""
    for path in run.get("paths", []):
        if path.startswith("mount tables of other mount namespaces: "):
            return "`" + path[len("mount tables of other mount namespaces: "):] + "`"
    if any(p.startswith("not looked for") and "bind mounts in mount namespaces" in p for p in run.get("paths", [])):
        return f"not read (Java {run['java']} says so: needs 22+)"
    return "?"


def kernel_interfaces(run):
    """What -v says the kernel's own interfaces gave: ids, the list of mount namespaces, listns(2)."""
    said = {p.split(":", 1)[0]: p.split(":", 1)[1].strip() for p in run.get("paths", [])
            if p.startswith(("namespace ids:", "mount namespace ids:", "every mount namespace:", "listns(2)"))}
    if not said:
        return "none (Java 17)" if run["java"] < 22 else "?"
    # A feature that is missing is named in its "not on this kernel (ioctl(...) failed)" line too.
    parts = ["ids" if said.get("namespace ids", "").startswith("NS_GET_ID")
             else "mount ns ids only" if said.get("mount namespace ids", "").startswith("NS_GET_MNTNS_ID") else "no ids",
             "mount ns list" if said.get("every mount namespace", "").startswith("NS_MNT_GET_NEXT listed")
             else "no mount ns list"]
    listed = said.get("listns(2)", "")
    parts.append("listns(2): " + listed.replace("the kernel listed ", "") if listed else "no listns(2)")
    return "; ".join(parts)


def table(rows):
    lines = ["| Debian | kernel | Java | mount tables of other mount namespaces (`-v`) | the kernel's own (`-v`) "
             "| scenarios passed / failed | listns run | VM total |", "|---|---|---|---|---|---|---|---|"]
    failures = []
    for suite, release, result, seconds, note in rows:
        if result is None or not result["runs"]:
            lines.append(f"| {suite} | {release} | - | - | - | did not run | - | {seconds:.0f} s |")
            failures.append(f"- {suite} {release}: did not run: {note}")
            continue
        for run in result["runs"]:
            passed, failed = len(run.get("passed", [])), len(run["failures"])
            lines.append(f"| {suite} | {release} | {' '.join([run['version'], *run['switches']])} "
                         f"| {mount_table_path(run)} | {kernel_interfaces(run)} | {passed} / {failed} | {run['seconds']:.1f} s "
                         f"| {seconds:.0f} s{' (' + note + ')' if note else ''} |")
            failures += [f"- {release}, {run['label']}: {name}: {why}" for name, why in run["failures"].items()]
    return lines, failures


def record(lines, failures, total, kernels):
    commit = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                            capture_output=True, text=True).stdout.strip()
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    text = [f"## {now}, commit {commit}", "",
            f"Kernels: {' '.join(kernels)}. Whole run: {total / 60:.1f} min on {os.cpu_count()} cores "
            f"(qemu TCG, no KVM).", "", *lines, ""]
    text += (["Failures:", "", *failures, ""] if failures else ["Every scenario passed.", ""])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    if not RESULTS.exists():
        RESULTS.write_text("# Kernel matrix results\n\nAppended by `kernels/run.sh`; newest last. "
                           "See kernels/README.md.\n\n")
    with RESULTS.open("a") as f:
        f.write("\n".join(text) + "\n")


def main():
    parser = argparse.ArgumentParser(description="Runs listns's real-kernel scenarios on Debian kernels.")
    parser.add_argument("kernels", nargs="*", default=[*SUITES, "host"],
                        help=f"any of {', '.join(SUITES)}, host (default: all)")
    parser.add_argument("--no-record", action="store_true", help=f"do not append to {RESULTS.relative_to(REPO)}")
    args = parser.parse_args()
    unknown = [k for k in args.kernels if k not in SUITES and k != "host"]
    if unknown:
        parser.error(f"unknown kernel(s): {' '.join(unknown)}")
    start = time.monotonic()
    apt = Apt(CACHE / "apt")
    if any(k in SUITES for k in args.kernels):
        apt.update()
    rows = []
    with tempfile.TemporaryDirectory(prefix="listns-matrix-") as tmp:
        for suite in args.kernels:
            work = Path(tmp) / suite
            work.mkdir()
            rows.append(test_kernel(apt, suite, work, ["--vm"] if suite != "host" else []))
            if rows[-1][2] is None and (work / "console.log").exists():
                # Keep the console of a kernel that did not finish, for the report.
                kept = CACHE / "logs" / f"{suite}-console.log"
                kept.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(work / "console.log", kept)
                rows[-1] = (*rows[-1][:4], f"did not finish; console kept in {kept}")
    total = time.monotonic() - start
    lines, failures = table(rows)
    print("\n".join(lines))
    print("\n".join(failures) if failures else "Every scenario passed.")
    print(f"Whole run: {total / 60:.1f} min")
    if not args.no_record:
        record(lines, failures, total, args.kernels)
    ok = not failures and all(result and result["runs"] for _, _, result, _, _ in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
