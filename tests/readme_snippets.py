"""Run the ```python blocks of the READMEs (called by tests/check-readme-snippets.sh).

Each block runs in a fresh interpreter (cwd: a scratch directory, STANCE_MODEL:
the shipped model) after a prelude that defines the names the READMEs leave to
the reader: `text` (examples/article.txt), `texts`, `names`, `model` (an open
stance.Model()), `result` (model.classify(text, explain=3)), and the files
in.jsonl / out.jsonl (the article as a CLI record and its classification).
A block whose marker says `norun` is only compiled (syntax, names are not
checked) and listed. A marker `outputs=N,M` names block lines (1-based) that are
print() calls whose trailing comment is what they print: an optional leading
"the shipped model: " is dropped, words must be equal and every number must
equal the printed one rounded to the digits the comment shows (the model is
deterministic, so no tolerance). Every such line must print at least once and
every time as its comment says.
"""
import argparse
import json
import os
import re
import subprocess
import sys

MARK = re.compile(r"<!--\s*snippet:\s*(.*?)\s*-->")
NUM = re.compile(r"-?\d+\.\d+|-?\d+")
LABEL = re.compile(r"^the (shipped|tiny) model:\s*")

PRELUDE = r'''
import json, sys
import stance
__snip_out = {}
def __snip_print(__line, *args, **kw):
    import io
    buf = io.StringIO()
    print(*args, file=buf, **{k: v for k, v in kw.items() if k != "file"})
    __snip_out.setdefault(__line, []).append(buf.getvalue().rstrip("\n"))
    print(*args, **kw)
text = open(%(article)r, encoding="utf-8").read()
texts = [text, '"Acme Corp has let this town down," Maria Lopez said.']
names = ["article", "acme"]
model = stance.Model()
result = model.classify(text, explain=3)
with open("in.jsonl", "w", encoding="utf-8") as __f:
    __f.write(json.dumps({"id": "article", "text": text}) + "\n")
stance.jsonl.classify_file(model, "in.jsonl", "out.jsonl")
'''

EPILOGUE = r'''
with open("snippet-prints.json", "w") as __f:
    json.dump(__snip_out, __f)
'''


def blocks(path):
    """Yield (fence line number, marker text or None, [lines]) per ```python block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    prev, i = None, 0
    while i < len(lines):
        line = lines[i]
        if re.match(r"^```python\s*$", line):
            start, body = i + 1, []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            m = MARK.search(prev or "")
            yield start, (m.group(1) if m else None), body
        elif line.strip():
            prev = line
        i += 1


def parse_marker(marker):
    norun, outputs = None, []
    if not marker:
        return norun, outputs
    if marker.startswith("norun"):
        norun = marker[len("norun"):].strip() or "norun"
    for m in re.finditer(r"outputs=([\d,]+)", marker):
        outputs += [int(n) for n in m.group(1).split(",") if n]
    return norun, outputs


def split_comment(line):
    """The code and the trailing comment of a line ('#' outside string literals)."""
    quote = None
    for k, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#":
            return line[:k], line[k + 1:].strip()
    return line, None


def matches(expected, got):
    """Words equal; numbers equal at the precision the README shows."""
    expected = LABEL.sub("", expected)
    ew, gw = NUM.split(expected), NUM.split(got)
    en, gn = NUM.findall(expected), NUM.findall(got)
    if len(en) != len(gn) or [w.split() for w in ew] != [w.split() for w in gw]:
        return False
    for e, g in zip(en, gn):
        digits = len(e.split(".")[1]) if "." in e else 0
        if "." not in e and "." in g:
            return False
        if round(float(g), digits) != float(e):
            return False
    return True


def run_block(args, where, readme, start, norun, outputs, body, tag):
    src = list(body)
    for n in outputs:
        if not 1 <= n <= len(src):
            return "marker outputs=%d: the block has %d lines" % (n, len(src))
        code, comment = split_comment(src[n - 1])
        if "print(" not in code or not comment:
            return "marker outputs=%d: line %d is not a print() with a trailing comment: %s" % (n, n, src[n - 1].strip())
        src[n - 1] = code.replace("print(", "__snip_print(%d, " % n, 1)
    code = "\n".join(src) + "\n"
    try:
        compile(code, where, "exec")
    except SyntaxError as e:
        return "does not compile: %s" % e
    if norun:
        print("syntax-checked, not run (%s): %s" % (norun, where))
        return None
    wd = os.path.join(args.workdir, tag)
    os.makedirs(wd, exist_ok=True)
    # The block's own lines keep their README line numbers in tracebacks.
    prog = (PRELUDE % {"article": args.article}) + "\n" + code + EPILOGUE
    with open(os.path.join(wd, "snippet.py"), "w", encoding="utf-8") as f:
        f.write(prog)
    env = dict(os.environ, STANCE_MODEL=args.model)
    p = subprocess.run([sys.executable, "snippet.py"], cwd=wd, env=env, capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        # Traceback lines of the block name its README line.
        base = (PRELUDE % {"article": args.article}).count("\n") + 1
        err = re.sub(r'File "[^"]*snippet\.py", line (\d+)',
                     lambda m: 'File "%s", line %d' % (readme, start + int(m.group(1)) - base), p.stderr)
        return "exited %d:\n%s%s" % (p.returncode, p.stdout, err)
    if not p.stdout.strip() and "print(" in code:
        return "printed nothing"
    with open(os.path.join(wd, "snippet-prints.json")) as f:
        prints = json.load(f)
    for n in outputs:
        expected = split_comment(body[n - 1])[1]
        got = prints.get(str(n), [])
        if not got:
            return "line %d never printed (expected: %s)" % (n, expected)
        for g in got:
            if not matches(expected, g):
                return "line %d prints\n    %s\n  the README says\n    %s" % (n, g, expected)
    out = p.stdout.strip().split("\n") if p.stdout.strip() else []
    print("ok: %s run, %d print line(s) checked against their comment; %d output line(s)%s"
          % (where, len(outputs), len(out), "".join("\n    " + o for o in out[:6])))
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--article", required=True)
    ap.add_argument("--workdir", required=True)
    ap.add_argument("readmes", nargs="+")
    args = ap.parse_args()
    failed, count = 0, 0
    for path in args.readmes:
        for start, marker, body in blocks(path):
            count += 1
            where = "%s:%d (```python)" % (os.path.relpath(path), start)
            norun, outputs = parse_marker(marker)
            err = run_block(args, where, os.path.relpath(path), start, norun, outputs, body, "py-%d" % count)
            if err:
                print("FAIL: %s %s" % (where, err))
                failed += 1
    if count == 0:
        print("FAIL: no ```python block found")
        return 1
    print("%d Python block(s), %d failed" % (count, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
