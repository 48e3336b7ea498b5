#!/usr/bin/env python3
"""Load stance HTML pages in headless Chromium through the DevTools protocol (over
--remote-debugging-pipe: file descriptors 3 and 4, NUL-separated JSON; nothing beyond the
standard library) and check them, or just take a screenshot.

    html_browser.py check PAGE.html NQUOTES SCREENSHOT.png [--hostile]
    html_browser.py shot PAGE.html SCREENSHOT.png [WIDTH]

check: the page loads with no console error, no exception and no dialog; the number of
highlighted quote elements in the DOM (mark.q that are not continuation pieces) is NQUOTES
and so is the number of cards; with --hostile also: no <script> or <img> element exists,
the title was not rewritten, the article's "<script>" shows as text. Exit 0 pass, 1 fail,
77 no browser.
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--mute-audio",
         "--remote-debugging-pipe"]


def find_browser():
    env = os.environ.get("CHROMIUM")
    if env:
        return env if shutil.which(env) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        p = shutil.which(name)
        if p:
            return p
    return None


class Browser:
    def __init__(self, exe, width=1200, height=900):
        self.profile = tempfile.mkdtemp(prefix="stance-chromium.")
        r_to_us, w_from_browser = os.pipe()   # browser writes on its fd 4
        r_browser, w_to_browser = os.pipe()   # browser reads on its fd 3

        def child_fds():
            # the two ends may already sit on 3 or 4: move both out of the way first
            a, b = os.dup(r_browser), os.dup(w_from_browser)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.close(a)
            os.close(b)

        self.proc = subprocess.Popen(
            [exe] + FLAGS + ["--user-data-dir=" + self.profile, "--window-size=%d,%d" % (width, height),
                             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, close_fds=False)
        os.close(r_browser)
        os.close(w_from_browser)
        self.rd, self.wr = r_to_us, w_to_browser
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read_msg(self, deadline):
        while b"\0" not in self.buf:
            if time.time() > deadline:
                raise TimeoutError("browser did not answer")
            chunk = os.read(self.rd, 65536)
            if not chunk:
                raise EOFError("browser closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.wr, json.dumps(msg).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            m = self._read_msg(deadline)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, timeout=30):
        deadline = time.time() + timeout
        for i, m in enumerate(self.events):
            if m.get("method") == method:
                return self.events.pop(i)
        while True:
            m = self._read_msg(deadline)
            if m.get("method") == method:
                return m
            self.events.append(m)

    def open(self, url):
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")
        time.sleep(0.3)  # let late console messages arrive
        self.call("Runtime.evaluate", {"expression": "1"})  # drains pending events into self.events

    def eval(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError("evaluate %s: %s" % (expr, r["exceptionDetails"]))
        return r["result"].get("value")

    def screenshot(self, path):
        h = self.eval("Math.ceil(document.documentElement.scrollHeight)")
        w = self.eval("Math.ceil(document.documentElement.scrollWidth)")
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                    "clip": {"x": 0, "y": 0, "width": w, "height": min(h, 4000),
                                                             "scale": 1}})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.rd)
        os.close(self.wr)
        shutil.rmtree(self.profile, ignore_errors=True)


def problems(events):
    """Console errors, exceptions and dialogs among the events."""
    out = []
    for m in events:
        meth, p = m.get("method"), m.get("params", {})
        if meth == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
            out.append("console %s: %s" % (p["type"], [a.get("value") for a in p.get("args", [])]))
        elif meth == "Runtime.exceptionThrown":
            out.append("exception: %s" % p.get("exceptionDetails", {}).get("text"))
        elif meth == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
            out.append("log %s: %s" % (p["entry"]["level"], p["entry"].get("text")))
        elif meth == "Page.javascriptDialogOpening":
            out.append("dialog opened: %s" % p.get("message"))
    return out


# Pairs of overlapping boxes in each svg.graph: edge labels (".e text") with each other and
# with node boxes (".n rect"), as the browser rendered them (1 px of slack for antialiasing).
GRAPH_OVERLAPS = """(() => {
  const out = [];
  const hit = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  for (const g of document.querySelectorAll('svg.graph')) {
    const labels = Array.from(g.querySelectorAll('.e text')).map(t => [t.textContent, t.getBoundingClientRect()]);
    const nodes = Array.from(g.querySelectorAll('.n rect')).map(r => r.getBoundingClientRect());
    labels.forEach(([s, r], i) => {
      labels.slice(i + 1).forEach(([s2, r2]) => { if (hit(r, r2)) out.push(s + ' / ' + s2); });
      nodes.forEach(n => { if (hit(r, n)) out.push(s + ' / a node'); });
    });
  }
  return out;
})()"""


def main(argv):
    exe = find_browser()
    if not exe:
        print("SKIP: no Chromium (apt-get install chromium, or set CHROMIUM=path)")
        return 77
    mode = argv[1]
    page = os.path.abspath(argv[2])
    if mode == "shot":
        b = Browser(exe, width=int(argv[4]) if len(argv) > 4 else 1200)
        try:
            b.open("file://" + page)
            b.screenshot(argv[3])
        finally:
            b.close()
        return 0
    nq, png, hostile = int(argv[3]), argv[4], "--hostile" in argv
    fails = []
    b = Browser(exe)
    try:
        b.open("file://" + page)
        got = b.eval("document.querySelectorAll('mark.q:not(.cont)').length")
        if got != nq:
            fails.append("%d highlighted quote elements, want %d" % (got, nq))
        cards = b.eval("document.querySelectorAll('li.card').length")
        if cards != nq:
            fails.append("%d quote cards, want %d" % (cards, nq))
        links = b.eval("Array.from(document.querySelectorAll('mark.q:not(.cont) a.qn')).filter("
                       "a => document.querySelector(a.getAttribute('href'))).length")
        if links != nq:
            fails.append("%d quote numbers link to a card, want %d" % (links, nq))
        if b.eval("document.querySelectorAll('svg.graph').length") < 1:
            fails.append("no graph")
        # the graph's labels as laid out: no edge label on another one or on a node box
        clash = b.eval(GRAPH_OVERLAPS)
        if clash:
            fails.append("graph labels overlap: %s" % "; ".join(clash[:5]))
        if hostile:
            if b.eval("document.scripts.length") != 0:
                fails.append("a <script> element exists")
            if b.eval("document.images.length") != 0:
                fails.append("an <img> element exists")
            if "pwned" in b.eval("document.title"):
                fails.append("the article's script ran (title rewritten)")
            if b.eval("document.querySelector('.text').textContent.indexOf('<script>alert(1)</script>')") < 0:
                fails.append("the article's <script> does not show as text")
            if b.eval("document.querySelectorAll('[onmouseover],[onclick],[onerror]').length") != 0:
                fails.append("an event-handler attribute exists")
        b.screenshot(png)
        fails += problems(b.events)
    finally:
        b.close()
    for f in fails:
        print("FAIL: %s: %s" % (os.path.basename(page), f))
    if not fails:
        print("ok: %s: %d quotes highlighted, no console errors; screenshot %s" % (os.path.basename(page), nq, png))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
