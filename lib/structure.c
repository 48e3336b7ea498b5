/*
 * structure.c - who does what to whom (see structure.h): role, condition and
 * clause patterns around the target over the extractor's tokens.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lexicon.h"
#include "sort.h"
#include "structure.h"
#include "tokens.h"

#define ROLE_RIGHT 6 /* tokens scanned right of a mention for its predicate */
#define ROLE_LEFT 4  /* tokens scanned left of a mention for its governor */
#define NAME_MAX_ 96

#define CLS_PRO (STANCE_LX(PRO_OBJ) | STANCE_LX(RV_PRAISE))
#define CLS_CON (STANCE_LX(CON_OBJ) | STANCE_LX(RV_CRIT))

static int is_punct(const stance_stok *k, const char *set)
{
    return k->kind == STANCE_ST_PUNCT && k->n == 1 && strchr(set, k->w[0]) != NULL;
}

static int is_word(const stance_stok *k, const char *w)
{
    size_t n = strlen(w);
    return k->kind == STANCE_ST_WORD && k->n == n && stance_same_short(k->w, w, n);
}

/* A clause ends at punctuation, a conjunction, a relative word or a contrast word.
 * (The set of is_punct(k, ",;:()[]\".!?-") written as a switch: every token of a
 * text passes here, and strchr was most of the cost.) */
static int is_break(const stance_stok *k)
{
    if (k->kind == STANCE_ST_PUNCT) {
        if (k->n != 1)
            return 0;
        switch (k->w[0]) {
        case ',': case ';': case ':': case '(': case ')': case '[': case ']': case '"': case '.': case '!': case '?':
        case '-': case '\0':
            return 1;
        default:
            return 0;
        }
    }
    return k->kind == STANCE_ST_WORD &&
           (k->cls & (STANCE_LX(CONJ) | STANCE_LX(REL) | STANCE_LX(CONTRAST))) != 0;
}

static int is_sent_end(const stance_stok *k)
{
    return is_punct(k, ".!?;");
}

/* A negator of a verb ("not", "never", "didn't"), not the preposition "without". */
static int is_neg(const stance_stok *k)
{
    return k->kind == STANCE_ST_WORD && (k->cls & STANCE_LX(NEG)) && !(k->cls & STANCE_LX(PREP));
}

/* The attitude of a word toward its object: +1, -1 or 0 (not polar). */
static int sign_of(const stance_stok *k)
{
    if (k->kind != STANCE_ST_WORD)
        return 0;
    if (k->cls & CLS_PRO)
        return 1;
    if (k->cls & CLS_CON)
        return -1;
    return k->prior > 0 ? 1 : k->prior < 0 ? -1 : 0;
}

static char sign_char(int s)
{
    return s > 0 ? '+' : s < 0 ? '-' : '0';
}

/* "-ed" or "-en" ("blamed", "taken"): a verb's participle by its form. */
static int is_participle(const stance_stok *k)
{
    return stance_ed_form(k->w, k->n) || (k->n > 3 && k->w[k->n - 2] == 'e' && k->w[k->n - 1] == 'n');
}

typedef struct emitter {
    stance_struct_emit_fn fn;
    void *user;
} emitter;

static int tag(emitter *e, const char *name)
{
    return e->fn(e->user, name, strlen(name), 0);
}

/* Emit a role: "R+" / "R-" (after negation), "Rn+" (the sign before a negation
 * flipped it) and the role's word "R:word" ("R:not word" when negated). */
static int role(emitter *e, char r, const stance_stok *w, const stance_stok *prep, int neg)
{
    int s = sign_of(w), len;
    char name[NAME_MAX_];
    int rc;
    /* the names are built by hand: snprintf was a measurable share of predict */
    name[0] = r;
    name[1] = sign_char(neg ? -s : s);
    name[2] = '\0';
    if ((rc = tag(e, name)))
        return rc;
    if (neg) {
        name[1] = 'n';
        name[2] = sign_char(s);
        name[3] = '\0';
        if ((rc = tag(e, name)))
            return rc;
    }
    if (w->n > 40 || (prep && prep->n > 20))
        return 0;
    /* "R:" "not "? word (" " prep)? */
    name[1] = ':';
    len = 2;
    if (neg) {
        memcpy(name + len, "not ", 4);
        len += 4;
    }
    stance_copy_short(name + len, w->w, w->n);
    len += (int)w->n;
    if (prep) {
        name[len++] = ' ';
        stance_copy_short(name + len, prep->w, prep->n);
        len += (int)prep->n;
    }
    name[len] = '\0';
    return e->fn(e->user, name, (size_t)len, 0);
}

/* The target as subject: the first polar word right of mention @p m in its
 * clause (passive "X was praised", copula "X is a liar", active "X failed"),
 * through a relative "X, who failed". */
static int agent(emitter *e, const stance_stok *t, size_t n, size_t m)
{
    size_t j = m + 1, end;
    int neg = 0, be = 0;
    if (j < n && is_punct(&t[j], ",") && j + 1 < n && (t[j + 1].cls & STANCE_LX(REL)))
        j++;
    if (j < n && t[j].kind == STANCE_ST_WORD && (t[j].cls & STANCE_LX(REL)) && !is_word(&t[j], "that"))
        j++;
    end = j + ROLE_RIGHT < n ? j + ROLE_RIGHT : n;
    for (; j < end && !is_break(&t[j]) && t[j].kind != STANCE_ST_TARGET; j++) {
        if (is_neg(&t[j])) {
            neg = !neg;
            continue;
        }
        if (t[j].cls & STANCE_LX(BE_AUX))
            be = 1;
        if (!sign_of(&t[j]))
            continue;
        if (be)
            return role(e, is_participle(&t[j]) ? 'B' : 'Q', &t[j], NULL, neg);
        return role(e, 'A', &t[j], NULL, neg);
    }
    return 0;
}

/* The target as object: a polar word just left of mention @p m ("blame X"),
 * through a preposition ("thanks to X"; "criticized by X" makes X the agent). */
static int patient(emitter *e, const stance_stok *t, size_t m)
{
    size_t j = m, stop = m > ROLE_LEFT ? m - ROLE_LEFT : 0;
    const stance_stok *prep = NULL;
    while (j > stop) {
        const stance_stok *k = &t[--j];
        if (k->kind != STANCE_ST_WORD)
            return 0;
        if (!prep && (k->cls & STANCE_LX(PREP)) && !(k->cls & STANCE_LX(COND))) {
            prep = k;
            continue;
        }
        if (k->cls & STANCE_LX(DET))
            continue;
        if (sign_of(k)) {
            int neg = 0;
            for (size_t i = j; i > 0 && i + 3 > j && !is_break(&t[i - 1]); i--)
                neg ^= is_neg(&t[i - 1]);
            if (prep && is_word(prep, "by"))
                return role(e, 'Y', k, NULL, neg);
            return role(e, prep ? 'T' : 'P', k, prep, neg);
        }
        if (prep || !(k->cls & STANCE_LX(BOOST)))
            return 0; /* one adjective-like word at most between verb and object */
    }
    return 0;
}

/* Clause [*a, *b) around token m. */
static void clause_of(const stance_stok *t, size_t n, size_t m, size_t *a, size_t *b)
{
    *a = m;
    *b = m + 1;
    while (*a > 0 && !is_break(&t[*a - 1]))
        (*a)--;
    while (*b < n && !is_break(&t[*b]))
        (*b)++;
}

/* The target inside a condition: "if X wins, ..." (if+/-: the consequent's
 * polarity) or a counterfactual "without X, ... would never" / "if not for X"
 * / "but for X" (cf+/-: the consequent's polarity flipped, or + when the
 * consequent is only negated: "... would never have happened"; also tagged as
 * X being the agent of that outcome, A+/A-). */
static int condition(emitter *e, const stance_stok *t, size_t n, size_t m, size_t a, size_t b)
{
    size_t s0 = m, s1 = m + 1, c = SIZE_MAX;
    double sum = 0;
    int cf = 0, modal = 0, negated = 0, implied, rc;
    char name[8];
    /* the antecedent starts at "without" / "not for" / "but for" (or at "if" below) */
    if (m >= 1 && is_word(&t[m - 1], "without"))
        cf = 1, a = m - 1;
    else if (m >= 2 && t[m - 1].kind == STANCE_ST_WORD && (t[m - 1].cls & STANCE_LX(DET)) &&
             is_word(&t[m - 2], "without"))
        cf = 1, a = m - 2;
    else if (m >= 2 && is_word(&t[m - 1], "for") && (is_neg(&t[m - 2]) || is_word(&t[m - 2], "but")))
        cf = 1, a = m - 2;
    for (size_t i = a; i > 0 && i + 3 > a && c == SIZE_MAX; i--)
        if (t[i - 1].kind == STANCE_ST_WORD && (t[i - 1].cls & STANCE_LX(COND)) && !is_word(&t[i - 1], "without"))
            c = i - 1;
    for (size_t i = a; i < m && c == SIZE_MAX; i++)
        if (t[i].kind == STANCE_ST_WORD && (t[i].cls & STANCE_LX(COND)) && !is_word(&t[i], "without"))
            c = i;
    if (!cf && c == SIZE_MAX)
        return 0;
    if (c != SIZE_MAX && c < a)
        a = c;
    while (s0 > 0 && !is_sent_end(&t[s0 - 1]))
        s0--;
    while (s1 < n && !is_sent_end(&t[s1]))
        s1++;
    for (size_t i = s0; i < s1; i++) {
        if (i >= a && i < b)
            continue;
        sum += t[i].pol;
        modal |= (t[i].cls & STANCE_LX(MODAL)) != 0;
        negated |= is_neg(&t[i]);
    }
    if (!cf) {
        snprintf(name, sizeof name, "if%c", sign_char(sum > 0 ? 1 : sum < 0 ? -1 : 0));
        return tag(e, name);
    }
    /* "without X ... would never have happened": X made it happen (credit) */
    implied = sum > 0 ? -1 : sum < 0 ? 1 : negated ? 1 : 0;
    snprintf(name, sizeof name, "cf%c", sign_char(implied));
    if ((rc = tag(e, "cf")) || (modal && (rc = tag(e, "cf modal"))) || (rc = tag(e, name)))
        return rc;
    /* and X as the agent of that outcome, a tag the training data teaches well */
    snprintf(name, sizeof name, "A%c", sign_char(implied));
    return implied ? tag(e, name) : 0;
}

static double squash(double x)
{
    return x / sqrt(x * x + 15.0);
}

/* Polarity pooled over the clauses that hold a mention ("C") and over the
 * rest ("O"); clauses are the runs of tokens between breaks. */
static int clauses(emitter *e, const stance_stok *t, size_t n)
{
    double pos[2] = {0, 0}, neg[2] = {0, 0};
    for (size_t a = 0; a < n;) {
        size_t b = a;
        int in = 0;
        while (b < n && !is_break(&t[b]))
            in |= t[b++].kind == STANCE_ST_TARGET;
        if (b == a)
            b++; /* a break: outside */
        for (size_t i = a; i < b; i++) {
            if (t[i].pol > 0)
                pos[!in] += t[i].pol;
            else
                neg[!in] -= t[i].pol;
        }
        a = b;
    }
    for (int r = 0; r < 2; r++) {
        char name[8];
        int rc;
        /* built by hand, as the names above: two snprintf calls a text were 1-2 % of predict */
        name[0] = r ? 'O' : 'C';
        strcpy(name + 1, pos[r] > neg[r] ? ">+" : neg[r] > pos[r] ? ">-" : pos[r] > 0 ? "=mix" : "=0");
        if ((rc = tag(e, name)))
            return rc;
        if (pos[r] != neg[r] && (rc = e->fn(e->user, r ? "O:net" : "C:net", 5, squash(pos[r] - neg[r]))))
            return rc;
    }
    return 0;
}

int stance_struct_extract(const stance_stok *t, size_t n, stance_struct_emit_fn emit, void *user)
{
    emitter e = {emit, user};
    int rc, any = 0;
    for (size_t m = 0; m < n; m++) {
        size_t a, b;
        if (t[m].kind != STANCE_ST_TARGET)
            continue;
        any = 1;
        clause_of(t, n, m, &a, &b);
        if ((rc = agent(&e, t, n, m)) || (rc = patient(&e, t, m)) || (rc = condition(&e, t, n, m, a, b)))
            return rc;
    }
    return any ? clauses(&e, t, n) : 0;
}

typedef struct prefixed {
    stance_struct_emit_fn fn;
    void *user;
    size_t key_len;
    char buf[NAME_MAX_ + 64];
} prefixed;

/* "key|name": sparse tags only (a dense value per target would be a weight
 * the back-off cannot share). */
static int emit_prefixed(void *user, const char *name, size_t len, double dense)
{
    prefixed *p = user;
    if (dense != 0 || p->key_len + 1 + len > sizeof p->buf)
        return 0;
    stance_copy_short(p->buf + p->key_len + 1, name, len); /* (after "key|", written once by tconj_start) */
    return p->fn(p->user, p->buf, p->key_len + 1 + len, 0);
}

/* "key|" at the start of p->buf (for every emit_prefixed() call), then the
 * tags of family 13 before the struct tags: the key alone, then joined with
 * each word. 1 when the key is empty or too long (no tags), else 0 or the
 * first emit() status. */
static int tconj_start(prefixed *p, const stance_stok *t, size_t n, const char *key, size_t key_len,
                       stance_struct_emit_fn emit, void *user)
{
    int rc;
    if (!key_len || key_len > 48)
        return 1;
    p->fn = emit;
    p->user = user;
    p->key_len = key_len;
    memcpy(p->buf, key, key_len);
    p->buf[key_len] = '|';
    if ((rc = emit_prefixed(p, "", 0, 0)))
        return rc;
    for (size_t i = 0; i < n; i++)
        if (t[i].kind == STANCE_ST_WORD && t[i].n <= NAME_MAX_ && (rc = emit_prefixed(p, t[i].w, t[i].n, 0)))
            return rc;
    return 0;
}

int stance_struct_tconj(const stance_stok *t, size_t n, const char *key, size_t key_len, stance_struct_emit_fn emit,
                        void *user)
{
    prefixed p;
    int rc = tconj_start(&p, t, n, key, key_len, emit, user);
    if (rc)
        return rc > 0 ? 0 : rc;
    return stance_struct_extract(t, n, emit_prefixed, &p);
}

int stance_struct_tconj_replay(const stance_stok *t, size_t n, const char *key, size_t key_len,
                               const unsigned char *tags, size_t tags_len, stance_struct_emit_fn emit, void *user)
{
    prefixed p;
    int rc = tconj_start(&p, t, n, key, key_len, emit, user);
    if (rc)
        return rc > 0 ? 0 : rc;
    for (size_t i = 0; i < tags_len; i += 1 + (size_t)tags[i])
        if ((rc = emit_prefixed(&p, (const char *)tags + i + 1, tags[i], 0)))
            return rc;
    return 0;
}
