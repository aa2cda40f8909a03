#!/usr/bin/env python3
"""Editions cost: a build of the example with five earlier editions against
one without, cold (no cache) and warm (the editions cache of the last build).

Usage: editions.py [-n RUNS] [--bin target/release/zorgroute]

Makes two projects in a temporary folder from the example's content/: one
whose site.yaml lists no earlier edition, one listing five `path:` editions,
each a copy of the content with one time limit changed (so every pair of
editions differs). Times `build` of each with bench/timeit.py and prints the
medians and the warm ratio. Goal (issue "Editions"): warm under 1.5x.
"""
import argparse
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent


def project(base: pathlib.Path, editions: int) -> pathlib.Path:
    dest = base / f"editions-{editions}"
    shutil.copytree(ROOT / "content", dest / "content")
    site = (dest / "content/site.yaml").read_text()
    site = site[: site.index("editions:")] if "editions:" in site else site
    if editions:
        site += "editions:\n"
        for i in range(1, editions + 1):
            folder = dest / f"archief/e{i}"
            shutil.copytree(ROOT / "content", folder / "content")
            proc = folder / "content/_standaard/procedures/tlv-aanvraag.md"
            proc.write_text(re.sub(r"within: 6 weken", f"within: {6 + i} weken", proc.read_text(), count=1))
            site += f"  - name: e{i}\n    path: archief/e{i}\n"
    (dest / "content/site.yaml").write_text(site)
    return dest


def median_ms(binary: str, root: pathlib.Path, runs: int, warm: bool) -> float:
    out = root / "public"
    cmd = [binary, "build", "--root", str(root), "--out", str(out)]
    if not warm:
        # Cold: no output, so no cache and no spare to write over.
        cmd = ["sh", "-c", f'rm -rf "{out}" "{root}/.public.zorgroute-spare" && exec "$@"', "sh", *cmd]
    result = subprocess.run(
        [sys.executable, str(HERE / "timeit.py"), "-n", str(runs), "--warmup", "2" if warm else "0", "--json", "--", *cmd],
        check=True, capture_output=True, text=True,
    )
    return json.loads(result.stdout)["wall"]["median"] * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", "--runs", type=int, default=10)
    ap.add_argument("--bin", default=str(ROOT / "target/release/zorgroute"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = pathlib.Path(tmp)
        none, five = project(base, 0), project(base, 5)
        rows = {
            "no editions, warm": median_ms(args.bin, none, args.runs, True),
            "5 editions, cold": median_ms(args.bin, five, args.runs, False),
            "5 editions, warm": median_ms(args.bin, five, args.runs, True),
        }
    for name, ms in rows.items():
        print(f"{name:20} {ms:7.1f} ms")
    ratio = rows["5 editions, warm"] / rows["no editions, warm"]
    print(f"warm ratio           {ratio:7.2f}x (goal: under 1.5x)")


if __name__ == "__main__":
    main()
