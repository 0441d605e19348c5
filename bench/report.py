"""Turns the measurements into Markdown: the headline table (ratios, peak RSS, growth), read against
the targets of issue 13, and the details (absolute times, the host at each size)."""

import statistics

IDLE = 0  # the size of the idle host: no crowd
# Each command alone in a new PID namespace with its own /proc: listns finds next to nothing there, so
# its time is what listns costs before any host adds to it, the least the idle host could get to.
ALONE = -1
UNCROWDED = (ALONE, IDLE)

# Issue 13's targets, shown next to what was measured; nothing is asserted.
# (command key, size) -> the largest acceptable ratio to lsns's median time.
TARGET_VS_LSNS = {
    ("jar17", 2000): 1.0, ("jar_new", 2000): 1.0, ("listns", 2000): 0.5,
    ("jar17", 10000): 0.35, ("jar_new", 10000): 0.35, ("listns", 10000): 0.2,
}
# On the idle host, relative to the hello-world JVM on Java 17.
TARGET_VS_HELLO = {"jar17": 1.6, "listns": 1.3}
# The newest JDK's `java -jar` relative to Java 17's, at every size.
TARGET_NEW_VS_17 = 1.0
# Peak RSS of `java -jar`, in MB.
TARGET_RSS_MB = {("jar17", IDLE): 64, ("jar_new", IDLE): 64, ("jar17", 10000): 160, ("jar_new", 10000): 160}
# The per-process cost between the two largest sizes relative to that between the two before.
TARGET_GROWTH = 1.25


def size_name(n):
    return {ALONE: "alone", IDLE: "idle host"}.get(n, "{:,}".format(n))


def number(x):
    return "%.0f" % x if x >= 100 else "%.1f" % x if x >= 10 else "%.2f" % x


def against(value, target):
    """A measured value and, when there is one, the target it is read against."""
    if value is None:
        return "failed"
    if target is None:
        return number(value)
    return "%s %s ≤ %s" % (number(value), "✓" if value <= target else "✗", "%g" % target)


def ratio(a, b):
    return a / b if a is not None and b else None


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def headline(sizes, results, commands):
    """The one table with every ratio and peak RSS. results[size][key] is a timing.Result."""
    header = [""] + [size_name(n) if n in UNCROWDED else size_name(n) + " processes" for n in sizes]
    labels = {c.key: c.label for c in commands}
    rows = []

    def cell(n, key, compute):
        result = results.get(n, {}).get(key)
        if result is None:
            return "–"
        if result.failure():
            return "failed"
        return compute(n, result)

    def median(n, key):
        result = results.get(n, {}).get(key)
        return result.median_s() if result else None

    rows.append(["**time ÷ `lsns`** (medians)"] + [""] * len(sizes))
    for c in commands:
        if c.key != "lsns":
            rows.append([c.label] + [cell(n, c.key, lambda n, r: against(
                ratio(r.median_s(), median(n, "lsns")), TARGET_VS_LSNS.get((c.key, n)))) for n in sizes])
    if any(n in UNCROWDED for n in sizes):
        rows.append(["**time ÷ hello-world JVM (Java 17)**, alone and idle host"] + [""] * len(sizes))
        for key in ("jar17", "jar_new", "listns"):
            if key in labels:
                rows.append([labels[key]] + [cell(n, key, lambda n, r: against(
                    ratio(r.median_s(), median(n, "hello")), TARGET_VS_HELLO.get(key) if n == IDLE else None))
                    if n in UNCROWDED else "" for n in sizes])
    if "jar_new" in labels:
        rows.append(["**time ÷ Java 17's**, `java -jar`"] + [""] * len(sizes))
        rows.append([labels["jar_new"]] + [cell(n, "jar_new", lambda n, r: against(
            ratio(r.median_s(), median(n, "jar17")), TARGET_NEW_VS_17)) for n in sizes])
    rows.append(["**peak RSS, MB**"] + [""] * len(sizes))
    for c in commands:
        rows.append([c.label] + [cell(n, c.key, lambda n, r: against(
            r.peak_rss_kb / 1024, TARGET_RSS_MB.get((c.key, n)))) for n in sizes])
    return table(header, rows)


def growth(sizes, results, commands, processes):
    """How each command's cost per process changes as the host grows: the median time difference
    between two consecutive crowded sizes divided by the difference in processes on the host."""
    crowded = [n for n in sizes if n not in UNCROWDED]
    if len(crowded) < 2:
        return None
    steps = list(zip(crowded, crowded[1:]))
    header = ["ms per 1,000 processes"] + ["{:,} → {:,}".format(a, b) for a, b in steps]
    if len(steps) >= 2:
        header.append("last step ÷ the one before")
    rows = []
    for c in commands:
        if c.key == "hello":
            continue
        slopes = []
        for a, b in steps:
            ta, tb = (results.get(n, {}).get(c.key) for n in (a, b))
            ok = ta and tb and not ta.failure() and not tb.failure()
            slopes.append(1e6 * (tb.median_s() - ta.median_s()) / (processes[b] - processes[a]) if ok else None)
        row = [c.label] + ["failed" if s is None else "%.1f" % s for s in slopes]
        if len(steps) >= 2:
            last, before = slopes[-1], slopes[-2]
            row.append(against(last / before, TARGET_GROWTH if c.key != "lsns" else None)
                       if last is not None and before and before > 0 else "n/a")
        rows.append(row)
    return table(header, rows)


def latest(sizes, results, commands, facts, stamp):
    """What bench/results/latest.md and the README show."""
    parts = [
        "Run of %s on %s; `lsns` %s. Medians of %s. Other CPU load while timing: %s." % (
            stamp["when"], stamp["host"], stamp["lsns"], ", ".join(
                "%d rounds (%s)" % (facts[n]["rounds"], size_name(n)) for n in sizes if n in facts),
            ", ".join("%.0f%% (%s)" % (facts[n]["other_load"], size_name(n)) for n in sizes if n in facts)),
        "",
        headline(sizes, results, commands),
        "",
        "✓ / ✗: met or missed the target after it (issue 13). The idle host runs %s." % (
            "; ".join(stamp["workloads"]) or "nothing extra"),
        "",
        "Alone: each command in a new PID namespace with its own /proc (`unshare --pid --fork --mount-proc`), "
        "where listns finds next to nothing: what listns costs before any host adds to it.",
    ]
    processes = {n: facts[n]["processes"] for n in facts}
    grown = growth([n for n in sizes if n in facts], results, commands, processes)
    if grown:
        parts += ["", "Cost per process as the host grows (medians; processes counted on the host):", "", grown]
    return "\n".join(parts) + "\n"


def details(sizes, results, commands, facts):
    """Absolute times and the state of the host at each size, for RESULTS.md."""
    parts = []
    for n in sizes:
        if n not in facts:
            continue
        f = facts[n]
        where = ("the command alone in its PID namespace (it is the namespace's init), %s namespaces (`lsns` rows) "
                 "there" % f["namespaces"] if n == ALONE else "%d processes, %d threads, %s namespaces (`lsns` rows) "
                 "on the host" % (f["processes"], f["threads"], f["namespaces"]))
        parts += ["", "### %s" % size_name(n), "",
                  where + "; other CPU load %.0f%% just before timing and %.0f%% while timing%s." % (
                      f["busy_before"], f["other_load"],
                      " - WARNING: the times are probably inflated" if f["other_load"] >= 10 else "")]
        parts += ["- " + note for note in f["notes"]]
        rows = []
        for c in commands:
            r = results[n].get(c.key)
            if r is None:
                continue
            good = sorted(run.wall_s for run in r.good_runs())
            if r.failure() or not good:
                rows.append(["`%s`" % " ".join(c.argv), r.failure() or "failed"] + [""] * 5)
                continue
            rows.append(["`%s`" % " ".join(c.argv), "%.3f" % r.median_s(), "%.3f" % good[0], "%.3f" % good[-1],
                         "%.3f" % statistics.median(run.cpu_s for run in r.good_runs()),
                         "%.0f" % (r.peak_rss_kb / 1024),
                         "%d" % len(good) + (" (%d failed: %s)" % (len(r.failed_runs()), r.failed_runs()[0].error)
                                             if r.failed_runs() else "")])
        parts += ["", table(["command", "median s", "min s", "max s", "CPU s (median)", "peak RSS MB", "runs"], rows)]
        if f.get("breakdown"):
            parts += ["", "`bin/listns -v`, one run:", "", "```", f["breakdown"].rstrip(), "```"]
    return "\n".join(parts) + "\n"
