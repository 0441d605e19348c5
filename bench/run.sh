#!/usr/bin/env bash
# bench/run.sh - time `lsns` against listns on a crowded host.
#
#   sudo bench/run.sh [N ...]            (default: 2000 10000)
#
# For each N: start N sleeping processes (every EVERY-th one in fresh uts+ipc
# namespaces) plus THREAD_PROCS processes with THREADS threads each, then time
# `lsns` and each listns command side by side with hyperfine.
# See bench/README.md.  Environment knobs (defaults in brackets):
#   LISTNS_CMDS   ';'-separated listns commands
#                 [java -jar target/listns.jar; same with temurin 25 if present]
#   RUNS [10]  WARMUP [2]  EVERY [10]  THREAD_PROCS [3]  THREADS [300]
#   BENCH_SHELL   hyperfine --shell value; [none] = exec commands directly
#                 (set e.g. BENCH_SHELL=bash if a command needs shell syntax)
#   QUIET_WAIT [60] seconds to wait, before timing, for other CPU load on the
#                 host to fall under 15% (the measured value is recorded)
#   BENCH_NICE [unset] e.g. -15: run hyperfine (and so every timed command)
#                 at this nice level, to shield it from other builds on a busy
#                 shared host (recorded in RESULTS.md)
#   PRECHECK_TIMEOUT [300] seconds allowed for the one untimed trial run of
#                 each listns command (a failing command is skipped, not fatal)
#   INTERLEAVED [RUNS] rounds of a second timing in which the commands take
#                 turns (lsns, listns, ..., lsns, listns, ...), so that a
#                 host whose load drifts slows them all alike; 0 skips it
set -euo pipefail

SCRIPT_START=$(date +%s.%N)
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
RESULTS_DIR="$BENCH_DIR/results"
RESULTS_MD="$RESULTS_DIR/RESULTS.md"
# The listns command whose --verbose timings are recorded per size; empty to skip.
BREAKDOWN_CMD=${BREAKDOWN_CMD-bin/listns}
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
JAR=target/listns.jar

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
EVERY=${EVERY:-10}
THREAD_PROCS=${THREAD_PROCS:-3}
THREADS=${THREADS:-300}
BENCH_SHELL=${BENCH_SHELL:-none}
PRECHECK_TIMEOUT=${PRECHECK_TIMEOUT:-300}
INTERLEAVED=${INTERLEAVED:-$RUNS}
QUIET_WAIT=${QUIET_WAIT:-60}
BENCH_NICE=${BENCH_NICE:-}

if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(2000 10000); fi

log() { printf '[bench %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }   # seconds since $1

[ "$(id -u)" -eq 0 ] || die "run as root (lsns only sees every namespace as root; limits are raised): sudo $0 $*"
[[ "$INTERLEAVED" =~ ^[0-9]+$ ]] || die "INTERLEAVED must be a number of rounds, got '$INTERLEAVED'"
for n in "${SIZES[@]}"; do
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] || die "N must be a positive integer, got '$n'"
done
for tool in lsns hyperfine gcc python3 ps; do
    command -v "$tool" >/dev/null || die "'$tool' not found"
done

cd "$REPO_DIR"
mkdir -p "$RESULTS_DIR"

# ---------------------------------------------------------------- cleanup ---
TMPDIR_BENCH=""
HF_PID=""             # hyperfine currently running
CROWD_PID=""          # crowd currently running (its PID is also its PGID)
ALL_CROWDS=()         # every crowd PGID this run started
declare -A SYSCTL_ORIG=()
BASELINE_PROCS=$(ps -e --no-headers | wc -l)

group_alive() {   # any process left in process group $1?
    ps -e -o pgid= | awk -v g="$1" '$1 == g { found = 1 } END { exit !found }'
}

kill_crowd() {
    local pg=$1 t0 i
    t0=$(date +%s.%N)
    kill -KILL -- "-$pg" 2>/dev/null || true
    wait "$pg" 2>/dev/null || true            # reap the crowd process itself
    for ((i = 0; i < 1200; i++)); do          # children are reaped by init
        group_alive "$pg" || break
        sleep 0.05
    done
    if group_alive "$pg"; then
        log "WARNING: processes of group $pg still present after 60 s"
        return 1
    fi
    LAST_TEARDOWN=$(since "$t0")
}

CLEANED=0
cleanup() {
    local rc=$? pg key leftovers=0
    [ "$CLEANED" -eq 1 ] && return
    CLEANED=1
    trap - EXIT INT TERM
    if [ -n "$HF_PID" ]; then
        log "stopping hyperfine ($HF_PID) and the command it is timing"
        kill -TERM $(ps -o pid= --ppid "$HF_PID") "$HF_PID" 2>/dev/null || true
        wait "$HF_PID" 2>/dev/null || true
    fi
    if [ -n "$CROWD_PID" ]; then
        log "killing crowd (process group $CROWD_PID)"
        kill_crowd "$CROWD_PID" || true
        CROWD_PID=""
    fi
    for key in "${!SYSCTL_ORIG[@]}"; do
        echo "${SYSCTL_ORIG[$key]}" > "/proc/sys/$key" \
            && log "restored $key = ${SYSCTL_ORIG[$key]}" \
            || log "WARNING: could not restore $key to ${SYSCTL_ORIG[$key]}"
    done
    [ -n "$TMPDIR_BENCH" ] && rm -rf "$TMPDIR_BENCH"
    for pg in "${ALL_CROWDS[@]}"; do
        if group_alive "$pg" || [ -e "/proc/$pg" ]; then
            log "WARNING: leftover processes from crowd $pg"; leftovers=1
        fi
    done
    log "cleanup done: leftovers=$( [ $leftovers -eq 0 ] && echo none || echo YES ); processes now $(ps -e --no-headers | wc -l) (baseline at start $BASELINE_PROCS)"
    exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted (INT)"; exit 130' INT
trap 'log "terminated (TERM)"; exit 143' TERM

# Percentage of CPU time (all CPUs) that was busy over the next 2 seconds.
cpu_busy_pct() {
    local a b
    a=$(head -n 1 /proc/stat); sleep 2; b=$(head -n 1 /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN {
        n = split(a, x); split(b, y); tot = 0
        for (i = 2; i <= n && i <= 9; i++) tot += y[i] - x[i]   # skip guest (already in user)
        idle = (y[5] - x[5]) + (y[6] - x[6])
        pct = 0; if (tot > 0) pct = 100 * (tot - idle) / tot
        printf "%d\n", pct }'
}

# CPU ticks (USER_HZ) the whole machine spent busy so far, and ticks used by
# this script's reaped children; their difference over an interval is the
# CPU time other work on the host took while we were measuring.
cpu_busy_ticks() { head -n 1 /proc/stat | awk '{ t = 0; for (i = 2; i <= 9; i++) t += $i; print t - $5 - $6 }'; }
child_ticks() { sed 's/.*) //' "/proc/$$/stat" | awk '{ print $14 + $15 }'; }
CLK_TCK=$(getconf CLK_TCK)

# Raise a /proc/sys value to at least $2; the original is restored on exit.
raise_sysctl() {
    local key=$1 want=$2 cur
    cur=$(cat "/proc/sys/$key")
    if [ "$cur" -lt "$want" ]; then
        [ -n "${SYSCTL_ORIG[$key]+x}" ] || SYSCTL_ORIG[$key]=$cur
        echo "$want" > "/proc/sys/$key"
        log "raised $key $cur -> $want (restored at exit)"
    fi
}

# Times CMDS in turns, ROUNDS times over, and prints a markdown table of median and min wall time.
# hyperfine runs each command's runs back to back, so load that comes and goes on the host (here,
# the kernel's own memory monitor) can land on one command more than on another.
interleaved_table() {
    local rounds=$1 r i t0 t1 run
    local -A samples=()
    for ((r = 0; r < rounds; r++)); do
        for i in "${!CMDS[@]}"; do
            if [ "$BENCH_SHELL" = none ]; then run=(${CMDS[$i]}); else run=("$BENCH_SHELL" -c "${CMDS[$i]}"); fi
            t0=$(date +%s%N)
            "${HF_PREFIX[@]}" "${run[@]}" >/dev/null 2>&1 || true
            t1=$(date +%s%N)
            samples[$i]+="$(( (t1 - t0) / 1000 )) "
        done
    done
    for i in "${!CMDS[@]}"; do printf '%s\t%s\n' "${CMDS[$i]}" "${samples[$i]}"; done | python3 -c '
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in sys.stdin]
print("| command | median [s] | min [s] | lsns / command (medians) |")
print("|:--|--:|--:|--:|")
base = None
for index, (command, times) in enumerate(rows):
    t = sorted(int(x) / 1e6 for x in times.split())
    median = statistics.median(t)
    if index == 0:                              # lsns is always first
        base, ratio = median, "1 (reference)"
    else:
        ratio = "%.2f" % (base / median)
    print("| `%s` | %.4f | %.4f | %s |" % (command, median, t[0], ratio))
'
}

# ------------------------------------------------------------------ setup ---
TMPDIR_BENCH=$(mktemp -d /tmp/listns-bench.XXXXXX)
CROWD_BIN="$TMPDIR_BENCH/crowd"
gcc -O2 -pthread -o "$CROWD_BIN" "$BENCH_DIR/crowd.c" || die "compiling crowd.c failed"

HF_PREFIX=()
[[ "$(setpriv --help 2>&1)" == *--pdeathsig* ]] && HF_PREFIX=(setpriv --pdeathsig KILL)
if [ -n "$BENCH_NICE" ]; then
    [[ "$BENCH_NICE" =~ ^-?[0-9]+$ ]] || die "BENCH_NICE must be an integer"
    HF_PREFIX=(nice -n "$BENCH_NICE" "${HF_PREFIX[@]}")
fi

MAXN=0
for n in "${SIZES[@]}"; do [ "$n" -gt "$MAXN" ] && MAXN=$n; done
EXTRA_TASKS=$((THREAD_PROCS * (THREADS + 1) + 1))
NEED_TASKS=$((MAXN + EXTRA_TASKS + $(ps -eL --no-headers | wc -l) + 10000))
ulimit -u unlimited 2>/dev/null || ulimit -u "$((NEED_TASKS * 2))" 2>/dev/null || true
PID_MAX_LIMIT=4194304
want=$((NEED_TASKS * 2)); [ "$want" -gt "$PID_MAX_LIMIT" ] && want=$PID_MAX_LIMIT
raise_sysctl kernel/pid_max "$want"
raise_sysctl kernel/threads-max "$((NEED_TASKS * 2))"
if [ "$EVERY" -gt 0 ]; then
    for key in user/max_uts_namespaces user/max_ipc_namespaces; do
        [ -e "/proc/sys/$key" ] && raise_sysctl "$key" "$((MAXN / EVERY + 1000))"
    done
fi

# Commands to time.
NOTES=()
declare -a CANDIDATES=()
if [ -n "${LISTNS_CMDS+x}" ]; then
    IFS=';' read -r -a raw <<< "$LISTNS_CMDS"
    for c in "${raw[@]}"; do
        c=$(echo "$c" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')
        [ -n "$c" ] && CANDIDATES+=("$c")
    done
else
    CANDIDATES+=("java -jar $JAR")
    [ -x "$JDK25" ] && CANDIDATES+=("$JDK25 -jar $JAR")
fi
LISTNS=()
for c in "${CANDIDATES[@]}"; do
    if [[ "$c" == *"$JAR"* && ! -f "$JAR" ]]; then
        NOTES+=("skipped \`$c\`: $JAR does not exist yet (build it first) - timing lsns only")
        continue
    fi
    LISTNS+=("$c")
done

stale=$(ps -e -o pid=,comm= | awk '$2 == "bench-crowd" { print $1 }' | tr '\n' ' ')
[ -n "$stale" ] && log "WARNING: bench-crowd processes from an earlier run exist (PIDs $stale); not touching them"

# ---------------------------------------------------------- machine info ---
java_version() { "$1" -version 2>&1 | head -n 1; }
RUN_STAMP=$(date '+%Y-%m-%d %H:%M:%S %Z')
NEW_FILE=0; [ -s "$RESULTS_MD" ] || NEW_FILE=1
{
    [ "$NEW_FILE" -eq 0 ] || printf '# listns benchmark results\n\nAppended by `bench/run.sh`; newest run last. See bench/README.md.\n'
    echo
    echo "## Run $RUN_STAMP"
    echo
    echo "- host: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $(awk '/MemTotal/ { printf "%.1f GiB", $2/1048576 }' /proc/meminfo) RAM, kernel $(uname -r)"
    echo "- lsns: $(lsns --version 2>&1 | head -n 1); hyperfine: $(hyperfine --version)"
    command -v java >/dev/null && echo "- java (PATH): $(java_version java)"
    [ -x "$JDK25" ] && echo "- $JDK25: $(java_version "$JDK25")"
    if [ -f "$JAR" ]; then echo "- $JAR: $(stat -c '%s bytes, modified %y' "$JAR" | cut -d. -f1), sha256 $(sha256sum "$JAR" | cut -c1-12)"; fi
    echo "- git HEAD: $(git rev-parse --short HEAD 2>/dev/null || echo 'none (no commits)')"
    echo "- crowd: N sleepers, every ${EVERY}th in new uts+ipc namespaces, + $THREAD_PROCS processes x $THREADS threads; hyperfine --warmup $WARMUP --runs $RUNS, shell=$BENCH_SHELL, output /dev/null, nice ${BENCH_NICE:-0}"
    for note in "${NOTES[@]}"; do echo "- NOTE: $note"; done
} >> "$RESULTS_MD"
for note in "${NOTES[@]}"; do log "NOTE: $note"; done

# ------------------------------------------------------------- per size ---
for N in "${SIZES[@]}"; do
    log "=== N=$N: starting crowd ($N sleepers + $THREAD_PROCS x $THREADS threads)"
    SIZE_NOTES=()
    ready="$TMPDIR_BENCH/ready.$N"
    t0=$(date +%s.%N)
    "$CROWD_BIN" "$N" "$EVERY" "$THREAD_PROCS" "$THREADS" "$ready" &
    CROWD_PID=$!
    ALL_CROWDS+=("$CROWD_PID")
    deadline=$(( $(date +%s) + 60 + N / 50 ))
    until [ -s "$ready" ]; do
        kill -0 "$CROWD_PID" 2>/dev/null || die "crowd process died before it was ready"
        [ "$(date +%s)" -lt "$deadline" ] || die "crowd not ready in time"
        sleep 0.05
    done
    spawn_s=$(since "$t0")
    in_group=$(ps -e -o pgid= | awk -v g="$CROWD_PID" '$1 == g { c++ } END { print c + 0 }')
    expect=$((N + THREAD_PROCS + 1))
    [ "$in_group" -eq "$expect" ] || die "expected $expect processes in group $CROWD_PID, found $in_group"
    host_procs=$(ps -e --no-headers | wc -l)
    host_tasks=$(ps -eL --no-headers | wc -l)
    host_ns=$(lsns --noheadings | wc -l)
    log "ready in ${spawn_s}s: $in_group crowd processes; host has $host_procs processes, $host_tasks tasks, $host_ns namespaces"

    # The host should be otherwise idle while timing (the crowd only sleeps).
    busy=$(cpu_busy_pct); waited=0
    while [ "$busy" -ge 15 ] && [ "$waited" -lt "$QUIET_WAIT" ]; do
        log "host CPU ${busy}% busy with other work; waiting for it to calm down"
        sleep 8; waited=$((waited + 10)); busy=$(cpu_busy_pct)
    done
    if [ "$busy" -ge 15 ]; then
        msg="N=$N: other CPU load ${busy}% just before timing - results are probably inflated"
        NOTES+=("$msg"); log "WARNING: $msg"; SIZE_NOTES+=("WARNING: $msg")
    fi

    # One untimed trial of every listns command; a failing one is skipped.
    CMDS=("lsns")
    for c in "${LISTNS[@]}"; do
        if [ "$BENCH_SHELL" = none ]; then trial=(timeout "$PRECHECK_TIMEOUT" $c)
        else trial=(timeout "$PRECHECK_TIMEOUT" "$BENCH_SHELL" -c "$c"); fi
        if "${trial[@]}" >/dev/null 2>"$TMPDIR_BENCH/trial.err"; then
            CMDS+=("$c")
        else
            rc=$?
            msg="N=$N: skipped \`$c\`: trial run failed (exit $rc): $(head -c 300 "$TMPDIR_BENCH/trial.err" | tr '\n' ' ')"
            NOTES+=("$msg"); log "NOTE: $msg"
            SIZE_NOTES+=("NOTE: $msg")
        fi
    done
    [ "${#CMDS[@]}" -gt 1 ] || log "NOTE: no listns command to compare - timing lsns only"

    md="$RESULTS_DIR/hyperfine-N$N.md"
    json="$RESULTS_DIR/hyperfine-N$N.json"
    b0=$(cpu_busy_ticks); c0=$(child_ticks); w0=$(date +%s.%N)
    # In the background + `wait`, so that Ctrl-C/TERM reach our trap at once
    # (bash defers traps while a foreground child runs).
    # setpriv --pdeathsig: hyperfine dies with this script even on SIGKILL.
    "${HF_PREFIX[@]}" hyperfine --warmup "$WARMUP" --runs "$RUNS" --shell="$BENCH_SHELL" --output=null \
        --export-markdown "$md" --export-json "$json" "${CMDS[@]}" &
    HF_PID=$!
    wait "$HF_PID" || die "hyperfine failed (see its message above)"
    HF_PID=""
    b1=$(cpu_busy_ticks); c1=$(child_ticks); wall=$(since "$w0")
    # other work during timing, in % of the whole machine (all CPUs)
    foreign=$(awk -v b="$((b1 - b0))" -v c="$((c1 - c0))" -v w="$wall" \
        -v hz="$CLK_TCK" -v n="$(nproc)" 'BEGIN { f = (b - c) / hz; if (f < 0) f = 0
            printf "%.1f CPU-s in %.0f s wall = %d%%\n", f, w, 100 * f / (w * n) }')
    foreign_pct=${foreign##*= }; foreign_pct=${foreign_pct%\%}
    if [ "$foreign_pct" -ge 10 ]; then
        msg="N=$N: other processes used $foreign of the machine while timing - numbers are probably inflated (compare min, or rerun on an idle host)"
        NOTES+=("$msg"); log "WARNING: $msg"; SIZE_NOTES+=("WARNING: $msg")
    else
        log "N=$N: other CPU work during timing: $foreign"
    fi

    # Summary (mean +- sd, ratio lsns/listns) from the JSON export.
    {
        echo
        echo "### N=$N"
        echo
        echo "crowd ready in ${spawn_s} s; at measurement: $host_procs processes, $host_tasks tasks (threads), $host_ns namespaces (\`lsns\` rows); other CPU load just before timing: ${busy}%, during timing: $foreign"
        for note in "${SIZE_NOTES[@]}"; do echo "- $note"; done
        echo
        python3 - "$json" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
base = res[0]["mean"]                       # lsns is always first
print("| command | mean ± sd [s] | min [s] | max [s] | lsns / command |")
print("|:--|--:|--:|--:|--:|")
for r in res:
    ratio = "1 (reference)" if r is res[0] else "%.2f" % (base / r["mean"])
    print("| `%s` | %.4f ± %.4f | %.4f | %.4f | %s |" % (
        r["command"], r["mean"], r["stddev"] or 0.0, r["min"], r["max"], ratio))
PY
        echo
        echo "hyperfine table (\`bench/results/hyperfine-N$N.md\`):"
        echo
        cat "$md"
        if [ "$INTERLEAVED" -gt 0 ]; then
            echo
            echo "the same commands taking turns, $INTERLEAVED rounds (wall time measured by the script):"
            echo
            interleaved_table "$INTERLEAVED"
        fi
        # Where listns's time goes: its own per-discovery timings (--verbose), from one more run.
        if [ -n "$BREAKDOWN_CMD" ]; then
            echo
            echo "cost of each discovery method (\`$BREAKDOWN_CMD -v\`, one run):"
            echo
            echo '```'
            $BREAKDOWN_CMD -v 2>&1 >/dev/null | sed 's/^listns: //'
            echo '```'
        fi
    } >> "$RESULTS_MD"

    log "N=$N: tearing down crowd"
    kill_crowd "$CROWD_PID" || die "crowd $CROWD_PID did not go away"
    CROWD_PID=""
    log "N=$N: teardown took ${LAST_TEARDOWN}s"
done

total=$(since "$SCRIPT_START")
printf '\nwhole script (all sizes, incl. setup/teardown): %.0f s\n' "$total" >> "$RESULTS_MD"
log "done in $(printf '%.0f' "$total") s; summary appended to $RESULTS_MD"
