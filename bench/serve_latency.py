#!/usr/bin/env python3
"""Edit-to-page latency of `zorgroute serve`, as a coordinator feels it.

  python3 bench/serve_latency.py [--pages 1000] [--edits 20]
                                 [--kind body|title|step|route|region|glossary]
                                 [--via file|editor] [--pause 1.0]

Generates the benchmark corpus (bench/gen_corpus.py, a copy of the shared harness),
adds a route of five of its procedures and a glossary of 40 terms to the
standard (the corpus has neither), starts `target/release/zorgroute serve` on
it, then repeatedly saves one file and polls the page that shows the change
until it does: a procedure's body, title or first step (its page), the
route's title (the route's page), the region's name in region.yaml (the
region's home page) or a glossary term's definition (the glossary page). Prints the median and the
spread of the time from the save to the page showing the change. This is a
measurement script, not a test: nothing here asserts a time.

--via file writes the file as a text editor would (the watcher sees it);
--via editor saves through the preview's editor (POST /_bewerken/api/bestand,
SPEC section 8), which checks, writes and rebuilds before it answers.

--wait sse (the default) waits as a browser does: for the preview's
live-reload event naming the page (/_zorgroute/events), then fetches the page
over a kept-alive connection and checks it shows the change (if not, it
waits for the next event). --wait poll fetches the page every millisecond,
each time over a new connection, until it shows the change: the way earlier
figures were measured, which keeps a core of the two busy with the client.
"""
import argparse, http.client, json, os, queue, re, shutil, statistics, subprocess, sys, tempfile, threading, time, urllib.parse, urllib.request

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


class Edit:
    """One kind of edit: the file, the page that shows it, and the change
    made by hand (the whole new text) and through the editor (its changes
    and, for a body, the new body)."""

    def __init__(self, file, page, by_file, by_editor):
        self.file, self.page, self.by_file, self.by_editor = file, page, by_file, by_editor


def body_of(text):
    return text.split("---\n", 2)[2]


PROCEDURE = "content/_standaard/procedures/p5.md"
ROUTE = "content/_standaard/routes/bench-route.yaml"
GLOSSARY = "content/_standaard/glossary.yaml"
REGION = "content/regio-0/region.yaml"

def field(file, page, line, pad, value):
    """An edit of one YAML value, which `line` of the file holds: the marker
    goes after it, by hand or through the editor's `pad`."""
    return Edit(file, page,
                lambda t, m: t.replace(line, f"{line} {m}", 1),
                lambda t, m: ([{"pad": pad, "waarde": f"{value} {m}"}],))


EDITS = {
    "body": Edit(PROCEDURE, "regio-0/procedures/p5/",
                 lambda t, m: t + f"\n\nMarker {m}.\n",
                 lambda t, m: ([], body_of(t) + f"\n\nMarker {m}.\n")),
    "title": field(PROCEDURE, "regio-0/procedures/p5/", "title: Procedure 5", "title", "Procedure 5"),
    "step": field(PROCEDURE, "regio-0/procedures/p5/", "  - title: Stap 1", "steps.0.title", "Stap 1"),
    "route": field(ROUTE, "regio-0/routes/bench-route/", "title: Van signaal tot besluit", "title",
                   "Van signaal tot besluit"),
    "region": field(REGION, "regio-0/", "name: Regio 0", "name", "Regio 0"),
    "glossary": field(GLOSSARY, "regio-0/begrippen/", "definition: Begrip 7 in de zorgroute.", "7.definition",
                      "Begrip 7 in de zorgroute."),
}


class Events:
    """The preview's live-reload events, read on a thread of their own as a
    browser's EventSource does: each `changed` event's site paths, queued."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        self.conn.request("GET", "/_zorgroute/events", headers={"Accept": "text/event-stream"})
        self.stream = self.conn.getresponse()
        self.queue = queue.Queue()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        event, data = None, []
        for raw in self.stream:
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip())
            elif not line:
                if event == "changed":
                    self.queue.put(set(data))
                event, data = None, []

    def wait_for(self, path, timeout=5.0):
        """Until an event names `path` (or every page); False on timeout."""
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            try:
                paths = self.queue.get(timeout=left)
            except queue.Empty:
                return False
            if path in paths or "*" in paths:
                return True

    def drain(self):
        while not self.queue.empty():
            self.queue.get_nowait()


class Page:
    """One page fetched again and again over one kept-alive connection."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = parts.hostname, parts.port, parts.path
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=10)

    def shows(self, marker):
        """Whether the page shows `marker` (looked for in its bytes: decoding
        a large region's home page took the client 3 ms)."""
        try:
            self.conn.request("GET", self.path)
            body = self.conn.getresponse().read()
        except (http.client.HTTPException, OSError):
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
            self.conn.request("GET", self.path)
            body = self.conn.getresponse().read()
        return marker.encode() in body


def add_route_and_glossary(work):
    """A route through five procedures and a glossary, in the standard."""
    os.makedirs(os.path.join(work, os.path.dirname(ROUTE)), exist_ok=True)
    with open(os.path.join(work, ROUTE), "w") as f:
        f.write("title: Van signaal tot besluit\n"
                "summary: Een route door vijf procedures van de standaard.\n"
                "steps:\n" + "".join(f"  - procedure: p{i}\n    when: Stap {i} is gezet\n" for i in range(5, 10)))
    with open(os.path.join(work, GLOSSARY), "w") as f:
        for i in range(40):
            f.write(f"- id: begrip-{i}\n  term: Begrip {i}\n  definition: Begrip {i} in de zorgroute.\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--kind", choices=list(EDITS), default="body")
    ap.add_argument("--via", choices=["file", "editor"], default="file")
    # After the page, serve renders the region-wide files (print view, search
    # index, exports) in ~0.4 s on this corpus; a save that comes sooner waits
    # for them. 1 s is a coordinator who saves and looks; 0.2 s is rapid saves.
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between saves")
    ap.add_argument("--wait", choices=["sse", "poll"], default="sse",
                    help="how the client learns the page changed: as a browser does, or by polling")
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "zorgroute"))
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="zr-serve-bench-")
    try:
        subprocess.run([sys.executable, GEN, "--tool", "zorgroute", "--pages", str(a.pages), "--out", work], check=True)
        add_route_and_glossary(work)
        # ZR_SERVE_LOG=file keeps what serve says on stderr, to look at.
        log = open(os.environ["ZR_SERVE_LOG"], "w") if os.environ.get("ZR_SERVE_LOG") else subprocess.DEVNULL
        server = subprocess.Popen([a.binary, "serve", "--port", "0", "--root", work],
                                  stdout=subprocess.PIPE, stderr=log, text=True)
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

            edit = EDITS[a.kind]
            path = os.path.join(work, edit.file)
            page = url + edit.page
            site_path = edit.page + "index.html"
            original = open(path).read()
            fetch(page)
            events = Events(url) if a.wait == "sse" else None
            shown = Page(page)
            times = []
            for i in range(a.edits):
                if events:
                    events.drain()
                marker = f"zrbench{i}x{time.time_ns()}"
                if a.via == "editor":
                    t0 = editor_save(url, edit.file, *edit.by_editor(original, marker))
                else:
                    text = edit.by_file(original, marker)
                    assert text != original, f"the {a.kind} edit changed nothing in {edit.file}"
                    t0 = time.perf_counter()
                    with open(path, "w") as f:
                        f.write(text)
                if events:
                    while not (events.wait_for(site_path) and shown.shows(marker)):
                        assert time.perf_counter() - t0 < 60, f"{a.kind}: the page never showed the edit"
                else:
                    while marker not in fetch(page):
                        time.sleep(0.001)
                times.append((time.perf_counter() - t0) * 1000)
                time.sleep(a.pause)
            times.sort()
            print(f"serve edit-to-page ({a.kind} edit via {a.via}, waiting by {a.wait}, {a.pages}-page corpus, {a.edits} edits, {a.pause} s apart): "
                  f"median {statistics.median(times):.1f} ms, min {times[0]:.1f}, "
                  f"p90 {times[int(len(times) * 0.9) - 1]:.1f}, max {times[-1]:.1f}")
        finally:
            server.kill()
            server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
