"""A small PEP 517 backend: builds the stance wheel with setuptools only.

setuptools' own backend needs the `wheel` package to make a wheel, which a
fresh venv of a non-Debian Python (e.g. pyenv's) does not have, and nothing may
be downloaded. So: run `setup.py build_ext` (setuptools, any version >= 61)
into a temporary directory and zip the result with the dist-info files
ourselves. `pip install --no-build-isolation bindings/python` then works
offline in any venv that has setuptools.
"""
import base64
import hashlib
import os
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "stance"
SUMMARY = "Quotes, speakers, sentiment and stance toward actors in news text (libstance bindings)"


def _version():
    import re

    try:
        with open(os.path.join(HERE, "..", "..", "configure.ac")) as f:
            m = re.search(r"AC_INIT\(\[libstance\],\s*\[([^\]]+)\]", f.read())
            if m:
                return m.group(1)
    except OSError:
        pass
    return "0.1.0"


def _tag():
    impl = "cp%d%d" % sys.version_info[:2]
    abi = "cp%d%d%s" % (sys.version_info[0], sys.version_info[1], getattr(sys, "abiflags", ""))
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return "%s-%s-%s" % (impl, abi, plat)


def get_requires_for_build_wheel(config_settings=None):
    return ["setuptools>=61"]


def get_requires_for_build_sdist(config_settings=None):
    return []


def _metadata(version):
    readme = ""
    try:
        with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
            readme = f.read()
    except OSError:
        pass
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\nRequires-Python: >=3.9\n"
            "Provides-Extra: dask\nRequires-Dist: distributed; extra == \"dask\"\n"
            "Description-Content-Type: text/markdown\n\n%s" % (NAME, version, SUMMARY, readme))


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (arcname, digest, len(data))


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = _version()
    tag = _tag()
    with tempfile.TemporaryDirectory() as tmp:
        lib, temp = os.path.join(tmp, "lib"), os.path.join(tmp, "temp")
        subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--build-lib", lib, "--build-temp", temp],
                       cwd=HERE, check=True, stdout=sys.stderr)
        files = []  # (arcname, path)
        for root, _dirs, names in os.walk(os.path.join(lib, NAME)):
            for n in names:
                p = os.path.join(root, n)
                files.append((os.path.relpath(p, lib), p))
        pkg = os.path.join(HERE, NAME)
        for n in sorted(os.listdir(pkg)):
            if n.endswith((".py", ".pyi")) or n == "py.typed":
                files.append((NAME + "/" + n, os.path.join(pkg, n)))
        # The shipped model, when the source tree has one (models/ is filled by training).
        shipped = os.path.join(HERE, "..", "..", "models", "en-news.stm")
        if os.path.isfile(shipped):
            files.append((NAME + "/models/en-news.stm", shipped))
        dist_info = "%s-%s.dist-info" % (NAME, version)
        wheel_name = "%s-%s-%s.whl" % (NAME, version, tag)
        records = []
        with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as zf:
            for arc, path in files:
                with open(path, "rb") as f:
                    data = f.read()
                zf.writestr(arc, data)
                records.append(_record_line(arc, data))
            meta = {
                "METADATA": _metadata(version).encode("utf-8"),
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
    version = _version()
    base = "%s-%s" % (NAME, version)
    name = base + ".tar.gz"
    with tarfile.open(os.path.join(sdist_directory, name), "w:gz") as tf:
        for n in ("pyproject.toml", "setup.py", "_build_backend.py", "README.md", "SCALING.md"):
            if os.path.exists(os.path.join(HERE, n)):
                tf.add(os.path.join(HERE, n), base + "/" + n)
        tf.add(os.path.join(HERE, NAME), base + "/" + NAME,
               filter=lambda ti: None if ti.name.endswith((".so", ".o")) or "__pycache__" in ti.name else ti)
        pkg_info = os.path.join(HERE, "PKG-INFO.tmp")
        try:
            with open(pkg_info, "w", encoding="utf-8") as f:
                f.write(_metadata(version))
            tf.add(pkg_info, base + "/PKG-INFO")
        finally:
            os.unlink(pkg_info)
    return name
