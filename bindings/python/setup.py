"""Build the stance extension without configure or a prior `make install`.

Default (STANCE_LIB=bundled): compile the library sources of this source tree
(../../lib/*.c) into the extension itself, so the module needs only the
runtime libraries libstance links (PCRE2, utf8proc; xxhash headers at build
time). Nothing is downloaded.

STANCE_LIB=system: link the installed libstance found by pkg-config
(`pkg-config --cflags --libs libstance`), e.g. after `make install`.

STANCE_MODELDIR: where the C library's default model lives (the value of
stance_default_model_path()'s directory); default /usr/local/share/libstance,
matching `./configure && make install`. The wheel built by _build_backend.py
also carries ../../models/en-news.stm when the tree has it (stance/models/), and
Model() then uses it by default.
"""
import glob
import os
import re
import shlex
import subprocess

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, "..", ".."))
LIBDIR = os.path.join(TOP, "lib")


def pkg_config(*args, default=None):
    try:
        out = subprocess.run(["pkg-config", *args], check=True, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL).stdout.decode()
        return shlex.split(out)
    except (OSError, subprocess.CalledProcessError):
        if default is None:
            raise
        return list(default)


def package_version():
    try:
        with open(os.path.join(TOP, "configure.ac")) as f:
            m = re.search(r"AC_INIT\(\[libstance\],\s*\[([^\]]+)\]", f.read())
            if m:
                return m.group(1)
    except OSError:
        pass
    return "0.1.0"


def split_flags(flags):
    inc = [f[2:] for f in flags if f.startswith("-I")]
    libdirs = [f[2:] for f in flags if f.startswith("-L")]
    libs = [f[2:] for f in flags if f.startswith("-l")]
    other = [f for f in flags if not f.startswith(("-I", "-L", "-l"))]
    return inc, libdirs, libs, other


mode = os.environ.get("STANCE_LIB", "bundled" if os.path.isdir(LIBDIR) else "system")
sources = [os.path.join("stance", "_stance.c")]
define_macros = []
extra_compile_args = ["-std=gnu11", "-pthread", "-fvisibility=hidden"]
extra_link_args = ["-pthread"]
include_dirs, library_dirs, libraries = [], [], []

if mode == "bundled":
    lib_sources = sorted(glob.glob(os.path.join(LIBDIR, "*.c")))
    if not lib_sources:
        raise SystemExit("STANCE_LIB=bundled but no sources in %s" % LIBDIR)
    sources += lib_sources  # absolute paths: objects go under build/temp*, not into lib/
    deps = pkg_config("--cflags", "--libs", "libpcre2-8", default=["-lpcre2-8"])
    deps += pkg_config("--cflags", "--libs", "libutf8proc", default=["-lutf8proc"])
    inc, libdirs, libs, other = split_flags(deps)
    # lib/ goes in with -iquote: lib/features.h must not shadow glibc's <features.h>.
    include_dirs += [os.path.join(TOP, "include")] + inc
    extra_compile_args += ["-iquote", LIBDIR]
    library_dirs += libdirs
    libraries += libs + ["m"]
    extra_compile_args += other
    modeldir = os.environ.get("STANCE_MODELDIR", "/usr/local/share/libstance")
    define_macros += [("STANCE_MODELDIR", '"%s"' % modeldir.replace('"', ""))]
elif mode == "system":
    inc, libdirs, libs, other = split_flags(pkg_config("--cflags", "--libs", "libstance"))
    include_dirs += inc
    library_dirs += libdirs
    libraries += libs
    extra_compile_args += other
    extra_link_args += ["-Wl,-rpath," + d for d in libdirs]
else:
    raise SystemExit("STANCE_LIB must be 'bundled' or 'system'")


class BuildExt(build_ext):
    """Writes the config.h that lib/*.c include (normally made by configure)."""

    def build_extensions(self):
        if mode == "bundled":
            cfg = os.path.join(self.build_temp, "stance-config")
            os.makedirs(cfg, exist_ok=True)
            with open(os.path.join(cfg, "config.h"), "w") as f:
                f.write("/* config.h for the standalone Python build (setup.py) */\n"
                        "#ifndef _GNU_SOURCE\n#define _GNU_SOURCE 1\n#endif\n"
                        '#define PACKAGE "libstance"\n#define PACKAGE_NAME "libstance"\n'
                        '#define PACKAGE_VERSION "%s"\n#define VERSION PACKAGE_VERSION\n' % package_version())
            for ext in self.extensions:
                ext.include_dirs.insert(0, cfg)
        super().build_extensions()


setup(
    version=package_version(),
    ext_modules=[
        Extension(
            "stance._stance",
            sources=sources,
            include_dirs=include_dirs,
            library_dirs=library_dirs,
            libraries=libraries,
            define_macros=define_macros,
            extra_compile_args=extra_compile_args,
            extra_link_args=extra_link_args,
        )
    ],
    cmdclass={"build_ext": BuildExt},
)
