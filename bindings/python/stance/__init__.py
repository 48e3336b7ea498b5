"""stance: quotes, speakers, sentiment and stance in news text (libstance bindings).

    >>> import stance
    >>> with stance.Model() as model:                      # $STANCE_MODEL, else the packaged model, else the installed default
    ...     for q in model.classify(text, actors=["Jane Doe", ("Acme Corp", ["Acme"])]):
    ...         print(q.span, q.speaker, q.sentiment.label, q.stances)

Offsets: ``Quote.span``, ``speaker_span``, ``cue_span``, ``context_span`` and the
``mentions`` lists are *character* offsets into the Python str you passed
(``text[q.start:q.end] == q.text``); the ``byte_*`` twins are the library's
UTF-8 *byte* offsets (what the C API and the ``stance`` CLI report). For bytes
input both are byte offsets.

Threads: a Model may be shared by any number of threads; every call releases
the GIL. ``Model.classify_many(texts, threads=N)`` runs N native threads.
"""
import os as _os

from ._base import Result, StanceError
from .report import render_html
from ._stance import (
    ERR_FORMAT,
    ERR_INTERNAL,
    ERR_INVALID,
    ERR_IO,
    ERR_LIMIT,
    ERR_NOMEM,
    ERR_UTF8,
    ERR_VERSION,
    HEADER_VERSION,
    MAX_ACTORS,
    MAX_ALIASES,
    OK,
    VERSION_NUMBER,
    Decision,
    Entity,
    Model,
    Quote,
    Target,
    _set_default_model,
    default_model_path,
    strerror,
    version,
)

__version__ = HEADER_VERSION

__all__ = [
    "Model", "Quote", "Target", "Decision", "Entity", "Result", "StanceError",
    "version", "strerror", "default_model_path", "packaged_model_path", "render_html",
    "OK", "ERR_NOMEM", "ERR_IO", "ERR_FORMAT", "ERR_VERSION", "ERR_INVALID", "ERR_UTF8",
    "ERR_LIMIT", "ERR_INTERNAL", "VERSION_NUMBER", "MAX_ACTORS", "MAX_ALIASES",
]


def packaged_model_path():
    """The model file shipped inside this package (pip builds copy models/en-news.stm
    when it exists), or None."""
    p = _os.path.join(_os.path.dirname(_os.path.abspath(__file__)), "models", "en-news.stm")
    return p if _os.path.isfile(p) else None


# Model(None) looks at $STANCE_MODEL, then this, then the library's installed default.
_set_default_model(packaged_model_path())
