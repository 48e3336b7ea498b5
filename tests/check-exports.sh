#!/bin/sh
# The shared library exports exactly the functions stance.h declares, all named
# stance_*, and does not depend on libsvm/liblinear.
set -u
lib="${top_builddir:-.}/.libs/libstance.so"
hdr="${top_srcdir:-.}/include/stance.h"
[ -f "$lib" ] || { echo "SKIP: $lib not built (static-only build)"; exit 77; }
command -v nm >/dev/null || { echo "SKIP: nm not found"; exit 77; }
tmp=${TMPDIR:-/tmp}/stance-exports.$$
trap 'rm -f "$tmp".*' EXIT
nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sed 's/@.*//' | sort -u > "$tmp.exported"
sed -n 's/^STANCE_API [^(]*[ *]\(stance_[a-z0-9_]*\)(.*/\1/p' "$hdr" | sort -u > "$tmp.declared"
status=0
if grep -v '^stance_' "$tmp.exported"; then
    echo "FAIL: symbols above are exported without the stance_ prefix"; status=1
fi
if ! diff -u "$tmp.declared" "$tmp.exported"; then
    echo "FAIL: exported symbols differ from stance.h declarations (- declared, + exported)"; status=1
fi
if command -v ldd >/dev/null && ldd "$lib" | grep -E 'libsvm|liblinear'; then
    echo "FAIL: libstance.so links libsvm/liblinear"; status=1
fi
n=$(wc -l < "$tmp.exported")
[ "$status" = 0 ] && echo "PASS: $n exported symbols, all declared in stance.h, all stance_*"
exit $status
