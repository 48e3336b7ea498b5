/*
 * indirect.c - indirect speech in the sentences outside quotes: three sieves
 * ('According to X, ...', 'X said (that) ...', '..., X said.') over each
 * sentence that no direct or partial quote overlaps. Split from sieves.c.
 */
#include "config.h"

#include "quotes_int.h"

/* Indirect speech in the sentences outside quotes. */
int stance_q_extract_indirect(ctx *c, stance_quotelist *out)
{
    const char *t = c->t;
    size_t i = 0, si = 0;
    while (i < c->len) {
        size_t s = i, e;
        int r;
        attr a;
        while (s < c->len && (t[s] == '\n' || stance_hspace(t, s, c->len)))
            s += step1(t, s, c->len);
        if (s >= c->len)
            break;
        e = stance_q_sentence_end(c, s);
        if (e <= s)
            e = s + 1;
        i = e;
        /* skip sentences overlapping a direct or partial quote */
        while (si < c->n && c->s[si].close <= s)
            si++;
        if (si < c->n && c->s[si].open < e)
            continue;
        memset(&a, 0, sizeof a);
        a.spk = a.role = a.cue = a.canon = NOSPAN;
        a.name = -1;
        if ((r = stance_q_run(c, P_IND_ACC, s, e)) < 0)
            return r;
        if (r && stance_q_utf8_chars(t, group(c, 1)) > IND_ACC_MAX_CHARS)
            r = 0;
        if (r) {
            stance_span np = group(c, 1);
            size_t cs = match_end(c), ce = e;
            while (ce > cs && (t[ce - 1] == '.' || stance_hspace(t, back1(t, ce), c->len)))
                ce = back1(t, ce);
            if (stance_q_parse_np(c, np.start, np.end, NP_VERB_FIRST, &a) && ce > cs) {
                a.cue = NOSPAN;
                a.rule = STANCE_RULE_IND_ACCORDING;
                if ((r = stance_q_emit_indirect(c, s, e, cs, ce, &a, 0, out)))
                    return r;
                continue;
            }
        }
        if ((r = stance_q_run(c, P_IND_SAID, s, e)) < 0)
            return r;
        if (r) {
            stance_span np = group(c, 1), v = group(c, 2);
            size_t cs = match_end(c), ce = e;
            while (ce > cs && (t[ce - 1] == '.' || stance_hspace(t, back1(t, ce), c->len)))
                ce = back1(t, ce);
            if (stance_q_parse_np(c, np.start, np.end, 0, &a) && ce > cs + 8) {
                a.cue = v;
                a.rule = STANCE_RULE_IND_SAID;
                if ((r = stance_q_emit_indirect(c, s, e, cs, ce, &a, 1, out)))
                    return r;
                continue;
            }
        }
        /* '..., X said.' : search the last comma of the sentence */
        {
            size_t k = e, lim = e > s + WINDOW ? e - WINDOW : s;
            while (k > lim && t[k - 1] != ',')
                k--;
            if (k > lim && k - 1 > s + 8) {
                if ((r = stance_q_run(c, P_IND_AFTER, k - 1, e)) < 0)
                    return r;
                if (r && pcre2_get_ovector_pointer(c->md)[0] == k - 1) {
                    stance_span np = group(c, 1), v = group(c, 2);
                    memset(&a, 0, sizeof a);
                    a.spk = a.role = a.cue = a.canon = NOSPAN;
                    a.name = -1;
                    if (stance_q_parse_np(c, np.start, np.end, 0, &a)) {
                        a.cue = v;
                        a.rule = STANCE_RULE_IND_AFTER;
                        if ((r = stance_q_emit_indirect(c, s, e, s, k - 1, &a, 0, out)))
                            return r;
                    }
                }
            }
        }
    }
    return STANCE_OK;
}
