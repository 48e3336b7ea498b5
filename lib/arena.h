/* arena.h - bump allocation for results: everything a result points to lives
 * in its arena and is released by one free. */
#ifndef STANCE_ARENA_H
#define STANCE_ARENA_H
#include "stance_internal.h"

typedef struct stance_arena_chunk stance_arena_chunk;
typedef struct stance_arena {
    stance_arena_chunk *head;
} stance_arena;

/* Zeroed memory aligned for pointers, size_t and double, or NULL (overflow or out of memory). */
void *stance_arena_alloc(stance_arena *a, size_t n, size_t size);
char *stance_arena_strndup(stance_arena *a, const char *s, size_t n);
void stance_arena_free(stance_arena *a);
#endif
