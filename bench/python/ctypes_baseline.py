"""A ctypes binding of the same calls, as the baseline for the extension's per-call overhead.

Loads libstance.so (the build tree's .libs/ or $STANCE_LIBRARY) and mirrors
stance.h's structs. classify() builds the same information as the extension
(spans, text, type, speaker, sentiment and per-actor stance with probabilities)
as plain dicts, so both sides do the same work.
"""
import ctypes as C
import os

size_t = C.c_size_t
c_char_p = C.c_char_p


class Error(C.Structure):
    _fields_ = [("code", C.c_int), ("offset", size_t), ("message", C.c_char * 160)]


class Span(C.Structure):
    _fields_ = [("start", size_t), ("end", size_t)]


class Actor(C.Structure):
    _fields_ = [("name", c_char_p), ("aliases", C.POINTER(c_char_p)), ("n_aliases", size_t)]


class Input(C.Structure):
    _fields_ = [("size", size_t), ("text", c_char_p), ("text_len", size_t), ("actors", C.POINTER(Actor)),
                ("n_actors", size_t)]


class Options(C.Structure):
    _fields_ = [("size", size_t), ("flags", C.c_uint), ("explain", C.c_uint), ("max_text_len", size_t), ("scratch", C.c_void_p)]


class Contrib(C.Structure):
    _fields_ = [("feature", c_char_p), ("contribution", C.c_double)]


class Decision(C.Structure):
    _fields_ = [("label", C.c_int), ("label_name", c_char_p), ("confidence", C.c_double),
                ("n_labels", size_t), ("label_names", C.POINTER(c_char_p)), ("probs", C.POINTER(C.c_double)),
                ("n_values", size_t), ("values", C.POINTER(C.c_double)),
                ("n_explain", size_t), ("explain", C.POINTER(Contrib))]


class Target(C.Structure):
    _fields_ = [("actor", c_char_p), ("entity", size_t), ("where", C.c_int), ("n_mentions", size_t),
                ("mentions", C.POINTER(Span)), ("stance", Decision)]


class Quote(C.Structure):
    _fields_ = [("span", Span), ("type", C.c_int), ("speaker", c_char_p), ("speaker_span", Span),
                ("speaker_role", c_char_p), ("cue", c_char_p), ("cue_span", Span), ("context", Span),
                ("sentiment", Decision)]


class Statement(C.Structure):
    _fields_ = [("size", size_t), ("text", c_char_p), ("text_len", size_t), ("target", c_char_p),
                ("target_len", size_t),
                ("target_spans", C.POINTER(Span)), ("n_target_spans", size_t),
                ("context", c_char_p), ("context_len", size_t)]


def _find_library():
    env = os.environ.get("STANCE_LIBRARY")
    if env:
        return env
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    return os.path.join(top, ".libs", "libstance.so")


class CtypesModel:
    TYPES = ("direct", "partial", "indirect")
    WHERE = ("none", "quote", "attribution")

    def __init__(self, path, library=None):
        lib = self.lib = C.CDLL(library or _find_library())
        lib.stance_model_open.argtypes = [c_char_p, C.POINTER(C.c_void_p), C.POINTER(Error)]
        lib.stance_model_free.argtypes = [C.c_void_p]
        lib.stance_model_head_find.argtypes = [C.c_void_p, c_char_p]
        lib.stance_classify.argtypes = [C.c_void_p, C.POINTER(Input), C.POINTER(Options), C.POINTER(C.c_void_p),
                                        C.POINTER(Error)]
        lib.stance_result_count.argtypes = [C.c_void_p]
        lib.stance_result_count.restype = size_t
        lib.stance_result_quote.argtypes = [C.c_void_p, size_t]
        lib.stance_result_quote.restype = C.POINTER(Quote)
        lib.stance_quote_target_count.argtypes = [C.POINTER(Quote)]
        lib.stance_quote_target_count.restype = size_t
        lib.stance_quote_target.argtypes = [C.POINTER(Quote), size_t]
        lib.stance_quote_target.restype = C.POINTER(Target)
        lib.stance_result_free.argtypes = [C.c_void_p]
        lib.stance_predict.argtypes = [C.c_void_p, size_t, C.POINTER(Statement), C.POINTER(Options),
                                       C.POINTER(C.c_void_p), C.POINTER(Error)]
        lib.stance_prediction_decision.argtypes = [C.c_void_p]
        lib.stance_prediction_decision.restype = C.POINTER(Decision)
        lib.stance_prediction_free.argtypes = [C.c_void_p]
        lib.stance_scratch_new.argtypes = [C.POINTER(C.c_void_p), C.POINTER(Error)]
        lib.stance_scratch_free.argtypes = [C.c_void_p]
        self.model = C.c_void_p()
        err = Error()
        rc = lib.stance_model_open(os.fsencode(path), C.byref(self.model), C.byref(err))
        if rc:
            raise OSError(err.message.decode())
        self.scratch = C.c_void_p()
        lib.stance_scratch_new(C.byref(self.scratch), None)
        self.opts = Options(C.sizeof(Options), 0, 0, 0, self.scratch)

    def close(self):
        self.lib.stance_scratch_free(self.scratch)
        self.lib.stance_model_free(self.model)

    def head_index(self, name):
        return self.lib.stance_model_head_find(self.model, name.encode())

    @staticmethod
    def _decision(d):
        if d.label < 0:
            return None
        probs = {d.label_names[i].decode(): d.probs[i] for i in range(d.n_labels)}
        return {"label": d.label_name.decode(), "confidence": d.confidence, "probs": probs}

    def predict(self, text, target=None, head=0):
        raw = text.encode()
        st = Statement(C.sizeof(Statement), raw, len(raw))
        if target is not None:
            t = target.encode()
            st.target, st.target_len = t, len(t)
        pred, err = C.c_void_p(), Error()
        if self.lib.stance_predict(self.model, head, C.byref(st), C.byref(self.opts), C.byref(pred), C.byref(err)):
            raise ValueError(err.message.decode())
        out = self._decision(self.lib.stance_prediction_decision(pred).contents)
        self.lib.stance_prediction_free(pred)
        return out

    def classify(self, text, actors=None):
        raw = text.encode()
        inp = Input(C.sizeof(Input), raw, len(raw))
        if actors:
            arr = (Actor * len(actors))(*[Actor(a.encode(), None, 0) for a in actors])
            inp.actors, inp.n_actors = arr, len(actors)
        res, err = C.c_void_p(), Error()
        if self.lib.stance_classify(self.model, C.byref(inp), C.byref(self.opts), C.byref(res), C.byref(err)):
            raise ValueError(err.message.decode())
        out = []
        ascii_only = text.isascii()
        for i in range(self.lib.stance_result_count(res)):
            q = self.lib.stance_result_quote(res, i).contents
            s, e = q.span.start, q.span.end
            cs, ce = (s, e) if ascii_only else (len(raw[:s].decode()), len(raw[:e].decode()))
            targets = []
            qp = self.lib.stance_result_quote(res, i)
            for k in range(self.lib.stance_quote_target_count(qp)):
                t = self.lib.stance_quote_target(qp, k).contents
                targets.append({"actor": t.actor.decode(), "where": self.WHERE[t.where],
                                "stance": self._decision(t.stance)})
            out.append({"span": (cs, ce), "byte_span": (s, e), "text": text[cs:ce], "type": self.TYPES[q.type],
                        "speaker": q.speaker.decode() if q.speaker else None,
                        "sentiment": self._decision(q.sentiment), "targets": targets})
        self.lib.stance_result_free(res)
        return out
