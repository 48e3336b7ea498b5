#!/bin/sh
# The documentation's code must not rot silently: build and run the code blocks
# of README.md and bindings/python/README.md against the just-built tree.
#
# Every ```c block of README.md is compiled with -Wall -Wextra -Werror (the
# flags tests/check-host.sh builds examples/host.c with, after the build's own
# CFLAGS/LDFLAGS) against the build tree's include/ and libstance.la, and run on
# examples/article.txt with the shipped model. A block with main() is built as
# it is (run with the model as argv[1], the article on stdin); a fragment (the
# usual case) is wrapped: its #include lines at file scope, <stdio.h> and
# <stdlib.h>, then main() with `const char *text` / `size_t len` read from stdin
# and the block as its body; `stance_model_open(NULL` (the installed default,
# absent in a build tree) becomes the shipped model's path. The README shows no
# output beside it, so its output must be what the CLI gives for the same
# article and actors (`-a "Tom Park|Governor Park"`, the README's JSON example),
# one "speaker -> actor: label confidence" line per stance (see cli_lines). A new
# block that prints something else fails here until it gets its own check.
#
# The ```json block marked `<!-- snippet: schema -->` (the classify output schema) is checked against
# the CLI's real output for that article: the same keys at the same nesting, value types, and the
# values a "a|b|c" string lists (tests/readme_snippets.py --schema); not the numbers.
#
# Every ```python block of both READMEs is run (tests/readme_snippets.py) on the
# staged extension, in a fresh interpreter, with the shipped model; a print line
# named by the block's marker has its expected output in its trailing comment.
#
# A block is tested by default. The line before its fence may carry a marker:
#   <!-- snippet: norun REASON -->  compile/syntax-check only (Dask, Spark, ...)
#   <!-- snippet: outputs=N,M -->   block lines N, M (1-based) are print() calls
#                                   whose trailing comment is their output
# Exit 1 on any failure; 77 only when the Python extension is not built (after
# the C blocks passed, which says so).
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
readme="${README_MD:-$top_srcdir/README.md}"
pyreadme="${PY_README_MD:-$top_srcdir/bindings/python/README.md}"
model="${SNIPPET_MODEL:-$top_srcdir/models/en-news.stm}"
article="$top_srcdir/examples/article.txt"
libtool="$top_builddir/libtool"
for f in "$readme" "$pyreadme" "$model" "$article" "$libtool" "$top_builddir/libstance.la" "$top_builddir/stance"; do
    [ -e "$f" ] || { echo "FAIL: $f missing"; exit 1; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/stance-snippets.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
abspath() { (cd "$(dirname "$1")" && echo "$(pwd)/$(basename "$1")"); }
model=$(abspath "$model")
fail=0
# The build's own CFLAGS/LDFLAGS (a sanitizer build needs its -fsanitize to link the library).
build_cflags=$(sed -n 's/^CFLAGS = //p' "$top_builddir/Makefile")
build_ldflags=$(sed -n 's/^LDFLAGS = //p' "$top_builddir/Makefile")

# Split README.md's ```c blocks into $tmp/c-N.src, their markers into $tmp/c-N.marker.
awk -v dir="$tmp" '
    /^```c[ \t]*$/ { n++; inb = 1; print prev > (dir "/c-" n ".marker"); close(dir "/c-" n ".marker"); next }
    inb && /^```/ { inb = 0; close(dir "/c-" n ".src"); next }
    inb { print > (dir "/c-" n ".src"); next }
    /[^ \t]/ { prev = $0 }
' "$readme"

# The CLI's answer for the C block: "speaker -> actor: label confidence" for every stance.
"$top_builddir/stance" classify -m "$model" -a "Tom Park|Governor Park" "$article" > "$tmp/cli.json" ||
    { echo "FAIL: stance classify on $article"; exit 1; }
cli_lines() {
    # quotes are {... "speaker":{"name":"X",...} ... "stances":[{"label":L,"confidence":C,...,"actor":A,...}]}
    sed 's/{"start":/\n&/g' "$tmp/cli.json" | awk '
        /^\{"start":/ {
            spk = "?"
            if (match($0, /"speaker":\{"name":"[^"]*"/)) { spk = substr($0, RSTART + 19, RLENGTH - 20) }
            s = $0; sub(/.*"stances":\[/, "", s)
            while (match(s, /"label":"[a-z]*","confidence":[0-9.e-]*/)) {
                one = substr(s, RSTART, RLENGTH); s = substr(s, RSTART + RLENGTH)
                split(one, kv, /[":,]+/); lab = kv[3]; conf = kv[5]
                match(s, /"actor":"[^"]*"/); act = substr(s, RSTART + 9, RLENGTH - 10)
                printf "%s -> %s: %s %.2f\n", spk, act, lab, conf
            }
        }'
}
# README's JSON example (the ```json block marked `schema`) has the real output's shape: the same
# keys at the same nesting, value types and listed values ("direct|partial|indirect"), not the numbers
# (tests/readme_snippets.py --schema). The checker must catch a README copy with a key's type changed
# or a listed value dropped, else it checks nothing.
py=${PYTHON_BIN:-python3}
if command -v "$py" >/dev/null 2>&1; then
    "$py" "$top_srcdir/tests/readme_snippets.py" --schema "$tmp/cli.json" "$readme" || {
        echo "FAIL: README.md's JSON example no longer has the shape of \`stance classify\`'s output"; fail=1; }
    for broken in 's/"discovered": false/"discovered": "false"/' 's/"type": "direct|/"type": "/'; do
        sed "$broken" "$readme" > "$tmp/broken.md"
        if cmp -s "$readme" "$tmp/broken.md" ||
            "$py" "$top_srcdir/tests/readme_snippets.py" --schema "$tmp/cli.json" "$tmp/broken.md" > "$tmp/broken.log"; then
            echo "FAIL: the JSON example check passes a README copy edited by sed '$broken' (or the edit did not apply)"; fail=1
        fi
    done
else
    echo "not checked: README.md's JSON example (no $py)"
fi
cli_lines > "$tmp/cli.expected"
[ -s "$tmp/cli.expected" ] || { cat "$tmp/cli.json"; echo "FAIL: no stance toward Tom Park in the CLI output"; exit 1; }

nc=0
for src in "$tmp"/c-*.src; do
    [ -f "$src" ] || continue
    nc=$((nc + 1))
    id=$(basename "$src" .src); marker=$(cat "$tmp/$id.marker")
    line=$(awk -v k="${id#c-}" '/^```c[ \t]*$/ && ++n == k { print NR; exit }' "$readme")
    name="README.md:$line (\`\`\`c)"
    case "$marker" in *"<!-- snippet:"*norun*) norun=1 ;; *) norun=0 ;; esac
    prog="$tmp/$id.c"
    if grep -q '\bmain *(' "$src"; then
        cp "$src" "$prog"
    else
        { grep '^#include' "$src"
          printf '%s\n' '#include <stdio.h>' '#include <stdlib.h>' \
            'int main(void) {' \
            '    size_t len = 0, cap = 1 << 16; char *buf = malloc(cap); size_t got;' \
            '    if (!buf) return 2;' \
            '    while ((got = fread(buf + len, 1, cap - len, stdin)) > 0) {' \
            '        len += got;' \
            '        if (len == cap) { char *nb = realloc(buf, cap *= 2); if (!nb) return 2; buf = nb; }' \
            '    }' \
            '    const char *text = buf;'
          # Compiler messages name README.md's own lines (the #include lines become blank).
          echo "#line $((line + 1)) \"$(basename "$readme")\""
          sed -e 's|^#include.*||' -e 's|stance_model_open(NULL|stance_model_open(SNIPPET_MODEL|' "$src"
          printf '%s\n' '    free(buf);' '    return 0;' '}'
        } > "$prog"
    fi
    if ! "$libtool" --quiet --tag=CC --mode=link ${CC:-cc} $build_cflags -Wall -Wextra -Werror $build_ldflags \
            -I"$top_builddir/include" -I"$top_srcdir/include" -DSNIPPET_MODEL="\"$model\"" \
            "$prog" "$top_builddir/libstance.la" -o "$tmp/$id" > "$tmp/$id.cc.log" 2>&1; then
        cat "$tmp/$id.cc.log"; echo "--- the program built:"; cat -n "$prog"
        echo "FAIL: $name does not compile with -Wall -Wextra -Werror"; fail=1; continue
    fi
    if [ "$norun" = 1 ]; then echo "compiled, not run ($marker): $name"; continue; fi
    if ! "$tmp/$id" "$model" < "$article" > "$tmp/$id.out" 2> "$tmp/$id.err"; then
        cat "$tmp/$id.err"; echo "FAIL: $name exited non-zero"; fail=1; continue
    fi
    if ! cmp -s "$tmp/$id.out" "$tmp/cli.expected"; then
        diff "$tmp/cli.expected" "$tmp/$id.out"
        echo "FAIL: $name prints other stances than \`stance classify -a \"Tom Park|Governor Park\"\` on $article (< CLI, > snippet)"
        fail=1; continue
    fi
    echo "ok: $name built (-Werror) and run: $(wc -l < "$tmp/$id.out") lines, equal to the CLI's:"
    sed 's/^/    /' "$tmp/$id.out"
done
[ "$nc" -gt 0 ] || { echo "FAIL: no \`\`\`c block found in $readme"; exit 1; }
# Say what is not covered: the other fences (shell commands, JSON and text outputs) are not run.
for f in "$readme" "$pyreadme"; do
    awk -v f="${f#"$top_srcdir"/}" '/^```/ { if (inb) { inb = 0; next } inb = 1; lang = substr($0, 4); sub(/[ \t]+$/, "", lang)
            if (lang != "c" && lang != "python" && !(lang == "json" && prev ~ /<!-- snippet: schema/)) n[lang == "" ? "(plain)" : lang]++; next }
        /[^ \t]/ && !inb { prev = $0 }
        END { for (l in n) s = s " " n[l] " " l ","; if (s != "") print "not covered in " f ":" substr(s, 1, length(s) - 1) " (not run)" }' "$f"
done
[ "$fail" = 0 ] || { echo "FAIL: C snippets or the JSON example"; exit 1; }

# The Python blocks.
if [ -z "${PYTHON_BIN:-}" ] || ! command -v "$PYTHON_BIN" >/dev/null 2>&1; then
    echo "C snippets passed; SKIP: the Python snippets: no Python (configure --with-python)"; exit 77
fi
suffix=$("$PYTHON_BIN" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))') || {
    echo "FAIL: $PYTHON_BIN does not run"; exit 1; }
stage="$top_builddir/bindings/python/build-pkg"
if [ ! -s "$stage/stance/_stance$suffix" ]; then
    echo "C snippets passed; SKIP: the Python snippets: the extension was not built (no Python headers, or a --disable-shared build)"
    exit 77
fi
PYTHONPATH=$(abspath "$stage")${PYTHONPATH:+:$PYTHONPATH}; export PYTHONPATH
PYTHONDONTWRITEBYTECODE=1; export PYTHONDONTWRITEBYTECODE
STANCE_CLI=$(abspath "$top_builddir/stance"); export STANCE_CLI
"$PYTHON_BIN" "$top_srcdir/tests/readme_snippets.py" --model "$model" --article "$(abspath "$article")" \
    --workdir "$tmp" "$readme" "$pyreadme" || { echo "FAIL: Python snippets"; exit 1; }
echo "PASS: README C and Python snippets"
