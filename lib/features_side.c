/*
 * features_side.c - family 15 (side): the target's relation to the quote's
 * speaker, as the caller's sides give it (stance_input.actor_sides; sides.c
 * works it out), one dense feature named after the relation ("speaks-for",
 * "same-side", "opposite-side") with the family's weight for its value, kept
 * out of the L2 normalisation: a quote's length does not dilute it. The
 * trainer reads the relation from a row's "relation" field and sets it with
 * stance_fscratch_set_relation(), as stance_classify() does for each target,
 * so both emit the feature here. Unknown and self give none: a self target is
 * a speaker naming themselves, whose stance the party lean says nothing about.
 */
#include "config.h"

#include <string.h>

#include "features_int.h"

/* stance_relation_name()'s names, by STANCE_RELATION_* value. */
static const char *const relation_names[] = {"unknown", "self", "speaks-for", "same-side", "opposite-side"};
#define N_RELATIONS (sizeof relation_names / sizeof *relation_names)

STANCE_API const char *stance_relation_name(int relation)
{
    return relation > 0 && (size_t)relation < N_RELATIONS ? relation_names[relation] : relation_names[0];
}

int stance_relation_parse(const char *name, size_t len)
{
    for (size_t i = 0; i < N_RELATIONS; i++)
        if (strlen(relation_names[i]) == len && memcmp(relation_names[i], name, len) == 0)
            return (int)i;
    return -1;
}

void stance_fscratch_set_relation(stance_fscratch *s, int relation)
{
    s->relation = relation;
}

int stance_fside(stance_fscratch *s, const stance_featcfg *cfg, uint32_t fi)
{
    const char *name;
    if (s->relation != STANCE_RELATION_SPEAKS_FOR && s->relation != STANCE_RELATION_SAME_SIDE &&
        s->relation != STANCE_RELATION_OPPOSITE_SIDE)
        return STANCE_OK;
    name = relation_names[s->relation];
    return stance_femit_dense(s, cfg, fi, name, strlen(name), 1.0);
}
