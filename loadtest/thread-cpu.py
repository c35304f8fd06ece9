#!/usr/bin/env python3
"""CPU by thread group of running JVMs, from /proc: where a node's core goes, without an agent.

Usage: loadtest/thread-cpu.py SECONDS PID [PID ...]
Names threads by jcmd where it runs; samples every thread's utime+stime at the start and the end of the window and prints, per
process and in total, the share of one core each thread group used (digits in thread names
folded, so "hz.x.partition-operation.thread-0" and "-1" are one group). Bounded by SECONDS.
"""
import collections, os, re, subprocess, sys, time

HZ = os.sysconf("SC_CLK_TCK")


def java_names(pid):
    """Full thread names from jcmd (the kernel keeps only 15 characters), by thread id."""
    try:
        dump = subprocess.run(["jcmd", pid, "Thread.print"], capture_output=True, text=True,
                              timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {}
    return {str(int(m.group(2), 16)): m.group(1)
            for m in re.finditer(r'^"(.*?)" .*? nid=0x([0-9a-f]+)', dump, re.M)}


def sample(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                s = f.read()
            name = s[s.index("(") + 1:s.rindex(")")]
            fields = s[s.rindex(")") + 2:].split()
            out[tid] = (name, int(fields[11]) + int(fields[12]))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
    return out


def group(name):
    return re.sub(r"\d+", "#", name)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    secs, pids = float(sys.argv[1]), sys.argv[2:]
    names = {p: java_names(p) for p in pids}
    before = {p: sample(p) for p in pids}
    t0 = time.monotonic()
    time.sleep(secs)
    after = {p: sample(p) for p in pids}
    wall = time.monotonic() - t0
    total = collections.Counter()
    for p in pids:
        per = collections.Counter()
        for tid, (name, ticks) in after[p].items():
            start = before[p].get(tid, (name, 0))[1]
            per[group(names[p].get(tid, name))] += ticks - start
        total.update(per)
        cpu = sum(per.values()) / HZ / wall * 100
        print(f"pid {p}: {cpu:.1f}% of a core over {wall:.1f} s")
        for g, t in per.most_common(12):
            if t:
                print(f"  {t / HZ / wall * 100:6.1f}%  {g}")
    if len(pids) > 1:
        print(f"all: {sum(total.values()) / HZ / wall * 100:.1f}% of a core")


if __name__ == "__main__":
    main()
