#!/bin/sh
# The HTML report in a real browser: headless Chromium, driven through the DevTools
# protocol by tests/html_browser.py, loads the example article's page and the hostile
# article's page, takes a screenshot of each (tests/html-*.png in the build tree) and checks
# through the DOM: no console error, one highlighted element and one card per quote, no graph
# label on another or on a node (also on a page of ten speakers and six actors), and the
# article's script neither exists as an element nor ran. Exit 77 (SKIP) without Chromium
# or Python, with a loud message: .ci/run installs Chromium.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
stance="$top_builddir/stance"
model="$top_builddir/tests/tiny.stm"
py=${PYTHON_BIN:-python3}
skip() {
    echo "######################################################################"
    echo "## SKIPPED: the HTML report browser test: $*"
    echo "######################################################################"
    exit 77
}
command -v "$py" >/dev/null 2>&1 || py=python3
command -v "$py" >/dev/null 2>&1 || skip "no python3 to drive the browser"
browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for b in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
    done
fi
[ -n "$browser" ] || skip "no Chromium (apt-get install -y chromium; .ci/run does)"
export CHROMIUM="$browser"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/stance-html-browser.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
status=0
sh "$top_srcdir/tests/hostile-article.sh" >"$tmp/hostile.txt"
# many speakers and actors: ten speakers, three actors in each quote, thirty edges in the graph
i=0
for who in Ana Ben Cara Dev Eli Fay Gus Hana Ivo Jun; do
    set -- Okafor Penn Torv Vale Quill Reyes Okafor Penn Torv
    shift $((i % 6))
    printf '"%s has failed us, %s deserves praise, and %s must resign," said %s Lindqvist.\n\n' "$1" "$2" "$4" "$who"
    i=$((i + 1))
done >"$tmp/many.txt"
for name in article hostile many; do
    set -- -a '<script>alert(4)</script>|Park' -a 'Elena Diaz|Diaz' --side '<script>alert(4)</script>=B' \
        --side 'Elena Diaz=A' # sides: the cards and the graph show each stance's relation
    in="$tmp/$name.txt"; extra=
    case $name in
        article) in="$top_srcdir/examples/article.txt" ;;
        hostile) extra=--hostile ;;
        many) set -- -a Okafor -a Penn -a Torv -a Vale -a Quill -a Reyes ;;
    esac
    "$stance" classify -m "$model" "$@" "$in" >"$tmp/$name.json" &&
        "$stance" classify -m "$model" "$@" --format html --explain 2 "$in" >"$tmp/$name.html" ||
        { echo "FAIL: stance classify $in"; status=1; continue; }
    nq=$(grep -o '"type":"' "$tmp/$name.json" | wc -l | tr -d ' ')
    [ "$nq" -gt 0 ] || { echo "FAIL: no quotes found in $in"; status=1; continue; }
    "$py" "$top_srcdir/tests/html_browser.py" check "$tmp/$name.html" "$nq" "$top_builddir/tests/html-$name.png" \
        $extra
    rc=$?
    [ "$rc" = 77 ] && skip "the browser driver found no browser"
    [ "$rc" = 0 ] || status=1
done
exit $status
