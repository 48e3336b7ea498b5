"""A small PEP 517 backend for the stance extension: no setuptools, no wheel, no downloads.

`pip install --no-build-isolation bindings/python` calls build_wheel() here,
which compiles stance/_stance.c and the library sources of this tree
(../../lib/*.c) with the C compiler CPython was built with (sysconfig), links
one extension module, and zips it with the package's Python files into a
wheel. A fresh venv of any CPython >= 3.10 has all it needs (3.12+ venvs come
without setuptools, and non-Debian Pythons without `wheel`).

Environment:
  STANCE_LIB=bundled (default in a source tree) | system (link the installed
      libstance found by `pkg-config libstance`, e.g. after `make install`)
  STANCE_MODELDIR   directory of the C library's default model
                    (default /usr/local/share/libstance, as ./configure && make install)
  CC, CFLAGS, LDFLAGS   as usual
setup.py offers the same build through setuptools (python setup.py build_ext --inplace).
"""
import base64
import glob
import hashlib
import os
import re
import shlex
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
LIBDIR = os.path.join(TOP, "lib")
NAME = "stance"
SUMMARY = "Quotes, speakers, sentiment and stance toward actors in news text (libstance bindings)"


def _version_parts():
    """(major, minor, patch) from configure.ac's m4_define([stance_major], [N]) lines."""
    parts = {}
    try:
        with open(os.path.join(TOP, "configure.ac")) as f:
            for m in re.finditer(r"m4_define\(\[stance_(major|minor|patch)\],\s*\[(\d+)\]\)", f.read()):
                parts[m.group(1)] = m.group(2)
    except OSError:
        pass
    return tuple(parts.get(k, "0") for k in ("major", "minor", "patch"))


def version():
    return "%s.%s.%s" % _version_parts()


def stance_h():
    """include/stance.h as configure makes it from include/stance.h.in (None without a source tree)."""
    try:
        with open(os.path.join(TOP, "include", "stance.h.in")) as f:
            text = f.read()
    except OSError:
        return None
    major, minor, patch = _version_parts()
    for k, v in (("STANCE_VERSION_MAJOR", major), ("STANCE_VERSION_MINOR", minor),
                 ("STANCE_VERSION_PATCH", patch), ("PACKAGE_VERSION", version())):
        text = text.replace("@%s@" % k, v)
    return text


def _pkg_config(*args, default=None):
    try:
        out = subprocess.run(["pkg-config", *args], check=True, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode()
        return shlex.split(out)
    except (OSError, subprocess.CalledProcessError):
        if default is None:
            raise SystemExit("pkg-config %s failed" % " ".join(args))
        return list(default)


# Used when pkg-config lacks a module's .pc file.
_FALLBACK_LIBS = {"libpcre2-8": "-lpcre2-8", "libutf8proc": "-lutf8proc", "zlib": "-lz"}


def _private_requires():
    """The library's run-time dependencies, as libstance.pc.in lists them (Requires.private)."""
    try:
        with open(os.path.join(TOP, "libstance.pc.in")) as f:
            for line in f:
                if line.startswith("Requires.private:"):
                    mods = re.split(r"[\s,]+", line.split(":", 1)[1].strip())
                    # drop version constraints ("zlib >= 1.2")
                    return [m for m in mods if m and not re.match(r"^[<>=!]|^\d", m)]
    except OSError:
        pass
    return ["libpcre2-8", "libutf8proc", "zlib"]


def config():
    """How to build the extension: sources, compile flags, link flags, and the config.h text."""
    mode = os.environ.get("STANCE_LIB", "bundled" if os.path.isdir(LIBDIR) else "system")
    sources = [os.path.join(HERE, "stance", "_stance.c")]
    cflags = ["-std=gnu11", "-pthread", "-fvisibility=hidden"]
    ldflags = ["-pthread"]
    if mode == "bundled":
        lib_sources = sorted(glob.glob(os.path.join(LIBDIR, "*.c")))
        if not lib_sources:
            raise SystemExit("STANCE_LIB=bundled but no sources in %s" % LIBDIR)
        sources += lib_sources
        deps, libs = [], []
        for mod in _private_requires():
            deps += _pkg_config("--cflags", mod, default=[])
            libs += _pkg_config("--libs", mod, default=[_FALLBACK_LIBS.get(mod, "-l" + re.sub(r"^lib", "", mod))])
        libs.append("-lm")
        modeldir = os.environ.get("STANCE_MODELDIR", "/usr/local/share/libstance").replace('"', "")
        # lib/ only with -iquote: lib/features.h must not shadow glibc's <features.h>.
        # stance.h is generated into the build directory (-I there, see build_extension()).
        cflags += ["-iquote", LIBDIR, '-DSTANCE_MODELDIR="%s"' % modeldir] + deps
        ldflags += libs
    elif mode == "system":
        cflags += _pkg_config("--cflags", "libstance")
        libs = _pkg_config("--libs", "libstance")
        ldflags += libs + ["-Wl,-rpath," + f[2:] for f in libs if f.startswith("-L")]
    else:
        raise SystemExit("STANCE_LIB must be 'bundled' or 'system'")
    # stance.render_html: the CLI's own renderer (src/html.c, jansson; UTF-8 by utf8proc through
    # src/utf8_seq.h); an sdist carries a copy of the three in html/.
    html_dir = os.path.join(TOP, "src")
    if not os.path.isfile(os.path.join(html_dir, "html.c")):
        html_dir = os.path.join(HERE, "html")
    sources.append(os.path.join(html_dir, "html.c"))
    cflags += ["-iquote", html_dir] + _pkg_config("--cflags", "jansson", default=[])
    cflags += _pkg_config("--cflags", "libutf8proc", default=[])
    ldflags += _pkg_config("--libs", "jansson", default=["-ljansson"])
    ldflags += _pkg_config("--libs", "libutf8proc", default=["-lutf8proc"])
    config_h = ("/* config.h for the standalone Python build */\n"
                "#ifndef _GNU_SOURCE\n#define _GNU_SOURCE 1\n#endif\n"
                '#define PACKAGE "libstance"\n#define PACKAGE_NAME "libstance"\n'
                '#define PACKAGE_VERSION "%s"\n#define VERSION PACKAGE_VERSION\n' % version())
    return {"mode": mode, "sources": sources, "cflags": cflags, "ldflags": ldflags, "config_h": config_h,
            "stance_h": stance_h() if mode == "bundled" else None}


def write_headers(cfg, directory):
    """Write the config.h (and, bundled, the stance.h) that configure would make into directory."""
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, "config.h"), "w") as f:
        f.write(cfg["config_h"])
    if cfg["stance_h"] is not None:
        with open(os.path.join(directory, "stance.h"), "w") as f:
            f.write(cfg["stance_h"])


def build_extension(out_dir):
    """Compile and link stance/_stance<EXT_SUFFIX> into out_dir/stance/; return its path."""
    cfg = config()
    tmp = os.path.join(out_dir, "temp")
    write_headers(cfg, tmp)
    cc = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    py_inc = sysconfig.get_paths()["include"]
    cflags = (["-O2", "-g0", "-DNDEBUG", "-fPIC", "-fwrapv", "-I" + tmp, "-I" + py_inc] + cfg["cflags"]
              + shlex.split(os.environ.get("CFLAGS", "")))

    def compile_one(i_src):
        i, src = i_src
        obj = os.path.join(tmp, "%02d-%s.o" % (i, os.path.splitext(os.path.basename(src))[0]))
        cmd = cc + cflags + ["-c", src, "-o", obj]
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if r.returncode:
            raise SystemExit("compile failed: %s\n%s" % (" ".join(cmd), r.stdout.decode(errors="replace")))
        return obj

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as ex:
        objs = list(ex.map(compile_one, enumerate(cfg["sources"])))
    dest = os.path.join(out_dir, NAME, "_stance" + sysconfig.get_config_var("EXT_SUFFIX"))
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    cmd = cc + ["-shared"] + objs + ["-o", dest] + cfg["ldflags"] + shlex.split(os.environ.get("LDFLAGS", ""))
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode:
        raise SystemExit("link failed: %s\n%s" % (" ".join(cmd), r.stdout.decode(errors="replace")))
    # Python symbols stay undefined until import, so the linker cannot catch a
    # missing library: load the module now (RTLD_NOW) to fail here, not at import.
    r = subprocess.run([sys.executable, "-c", "import ctypes, sys; ctypes.PyDLL(sys.argv[1])", dest],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode:
        raise SystemExit("the built module does not load (a library missing from libstance.pc.in's "
                         "Requires.private?):\n%s" % r.stdout.decode(errors="replace"))
    return dest


def _tag():
    impl = "cp%d%d" % sys.version_info[:2]
    abi = "cp%d%d%s" % (sys.version_info[0], sys.version_info[1], getattr(sys, "abiflags", ""))
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return "%s-%s-%s" % (impl, abi, plat)


def _metadata():
    readme = ""
    try:
        with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
            readme = f.read()
    except OSError:
        pass
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\nRequires-Python: >=3.10\n"
            "Provides-Extra: dask\nRequires-Dist: distributed; extra == \"dask\"\n"
            "Description-Content-Type: text/markdown\n\n%s" % (NAME, version(), SUMMARY, readme))


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (arcname, digest, len(data))


# ---- PEP 517 hooks ----

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    tag = _tag()
    with tempfile.TemporaryDirectory() as tmp:
        so = build_extension(tmp)
        files = [(NAME + "/" + os.path.basename(so), so)]
        pkg = os.path.join(HERE, NAME)
        for n in sorted(os.listdir(pkg)):
            if n.endswith((".py", ".pyi")) or n == "py.typed":
                files.append((NAME + "/" + n, os.path.join(pkg, n)))
        # The shipped model, when the source tree has one (models/ is filled by training).
        shipped = os.path.join(TOP, "models", "en-news.stm")
        if os.path.isfile(shipped):
            files.append((NAME + "/models/en-news.stm", shipped))
        dist_info = "%s-%s.dist-info" % (NAME, version())
        wheel_name = "%s-%s-%s.whl" % (NAME, version(), tag)
        records = []
        with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as zf:
            for arc, path in files:
                with open(path, "rb") as f:
                    data = f.read()
                zf.writestr(arc, data)
                records.append(_record_line(arc, data))
            meta = {
                "METADATA": _metadata().encode("utf-8"),
                "WHEEL": ("Wheel-Version: 1.0\nGenerator: stance-build\nRoot-Is-Purelib: false\nTag: %s\n"
                          % tag).encode(),
                "top_level.txt": (NAME + "\n").encode(),
            }
            for n, data in meta.items():
                arc = dist_info + "/" + n
                zf.writestr(arc, data)
                records.append(_record_line(arc, data))
            records.append(dist_info + "/RECORD,,")
            zf.writestr(dist_info + "/RECORD", "\n".join(records) + "\n")
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    """The Python directory alone; it builds against an installed libstance (STANCE_LIB=system)."""
    base = "%s-%s" % (NAME, version())
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as tf:
        for n in ("pyproject.toml", "setup.py", "_build_backend.py", "README.md", "SCALING.md"):
            if os.path.exists(os.path.join(HERE, n)):
                tf.add(os.path.join(HERE, n), base + "/" + n)
        for n in ("html.c", "html.h", "utf8_seq.h"):  # the report renderer, shared with the CLI
            tf.add(os.path.join(TOP, "src", n), base + "/html/" + n)
        tf.add(os.path.join(HERE, NAME), base + "/" + NAME,
               filter=lambda ti: None if ti.name.endswith((".so", ".o")) or "__pycache__" in ti.name else ti)
        with tempfile.NamedTemporaryFile("w", suffix=".pkg-info", delete=False, encoding="utf-8") as f:
            f.write(_metadata())
        try:
            tf.add(f.name, base + "/PKG-INFO")
        finally:
            os.unlink(f.name)
    return name


if __name__ == "__main__":  # python3 _build_backend.py OUTDIR: build the module only
    print(build_extension(sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "build")))
