#!/bin/sh
# The Python binding tests (exit 77 = skipped: no Python or no extension).
t="${top_srcdir:-.}/bindings/python/tests"
suite_files="$t/test_model.py $t/test_classify.py $t/test_threads.py $t/test_cli_equal.py $t/test_record_policy.py $t/test_report.py $t/test_signals.py $t/test_sides.py $t/test_discover_others.py $t/test_mentioned_only.py"
suite_modules="test_model test_classify test_threads test_cli_equal test_record_policy test_report test_signals test_sides test_discover_others test_mentioned_only"
needs_module=
. "$t/run-python-tests.sh"
