"""The same build as _build_backend.py (which pip uses), through setuptools:
    python3 setup.py build_ext --inplace
See _build_backend.py for STANCE_LIB and STANCE_MODELDIR."""
import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _build_backend  # noqa: E402

cfg = _build_backend.config()


class BuildExt(build_ext):
    """Writes the config.h and stance.h that lib/*.c include (normally made by configure)."""

    def build_extensions(self):
        inc = os.path.join(os.path.abspath(self.build_temp), "stance-config")
        _build_backend.write_headers(cfg, inc)
        for ext in self.extensions:
            ext.extra_compile_args.insert(0, "-I" + inc)
        super().build_extensions()


setup(
    version=_build_backend.version(),
    # absolute source paths: objects land under build/temp*, not in lib/
    ext_modules=[Extension("stance._stance", sources=cfg["sources"], extra_compile_args=list(cfg["cflags"]),
                           extra_link_args=list(cfg["ldflags"]))],
    cmdclass={"build_ext": BuildExt},
)
