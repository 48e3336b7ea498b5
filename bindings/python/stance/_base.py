"""Pure-Python pieces the C extension builds on: the error class and the result list."""

_CODE_NAMES = {
    0: "OK",
    -1: "NOMEM",
    -2: "IO",
    -3: "FORMAT",
    -4: "VERSION",
    -5: "INVALID",
    -6: "UTF8",
    -7: "LIMIT",
    -8: "INTERNAL",
}


class StanceError(Exception):
    """An error reported by libstance.

    Attributes:
        code: the negative STANCE_ERR_* status code (compare with stance.ERR_UTF8, ...).
        message: the library's short English message.
        offset: byte offset into the model file or the UTF-8 input where the
            problem is, or None when no position applies.
        index: for classify_many(), the position of the failing item (else None).
    """

    def __init__(self, code, message, offset=None):
        super().__init__(code, message, offset)
        self.code = code
        self.message = message
        self.offset = offset
        self.index = None

    @property
    def name(self):
        """The code's name without prefix: 'UTF8', 'IO', ..."""
        return _CODE_NAMES.get(self.code, str(self.code))

    def __str__(self):
        where = "" if self.offset is None else " (byte %d)" % self.offset
        return "%s: %s%s" % (self.name, self.message, where)

    def __reduce__(self):
        return (_rebuild_error, (self.code, self.message, self.offset, self.index))


def _rebuild_error(code, message, offset, index):
    e = StanceError(code, message, offset)
    e.index = index
    return e


class Result(list):
    """The quotes of one text (a list of stance.Quote, in text order).

    Attribute ``entities``: the actors of the article (a list of stance.Entity),
    given by the caller or discovered in the text. ``text``: the text classified
    (str or bytes, as passed), or None.

    In Jupyter a Result displays itself as the HTML report (stance.render_html).
    """

    __slots__ = ("entities", "text")

    def __init__(self, quotes=(), entities=(), text=None):
        super().__init__(quotes)
        self.entities = list(entities)
        self.text = text

    def __reduce__(self):
        return (Result, (list(self), self.entities, self.text))

    def _repr_html_(self):
        if self.text is None:
            return None
        from .report import render_html
        return render_html(self, fragment=True, prefix="r%x-" % id(self))

    def __repr__(self):
        return "Result(%s, entities=%r)" % (list.__repr__(self), self.entities)

    def to_dict(self):
        """Plain Python data: {"quotes": [...], "entities": [...]}."""
        return {"quotes": [q.to_dict() for q in self], "entities": [e.to_dict() for e in self.entities]}
