#!/usr/bin/env bash
# memwatch.sh PID OUT STOPFILE [PERFDATA [PERF_HZ]]
# Started in the background by a measured psql session (via \!) right after it
# learnt its backend pid.  Samples /proc/PID/status every 20 ms until STOPFILE
# appears, then writes one line to OUT:
#   <peak RssAnon kB> <VmHWM kB> <RssShmem kB>
# VmHWM is the kernel's peak resident set of the backend.  It also counts the
# shared_buffers pages the backend touched (RssShmem), which grows with the
# table, not with the algorithm; the peak of RssAnon (palloc/malloc memory,
# private to the backend) is the figure that shows what an aggregate holds.
# With PERFDATA, also runs `perf record -g -F PERF_HZ` (default 997) on the
# backend meanwhile.
pid=$1 out=$2 stop=$3 perfdata=${4:-} hz=${5:-997}
peak=0
perfpid=
if [ -n "$perfdata" ] && command -v perf >/dev/null; then
    perf record -q -F "$hz" -g -p "$pid" -o "$perfdata" >/dev/null 2>&1 &
    perfpid=$!
fi
# A sleep without forking a process 50 times a second: read with a timeout
# from a descriptor that never delivers.
exec {never}<> <(:)
while [ ! -e "$stop" ] && [ -r "/proc/$pid/status" ]; do
    while read -r k v _; do
        if [ "$k" = RssAnon: ]; then
            [ "$v" -gt "$peak" ] && peak=$v
            break
        fi
    done <"/proc/$pid/status" 2>/dev/null
    read -r -t 0.02 -u "$never" _ || true
done
hwm=0 shm=0
if [ -r "/proc/$pid/status" ]; then
    while read -r k v _; do
        case $k in
            VmHWM:) hwm=$v ;;
            RssShmem:) shm=$v ;;
            RssAnon:) [ "$v" -gt "$peak" ] && peak=$v ;;
        esac
    done <"/proc/$pid/status"
fi
if [ -n "$perfpid" ]; then
    kill -INT "$perfpid" 2>/dev/null || true
    wait "$perfpid" 2>/dev/null || true
fi
echo "$peak $hwm $shm" >"$out.tmp" && mv "$out.tmp" "$out"
