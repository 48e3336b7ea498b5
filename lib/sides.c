/*
 * sides.c - the sides of the caller's actors (stance_input.actor_sides): a
 * label per actor, equal labels one side, different labels opposite sides.
 * From them and the quote's speaker (the entity the speaker's name resolves
 * to, mentions.c) and principal (the entity the speaker speaks for: "a
 * spokeswoman for X", targets.c), each target's relation to the speaker:
 * what the stance head's side family (features_side.c) reads, and what
 * stance_target_relation() reports. On PolNeAR train, a speaker and a target
 * on opposite sides meant "against" in 0.92 of 200 pairs, against 0.47 over
 * all pairs (bench/RESULTS.md, section party1).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "model.h"
#include "sides.h"

int stance_sides_check(const stance_model *m, const char *const *sides, size_t n, stance_error *err)
{
    for (size_t i = 0; i < n; i++) {
        size_t len;
        int rc;
        if (!sides[i])
            continue;
        len = strlen(sides[i]);
        if (len > STANCE_MAX_SIDE_LEN)
            return stance_error_set(err, STANCE_ERR_LIMIT, STANCE_NO_OFFSET,
                                    "the side of actor %zu is %zu bytes long (at most %d)", i, len,
                                    STANCE_MAX_SIDE_LEN);
        rc = m ? stance_utf8_check_with(m->utf8, m->gctx, sides[i], len, err) : stance_utf8_check(sides[i], len, err);
        if (rc == STANCE_ERR_UTF8 && err)
            return stance_error_set(err, rc, err->offset, "invalid UTF-8 in the side of actor %zu, at byte %zu", i,
                                    err->offset);
        if (rc)
            return rc;
    }
    return STANCE_OK;
}

/* The side label of entity @p e without the ASCII white space around it (" R"
 * is "R": labels read from a spreadsheet), its length in *@p n; NULL when
 * unknown (NULL, "" or white space only). */
static const char *side_of(const stance_entityset *ents, const char *const *sides, size_t n_sides, long e, size_t *n)
{
    int ix;
    const char *s;
    if (e < 0 || (size_t)e >= ents->n)
        return NULL;
    ix = ents->e[e].input_index;
    if (ix < 0 || (size_t)ix >= n_sides || !sides[ix])
        return NULL;
    s = stance_trimmed(sides[ix], n);
    return *n ? s : NULL;
}

int stance_sides_relation(const stance_entityset *ents, const char *const *sides, size_t n_sides, long speaker,
                          long principal, size_t target)
{
    const char *ss, *ts;
    size_t sn = 0, tn = 0;
    if (speaker >= 0 && (size_t)speaker == target)
        return STANCE_RELATION_SELF;
    if (principal >= 0 && (size_t)principal == target)
        return STANCE_RELATION_SPEAKS_FOR;
    ss = side_of(ents, sides, n_sides, speaker, &sn);
    if (!ss)
        ss = side_of(ents, sides, n_sides, principal, &sn);
    ts = side_of(ents, sides, n_sides, (long)target, &tn);
    if (!ss || !ts)
        return STANCE_RELATION_UNKNOWN;
    return sn == tn && memcmp(ss, ts, sn) == 0 ? STANCE_RELATION_SAME_SIDE : STANCE_RELATION_OPPOSITE_SIDE;
}
