#!/bin/sh
# models/inflect_lexicon.py, which `make models` runs to give the model's lexicon the inflections
# of the VADER words: its rules and what it must never write (tests/test_inflect_lexicon.py).
top_srcdir=${top_srcdir:-.}
py=${PYTHON_BIN:-}
[ -n "$py" ] || py=$(command -v python3) || { echo "SKIP: no python3"; exit 77; }
exec "$py" "$top_srcdir/tests/test_inflect_lexicon.py" "$top_srcdir/models/inflect_lexicon.py"
