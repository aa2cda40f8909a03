#!/usr/bin/env python3
"""Edit-to-page latency of `zorgroute serve`, as a coordinator feels it.

  python3 bench/serve_latency.py [--pages 1000] [--edits 20] [--kind body|title|step]
                                 [--via file|editor] [--pause 1.0]

Generates the benchmark corpus (bench/gen_corpus.py, a copy of the shared harness), starts
`target/release/zorgroute serve` on it, then repeatedly saves a procedure file
and polls the served page until the change shows. Prints the median and the
spread of the time from the save to the page showing the change. This is a
measurement script, not a test: nothing here asserts a time.

--via file writes the file as a text editor would (the watcher sees it);
--via editor saves through the preview's editor (POST /_bewerken/api/bestand,
SPEC section 8), which checks, writes and rebuilds before it answers.
"""
import argparse, json, os, re, shutil, statistics, subprocess, sys, tempfile, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GEN = os.path.join(HERE, "gen_corpus.py")


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8", "replace")


def editor_save(url, pad, changes, tekst=None):
    """Saves through the editor as its form does: the version, then the change."""
    current = json.loads(fetch(url + "_bewerken/api/bestand?pad=" + pad))
    token = re.search(r'name="zorgroute-token" content="([^"]+)"', fetch(url)).group(1)
    body = {"pad": pad, "versie": current["versie"], "wijzigingen": changes}
    if tekst is not None:
        body["tekst"] = tekst
    request = urllib.request.Request(url + "_bewerken/api/bestand", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", "X-Zorgroute-Token": token,
                                              "Origin": url.rstrip("/")})
    t0 = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as r:
        assert r.status == 200, r.read()
    return t0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--kind", choices=["body", "title", "step"], default="body")
    ap.add_argument("--via", choices=["file", "editor"], default="file")
    # After the page, serve renders the region-wide files (print view, search
    # index, exports) in ~0.4 s on this corpus; a save that comes sooner waits
    # for them. 1 s is a coordinator who saves and looks; 0.2 s is rapid saves.
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between saves")
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "zorgroute"))
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="zr-serve-bench-")
    try:
        subprocess.run([sys.executable, GEN, "--tool", "zorgroute", "--pages", str(a.pages), "--out", work], check=True)
        server = subprocess.Popen([a.binary, "serve", "--port", "0", "--root", work],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            url = None
            for line in server.stdout:
                m = re.search(r"http://[\d.:]+/", line)
                if m:
                    url = m.group(0)
                    break
            assert url, "serve printed no URL"
            # Keep the pipe drained so serve never blocks on it.
            import threading
            threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()

            path = os.path.join(work, "content", "_standaard", "procedures", "p5.md")
            page = url + "regio-0/procedures/p5/"
            original = open(path).read()
            fetch(page)
            times = []
            for i in range(a.edits):
                marker = f"zrbench{i}x{time.time_ns()}"
                if a.via == "editor":
                    pad = "content/_standaard/procedures/p5.md"
                    if a.kind == "body":
                        body = original.split("---\n", 2)[2]
                        t0 = editor_save(url, pad, [], body + f"\n\nMarker {marker}.\n")
                    elif a.kind == "title":
                        t0 = editor_save(url, pad, [{"pad": "title", "waarde": f"Procedure 5 {marker}"}])
                    else:
                        t0 = editor_save(url, pad, [{"pad": "steps.0.title", "waarde": f"Stap {marker}"}])
                else:
                    if a.kind == "body":
                        text = original + f"\n\nMarker {marker}.\n"
                    elif a.kind == "title":
                        text = original.replace("title: Procedure 5", f"title: Procedure 5 {marker}", 1)
                    else:
                        text = original.replace("  - title: Stap 1", f"  - title: Stap {marker}", 1)
                    t0 = time.perf_counter()
                    with open(path, "w") as f:
                        f.write(text)
                while marker not in fetch(page):
                    time.sleep(0.001)
                times.append((time.perf_counter() - t0) * 1000)
                time.sleep(a.pause)
            times.sort()
            print(f"serve edit-to-page ({a.kind} edit via {a.via}, {a.pages}-page corpus, {a.edits} edits, {a.pause} s apart): "
                  f"median {statistics.median(times):.1f} ms, min {times[0]:.1f}, "
                  f"p90 {times[int(len(times) * 0.9) - 1]:.1f}, max {times[-1]:.1f}")
        finally:
            server.kill()
            server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
