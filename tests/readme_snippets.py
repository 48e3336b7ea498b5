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

With --schema OUTPUT.json it checks the READMEs' ```json blocks marked
`schema` against the CLI's real output instead (see check_schema()).
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


def fenced(path, lang):
    """Yield (fence line number, marker text or None, [lines]) per ```LANG block; the marker is the
    `<!-- snippet: ... -->` comment on the last non-blank line before the fence."""
    lines = open(path, encoding="utf-8").read().split("\n")
    prev, i = None, 0
    while i < len(lines):
        line = lines[i]
        if re.match(r"^```" + lang + r"\s*$", line):
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


def blocks(path):
    """Yield (fence line number, marker text or None, [lines]) per ```python block."""
    return fenced(path, "python")


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


# ---- the README's JSON example against the CLI's real output (--schema) -------------------------
# A ```json block whose marker says `schema` shows the output of a command: it must have the real
# output's shape. Objects: the same keys (order aside) at the same nesting, in every real object at
# that place. Values: the same type (a README integer wants an integer, a README real any number;
# a README null stands for a value the example does not show: any scalar or null; a real null is
# allowed where the README shows a value, as long as one real value there is not null). A string
# "a|b|c" of words lists the values allowed there. An array's elements have the shape of each
# README element; "..." as the last element means "more like these". The numbers are not compared.
ELLIPSIS = re.compile(r",\s*\.\.\.\s*(?=[\]}])")
ENUM = re.compile(r"^[a-z][a-z-]*(\|[a-z][a-z-]*)+$")


def schema_blocks(path):
    """Yield (fence line number, text) per ```json block marked `schema`."""
    for start, marker, body in fenced(path, "json"):
        if marker and marker.split()[0] == "schema":
            yield start, "\n".join(body)


def kind(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    return {float: "number", str: "string", list: "array", dict: "object"}[type(v)]


def shape_errors(doc, reals, path, errs):
    """Append to @errs where the real values @reals (all found at @path) differ from @doc's shape."""
    vals = [v for v in reals if v is not None]
    if doc is None:
        errs += ["%s: the README shows null, the output has %s" % (path, kind(v)) for v in vals
                 if isinstance(v, (list, dict))][:1]
        return
    if not vals:
        errs.append("%s: the README shows %s, the output has no such value (%s)"
                    % (path, kind(doc), "only null" if reals else "never there"))
        return
    want = kind(doc)
    for v in vals:
        got = kind(v)
        if got != want and not (want == "number" and got == "integer"):
            errs.append("%s: the README shows %s, the output has %s (%s)" % (path, want, got, json.dumps(v)[:60]))
            return
    if want == "string" and ENUM.match(doc):
        allowed = doc.split("|")
        for v in sorted(set(vals) - set(allowed)):
            errs.append("%s: the output has \"%s\", the README lists %s" % (path, v, doc))
    elif want == "object":
        for v in vals:
            if set(v) != set(doc):
                errs.append("%s: keys only in the README: %s; only in the output: %s"
                            % (path or "(top)", sorted(set(doc) - set(v)) or "none", sorted(set(v) - set(doc)) or "none"))
                return
        for k in doc:
            shape_errors(doc[k], [v[k] for v in vals], "%s.%s" % (path, k) if path else k, errs)
    elif want == "array":
        elems = [e for v in vals for e in v]
        if doc and not elems:
            errs.append("%s: the README shows elements, the output's arrays are all empty" % path)
            return
        for d in doc:
            shape_errors(d, elems, path + "[]", errs)


def check_schema(readmes, output):
    """0 when every ```json block marked `schema` has the shape of @output (one JSON value a line)."""
    reals = [json.loads(line) for line in open(output, encoding="utf-8") if line.strip()]
    count, failed = 0, 0
    for path in readmes:
        for start, text in schema_blocks(path):
            count += 1
            where = "%s:%d (```json)" % (os.path.relpath(path), start)
            try:
                doc = json.loads(ELLIPSIS.sub("", text))
            except ValueError as e:
                print("FAIL: %s is not JSON (with \"...\" as a last element dropped): %s" % (where, e))
                failed += 1
                continue
            errs = []
            shape_errors(doc, reals, "", errs)
            for e in errs:
                print("FAIL: %s %s" % (where, e))
            failed += bool(errs)
            if not errs:
                print("ok: %s has the shape of %s's %d record(s)" % (where, os.path.basename(output), len(reals)))
    if count == 0:
        print("FAIL: no ```json block marked <!-- snippet: schema ... --> in %s" % ", ".join(readmes))
        return 1
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model")
    ap.add_argument("--article")
    ap.add_argument("--workdir")
    ap.add_argument("--schema", metavar="OUTPUT.json",
                    help="only check the READMEs' ```json blocks marked `schema` against this output")
    ap.add_argument("readmes", nargs="+")
    args = ap.parse_args()
    if args.schema:
        return check_schema(args.readmes, args.schema)
    if not (args.model and args.article and args.workdir):
        ap.error("--model, --article and --workdir are needed to run the Python blocks")
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
