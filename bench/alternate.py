#!/usr/bin/env python3
"""Runs commands in alternation (round 1: A B C, round 2: A B C, ...) so that load changes on a shared machine hit
every command alike, and reports per command the median wall time and the median CPU time (user+sys of the command
and its children, from wait4), plus ratios to a reference command computed per round and then the median taken.

usage: alternate.py ROUNDS OUT.json NAME1 CMD1 [NAME2 CMD2 ...]
  A CMD may start with 'prepare:<shell>;;' to run <shell> (untimed) before each timed run.
Prints one markdown table; ratios are to the first command."""
import json, os, statistics, subprocess, sys, time

def run(cmd):
    prepare = None
    if cmd.startswith("prepare:"):
        prepare, cmd = cmd[len("prepare:"):].split(";;", 1)
        subprocess.run(prepare, shell=True, check=True)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code not in (0,):
        sys.exit(f"command failed ({code}): {cmd}")
    return wall, ru.ru_utime + ru.ru_stime

def main():
    rounds, out = int(sys.argv[1]), sys.argv[2]
    pairs = list(zip(sys.argv[3::2], sys.argv[4::2]))
    walls = {n: [] for n, _ in pairs}; cpus = {n: [] for n, _ in pairs}
    for name, cmd in pairs:  # warm-up: page cache, first-run effects
        run(cmd)
    for _ in range(rounds):
        for name, cmd in pairs:
            w, c = run(cmd)
            walls[name].append(w); cpus[name].append(c)
    ref = pairs[0][0]
    rows = []
    for name, _ in pairs:
        ratio = statistics.median(w / r for w, r in zip(walls[name], walls[ref]))
        rows.append({"name": name, "wall_median": statistics.median(walls[name]), "wall_min": min(walls[name]),
                     "cpu_median": statistics.median(cpus[name]), "ratio_to_first": ratio, "walls": walls[name], "cpus": cpus[name]})
    json.dump({"rounds": rounds, "rows": rows}, open(out, "w"), indent=1)
    print(f"| command ({rounds} alternating rounds) | median wall s | min wall s | median CPU s (user+sys) | wall ratio to first (median of per-round ratios) |")
    print("| --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['name']} | {r['wall_median']:.3f} | {r['wall_min']:.3f} | {r['cpu_median']:.3f} | {r['ratio_to_first']:.2f} |")

if __name__ == "__main__":
    main()
