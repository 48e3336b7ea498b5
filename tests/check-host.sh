#!/bin/sh
# Install libstance into a scratch DESTDIR, then build examples/host.c against
# it through pkg-config exactly as a user would, and run it on the example article.
set -u
top_builddir=${top_builddir:-.}
top_srcdir=${top_srcdir:-.}
command -v pkg-config >/dev/null || { echo "SKIP: pkg-config not found"; exit 77; }
# Users link the shared library; a static-only (sanitizer) build has none to install.
[ -f "$top_builddir/.libs/libstance.so" ] || { echo "SKIP: shared library not built"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/stance-host.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
${MAKE:-make} -s -C "$top_builddir" install DESTDIR="$tmp" >"$tmp/install.log" 2>&1 || {
    cat "$tmp/install.log"; echo "FAIL: make install"; exit 1; }
prefix=$(sed -n 's/^prefix=//p' "$top_builddir/libstance.pc")
pcdir=$(find "$tmp" -name libstance.pc -path '*pkgconfig*' | head -n 1)
[ -n "$pcdir" ] || { echo "FAIL: libstance.pc not installed"; exit 1; }
flags=$(PKG_CONFIG_PATH=$(dirname "$pcdir") pkg-config --define-variable=prefix="$tmp$prefix" --cflags --libs libstance) || {
    echo "FAIL: pkg-config cannot resolve libstance"; exit 1; }
${CC:-cc} -Wall -Wextra -Werror "$top_srcdir/examples/host.c" $flags -o "$tmp/host" || { echo "FAIL: host.c does not build against the installed library"; exit 1; }
[ -f "$tmp$prefix/include/stance.h" ] || { echo "FAIL: stance.h not installed"; exit 1; }
libdir=$(dirname "$(find "$tmp" -name 'libstance.so*' | head -n 1)")
out=$(LD_LIBRARY_PATH="$libdir" "$tmp/host" "$top_builddir/tests/tiny.stm" < "$top_srcdir/examples/article.txt") || {
    echo "FAIL: host exited non-zero"; exit 1; }
echo "$out" | grep -q 'sentiment' || { echo "$out"; echo "FAIL: no sentiment in host output"; exit 1; }
if command -v ldd >/dev/null && ldd "$libdir/libstance.so" | grep -qE 'libsvm|liblinear'; then
    echo "FAIL: installed libstance.so links libsvm/liblinear"; exit 1
fi
echo "PASS: examples/host.c built with pkg-config against the installed library: $(echo "$out" | grep -c sentiment) quotes"
