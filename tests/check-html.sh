#!/bin/sh
# stance classify --format html on texts we write: a hostile article (markup, attribute-breaking
# quotes, a bidi override, a hostile actor name) comes out as text, and every quote of the
# JSON output has its highlighted element and its card; the example article's page holds
# the graph and nothing that loads from elsewhere.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
stance="$top_builddir/stance"
model="$top_builddir/tests/tiny.stm"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/stance-html.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
count() { grep -o -- "$1" "$2" | wc -l | tr -d ' '; }

sh "$top_srcdir/tests/hostile-article.sh" >"$tmp/hostile.txt"
hostile_actor='<script>alert(4)</script>|Park'
"$stance" classify -m "$model" -a "$hostile_actor" -a 'Elena Diaz|Diaz' "$tmp/hostile.txt" >"$tmp/h.json" ||
    bad "classify the hostile article (json)"
"$stance" classify -m "$model" -a "$hostile_actor" -a 'Elena Diaz|Diaz' --format html --explain 2 \
    "$tmp/hostile.txt" >"$tmp/h.html" || bad "classify the hostile article (html)"
nq=$(count '"type":"' "$tmp/h.json")
[ "$nq" -ge 3 ] || bad "the hostile article has at least 3 quotes (got $nq)"
[ "$(count '<mark class="q s-[a-z]*"' "$tmp/h.html")" = "$nq" ] || bad "one highlighted element per quote ($nq)"
[ "$(count '<li class="card' "$tmp/h.html")" = "$nq" ] || bad "one card per quote"
[ "$(grep -ci '<script' "$tmp/h.html")" = 0 ] || bad "no <script> tag from the article or the actor"
[ "$(grep -ci '<img' "$tmp/h.html")" = 0 ] || bad "no <img> tag from the article"
[ "$(count '</style>' "$tmp/h.html")" = 1 ] || bad "only the page's own </style>"
[ "$(count '<b>bold' "$tmp/h.html")" = 0 ] || bad "article markup stays text"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/h.html" || bad "the article's script shows as text"
grep -qF '&quot; onmouseover=alert(2) x=' "$tmp/h.html" || bad "attribute-breaking double quotes are escaped"
grep -qF '&#39; onclick=alert(5) y=&#39;' "$tmp/h.html" || bad "attribute-breaking single quotes are escaped"
grep -q '<title>&lt;script&gt;\|>&lt;script&gt;alert(4)' "$tmp/h.html" || bad "the hostile actor name shows as text"
LC_ALL=C grep -q "$(printf '\342\200\256')" "$tmp/h.html" && bad "a raw RIGHT-TO-LEFT OVERRIDE reached the page"
grep -q 'U+202E' "$tmp/h.html" || bad "the bidi override is shown as U+202E"

article="$top_srcdir/examples/article.txt"
"$stance" classify -m "$model" "$article" >"$tmp/a.json" || bad "classify the example (json)"
"$stance" classify -m "$model" --format html "$article" "$tmp/hostile.txt" >"$tmp/a.html" ||
    bad "classify two articles (html)"
nq=$(( $(count '"type":"' "$tmp/a.json") + $(count '"type":"' "$tmp/h.json") ))
[ "$(count '<mark class="q s-[a-z]*"' "$tmp/a.html")" = "$nq" ] || bad "two articles: one element per quote"
[ "$(count '<section class="art"' "$tmp/a.html")" = 2 ] || bad "two articles: two sections"
grep -q '<nav><h2>Articles</h2>' "$tmp/a.html" || bad "two articles: an index"
grep -q '<table class="sum">' "$tmp/a.html" || bad "a summary table"
grep -q '<svg class="graph"' "$tmp/a.html" || bad "a graph"
grep -qiE '<[a-z]+[^>]* (src|srcset|data)=|https?://|url\(' "$tmp/a.html" && bad "the page loads something from elsewhere"

# sides: each stance card says its relation to the speaker, when known ("against 0.93 · opposite side")
cat >"$tmp/sides.txt" <<'TXT'
Mayor Elena Diaz accused Governor Tom Park of abandoning the city on Monday.

"Tom Park has failed this city and he is a disgrace," Diaz said at a press conference.

"The mayor knows the money is there. Tom Park has done great work for this region," said Priya Shah, a spokeswoman for Park.
TXT
set -- -a "Tom Park" -a "Elena Diaz|Diaz" -a "Priya Shah"
"$stance" classify -m "$model" "$@" --side "Tom Park=B" --side "Elena Diaz=A" "$tmp/sides.txt" >"$tmp/s.json" &&
    "$stance" classify -m "$model" "$@" --side "Tom Park=B" --side "Elena Diaz=A" --format html "$tmp/sides.txt" \
        >"$tmp/s.html" && "$stance" classify -m "$model" "$@" --format html "$tmp/sides.txt" >"$tmp/ns.html" ||
    bad "classify with sides (json, html) and without (html)"
nrel=$(count '"relation":"' "$tmp/s.json")
[ "$nrel" -ge 2 ] || bad "sides: at least two stances with a relation (got $nrel)"
[ "$(count '<span class="rel">' "$tmp/s.html")" = "$nrel" ] || bad "sides: a relation shown per stance that has one ($nrel)"
grep -q '<b class="l-against">against [0-9.]*</b> &middot; <span class="rel">opposite side</span>' "$tmp/s.html" ||
    bad "sides: Diaz's attack shows 'against N · opposite side'"
grep -q '</b> &middot; <span class="rel">speaks for</span>' "$tmp/s.html" || bad "sides: the spokeswoman 'speaks for'"
grep -q '<title>quote 1: Elena Diaz .* Tom Park: against [0-9.]* (opposite side)</title>' "$tmp/s.html" ||
    bad "sides: the graph's edge names the relation"
grep -q 'class="rel"\|(opposite side)\|(speaks for)' "$tmp/ns.html" && bad "no sides: no relation shown"

# --jsonl input: one page, the records' ids as sections
printf '{"id":"one","text":"\\"It is fine,\\" said Jane Doe."}\n{"id":"two <i>","text":"No quotes here."}\n' \
    >"$tmp/in.jsonl"
"$stance" classify -m "$model" --jsonl --format html "$tmp/in.jsonl" >"$tmp/j.html" || bad "--jsonl --format html"
[ "$(count '<section class="art"' "$tmp/j.html")" = 2 ] || bad "--jsonl: a section per record"
grep -q 'two &lt;i&gt;' "$tmp/j.html" || bad "--jsonl: the id is escaped"

# stance eval --report: the --json figures as a page (a file name with markup in it)
cp "$top_srcdir/tests/data/train/stance.jsonl" "$tmp/<b>x.jsonl"
"$stance" eval -m "$model" --json "$tmp/<b>x.jsonl" >"$tmp/ev.json" || bad "eval --json"
"$stance" eval -m "$model" --report "$tmp/ev.html" "$tmp/<b>x.jsonl" >/dev/null || bad "eval --report"
n=$(sed -n 's/^  "n": \([0-9]*\),$/\1/p' "$tmp/ev.json")
ece=$(sed -n 's/^  "ece": \([0-9.e-]*\),$/\1/p' "$tmp/ev.json")
[ -n "$n" ] && [ -n "$ece" ] || bad "eval --json has n and ece"
grep -q "<th>examples</th><td>$n</td>" "$tmp/ev.html" || bad "eval --report: the number of examples ($n)"
grep -q "<th>expected calibration error</th><td>$(printf '%.4f' "$ece")</td>" "$tmp/ev.html" ||
    bad "eval --report: the ECE of --json ($ece)"
[ "$(count '<svg class="cm"' "$tmp/ev.html")" = "$(count '<section class="ev"' "$tmp/ev.html")" ] &&
    [ "$(count '<svg class="rel"' "$tmp/ev.html")" = "$(count '<section class="ev"' "$tmp/ev.html")" ] ||
    bad "eval --report: a confusion matrix and a reliability diagram per section"
[ "$(count '<section class="ev"' "$tmp/ev.html")" -ge 2 ] || bad "eval --report: the subsets have sections"
[ "$(count '<b>x' "$tmp/ev.html")" = 0 ] && grep -q '&lt;b&gt;x.jsonl' "$tmp/ev.html" ||
    bad "eval --report: the file name is escaped"
"$stance" eval -m "$model" --report "$tmp/none/ev.html" "$tmp/<b>x.jsonl" >/dev/null 2>"$tmp/err" &&
    bad "eval --report into a missing directory fails"
grep -q 'none/ev.html' "$tmp/err" || bad "eval --report: the error names the file"

if [ "$fail" -ne 0 ]; then
    echo "check-html: $fail failure(s); pages in $tmp kept as $top_builddir/tests/check-html-failed.*"
    cp "$tmp/h.html" "$top_builddir/tests/check-html-failed.hostile.html" 2>/dev/null
    exit 1
fi
echo "check-html: all checks passed"
