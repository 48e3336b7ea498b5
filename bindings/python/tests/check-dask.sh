#!/bin/sh
# The Dask tests: a LocalCluster on 127.0.0.1 with 2 workers must give the same
# output as one process (exit 77 = skipped: no Python, extension or Dask).
t="${top_srcdir:-.}/bindings/python/tests"
suite_files="$t/test_dask.py"
suite_modules="test_dask"
needs_module=distributed
. "$t/run-python-tests.sh"
