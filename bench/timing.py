"""Runs the commands under test: one untimed trial each (which also measures peak RSS), then the
timed runs, in which the commands take turns."""

import os
import signal
import statistics
import threading
import time
from dataclasses import dataclass, field

DEVNULL = "/dev/null"
# A run that takes longer than this is killed and counts as failed, so a hung command cannot hang
# the benchmark. lsns needs about 5 s at 10,000 processes on the 2-core development VM.
RUN_TIME_LIMIT_S = 300


@dataclass
class Command:
    key: str  # what the report looks targets up by: lsns, hello, jar17, jar_new, listns
    label: str  # as the tables show it
    argv: list
    env: dict


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + system time of the command and its children
    exit_code: int
    error: str  # the end of its stderr, when it failed


@dataclass
class Result:
    """One command at one host size."""

    command: Command
    peak_rss_kb: int = None
    trial_error: str = None  # set when the trial failed: the command was then not timed
    runs: list = field(default_factory=list)

    def good_runs(self):
        return [r for r in self.runs if r.exit_code == 0]

    def failed_runs(self):
        return [r for r in self.runs if r.exit_code != 0]

    def median_s(self):
        good = self.good_runs()
        return statistics.median(r.wall_s for r in good) if good else None

    def failure(self):
        """Why this command has no number, or None."""
        if self.trial_error:
            return "failed: " + self.trial_error
        if not self.good_runs():
            return "failed: " + (self.failed_runs()[0].error if self.runs else "not run")
        return None


def run_once(command, stdout_path=DEVNULL, stderr_path=DEVNULL, wrapper=()):
    """Starts the command with posix_spawn (the least work between our clock and its start),
    waits for it with wait4 (which also gives its CPU time) and returns a Run."""
    argv = list(wrapper) + command.argv
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, DEVNULL, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    start = time.perf_counter()
    try:
        pid = os.posix_spawn(argv[0], argv, command.env, file_actions=actions)
    except OSError as e:  # not there, not executable: a failed run, not a crash
        return Run(0.0, 0.0, 127, "cannot start %s: %s" % (argv[0], e.strerror))
    watchdog = threading.Timer(RUN_TIME_LIMIT_S, os.kill, (pid, signal.SIGKILL))
    watchdog.start()
    try:
        _, status, usage = os.wait4(pid, 0)
    except BaseException:  # Ctrl-C or SIGTERM: the command goes too
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    finally:
        watchdog.cancel()
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    error = ""
    if code != 0:
        error = "exit %d" % code if code > 0 else "killed by signal %d" % -code
        if stderr_path != DEVNULL:
            error += ": " + tail(stderr_path)
    return Run(wall, usage.ru_utime + usage.ru_stime, code, error)


def tail(path, chars=200):
    with open(path, errors="replace") as f:
        return " ".join(f.read().split())[-chars:]


def trial(command, workdir):
    """One untimed run of a command, under `/usr/bin/time -f %M`, which prints the peak RSS in KB.
    It warms the page cache for the timed runs, tells whether the command works at all (one that
    fails is not timed) and measures the peak RSS: the timed runs stay free of /usr/bin/time.
    Returns a Result, and where the command's stdout went."""
    result = Result(command)
    rss_file = os.path.join(workdir, "rss-%s" % command.key)
    out_file = os.path.join(workdir, "out-%s" % command.key)
    err_file = os.path.join(workdir, "err-%s" % command.key)
    run = run_once(command, out_file, err_file, wrapper=("/usr/bin/time", "-f", "%M", "-o", rss_file))
    if run.exit_code != 0:
        result.trial_error = run.error
    else:
        with open(rss_file) as f:
            result.peak_rss_kb = int(f.read().split()[-1])
    return result, out_file


def take_turns(results, rounds, on_round=None):
    """Times the commands that passed their trial, `rounds` times each, taking turns: every round
    runs each command once, starting one command further along than the round before. Load that
    comes and goes on a shared host (other builds, the kernel's memory monitor) then falls on all
    commands alike instead of on whichever happened to run its runs back to back at that moment, as
    hyperfine does. Returns the CPU seconds the timed runs used."""
    timed = [r for r in results if r.trial_error is None]
    cpu = 0.0
    for round_no in range(rounds):
        for i in range(len(timed)):
            result = timed[(round_no + i) % len(timed)]
            run = run_once(result.command)
            result.runs.append(run)
            cpu += run.cpu_s
        if on_round:
            on_round(round_no + 1)
    return cpu
