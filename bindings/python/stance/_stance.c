/*
 * _stance.c - the CPython extension behind the `stance` package.
 *
 * Model wraps a stance_model; classify(), predict() and classify_many() call
 * the C API with the GIL released, and turn results into small immutable
 * value objects (Quote, Target, Decision, Entity) built here in C, because a
 * Python-level constructor per object would cost more than the
 * classification of a short text. classify_many() runs N POSIX threads, each
 * with its own stance_scratch, while the calling thread converts finished
 * results in order.
 *
 * Offsets: the library reports byte ranges into the UTF-8 text. Every span
 * is offered twice: `span`-style fields are character offsets into the
 * Python str (so text[start:end] works), `byte_*` fields are the library's
 * byte offsets into text.encode("utf-8"). For bytes input both are bytes.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "html.h"
#include "stance.h"

PyMODINIT_FUNC PyInit__stance(void);

/* Exception and result classes come from the pure-Python part of the package. */
static PyObject *StanceError;  /* stance._base.StanceError */
static PyObject *ResultClass;  /* stance._base.Result (a list subclass) */
static PyObject *default_model_obj; /* path str set by stance/__init__.py, or None */

/* Interned strings used in every result. */
static PyObject *s_direct, *s_partial, *s_indirect, *s_quote, *s_attribution, *s_none, *s_entities, *s_text;

/* ------------------------------------------------------------------------ */
/* Errors */

static PyObject *make_error(int code, const char *message, size_t offset)
{
    PyObject *off = offset == STANCE_NO_OFFSET ? Py_NewRef(Py_None) : PyLong_FromSize_t(offset);
    PyObject *exc;
    if (!off)
        return NULL;
    exc = PyObject_CallFunction(StanceError, "isO", code, message && *message ? message : stance_strerror(code), off);
    Py_DECREF(off);
    return exc;
}

static PyObject *raise_error(int code, const stance_error *err)
{
    PyObject *exc = make_error(code, err ? err->message : NULL, err ? err->offset : STANCE_NO_OFFSET);
    if (exc) {
        PyErr_SetObject(StanceError, exc);
        Py_DECREF(exc);
    }
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Value types: immutable records of PyObject* fields, one generic implementation. */

typedef struct {
    PyObject_HEAD
    PyObject *f[];
} Record;

#define FOFF(i) ((Py_ssize_t)(offsetof(Record, f) + (i) * sizeof(PyObject *)))
#define NFIELDS(tp) ((Py_ssize_t)(((tp)->tp_basicsize - (Py_ssize_t)offsetof(Record, f)) / (Py_ssize_t)sizeof(PyObject *)))

static PyObject *record_alloc(PyTypeObject *tp)
{
    return tp->tp_alloc(tp, 0);
}

static Py_ssize_t required_fields(PyTypeObject *tp);

static PyObject *record_new(PyTypeObject *tp, PyObject *args, PyObject *kwds)
{
    Py_ssize_t n = NFIELDS(tp), nargs = PyTuple_GET_SIZE(args), used = 0, nreq = required_fields(tp);
    Record *r;
    if (nargs > n) {
        PyErr_Format(PyExc_TypeError, "%s() takes %zd arguments", tp->tp_name, n);
        return NULL;
    }
    r = (Record *)record_alloc(tp);
    if (!r)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = NULL;
        if (i < nargs)
            v = PyTuple_GET_ITEM(args, i);
        else if (kwds) {
            v = PyDict_GetItemString(kwds, tp->tp_members[i].name);
            if (v)
                used++;
        }
        if (!v && i >= nreq) /* a field added later (Target.relation): None when not given */
            v = Py_None;
        if (!v) {
            PyErr_Format(PyExc_TypeError, "%s() missing argument '%s'", tp->tp_name, tp->tp_members[i].name);
            Py_DECREF(r);
            return NULL;
        }
        r->f[i] = Py_NewRef(v);
    }
    if (kwds && used != PyDict_GET_SIZE(kwds)) {
        PyErr_Format(PyExc_TypeError, "%s() got an unexpected or repeated keyword argument", tp->tp_name);
        Py_DECREF(r);
        return NULL;
    }
    return (PyObject *)r;
}

static int record_traverse(PyObject *self, visitproc visit, void *arg)
{
    Record *r = (Record *)self;
    for (Py_ssize_t i = 0; i < NFIELDS(Py_TYPE(self)); i++)
        Py_VISIT(r->f[i]);
    return 0;
}

static int record_clear(PyObject *self)
{
    Record *r = (Record *)self;
    for (Py_ssize_t i = 0; i < NFIELDS(Py_TYPE(self)); i++)
        Py_CLEAR(r->f[i]);
    return 0;
}

static void record_dealloc(PyObject *self)
{
    PyObject_GC_UnTrack(self);
    record_clear(self);
    Py_TYPE(self)->tp_free(self);
}

static PyObject *record_fields(PyObject *self)
{
    Record *r = (Record *)self;
    Py_ssize_t n = NFIELDS(Py_TYPE(self));
    PyObject *t = PyTuple_New(n);
    if (!t)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++)
        PyTuple_SET_ITEM(t, i, Py_NewRef(r->f[i] ? r->f[i] : Py_None));
    return t;
}

static PyObject *record_repr(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    Record *r = (Record *)self;
    const char *dot = strrchr(tp->tp_name, '.');
    PyObject *parts = NULL, *sep = NULL, *body = NULL, *out = NULL;
    int rc = Py_ReprEnter(self);
    if (rc != 0)
        return rc > 0 ? PyUnicode_FromString("...") : NULL;
    parts = PyList_New(0);
    if (!parts)
        goto done;
    for (Py_ssize_t i = 0; i < NFIELDS(tp); i++) {
        PyObject *s = PyUnicode_FromFormat("%s=%R", tp->tp_members[i].name, r->f[i] ? r->f[i] : Py_None);
        if (!s || PyList_Append(parts, s)) {
            Py_XDECREF(s);
            goto done;
        }
        Py_DECREF(s);
    }
    sep = PyUnicode_FromString(", ");
    if (!sep)
        goto done;
    body = PyUnicode_Join(sep, parts);
    if (body)
        out = PyUnicode_FromFormat("%s(%U)", dot ? dot + 1 : tp->tp_name, body);
done:
    Py_XDECREF(parts);
    Py_XDECREF(sep);
    Py_XDECREF(body);
    Py_ReprLeave(self);
    return out;
}

static PyObject *record_richcompare(PyObject *a, PyObject *b, int op)
{
    PyObject *ta, *tb, *res;
    if ((op != Py_EQ && op != Py_NE) || Py_TYPE(a) != Py_TYPE(b))
        Py_RETURN_NOTIMPLEMENTED;
    ta = record_fields(a);
    tb = ta ? record_fields(b) : NULL;
    res = tb ? PyObject_RichCompare(ta, tb, op) : NULL;
    Py_XDECREF(ta);
    Py_XDECREF(tb);
    return res;
}

static PyObject *record_reduce(PyObject *self, PyObject *unused)
{
    PyObject *t = record_fields(self);
    return t ? Py_BuildValue("(ON)", (PyObject *)Py_TYPE(self), t) : NULL;
}

static int is_record(PyObject *o);

/* Records become dicts, recursively through lists, tuples of records and dicts. */
static PyObject *to_plain(PyObject *o)
{
    if (is_record(o)) {
        PyTypeObject *tp = Py_TYPE(o);
        Record *r = (Record *)o;
        PyObject *d = PyDict_New();
        if (!d)
            return NULL;
        for (Py_ssize_t i = 0; i < NFIELDS(tp); i++) {
            PyObject *v = to_plain(r->f[i] ? r->f[i] : Py_None);
            if (!v || PyDict_SetItemString(d, tp->tp_members[i].name, v)) {
                Py_XDECREF(v);
                Py_DECREF(d);
                return NULL;
            }
            Py_DECREF(v);
        }
        return d;
    }
    if (PyList_Check(o) || PyTuple_CheckExact(o)) { /* lists stay lists, tuples tuples */
        int list = PyList_Check(o);
        Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
        PyObject *out = list ? PyList_New(n) : PyTuple_New(n);
        if (!out)
            return NULL;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *v = to_plain(PySequence_Fast_GET_ITEM(o, i));
            if (!v) {
                Py_DECREF(out);
                return NULL;
            }
            if (list)
                PyList_SET_ITEM(out, i, v);
            else
                PyTuple_SET_ITEM(out, i, v);
        }
        return out;
    }
    if (PyDict_Check(o)) {
        PyObject *d = PyDict_New(), *k, *v;
        Py_ssize_t pos = 0;
        if (!d)
            return NULL;
        while (PyDict_Next(o, &pos, &k, &v)) {
            PyObject *pv = to_plain(v);
            if (!pv || PyDict_SetItem(d, k, pv)) {
                Py_XDECREF(pv);
                Py_DECREF(d);
                return NULL;
            }
            Py_DECREF(pv);
        }
        return d;
    }
    return Py_NewRef(o);
}

static PyObject *record_to_dict(PyObject *self, PyObject *unused)
{
    return to_plain(self);
}

static PyMethodDef record_methods[] = {
    {"__reduce__", record_reduce, METH_NOARGS, NULL},
    {"to_dict", record_to_dict, METH_NOARGS,
     "to_dict($self)\n--\n\nThe record as a dict of plain Python values (nested records become dicts)."},
    {NULL, NULL, 0, NULL}};

/* Field indices. */
enum { D_LABEL, D_CONFIDENCE, D_PROBS, D_VALUES, D_EXPLAIN, D_N };
enum { T_ACTOR, T_WHERE, T_MENTIONS, T_BYTE_MENTIONS, T_STANCE, T_ENTITY, T_KINDS, T_RULES, T_WHY, T_RELATION, T_N };
enum {
    Q_SPAN, Q_BYTE_SPAN, Q_TEXT, Q_TYPE, Q_SPEAKER, Q_SPEAKER_SPAN, Q_SPEAKER_BYTE_SPAN, Q_SPEAKER_ROLE, Q_CUE,
    Q_CUE_SPAN, Q_CUE_BYTE_SPAN, Q_CONTEXT_SPAN, Q_CONTEXT_BYTE_SPAN, Q_SENTIMENT, Q_TARGETS, Q_RULE, Q_N
};
enum { E_NAME, E_DISCOVERED, E_INPUT_INDEX, E_MENTIONS, E_BYTE_MENTIONS, E_ALL_MENTIONS, E_BYTE_ALL_MENTIONS, E_N };

#define MEMBER(name, i, doc) {name, T_OBJECT, FOFF(i), READONLY, doc}

static PyMemberDef decision_members[] = {
    MEMBER("label", D_LABEL, "name of the most probable label (str)"),
    MEMBER("confidence", D_CONFIDENCE, "probability of that label (float in [0, 1])"),
    MEMBER("probs", D_PROBS, "calibrated probability of every label, in the model's label order (dict str -> float)"),
    MEMBER("values", D_VALUES, "raw decision values, one per class pair, before calibration (tuple of float)"),
    MEMBER("explain", D_EXPLAIN, "top contributing features, strongest first (tuple of (feature, contribution))"),
    {NULL, 0, 0, 0, NULL}};

static PyMemberDef target_members[] = {
    MEMBER("actor", T_ACTOR, "the actor's canonical name (str)"),
    MEMBER("where", T_WHERE, "'quote' (mentioned in the quote), 'attribution' (only in its attribution sentence) or 'none'"),
    MEMBER("mentions", T_MENTIONS, "mentions in the quote or attribution: tuple of (start, end) character offsets"),
    MEMBER("byte_mentions", T_BYTE_MENTIONS, "the same mentions as (start, end) UTF-8 byte offsets"),
    MEMBER("stance", T_STANCE, "the Decision: favor / against / none"),
    MEMBER("entity", T_ENTITY, "index into Result.entities (int)"),
    MEMBER("kinds", T_KINDS, "kind of each mention: 'name', 'alias', 'surname', 'title', 'epithet', 'pronoun' or "
                             "'speaker-self' (tuple of str, parallel to mentions)"),
    MEMBER("rules", T_RULES, "the rule that found each mention (tuple of str, parallel to mentions)"),
    MEMBER("why", T_WHY, "why the actor is a target: 'mentioned', 'object', 'principal', 'all-actors' (tuple of str)"),
    MEMBER("relation", T_RELATION, "the actor's relation to the quote's speaker: 'self', 'speaks-for', 'same-side' or "
                                   "'opposite-side'; None when unknown (worked out only when the actors were given "
                                   "with sides: stance_target_relation())"),
    {NULL, 0, 0, 0, NULL}};

static PyMemberDef quote_members[] = {
    MEMBER("span", Q_SPAN, "the quoted content, quote marks excluded: (start, end) character offsets into the text"),
    MEMBER("byte_span", Q_BYTE_SPAN, "the same as (start, end) UTF-8 byte offsets"),
    MEMBER("text", Q_TEXT, "the quoted content (str)"),
    MEMBER("type", Q_TYPE, "'direct', 'partial' or 'indirect'"),
    MEMBER("speaker", Q_SPEAKER, "canonical name of the speaker (str), or None if unknown"),
    MEMBER("speaker_span", Q_SPEAKER_SPAN, "the attributing mention as (start, end) character offsets, or None"),
    MEMBER("speaker_byte_span", Q_SPEAKER_BYTE_SPAN, "the same as UTF-8 byte offsets, or None"),
    MEMBER("speaker_role", Q_SPEAKER_ROLE, "appositive role ('the mayor of Springfield'), or None"),
    MEMBER("cue", Q_CUE, "reporting verb as written ('said'), or None"),
    MEMBER("cue_span", Q_CUE_SPAN, "the cue as (start, end) character offsets, or None"),
    MEMBER("cue_byte_span", Q_CUE_BYTE_SPAN, "the same as UTF-8 byte offsets, or None"),
    MEMBER("context_span", Q_CONTEXT_SPAN, "the attribution sentence(s) around the quote, character offsets"),
    MEMBER("context_byte_span", Q_CONTEXT_BYTE_SPAN, "the same as UTF-8 byte offsets"),
    MEMBER("sentiment", Q_SENTIMENT, "the quote's sentiment Decision (positive / negative / neutral), or None"),
    MEMBER("targets", Q_TARGETS, "the speaker's stance toward each actor scored for this quote (tuple of Target)"),
    MEMBER("rule", Q_RULE, "the attribution rule that found the speaker ('after', 'before', 'inherit-prev', ...; "
                           "'none' when there is none): stance_quote_rule()"),
    {NULL, 0, 0, 0, NULL}};

static PyMemberDef entity_members[] = {
    MEMBER("name", E_NAME, "canonical name (str)"),
    MEMBER("discovered", E_DISCOVERED, "True if found in the text, False if given by the caller"),
    MEMBER("input_index", E_INPUT_INDEX, "index into the actors argument, or None"),
    MEMBER("mentions", E_MENTIONS, "every mention: tuple of (start, end) character offsets"),
    MEMBER("byte_mentions", E_BYTE_MENTIONS, "every mention as (start, end) UTF-8 byte offsets"),
    MEMBER("all_mentions", E_ALL_MENTIONS, "mentions of every kind (names, titles, epithets, pronouns, speaker-self): "
                                           "tuple of (start, end, kind, rule), character offsets"),
    MEMBER("byte_all_mentions", E_BYTE_ALL_MENTIONS, "the same with UTF-8 byte offsets"),
    {NULL, 0, 0, 0, NULL}};

static PyObject *field(PyObject *self, int i)
{
    PyObject *v = ((Record *)self)->f[i];
    return Py_NewRef(v ? v : Py_None);
}

static PyObject *span_item(PyObject *self, int i, int k)
{
    PyObject *v = ((Record *)self)->f[i];
    if (!v || !PyTuple_Check(v) || PyTuple_GET_SIZE(v) != 2)
        Py_RETURN_NONE;
    return Py_NewRef(PyTuple_GET_ITEM(v, k));
}

static PyObject *quote_get_start(PyObject *self, void *c) { return span_item(self, Q_SPAN, 0); }
static PyObject *quote_get_end(PyObject *self, void *c) { return span_item(self, Q_SPAN, 1); }

static PyObject *quote_get_stances(PyObject *self, void *c)
{
    PyObject *targets = ((Record *)self)->f[Q_TARGETS], *d = PyDict_New();
    if (!d || !targets || !PyTuple_Check(targets))
        return d;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(targets); i++) {
        Record *t = (Record *)PyTuple_GET_ITEM(targets, i);
        if (!is_record((PyObject *)t))
            continue;
        if (PyDict_SetItem(d, t->f[T_ACTOR], t->f[T_STANCE])) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

static PyObject *target_dec(PyObject *self, int i)
{
    PyObject *dec = ((Record *)self)->f[T_STANCE];
    if (!dec || dec == Py_None)
        Py_RETURN_NONE;
    return field(dec, i);
}
static PyObject *target_get_label(PyObject *self, void *c) { return target_dec(self, D_LABEL); }
static PyObject *target_get_confidence(PyObject *self, void *c) { return target_dec(self, D_CONFIDENCE); }
static PyObject *target_get_probs(PyObject *self, void *c) { return target_dec(self, D_PROBS); }

static PyGetSetDef quote_getset[] = {
    {"start", quote_get_start, NULL, "span[0]: character offset of the quote's first character", NULL},
    {"end", quote_get_end, NULL, "span[1]: character offset just past the quote", NULL},
    {"stances", quote_get_stances, NULL, "dict actor name -> stance Decision, from targets", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyGetSetDef target_getset[] = {
    {"label", target_get_label, NULL, "stance.label", NULL},
    {"confidence", target_get_confidence, NULL, "stance.confidence", NULL},
    {"probs", target_get_probs, NULL, "stance.probs", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

#define RECORD_TYPE(var, pyname, nfields, members, getset, doc)                                            \
    static PyTypeObject var = {                                                                            \
        PyVarObject_HEAD_INIT(NULL, 0).tp_name = pyname,                                                   \
        .tp_basicsize = (Py_ssize_t)(offsetof(Record, f) + (nfields) * sizeof(PyObject *)),                \
        .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,                                               \
        .tp_doc = doc,                                                                                     \
        .tp_new = record_new,                                                                              \
        .tp_dealloc = record_dealloc,                                                                      \
        .tp_traverse = record_traverse,                                                                    \
        .tp_clear = record_clear,                                                                          \
        .tp_repr = record_repr,                                                                            \
        .tp_richcompare = record_richcompare,                                                              \
        .tp_hash = PyObject_HashNotImplemented,                                                            \
        .tp_methods = record_methods,                                                                      \
        .tp_members = members,                                                                             \
        .tp_getset = getset,                                                                               \
    }

RECORD_TYPE(DecisionType, "stance.Decision", D_N, decision_members, NULL,
            "Decision(label, confidence, probs, values, explain)\n--\n\n"
            "A classifier's decision: the most probable label and every label's calibrated probability\n"
            "(tempered as the C API's stance_decision says: classify() by the head's in-domain temperature,\n"
            "else its general one; predict() by its general one; the label is the same either way).");
RECORD_TYPE(TargetType, "stance.Target", T_N, target_members, target_getset,
            "Target(actor, where, mentions, byte_mentions, stance, entity, kinds, rules, why, relation=None)\n--\n\n"
            "The stance of a quote's speaker toward one actor. kinds and rules run parallel to mentions\n"
            "(\"surname\", \"pronoun-gender\", ...); why: (\"mentioned\", \"object\", \"principal\",\n"
            "\"all-actors\"); relation: \"self\", \"speaks-for\", \"same-side\", \"opposite-side\" or None\n"
            "(known only when the actors were given with sides), as in the CLI's JSON (README.md).");
RECORD_TYPE(QuoteType, "stance.Quote", Q_N, quote_members, quote_getset,
            "Quote(span, byte_span, text, type, speaker, speaker_span, speaker_byte_span, speaker_role, cue,\n"
            "      cue_span, cue_byte_span, context_span, context_byte_span, sentiment, targets, rule)\n--\n\n"
            "One quote with its speaker, sentiment and per-actor stances. `*_span` fields are character\n"
            "offsets into the Python str, `*_byte_span` fields UTF-8 byte offsets.");
RECORD_TYPE(EntityType, "stance.Entity", E_N, entity_members, NULL,
            "Entity(name, discovered, input_index, mentions, byte_mentions, all_mentions, byte_all_mentions)\n--\n\n"
            "An actor of the article: given by the caller or discovered in the text. mentions: its names,\n"
            "aliases and surnames; all_mentions: every mention as (start, end, kind, rule), in text order.");

/* Fields a constructor call must give: those after them (added since) default to None. */
static Py_ssize_t required_fields(PyTypeObject *tp)
{
    return tp == &TargetType ? T_RELATION : NFIELDS(tp);
}

static int is_record(PyObject *o)
{
    PyTypeObject *t = Py_TYPE(o);
    return t == &DecisionType || t == &TargetType || t == &QuoteType || t == &EntityType;
}

/* Results hold thousands of small objects. Immutable ones whose members are all
 * untracked cannot be part of a reference cycle, so we take them out of the
 * cyclic GC as soon as they are built (CPython does the same for tuples, but
 * only lazily during a collection); otherwise keeping a batch of results alive
 * makes every collection walk all of them. */
static int is_tracked(PyObject *o)
{
    return PyObject_IS_GC(o) && PyObject_GC_IsTracked(o);
}

static PyObject *seal_tuple(PyObject *t)
{
    if (t && PyTuple_CheckExact(t) && PyObject_GC_IsTracked(t)) {
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(t); i++)
            if (is_tracked(PyTuple_GET_ITEM(t, i)))
                return t;
        PyObject_GC_UnTrack(t);
    }
    return t;
}

static PyObject *seal_record(PyObject *o)
{
    Record *r = (Record *)o;
    if (!o)
        return NULL;
    for (Py_ssize_t i = 0; i < NFIELDS(Py_TYPE(o)); i++)
        if (r->f[i] && is_tracked(r->f[i]))
            return o;
    PyObject_GC_UnTrack(o);
    return o;
}

/* ------------------------------------------------------------------------ */
/* Byte offset -> character offset */

#define CK_SHIFT 12

typedef struct offmap {
    const unsigned char *s;
    size_t len;
    int identity;     /* ASCII str, or bytes input */
    size_t *ck;       /* characters before each 4 KiB block, built on first use */
} offmap;

static void offmap_init(offmap *m, const char *s, size_t len, int identity)
{
    m->s = (const unsigned char *)s;
    m->len = len;
    m->identity = identity;
    m->ck = NULL;
}

static void offmap_free(offmap *m)
{
    PyMem_Free(m->ck);
    m->ck = NULL;
}

static size_t count_chars(const unsigned char *p, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += (p[i] & 0xC0) != 0x80;
    return c;
}

/* Returns (size_t)-1 with MemoryError set on failure. */
static size_t offmap_char(offmap *m, size_t off)
{
    size_t blk;
    if (m->identity)
        return off;
    if (off > m->len)
        off = m->len;
    if (!m->ck) {
        size_t n = (m->len >> CK_SHIFT) + 1;
        m->ck = PyMem_Malloc(n * sizeof *m->ck);
        if (!m->ck) {
            PyErr_NoMemory();
            return (size_t)-1;
        }
        m->ck[0] = 0;
        for (size_t b = 1; b < n; b++)
            m->ck[b] = m->ck[b - 1] + count_chars(m->s + ((b - 1) << CK_SHIFT), (size_t)1 << CK_SHIFT);
    }
    blk = off >> CK_SHIFT;
    return m->ck[blk] + count_chars(m->s + (blk << CK_SHIFT), off - (blk << CK_SHIFT));
}

static PyObject *byte_span(stance_span s)
{
    if (s.start == STANCE_NO_OFFSET)
        Py_RETURN_NONE;
    return seal_tuple(Py_BuildValue("(nn)", (Py_ssize_t)s.start, (Py_ssize_t)s.end));
}

static PyObject *char_span(offmap *m, stance_span s)
{
    size_t a, b;
    if (s.start == STANCE_NO_OFFSET)
        Py_RETURN_NONE;
    if (m->identity)
        return byte_span(s);
    a = offmap_char(m, s.start);
    b = a == (size_t)-1 ? a : offmap_char(m, s.end);
    if (b == (size_t)-1)
        return NULL;
    return seal_tuple(Py_BuildValue("(nn)", (Py_ssize_t)a, (Py_ssize_t)b));
}

static int span_lists(offmap *m, const stance_span *spans, size_t n, PyObject **chars, PyObject **bytes)
{
    *chars = PyTuple_New((Py_ssize_t)n);
    *bytes = PyTuple_New((Py_ssize_t)n);
    if (!*chars || !*bytes)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        PyObject *c = char_span(m, spans[i]), *b = c ? byte_span(spans[i]) : NULL;
        if (!b) {
            Py_XDECREF(c);
            goto fail;
        }
        PyTuple_SET_ITEM(*chars, (Py_ssize_t)i, c);
        PyTuple_SET_ITEM(*bytes, (Py_ssize_t)i, b);
    }
    seal_tuple(*chars);
    seal_tuple(*bytes);
    return 0;
fail:
    Py_CLEAR(*chars);
    Py_CLEAR(*bytes);
    return -1;
}

/* ------------------------------------------------------------------------ */
/* Result conversion (GIL held) */

static PyObject *str_or_none(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "replace");
}

static PyObject *conv_decision(const stance_decision *d)
{
    Record *r;
    PyObject *probs, *values, *explain;
    if (d->label < 0 || d->n_labels == 0)
        Py_RETURN_NONE;
    r = (Record *)record_alloc(&DecisionType);
    if (!r)
        return NULL;
    r->f[D_LABEL] = str_or_none(d->label_name);
    r->f[D_CONFIDENCE] = PyFloat_FromDouble(d->confidence);
    r->f[D_PROBS] = probs = PyDict_New();
    r->f[D_VALUES] = values = PyTuple_New((Py_ssize_t)d->n_values);
    r->f[D_EXPLAIN] = explain = PyTuple_New((Py_ssize_t)d->n_explain);
    if (!r->f[D_LABEL] || !r->f[D_CONFIDENCE] || !probs || !values || !explain)
        goto fail;
    for (size_t i = 0; i < d->n_labels; i++) {
        PyObject *k = str_or_none(d->label_names[i]), *v = k ? PyFloat_FromDouble(d->probs[i]) : NULL;
        int rc = v ? PyDict_SetItem(probs, k, v) : -1;
        Py_XDECREF(k);
        Py_XDECREF(v);
        if (rc)
            goto fail;
    }
    for (size_t i = 0; i < d->n_values; i++) {
        PyObject *v = PyFloat_FromDouble(d->values[i]);
        if (!v)
            goto fail;
        PyTuple_SET_ITEM(values, (Py_ssize_t)i, v);
    }
    for (size_t i = 0; i < d->n_explain; i++) {
        PyObject *e = Py_BuildValue("(Nd)", str_or_none(d->explain[i].feature), d->explain[i].contribution);
        if (!e)
            goto fail;
        PyTuple_SET_ITEM(explain, (Py_ssize_t)i, seal_tuple(e));
    }
    seal_tuple(values);
    seal_tuple(explain);
    return seal_record((PyObject *)r);
fail:
    Py_DECREF(r);
    return NULL;
}

static PyObject *quote_type_name(stance_quote_type t)
{
    return Py_NewRef(t == STANCE_QUOTE_DIRECT ? s_direct : t == STANCE_QUOTE_PARTIAL ? s_partial : s_indirect);
}

/* The kinds and rules of a target's mentions, and why it is a target. */
static int target_evidence(const stance_target *t, PyObject **kinds, PyObject **rules, PyObject **why)
{
    static const char *const reasons[] = {"mentioned", "object", "principal", "all-actors"};
    unsigned bits = stance_target_reasons(t);
    Py_ssize_t nw = 0;
    *kinds = PyTuple_New((Py_ssize_t)t->n_mentions);
    *rules = PyTuple_New((Py_ssize_t)t->n_mentions);
    for (size_t k = 0; k < 4; k++)
        nw += (bits >> k) & 1u;
    *why = PyTuple_New(nw);
    if (!*kinds || !*rules || !*why)
        return -1;
    for (size_t k = 0; k < t->n_mentions; k++) {
        stance_mention_kind kind = STANCE_MENTION_NAME;
        const char *rule = "";
        PyObject *a, *b;
        stance_target_mention(t, k, NULL, &kind, &rule);
        a = PyUnicode_FromString(stance_mention_kind_name(kind));
        b = a ? PyUnicode_FromString(rule) : NULL;
        if (!b) {
            Py_XDECREF(a);
            return -1;
        }
        PyTuple_SET_ITEM(*kinds, (Py_ssize_t)k, a);
        PyTuple_SET_ITEM(*rules, (Py_ssize_t)k, b);
    }
    nw = 0;
    for (size_t k = 0; k < 4; k++)
        if ((bits >> k) & 1u) {
            PyObject *w = PyUnicode_FromString(reasons[k]);
            if (!w)
                return -1;
            PyTuple_SET_ITEM(*why, nw++, w);
        }
    seal_tuple(*kinds);
    seal_tuple(*rules);
    seal_tuple(*why);
    return 0;
}

/* An entity's mentions of every kind: (start, end, kind, rule), in characters and in bytes. */
static int entity_all_mentions(offmap *m, const stance_entity *e, PyObject **chars, PyObject **bytes)
{
    size_t n = stance_entity_mention_count(e);
    *chars = PyTuple_New((Py_ssize_t)n);
    *bytes = PyTuple_New((Py_ssize_t)n);
    if (!*chars || !*bytes)
        return -1;
    for (size_t k = 0; k < n; k++) {
        stance_span sp = {0, 0};
        stance_mention_kind kind = STANCE_MENTION_NAME;
        const char *rule = "";
        size_t a, b;
        PyObject *c, *y;
        stance_entity_mention(e, k, &sp, &kind, &rule);
        a = offmap_char(m, sp.start);
        b = a == (size_t)-1 ? a : offmap_char(m, sp.end);
        if (b == (size_t)-1)
            return -1;
        c = Py_BuildValue("(nnss)", (Py_ssize_t)a, (Py_ssize_t)b, stance_mention_kind_name(kind), rule);
        y = c ? Py_BuildValue("(nnss)", (Py_ssize_t)sp.start, (Py_ssize_t)sp.end, stance_mention_kind_name(kind), rule)
              : NULL;
        if (!y) {
            Py_XDECREF(c);
            return -1;
        }
        PyTuple_SET_ITEM(*chars, (Py_ssize_t)k, c);
        PyTuple_SET_ITEM(*bytes, (Py_ssize_t)k, y);
    }
    seal_tuple(*chars);
    seal_tuple(*bytes);
    return 0;
}

/* A target's relation to its speaker: an interned str, or None when unknown. */
static PyObject *relation_name(stance_relation rel)
{
    if (rel == STANCE_RELATION_UNKNOWN)
        return Py_NewRef(Py_None);
    return PyUnicode_InternFromString(stance_relation_name((int)rel));
}

static PyObject *conv_target(offmap *m, const stance_target *t)
{
    Record *r = (Record *)record_alloc(&TargetType);
    if (!r)
        return NULL;
    r->f[T_ACTOR] = str_or_none(t->actor);
    r->f[T_WHERE] = Py_NewRef(t->where == STANCE_WHERE_QUOTE         ? s_quote
                              : t->where == STANCE_WHERE_ATTRIBUTION ? s_attribution
                                                                     : s_none);
    r->f[T_STANCE] = conv_decision(&t->stance);
    r->f[T_ENTITY] = PyLong_FromSize_t(t->entity);
    r->f[T_RELATION] = relation_name(stance_target_relation(t));
    if (!r->f[T_ACTOR] || !r->f[T_STANCE] || !r->f[T_ENTITY] || !r->f[T_RELATION] ||
        span_lists(m, t->mentions, t->n_mentions, &r->f[T_MENTIONS], &r->f[T_BYTE_MENTIONS]) ||
        target_evidence(t, &r->f[T_KINDS], &r->f[T_RULES], &r->f[T_WHY])) {
        Py_DECREF(r);
        return NULL;
    }
    return seal_record((PyObject *)r);
}

/* The quoted text: a slice of the caller's str, or decoded from bytes input. */
static PyObject *slice_text(PyObject *text_obj, offmap *m, stance_span s)
{
    if (PyUnicode_Check(text_obj)) {
        size_t a = offmap_char(m, s.start), b = a == (size_t)-1 ? a : offmap_char(m, s.end);
        if (b == (size_t)-1)
            return NULL;
        return PyUnicode_Substring(text_obj, (Py_ssize_t)a, (Py_ssize_t)b);
    }
    return PyUnicode_DecodeUTF8((const char *)m->s + s.start, (Py_ssize_t)(s.end - s.start), "replace");
}

static PyObject *conv_quote(PyObject *text_obj, offmap *m, const stance_quote *q)
{
    Record *r = (Record *)record_alloc(&QuoteType);
    PyObject *targets;
    if (!r)
        return NULL;
    r->f[Q_SPAN] = char_span(m, q->span);
    r->f[Q_BYTE_SPAN] = byte_span(q->span);
    r->f[Q_TEXT] = slice_text(text_obj, m, q->span);
    r->f[Q_TYPE] = quote_type_name(q->type);
    r->f[Q_SPEAKER] = str_or_none(q->speaker);
    r->f[Q_SPEAKER_SPAN] = char_span(m, q->speaker_span);
    r->f[Q_SPEAKER_BYTE_SPAN] = byte_span(q->speaker_span);
    r->f[Q_SPEAKER_ROLE] = str_or_none(q->speaker_role);
    r->f[Q_CUE] = str_or_none(q->cue);
    r->f[Q_CUE_SPAN] = char_span(m, q->cue_span);
    r->f[Q_CUE_BYTE_SPAN] = byte_span(q->cue_span);
    r->f[Q_CONTEXT_SPAN] = char_span(m, q->context);
    r->f[Q_CONTEXT_BYTE_SPAN] = byte_span(q->context);
    r->f[Q_SENTIMENT] = conv_decision(&q->sentiment);
    r->f[Q_TARGETS] = targets = PyTuple_New((Py_ssize_t)stance_quote_target_count(q));
    r->f[Q_RULE] = PyUnicode_FromString(stance_quote_rule(q));
    for (int i = 0; i < Q_N; i++)
        if (!r->f[i])
            goto fail;
    for (size_t i = 0; i < stance_quote_target_count(q); i++) {
        PyObject *t = conv_target(m, stance_quote_target(q, i));
        if (!t)
            goto fail;
        PyTuple_SET_ITEM(targets, (Py_ssize_t)i, t);
    }
    seal_tuple(targets);
    return seal_record((PyObject *)r);
fail:
    Py_DECREF(r);
    return NULL;
}

static PyObject *conv_entity(offmap *m, const stance_entity *e)
{
    Record *r = (Record *)record_alloc(&EntityType);
    if (!r)
        return NULL;
    r->f[E_NAME] = str_or_none(e->name);
    r->f[E_DISCOVERED] = PyBool_FromLong(e->discovered);
    r->f[E_INPUT_INDEX] = e->input_index < 0 ? Py_NewRef(Py_None) : PyLong_FromLong(e->input_index);
    if (!r->f[E_NAME] || !r->f[E_INPUT_INDEX] ||
        span_lists(m, e->mentions, e->n_mentions, &r->f[E_MENTIONS], &r->f[E_BYTE_MENTIONS]) ||
        entity_all_mentions(m, e, &r->f[E_ALL_MENTIONS], &r->f[E_BYTE_ALL_MENTIONS])) {
        Py_DECREF(r);
        return NULL;
    }
    return seal_record((PyObject *)r);
}

static PyObject *conv_result(PyObject *text_obj, const char *text, size_t len, const stance_result *res)
{
    offmap m;
    PyObject *out = NULL, *ents = NULL;
    size_t nq = stance_result_count(res), ne = stance_result_entity_count(res);
    offmap_init(&m, text, len, !PyUnicode_Check(text_obj) || PyUnicode_IS_ASCII(text_obj));
    out = PyObject_CallNoArgs(ResultClass);
    ents = PyList_New((Py_ssize_t)ne);
    if (!out || !ents)
        goto fail;
    for (size_t i = 0; i < nq; i++) {
        PyObject *q = conv_quote(text_obj, &m, stance_result_quote(res, i));
        if (!q || PyList_Append(out, q)) {
            Py_XDECREF(q);
            goto fail;
        }
        Py_DECREF(q);
    }
    for (size_t i = 0; i < ne; i++) {
        PyObject *e = conv_entity(&m, stance_result_entity(res, i));
        if (!e)
            goto fail;
        PyList_SET_ITEM(ents, (Py_ssize_t)i, e);
    }
    if (PyObject_SetAttr(out, s_entities, ents) || PyObject_SetAttr(out, s_text, text_obj))
        goto fail;
    Py_DECREF(ents);
    offmap_free(&m);
    return out;
fail:
    Py_XDECREF(out);
    Py_XDECREF(ents);
    offmap_free(&m);
    return NULL;
}

/* ------------------------------------------------------------------------ */
/* Inputs: text and actors, converted under the GIL into C views that stay
 * valid while the GIL is released (we hold references to every string). */

typedef struct actor_set {
    stance_actor *a;
    const char **aliases; /* all alias pointers, sliced per actor */
    const char **sides;   /* per actor: its side label or NULL (stance_input.actor_sides), when has_sides */
    int has_sides;        /* some actor was given with a side (None included): pass sides */
    size_t n;
    PyObject *keep;       /* list of every str whose UTF-8 buffer we point into */
    stance_actorset *compiled; /* the list compiled once for many texts (classify_many), or NULL */
} actor_set;

static void actor_set_free(actor_set *s)
{
    stance_actorset_free(s->compiled);
    PyMem_Free(s->a);
    PyMem_Free(s->aliases);
    PyMem_Free(s->sides);
    Py_CLEAR(s->keep);
    memset(s, 0, sizeof *s);
}

static const char *keep_utf8(actor_set *s, PyObject *o, const char *what)
{
    Py_ssize_t n;
    const char *p;
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be a str, not %.80s", what, Py_TYPE(o)->tp_name);
        return NULL;
    }
    p = PyUnicode_AsUTF8AndSize(o, &n);
    if (!p)
        return NULL;
    if (strlen(p) != (size_t)n) {
        PyErr_Format(PyExc_ValueError, "%s contains a NUL character", what);
        return NULL;
    }
    if (PyList_Append(s->keep, o))
        return NULL;
    return p;
}

/* One actor spec -> (name, aliases-sequence or NULL, side or NULL when not given), new references. */
static int actor_spec(PyObject *item, PyObject *mapping, PyObject **name, PyObject **aliases, PyObject **side)
{
    *name = *aliases = *side = NULL;
    if (mapping) { /* {name: aliases} mapping: item is the key */
        *aliases = PyObject_GetItem(mapping, item);
        if (!*aliases)
            return -1;
        *name = Py_NewRef(item);
        return 0;
    }
    if (PyUnicode_Check(item)) {
        *name = Py_NewRef(item);
        return 0;
    }
    if (PyDict_Check(item)) {
        PyObject *n = PyDict_GetItemString(item, "name"), *a = PyDict_GetItemString(item, "aliases"),
                 *sd = PyDict_GetItemString(item, "side");
        if (!n) {
            PyErr_SetString(PyExc_ValueError, "an actor dict needs a \"name\"");
            return -1;
        }
        *name = Py_NewRef(n);
        *aliases = a ? Py_NewRef(a) : NULL;
        *side = sd ? Py_NewRef(sd) : NULL;
        return 0;
    }
    if (PyTuple_Check(item) && (PyTuple_GET_SIZE(item) == 2 || PyTuple_GET_SIZE(item) == 3)) {
        *name = Py_NewRef(PyTuple_GET_ITEM(item, 0));
        *aliases = Py_NewRef(PyTuple_GET_ITEM(item, 1));
        if (PyTuple_GET_SIZE(item) == 3)
            *side = Py_NewRef(PyTuple_GET_ITEM(item, 2));
        return 0;
    }
    PyErr_Format(PyExc_TypeError,
                 "an actor is a str, a (name, aliases) or (name, aliases, side) tuple or a dict, not %.80s",
                 Py_TYPE(item)->tp_name);
    return -1;
}

/* The side of actor @p i as given (a str, or None for unknown) into s->sides[i]. A str is passed
 * as it is: the library takes "" and white space alone as unknown, as None (one rule with C and
 * `stance classify --jsonl`). */
static int actor_side(actor_set *s, Py_ssize_t i, PyObject *side)
{
    char what[48];
    s->sides[i] = NULL;
    if (side == Py_None)
        return 0;
    if (!PyUnicode_Check(side)) {
        PyErr_Format(PyExc_TypeError, "the side of actor %zd must be a str or None, not %.80s", i,
                     Py_TYPE(side)->tp_name);
        return -1;
    }
    snprintf(what, sizeof what, "the side of actor %zd", i);
    s->sides[i] = keep_utf8(s, side, what);
    return s->sides[i] ? 0 : -1;
}

static int actor_set_build(actor_set *s, PyObject *actors)
{
    PyObject *seq = NULL, *mapping = NULL, *names = NULL, *alist = NULL, *slist = NULL;
    Py_ssize_t n, total = 0;
    memset(s, 0, sizeof *s);
    if (!actors || actors == Py_None)
        return 0;
    s->keep = PyList_New(0);
    if (!s->keep)
        return -1;
    if (PyUnicode_Check(actors))
        seq = PyTuple_Pack(1, actors);
    else if (PyDict_Check(actors)) {
        mapping = actors;
        seq = PySequence_List(actors);
    } else
        seq = PySequence_List(actors);
    if (!seq)
        goto fail;
    n = PySequence_Fast_GET_SIZE(seq);
    if (n > STANCE_MAX_ACTORS) {
        PyErr_Format(PyExc_ValueError, "at most %d actors per call", STANCE_MAX_ACTORS);
        goto fail;
    }
    names = PyList_New(n);
    alist = PyList_New(n);
    slist = PyList_New(n);
    if (!names || !alist || !slist)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *name, *al, *l, *sd;
        if (actor_spec(PySequence_Fast_GET_ITEM(seq, i), mapping, &name, &al, &sd))
            goto fail;
        PyList_SET_ITEM(names, i, name);
        if (sd)
            s->has_sides = 1;
        PyList_SET_ITEM(slist, i, sd ? sd : Py_NewRef(Py_None));
        if (!al || al == Py_None)
            l = PyList_New(0);
        else if (PyUnicode_Check(al)) {
            l = PyList_New(1);
            if (l)
                PyList_SET_ITEM(l, 0, Py_NewRef(al));
        }
        else
            l = PySequence_List(al);
        Py_XDECREF(al);
        if (!l)
            goto fail;
        PyList_SET_ITEM(alist, i, l);
        total += PyList_GET_SIZE(l);
    }
    s->a = PyMem_Calloc((size_t)(n ? n : 1), sizeof *s->a);
    s->aliases = PyMem_Calloc((size_t)(total ? total : 1), sizeof *s->aliases);
    s->sides = PyMem_Calloc((size_t)(n ? n : 1), sizeof *s->sides);
    if (!s->a || !s->aliases || !s->sides) {
        PyErr_NoMemory();
        goto fail;
    }
    total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *l = PyList_GET_ITEM(alist, i);
        s->a[i].name = keep_utf8(s, PyList_GET_ITEM(names, i), "an actor name");
        if (!s->a[i].name)
            goto fail;
        s->a[i].aliases = s->aliases + total;
        s->a[i].n_aliases = (size_t)PyList_GET_SIZE(l);
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(l); k++) {
            s->aliases[total] = keep_utf8(s, PyList_GET_ITEM(l, k), "an actor alias");
            if (!s->aliases[total++])
                goto fail;
        }
        if (actor_side(s, i, PyList_GET_ITEM(slist, i)))
            goto fail;
    }
    s->n = (size_t)n;
    Py_DECREF(seq);
    Py_DECREF(names);
    Py_DECREF(alist);
    Py_DECREF(slist);
    return 0;
fail:
    Py_XDECREF(seq);
    Py_XDECREF(names);
    Py_XDECREF(alist);
    Py_XDECREF(slist);
    actor_set_free(s);
    return -1;
}

/* A view of str (UTF-8, cached by CPython in the object) or bytes-like text. */
static int text_view(PyObject *o, const char **text, size_t *len)
{
    Py_ssize_t n;
    if (PyUnicode_Check(o)) {
        *text = PyUnicode_AsUTF8AndSize(o, &n);
        if (!*text)
            return -1;
    } else if (PyBytes_Check(o)) {
        *text = PyBytes_AS_STRING(o);
        n = PyBytes_GET_SIZE(o);
    } else {
        PyErr_Format(PyExc_TypeError, "text must be str or bytes, not %.80s", Py_TYPE(o)->tp_name);
        return -1;
    }
    *len = (size_t)n;
    return 0;
}

#define MAX_EXPLAIN 1000

static int check_explain(int explain)
{
    if (explain < 0 || explain > MAX_EXPLAIN) {
        PyErr_Format(PyExc_ValueError, "explain must be between 0 and %d", MAX_EXPLAIN);
        return -1;
    }
    return 0;
}

static unsigned option_flags(int indirect, int all_actors, int caseless, int partial, int discover, int pool,
                             int others, int mentioned)
{
    unsigned f = 0;
    if (indirect)
        f |= STANCE_OPT_INDIRECT;
    if (all_actors)
        f |= STANCE_OPT_ALL_ACTORS;
    if (caseless)
        f |= STANCE_OPT_ACTORS_CASELESS;
    if (!partial)
        f |= STANCE_OPT_NO_PARTIAL;
    if (!discover)
        f |= STANCE_OPT_NO_DISCOVER;
    if (pool)
        f |= STANCE_OPT_POOL;
    if (others)
        f |= STANCE_OPT_DISCOVER_OTHERS;
    if (mentioned)
        f |= STANCE_OPT_MENTIONED_ONLY;
    return f;
}

/* ------------------------------------------------------------------------ */
/* Model */

#define SCRATCH_POOL 8

typedef struct {
    PyObject_HEAD
    stance_model *model;
    PyObject *path;        /* str, or None when opened from bytes */
    int busy;              /* calls running with the GIL released (changed under the GIL only) */
    int closing;
    int npool;
    stance_scratch *pool[SCRATCH_POOL];
} ModelObject;

static PyTypeObject ModelType;

static void model_release_now(ModelObject *self)
{
    for (int i = 0; i < self->npool; i++)
        stance_scratch_free(self->pool[i]);
    self->npool = 0;
    stance_model_free(self->model);
    self->model = NULL;
}

static int model_enter(ModelObject *self)
{
    if (!self->model || self->closing) {
        PyErr_SetString(PyExc_ValueError, "the model is closed");
        return -1;
    }
    self->busy++;
    return 0;
}

static void model_leave(ModelObject *self)
{
    if (--self->busy == 0 && self->closing)
        model_release_now(self);
}

static stance_scratch *scratch_take(ModelObject *self)
{
    stance_scratch *s = NULL;
    if (self->npool > 0)
        return self->pool[--self->npool];
    if (stance_scratch_new(&s, NULL) != STANCE_OK)
        return NULL; /* the call then allocates its own buffers */
    return s;
}

static void scratch_give(ModelObject *self, stance_scratch *s)
{
    if (!s)
        return;
    if (self->npool < SCRATCH_POOL)
        self->pool[self->npool++] = s;
    else
        stance_scratch_free(s);
}

static int Model_init(ModelObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"path", NULL};
    PyObject *path = Py_None, *path_obj = NULL, *bytes = NULL, *shown;
    const char *cpath = NULL;
    stance_model *m = NULL;
    stance_error err;
    int rc;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O:Model", kwlist, &path))
        return -1;
    if (self->busy) {
        PyErr_SetString(PyExc_ValueError, "the model is in use");
        return -1;
    }
    if (path == Py_None) {
        const char *env = getenv("STANCE_MODEL");
        if (env && *env) {
            path_obj = PyUnicode_DecodeFSDefault(env);
            if (!path_obj)
                return -1;
        } else if (default_model_obj && default_model_obj != Py_None) {
            path_obj = Py_NewRef(default_model_obj);
        }
    } else {
        path_obj = Py_NewRef(path);
    }
    if (path_obj) {
        int ok = PyUnicode_FSConverter(path_obj, &bytes);
        Py_DECREF(path_obj);
        if (!ok)
            return -1;
        cpath = PyBytes_AS_STRING(bytes);
    }
    Py_BEGIN_ALLOW_THREADS
    rc = stance_model_open(cpath, &m, &err);
    Py_END_ALLOW_THREADS
    if (rc != STANCE_OK) {
        Py_XDECREF(bytes);
        raise_error(rc, &err);
        return -1;
    }
    shown = PyUnicode_DecodeFSDefault(cpath ? cpath : stance_default_model_path());
    Py_XDECREF(bytes);
    if (!shown) {
        stance_model_free(m);
        return -1;
    }
    model_release_now(self);
    self->model = m;
    self->closing = 0;
    Py_XSETREF(self->path, shown);
    return 0;
}

static void Model_dealloc(ModelObject *self)
{
    model_release_now(self);
    Py_CLEAR(self->path);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Model_from_bytes(PyTypeObject *cls, PyObject *arg)
{
    Py_buffer view;
    ModelObject *self;
    stance_model *m = NULL;
    stance_error err;
    int rc;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = stance_model_open_buffer(view.buf, (size_t)view.len, &m, &err);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    if (rc != STANCE_OK)
        return raise_error(rc, &err);
    self = (ModelObject *)cls->tp_alloc(cls, 0);
    if (!self) {
        stance_model_free(m);
        return NULL;
    }
    self->model = m;
    self->path = Py_NewRef(Py_None);
    return (PyObject *)self;
}

static PyObject *Model_close(ModelObject *self, PyObject *unused)
{
    if (self->busy)
        self->closing = 1; /* the last running call frees it */
    else
        model_release_now(self);
    Py_RETURN_NONE;
}

static PyObject *Model_enter_ctx(ModelObject *self, PyObject *unused)
{
    if (!self->model || self->closing) {
        PyErr_SetString(PyExc_ValueError, "the model is closed");
        return NULL;
    }
    return Py_NewRef((PyObject *)self);
}

static PyObject *Model_exit_ctx(ModelObject *self, PyObject *args)
{
    return Model_close(self, NULL);
}

static PyObject *Model_get_closed(ModelObject *self, void *c)
{
    return PyBool_FromLong(!self->model || self->closing);
}

static PyObject *Model_get_path(ModelObject *self, void *c)
{
    return Py_NewRef(self->path ? self->path : Py_None);
}

static int check_open(ModelObject *self)
{
    if (!self->model || self->closing) {
        PyErr_SetString(PyExc_ValueError, "the model is closed");
        return -1;
    }
    return 0;
}

static PyObject *Model_get_heads(ModelObject *self, void *c)
{
    int n;
    PyObject *t;
    if (check_open(self))
        return NULL;
    n = stance_model_head_count(self->model);
    t = PyTuple_New(n > 0 ? n : 0);
    for (int i = 0; t && i < n; i++) {
        PyObject *s = str_or_none(stance_model_head_name(self->model, (size_t)i));
        if (!s) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, i, s);
    }
    return t;
}

static int head_arg(ModelObject *self, PyObject *head, size_t *out)
{
    if (PyUnicode_Check(head)) {
        const char *name = PyUnicode_AsUTF8(head);
        int h = name ? stance_model_head_find(self->model, name) : -1;
        if (!name)
            return -1;
        if (h < 0) {
            PyErr_Format(PyExc_KeyError, "the model has no head %R", head);
            return -1;
        }
        *out = (size_t)h;
        return 0;
    }
    if (PyLong_Check(head)) {
        Py_ssize_t h = PyLong_AsSsize_t(head);
        if (h == -1 && PyErr_Occurred())
            return -1;
        if (h < 0 || h >= stance_model_head_count(self->model)) {
            PyErr_Format(PyExc_IndexError, "head index %zd out of range", h);
            return -1;
        }
        *out = (size_t)h;
        return 0;
    }
    PyErr_SetString(PyExc_TypeError, "head must be a name (str) or an index (int)");
    return -1;
}

static PyObject *Model_head_index(ModelObject *self, PyObject *name)
{
    const char *s;
    if (check_open(self))
        return NULL;
    s = PyUnicode_AsUTF8(name);
    if (!s)
        return NULL;
    return PyLong_FromLong(stance_model_head_find(self->model, s));
}

static PyObject *Model_labels(ModelObject *self, PyObject *head)
{
    size_t h;
    int n;
    PyObject *t;
    if (check_open(self) || head_arg(self, head, &h))
        return NULL;
    n = stance_model_label_count(self->model, h);
    t = PyTuple_New(n > 0 ? n : 0);
    for (int i = 0; t && i < n; i++) {
        PyObject *s = str_or_none(stance_model_label_name(self->model, h, (size_t)i));
        if (!s) {
            Py_CLEAR(t);
            break;
        }
        PyTuple_SET_ITEM(t, i, s);
    }
    return t;
}

static PyObject *Model_meta(ModelObject *self, PyObject *key)
{
    const char *k;
    if (check_open(self))
        return NULL;
    k = PyUnicode_AsUTF8(key);
    if (!k)
        return NULL;
    return str_or_none(stance_model_meta(self->model, k));
}

static PyObject *Model_classify(ModelObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"text", "actors", "explain", "indirect", "all_actors", "caseless", "partial",
                             "discover", "max_text_len", "pool", "discover_others", "mentioned_only", NULL};
    PyObject *text_obj, *actors = Py_None, *out = NULL;
    int explain = 0;
    int indirect = 0, all_actors = 0, caseless = 0, partial = 1, discover = 1, pool = 0, others = 0, mentioned = 0;
    Py_ssize_t max_len = 0;
    actor_set as;
    stance_input in;
    stance_options opt;
    stance_result *res = NULL;
    stance_error err;
    const char *text;
    size_t len;
    int rc;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|Oi$pppppnppp:classify", kwlist, &text_obj, &actors, &explain,
                                     &indirect, &all_actors, &caseless, &partial, &discover, &max_len, &pool,
                                     &others, &mentioned) ||
        check_explain(explain))
        return NULL;
    if (text_view(text_obj, &text, &len))
        return NULL;
    if (actor_set_build(&as, actors))
        return NULL;
    if (model_enter(self)) {
        actor_set_free(&as);
        return NULL;
    }
    memset(&in, 0, sizeof in);
    in.size = sizeof in;
    memset(&opt, 0, sizeof opt);
    opt.size = sizeof opt;
    in.text = text;
    in.text_len = len;
    in.actors = as.n ? as.a : NULL;
    in.n_actors = as.n;
    in.actor_sides = as.has_sides ? as.sides : NULL;
    opt.flags = option_flags(indirect, all_actors, caseless, partial, discover, pool, others, mentioned);
    opt.explain = (unsigned)explain;
    opt.max_text_len = max_len > 0 ? (size_t)max_len : 0;
    opt.scratch = scratch_take(self);
    Py_BEGIN_ALLOW_THREADS
    rc = stance_classify(self->model, &in, &opt, &res, &err);
    Py_END_ALLOW_THREADS
    scratch_give(self, opt.scratch);
    model_leave(self);
    if (rc != STANCE_OK)
        raise_error(rc, &err);
    else
        out = conv_result(text_obj, text, len, res);
    stance_result_free(res);
    actor_set_free(&as);
    return out;
}

static PyObject *Model_predict(ModelObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"text", "target", "head", "context", "explain", NULL};
    PyObject *text_obj, *target = Py_None, *head = NULL, *context = Py_None, *out = NULL;
    int explain = 0;
    stance_statement st;
    stance_options opt;
    stance_prediction *pred = NULL;
    stance_error err;
    size_t h = 0, len;
    const char *text;
    int rc;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OOOi:predict", kwlist, &text_obj, &target, &head, &context,
                                     &explain) ||
        check_explain(explain))
        return NULL;
    if (check_open(self))
        return NULL;
    if (head) {
        if (head_arg(self, head, &h))
            return NULL;
    } else {
        int hi = stance_model_head_find(self->model, "stance");
        if (hi < 0) {
            PyErr_SetString(PyExc_KeyError, "the model has no head 'stance'");
            return NULL;
        }
        h = (size_t)hi;
    }
    memset(&st, 0, sizeof st);
    st.size = sizeof st;
    memset(&opt, 0, sizeof opt);
    opt.size = sizeof opt;
    if (text_view(text_obj, &text, &len))
        return NULL;
    st.text = text;
    st.text_len = len;
    if (target != Py_None) {
        if (!PyUnicode_Check(target)) {
            PyErr_SetString(PyExc_TypeError, "target must be a str or None");
            return NULL;
        }
        if (text_view(target, &st.target, &st.target_len))
            return NULL;
    }
    if (context != Py_None && text_view(context, &st.context, &st.context_len))
        return NULL;
    opt.explain = (unsigned)explain;
    if (model_enter(self))
        return NULL;
    opt.scratch = scratch_take(self);
    Py_BEGIN_ALLOW_THREADS
    rc = stance_predict(self->model, h, &st, &opt, &pred, &err);
    Py_END_ALLOW_THREADS
    scratch_give(self, opt.scratch);
    model_leave(self);
    if (rc != STANCE_OK)
        raise_error(rc, &err);
    else
        out = conv_decision(stance_prediction_decision(pred));
    stance_prediction_free(pred);
    return out;
}

/* ------------------------------------------------------------------------ */
/* classify_many: worker threads classify, the calling thread converts. */

typedef struct job {
    PyObject *text_obj; /* strong reference: the buffer we point into stays alive */
    const char *text;
    size_t len;
    const actor_set *actors;
    stance_result *res;
    int rc;
    stance_error err;
    PyObject *item_err; /* errors='return': why this item could not even be prepared (a StanceError) */
    atomic_int done;
} job;

typedef struct batch {
    const stance_model *model;
    job *jobs;
    size_t n;
    atomic_size_t next;
    atomic_int cancel;
    unsigned flags, explain;
    size_t max_len;
    int waiting;          /* the caller sleeps on cv (guarded by mu) */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} batch;

static void run_job(batch *b, job *j, stance_scratch *scratch)
{
    stance_input in;
    stance_options opt;
    if (j->item_err)
        return;
    memset(&in, 0, sizeof in);
    in.size = sizeof in;
    memset(&opt, 0, sizeof opt);
    opt.size = sizeof opt;
    in.text = j->text;
    in.text_len = j->len;
    if (j->actors && j->actors->compiled)
        in.actor_set = j->actors->compiled;
    else if (j->actors && j->actors->n) {
        in.actors = j->actors->a;
        in.n_actors = j->actors->n;
    }
    if (j->actors && j->actors->has_sides) /* a compiled set's sides too: in the set's order, the list's */
        in.actor_sides = j->actors->sides;
    opt.flags = b->flags;
    opt.explain = b->explain;
    opt.max_text_len = b->max_len;
    opt.scratch = scratch;
    j->rc = stance_classify(b->model, &in, &opt, &j->res, &j->err);
}

static void *worker(void *arg)
{
    batch *b = arg;
    stance_scratch *scratch = NULL;
    if (stance_scratch_new(&scratch, NULL) != STANCE_OK)
        scratch = NULL;
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->n || atomic_load(&b->cancel))
            break;
        run_job(b, &b->jobs[i], scratch);
        pthread_mutex_lock(&b->mu);
        atomic_store(&b->jobs[i].done, 1);
        if (b->waiting) /* wake the caller only when it sleeps: wake-ups cost on a busy machine */
            pthread_cond_signal(&b->cv);
        pthread_mutex_unlock(&b->mu);
    }
    stance_scratch_free(scratch);
    return NULL;
}

static int default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* One item of classify_many: str/bytes, (text, actors), or {"text", "actors", ...}. */
static int item_parts(PyObject *item, PyObject **text, PyObject **actors)
{
    *actors = NULL;
    if (PyUnicode_Check(item) || PyBytes_Check(item)) {
        *text = item;
        return 0;
    }
    if (PyTuple_Check(item) && PyTuple_GET_SIZE(item) == 2) {
        *text = PyTuple_GET_ITEM(item, 0);
        *actors = PyTuple_GET_ITEM(item, 1);
        return 0;
    }
    if (PyDict_Check(item)) {
        *text = PyDict_GetItemString(item, "text");
        *actors = PyDict_GetItemString(item, "actors");
        if (*text)
            return 0;
        PyErr_SetString(PyExc_ValueError, "a record needs a \"text\"");
        return -1;
    }
    PyErr_Format(PyExc_TypeError, "an item is a str, bytes, a (text, actors) tuple or a dict, not %.80s",
                 Py_TYPE(item)->tp_name);
    return -1;
}

/* errors='return': the pending Python error of item @p i becomes a StanceError
 * (ERR_UTF8 for text that cannot be encoded, else ERR_INVALID) kept for that
 * position, with the original as __cause__. 0, or -1 when it must propagate
 * (MemoryError, KeyboardInterrupt, or a failure here). */
static int item_error(job *j, Py_ssize_t i)
{
    PyObject *type, *value, *tb, *msg = NULL, *exc = NULL, *idx = NULL;
    const char *m;
    int code;
    if (PyErr_ExceptionMatches(PyExc_MemoryError) || !PyErr_ExceptionMatches(PyExc_Exception))
        return -1;
    code = PyErr_ExceptionMatches(PyExc_UnicodeError) ? STANCE_ERR_UTF8 : STANCE_ERR_INVALID;
    PyErr_Fetch(&type, &value, &tb);
    PyErr_NormalizeException(&type, &value, &tb);
    msg = value ? PyObject_Str(value) : NULL;
    m = msg ? PyUnicode_AsUTF8(msg) : NULL;
    if (!m)
        PyErr_Clear();
    exc = make_error(code, m ? m : "bad item", STANCE_NO_OFFSET);
    idx = exc ? PyLong_FromSsize_t(i) : NULL;
    if (!idx || PyObject_SetAttrString(exc, "index", idx)) {
        Py_XDECREF(exc);
        Py_XDECREF(idx);
        Py_XDECREF(msg);
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        return -1;
    }
    if (value)
        PyException_SetCause(exc, Py_NewRef(value));
    Py_DECREF(idx);
    Py_XDECREF(msg);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(tb);
    j->item_err = exc;
    return 0;
}

static PyObject *Model_classify_many(ModelObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"texts", "actors", "threads", "explain", "indirect", "all_actors", "caseless",
                             "partial", "discover", "max_text_len", "errors", "pool", "discover_others",
                             "mentioned_only", NULL};
    PyObject *texts, *actors = Py_None, *threads_obj = Py_None, *items = NULL, *out = NULL;
    const char *errors = "raise";
    int explain = 0;
    int indirect = 0, all_actors = 0, caseless = 0, partial = 1, discover = 1, pool = 0, nthreads, started = 0,
        entered = 0, return_errors, others = 0, mentioned = 0;
    Py_ssize_t max_len = 0, n = 0;
    actor_set shared, *own = NULL;
    batch b;
    pthread_t *tids = NULL;
    stance_scratch *main_scratch = NULL;
    int sync_ok = 0;

    memset(&b, 0, sizeof b);
    memset(&shared, 0, sizeof shared);
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|OOi$pppppnsppp:classify_many", kwlist, &texts, &actors,
                                     &threads_obj, &explain, &indirect, &all_actors, &caseless, &partial,
                                     &discover, &max_len, &errors, &pool, &others, &mentioned) ||
        check_explain(explain))
        return NULL;
    if (strcmp(errors, "raise") && strcmp(errors, "return")) {
        PyErr_SetString(PyExc_ValueError, "errors must be 'raise' or 'return'");
        return NULL;
    }
    return_errors = strcmp(errors, "return") == 0;
    if (threads_obj == Py_None)
        nthreads = default_threads();
    else {
        long t = PyLong_AsLong(threads_obj);
        if (t == -1 && PyErr_Occurred())
            return NULL;
        if (t < 1 || t > 1024) {
            PyErr_SetString(PyExc_ValueError, "threads must be between 1 and 1024");
            return NULL;
        }
        nthreads = (int)t;
    }
    items = PySequence_List(texts);
    if (!items)
        return NULL;
    n = PyList_GET_SIZE(items);
    if (actor_set_build(&shared, actors))
        goto done;
    b.jobs = PyMem_Calloc((size_t)(n ? n : 1), sizeof *b.jobs);
    own = PyMem_Calloc((size_t)(n ? n : 1), sizeof *own);
    if (!b.jobs || !own) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t, *a;
        job *j = &b.jobs[i];
        if (item_parts(PyList_GET_ITEM(items, i), &t, &a) || text_view(t, &j->text, &j->len) ||
            (a && a != Py_None && actor_set_build(&own[i], a))) {
            /* errors='return': one bad item does not fail the batch */
            if (!return_errors || item_error(j, i))
                goto done;
            continue;
        }
        j->text_obj = Py_NewRef(t);
        j->actors = a && a != Py_None ? &own[i] : &shared;
    }
    out = PyList_New(n);
    if (!out)
        goto done;
    if (model_enter(self))
        goto fail_out;
    entered = 1;
    b.model = self->model;
    b.n = (size_t)n;
    b.flags = option_flags(indirect, all_actors, caseless, partial, discover, pool, others, mentioned);
    b.explain = (unsigned)explain;
    b.max_len = max_len > 0 ? (size_t)max_len : 0;
    if (shared.n && n > 1) {
        /* Items without actors of their own share these: compile them once, not per item. If
         * they are invalid, the items take the per-call path, which reports the error per item. */
        int crc;
        Py_BEGIN_ALLOW_THREADS
        crc = stance_actorset_new(b.model, shared.a, shared.n, b.flags & STANCE_OPT_ACTORS_CASELESS, &shared.compiled,
                                  NULL);
        Py_END_ALLOW_THREADS
        if (crc != STANCE_OK)
            shared.compiled = NULL;
    }
    atomic_init(&b.next, 0);
    atomic_init(&b.cancel, 0);
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.cv, NULL);
    sync_ok = 1;
    if (nthreads > n)
        nthreads = (int)n;
    tids = PyMem_Calloc((size_t)(nthreads > 0 ? nthreads : 1), sizeof *tids);
    if (!tids) {
        PyErr_NoMemory();
        goto fail_out;
    }
    /* The caller is one of the `threads`: it starts threads - 1 workers, converts
     * results in order and, whenever the next result is not ready, classifies
     * the next unclaimed item itself instead of sleeping. */
    for (int t = 0; t < nthreads - 1; t++) {
        if (pthread_create(&tids[t], NULL, worker, &b) != 0)
            break;
        started++;
    }
    main_scratch = scratch_take(self);
    for (Py_ssize_t i = 0; i < n; i++) {
        job *j = &b.jobs[i];
        PyObject *r;
        while (!atomic_load(&j->done)) {
            size_t k = atomic_fetch_add(&b.next, 1);
            if (k < b.n) {
                Py_BEGIN_ALLOW_THREADS
                run_job(&b, &b.jobs[k], main_scratch);
                Py_END_ALLOW_THREADS
                atomic_store(&b.jobs[k].done, 1);
                continue;
            }
            Py_BEGIN_ALLOW_THREADS
            pthread_mutex_lock(&b.mu);
            b.waiting = 1;
            while (!atomic_load(&j->done))
                pthread_cond_wait(&b.cv, &b.mu);
            b.waiting = 0;
            pthread_mutex_unlock(&b.mu);
            Py_END_ALLOW_THREADS
        }
        if (j->item_err) {
            PyList_SET_ITEM(out, i, j->item_err);
            j->item_err = NULL;
            continue;
        }
        if (j->rc != STANCE_OK) {
            PyObject *exc = make_error(j->rc, j->err.message, j->err.offset), *idx;
            if (!exc)
                goto fail_out;
            idx = PyLong_FromSsize_t(i);
            if (!idx || PyObject_SetAttrString(exc, "index", idx)) {
                Py_XDECREF(idx);
                Py_DECREF(exc);
                goto fail_out;
            }
            Py_DECREF(idx);
            if (!return_errors) {
                PyErr_SetObject(StanceError, exc);
                Py_DECREF(exc);
                goto fail_out;
            }
            PyList_SET_ITEM(out, i, exc);
            continue;
        }
        r = conv_result(j->text_obj, j->text, j->len, j->res);
        stance_result_free(j->res);
        j->res = NULL;
        if (!r)
            goto fail_out;
        PyList_SET_ITEM(out, i, r);
    }
    goto done;
fail_out:
    Py_CLEAR(out);
done:
    if (sync_ok) {
        atomic_store(&b.cancel, 1);
        if (started) {
            Py_BEGIN_ALLOW_THREADS
            for (int t = 0; t < started; t++)
                pthread_join(tids[t], NULL);
            Py_END_ALLOW_THREADS
        }
        pthread_mutex_destroy(&b.mu);
        pthread_cond_destroy(&b.cv);
    }
    if (entered) {
        scratch_give(self, main_scratch);
        model_leave(self);
    }
    if (b.jobs)
        for (Py_ssize_t i = 0; i < n; i++) {
            stance_result_free(b.jobs[i].res);
            Py_XDECREF(b.jobs[i].text_obj);
            Py_XDECREF(b.jobs[i].item_err);
        }
    if (own)
        for (Py_ssize_t i = 0; i < n; i++)
            actor_set_free(&own[i]);
    PyMem_Free(own);
    PyMem_Free(b.jobs);
    PyMem_Free(tids);
    actor_set_free(&shared);
    Py_XDECREF(items);
    return out;
}

static PyObject *Model_reduce(ModelObject *self, PyObject *unused)
{
    PyErr_SetString(PyExc_TypeError, "a stance.Model cannot be pickled; open it in each process from its path");
    return NULL;
}

static PyObject *Model_repr(ModelObject *self)
{
    return PyUnicode_FromFormat("<stance.Model %R%s>", self->path ? self->path : Py_None,
                                (!self->model || self->closing) ? " (closed)" : "");
}

#define CLASSIFY_DOC                                                                                        \
    "classify($self, text, actors=None, explain=0, *, indirect=False, all_actors=False,\n"        \
    "         caseless=False, partial=True, discover=True, max_text_len=0, pool=False,\n"             \
    "         discover_others=False, mentioned_only=False)\n--\n\n"        \
    "Find the quotes in text (str or UTF-8 bytes), their speakers, sentiment and the speaker's\n"          \
    "stance toward each actor. actors: None (discover them), or a list whose items are a name,\n"          \
    "a (name, [aliases]) or (name, [aliases], side) tuple or a {\"name\": ..., \"aliases\": [...],\n"      \
    "\"side\": ...} dict (aliases and side optional), or a dict {name: [aliases]}.\n"                       \
    "A side is a label you choose (\"R\", \"Labour\"): equal labels are one side, different labels\n"     \
    "opposite sides; None, \"\" or white space alone unknown (as in C and the CLI's JSONL); anything\n" \
    "but a str or None is a TypeError, a NUL in it a ValueError, a label over 256 UTF-8 bytes a\n"       \
    "StanceError (ERR_LIMIT); the white space around a label is no part of it. With a side given\n"     \
    "(None included) each Target carries its .relation to the quote's speaker ('self',\n"              \
    "'speaks-for', 'same-side', 'opposite-side', or None when unknown), and a model with the\n"          \
    "side family scores with it. explain=K reports the K strongest features of each decision.\n"        \
    "pool=True pools each (quote, actor) stance with the same speaker's other quotes on that\n"          \
    "actor (STANCE_OPT_POOL). discover_others=True, with actors given, also discovers the\n"      \
    "article's other actors (Entity.discovered True, input_index None), a given actor\n"          \
    "reported once under its own name (STANCE_OPT_DISCOVER_OTHERS; without actors: discovery).\n"  \
    "mentioned_only=True leaves out of .entities each given actor the text does not mention\n"    \
    "and no quote targets (a watch list's absent names; STANCE_OPT_MENTIONED_ONLY): the kept\n"     \
    "entities keep their order and input_index, Target.entity indexes them.\n"                 \
    "Returns a Result: a list of Quote in text order, with .entities. The GIL is released\n"              \
    "while the library works. Raises StanceError on library errors."

#define MANY_DOC                                                                                            \
    "classify_many($self, texts, actors=None, threads=None, explain=0, *, indirect=False,\n"     \
    "              all_actors=False, caseless=False, partial=True, discover=True, max_text_len=0,\n" \
    "              errors='raise', pool=False, discover_others=False,\n"                 \
    "              mentioned_only=False)\n--\n\n"                                    \
    "classify() over many texts on `threads` native threads (default: the number of CPUs; the\n"          \
    "calling thread is one of them and also builds the Python results), each with its own\n"              \
    "scratch space, without holding the GIL. An item is a str/bytes, a\n"                                 \
    "(text, actors) tuple or a dict with \"text\" and optional \"actors\" (actors and their sides as\n"  \
    "for classify()); `actors` is the default\n"                                                          \
    "for items that give none. Returns a list of Result in input order, identical to calling\n"            \
    "classify() on each. errors='raise' raises the first failing item's StanceError (its .index\n"         \
    "says which); errors='return' puts the StanceError in that item's place, also for an item\n"       \
    "that cannot be prepared (a str that cannot be encoded as UTF-8: ERR_UTF8; a bad item or\n"        \
    "actor list: ERR_INVALID; the original exception is its __cause__)."

#define PREDICT_DOC                                                                                         \
    "predict($self, text, target=None, head='stance', context=None, explain=0)\n--\n\n"                           \
    "Score one statement (a quote or sentence you already have) with one head ('stance' or\n"              \
    "'sentiment', or an index). target: the actor the stance is about. context: the attribution\n"         \
    "sentence. Returns a Decision, its probabilities tempered by the head's general temperature\n"           \
    "when the model has one (never by the in-domain one classify() applies)."

static PyMethodDef Model_methods[] = {
    {"classify", (PyCFunction)(void (*)(void))Model_classify, METH_VARARGS | METH_KEYWORDS, CLASSIFY_DOC},
    {"classify_many", (PyCFunction)(void (*)(void))Model_classify_many, METH_VARARGS | METH_KEYWORDS, MANY_DOC},
    {"predict", (PyCFunction)(void (*)(void))Model_predict, METH_VARARGS | METH_KEYWORDS, PREDICT_DOC},
    {"from_bytes", (PyCFunction)(void (*)(void))Model_from_bytes, METH_O | METH_CLASS,
     "from_bytes($type, data)\n--\n\nOpen a model from the bytes of a model file."},
    {"close", (PyCFunction)Model_close, METH_NOARGS,
     "close($self)\n--\n\nFree the model now (calls still running in other threads finish first). Idempotent."},
    {"labels", (PyCFunction)Model_labels, METH_O, "labels($self, head)\n--\n\nThe label names of a head (name or index)."},
    {"meta", (PyCFunction)Model_meta, METH_O, "meta($self, key)\n--\n\nA metadata value recorded by the trainer, or None."},
    {"head_index", (PyCFunction)Model_head_index, METH_O,
     "head_index($self, name)\n--\n\nIndex of the head called name, or a negative number if there is none."},
    {"__enter__", (PyCFunction)Model_enter_ctx, METH_NOARGS, NULL},
    {"__exit__", (PyCFunction)Model_exit_ctx, METH_VARARGS, NULL},
    {"__reduce__", (PyCFunction)Model_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}};

static PyGetSetDef Model_getset[] = {
    {"closed", (getter)Model_get_closed, NULL, "True once close() was called", NULL},
    {"path", (getter)Model_get_path, NULL, "the file the model was read from (None if from bytes)", NULL},
    {"heads", (getter)Model_get_heads, NULL, "the names of the model's heads (tuple of str)", NULL},
    {NULL, NULL, NULL, NULL, NULL}};

static PyTypeObject ModelType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "stance.Model",
    .tp_basicsize = sizeof(ModelObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Model(path=None)\n--\n\n"
              "An opened stance model, shared freely between threads. path=None takes $STANCE_MODEL,\n"
              "else the model packaged with this module, else the library's installed default.\n"
              "Use as a context manager or call close().",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Model_init,
    .tp_dealloc = (destructor)Model_dealloc,
    .tp_repr = (reprfunc)Model_repr,
    .tp_methods = Model_methods,
    .tp_getset = Model_getset,
};

/* ------------------------------------------------------------------------ */
/* Module */

static PyObject *mod_version(PyObject *m, PyObject *unused)
{
    return PyUnicode_FromString(stance_version());
}

static PyObject *mod_strerror(PyObject *m, PyObject *arg)
{
    int code = (int)PyLong_AsLong(arg);
    if (code == -1 && PyErr_Occurred())
        return NULL;
    return PyUnicode_FromString(stance_strerror(code));
}

static PyObject *mod_default_model_path(PyObject *m, PyObject *unused)
{
    return PyUnicode_DecodeFSDefault(stance_default_model_path());
}

static PyObject *mod_set_default_model(PyObject *m, PyObject *arg)
{
    Py_XSETREF(default_model_obj, Py_NewRef(arg));
    Py_RETURN_NONE;
}

/* _render_html(items, title=None, prefix=None, fragment=False): items are (id or None, text
 * (str or bytes), record as CLI JSON text); src/html.c, the renderer of the CLI, makes the page. */
static PyObject *mod_render_html(PyObject *m, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"items", "title", "prefix", "fragment", NULL};
    PyObject *items, *seq = NULL, *out = NULL;
    const char *title = NULL, *prefix = NULL;
    int fragment = 0;
    html_doc *d = NULL;
    char *page = NULL;
    size_t plen = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O|zzp:_render_html", kwlist, &items, &title, &prefix, &fragment))
        return NULL;
    if (!(seq = PySequence_Fast(items, "items must be a sequence")))
        return NULL;
    if (html_doc_new(title, prefix, &d)) {
        PyErr_SetString(PyExc_ValueError, "prefix: letters, digits, '-' and '_' only");
        goto done;
    }
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        PyObject *id_o, *text_o;
        const char *rec_s, *id = NULL, *text;
        Py_ssize_t rec_len, tlen;
        json_error_t je;
        json_t *rec;
        char msg[256];
        int rc;
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq, i), "OOs#:_render_html item", &id_o, &text_o, &rec_s,
                              &rec_len))
            goto done;
        if (id_o != Py_None && !(id = PyUnicode_AsUTF8(id_o)))
            goto done;
        if (PyBytes_Check(text_o)) {
            if (PyBytes_AsStringAndSize(text_o, (char **)&text, &tlen))
                goto done;
        } else if (!(text = PyUnicode_AsUTF8AndSize(text_o, &tlen))) {
            goto done;
        }
        if (!(rec = json_loadb(rec_s, (size_t)rec_len, 0, &je))) {
            PyErr_Format(PyExc_ValueError, "item %zd: malformed JSON: %s", i, je.text);
            goto done;
        }
        rc = html_doc_add(d, id, text, (size_t)tlen, rec, msg, sizeof msg);
        json_decref(rec);
        if (rc == -2) {
            PyErr_NoMemory();
            goto done;
        }
        if (rc) {
            PyErr_Format(PyExc_ValueError, "item %zd: %s", i, msg);
            goto done;
        }
    }
    if (!(page = html_doc_render(d, fragment, &plen)))
        PyErr_NoMemory();
    else
        out = PyUnicode_DecodeUTF8(page, (Py_ssize_t)plen, "strict");
done:
    free(page);
    html_doc_free(d);
    Py_DECREF(seq);
    return out;
}

static PyMethodDef module_methods[] = {
    {"_render_html", (PyCFunction)(void (*)(void))mod_render_html, METH_VARARGS | METH_KEYWORDS, NULL},
    {"version", mod_version, METH_NOARGS, "version()\n--\n\nThe linked libstance version, \"MAJOR.MINOR.PATCH\"."},
    {"strerror", mod_strerror, METH_O, "strerror(code)\n--\n\nStatic description of a status code."},
    {"default_model_path", mod_default_model_path, METH_NOARGS,
     "default_model_path()\n--\n\nWhere the C library looks for its installed default model."},
    {"_set_default_model", mod_set_default_model, METH_O, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, "stance._stance", "The C extension of the stance package.", -1, module_methods,
    NULL, NULL, NULL, NULL};

static PyObject *intern(const char *s)
{
    return PyUnicode_InternFromString(s);
}

PyMODINIT_FUNC PyInit__stance(void)
{
    PyObject *m = NULL, *base = NULL;
    static const struct {
        const char *name;
        int value;
    } consts[] = {{"OK", STANCE_OK},
                  {"ERR_NOMEM", STANCE_ERR_NOMEM},
                  {"ERR_IO", STANCE_ERR_IO},
                  {"ERR_FORMAT", STANCE_ERR_FORMAT},
                  {"ERR_VERSION", STANCE_ERR_VERSION},
                  {"ERR_INVALID", STANCE_ERR_INVALID},
                  {"ERR_UTF8", STANCE_ERR_UTF8},
                  {"ERR_LIMIT", STANCE_ERR_LIMIT},
                  {"ERR_INTERNAL", STANCE_ERR_INTERNAL},
                  {"VERSION_NUMBER", STANCE_VERSION_NUMBER},
                  {"MAX_ACTORS", STANCE_MAX_ACTORS},
                  {"MAX_ALIASES", STANCE_MAX_ALIASES}};
    PyTypeObject *types[] = {&DecisionType, &TargetType, &QuoteType, &EntityType, &ModelType};
    const char *tnames[] = {"Decision", "Target", "Quote", "Entity", "Model"};

    base = PyImport_ImportModule("stance._base");
    if (!base)
        return NULL;
    StanceError = PyObject_GetAttrString(base, "StanceError");
    ResultClass = StanceError ? PyObject_GetAttrString(base, "Result") : NULL;
    Py_DECREF(base);
    if (!ResultClass)
        return NULL;
    s_direct = intern("direct");
    s_partial = intern("partial");
    s_indirect = intern("indirect");
    s_quote = intern("quote");
    s_attribution = intern("attribution");
    s_none = intern("none");
    s_entities = intern("entities");
    s_text = intern("text");
    default_model_obj = Py_NewRef(Py_None);
    if (!s_direct || !s_partial || !s_indirect || !s_quote || !s_attribution || !s_none || !s_entities || !s_text)
        return NULL;
    m = PyModule_Create(&module_def);
    if (!m)
        return NULL;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
        if (PyType_Ready(types[i]) || PyModule_AddObjectRef(m, tnames[i], (PyObject *)types[i]))
            goto fail;
    }
    for (size_t i = 0; i < sizeof consts / sizeof *consts; i++)
        if (PyModule_AddIntConstant(m, consts[i].name, consts[i].value))
            goto fail;
    if (PyModule_AddStringConstant(m, "HEADER_VERSION", STANCE_VERSION_STRING) ||
        PyModule_AddObjectRef(m, "StanceError", StanceError))
        goto fail;
    return m;
fail:
    Py_DECREF(m);
    return NULL;
}
