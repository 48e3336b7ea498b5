/*
 * sides.h - the sides of the caller's actors (stance_input.actor_sides): their
 * check, and the relation of each target to its quote's speaker.
 */
#ifndef STANCE_SIDES_H
#define STANCE_SIDES_H
#include "actors.h"

/* Check @p n side labels (entries may be NULL or ""): valid UTF-8 (with the
 * model's validator when @p m is not NULL), at most STANCE_MAX_SIDE_LEN bytes.
 * STANCE_OK, STANCE_ERR_UTF8 (the offset inside the label, the message naming
 * the actor), STANCE_ERR_LIMIT, STANCE_ERR_NOMEM. */
int stance_sides_check(const stance_model *m, const char *const *sides, size_t n, stance_error *err);

/* The STANCE_RELATION_* of entity @p target to a quote whose speaker is entity
 * @p speaker and who speaks for entity @p principal (either -1 when none):
 * self, speaks-for, then the speaker's side (the speaker's own label, else the
 * principal's) against the target's. @p sides holds @p n_sides labels indexed
 * by the entities' input_index. */
int stance_sides_relation(const stance_entityset *ents, const char *const *sides, size_t n_sides, long speaker,
                          long principal, size_t target);
#endif
