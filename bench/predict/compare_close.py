#!/usr/bin/env python3
"""compare_close.py A B TOL NAME: two JSONL outputs of stance, line by line, the same except numbers
(floats) that may differ by at most TOL absolute; strings (labels, ids, heads), keys, booleans and
list lengths must be equal. Prints one summary line; exit 0 when close, 1 when not."""
import json, sys

def walk(a, b, path, st):
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None or isinstance(a, str) or isinstance(b, str):
        if a != b:
            st["other"].append(f"{path}: {a!r} != {b!r}")
        return
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        d = abs(float(a) - float(b))
        st["numbers"] += 1
        if d > 0:
            st["differ"] += 1
        if d > st["max"]:
            st["max"], st["where"] = d, f"{path}: {a} vs {b}"
        return
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            st["other"].append(f"{path}: keys {list(a)} != {list(b)}")
            return
        for k in a:
            walk(a[k], b[k], f"{path}.{k}", st)
        return
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]", st)
        return
    st["other"].append(f"{path}: {a!r} != {b!r}")

def main():
    fa, fb, tol, name = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
    la, lb = open(fa).read().splitlines(), open(fb).read().splitlines()
    st = {"numbers": 0, "differ": 0, "max": 0.0, "where": "", "other": []}
    if len(la) != len(lb):
        st["other"].append(f"{len(la)} lines != {len(lb)} lines")
    for i, (x, y) in enumerate(zip(la, lb)):
        if x == y:
            try:
                st["numbers"] += sum(1 for _ in numbers(json.loads(x)))
            except ValueError:
                pass
            continue
        try:
            walk(json.loads(x), json.loads(y), f"line {i + 1}", st)
        except ValueError:
            st["other"].append(f"line {i + 1}: not the same and not JSON")
    ok = not st["other"] and st["max"] <= tol * (1 + 1e-9)
    print(f"{'close' if ok else 'NOT CLOSE'}: {name}: {len(la)} lines, {st['numbers']} numbers, "
          f"{st['differ']} differ, max |diff| {st['max']:.3g}" + (f" ({st['where']})" if st["max"] else ""))
    for o in st["other"][:5]:
        print("   ", o)
    return 0 if ok else 1

def numbers(v):
    if isinstance(v, bool) or v is None or isinstance(v, str):
        return
    if isinstance(v, (int, float)):
        yield v
    elif isinstance(v, dict):
        for x in v.values():
            yield from numbers(x)
    elif isinstance(v, list):
        for x in v:
            yield from numbers(x)

if __name__ == "__main__":
    sys.exit(main())
