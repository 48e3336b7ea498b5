/* arena.c - chunked bump allocator owning a result's strings and arrays. */
#include "config.h"

#include <string.h>

#include "arena.h"

#define CHUNK_MIN 4096u
/* What a result holds needs no more: pointers, size_t, double (its many small
 * pieces - a target's mention kinds, a speaker's name - would waste up to 15
 * bytes each at 16). */
#define ARENA_ALIGN (_Alignof(double) > _Alignof(void *) ? _Alignof(double) : _Alignof(void *))

struct stance_arena_chunk {
    stance_arena_chunk *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

void *stance_arena_alloc(stance_arena *a, size_t n, size_t size)
{
    size_t bytes;
    stance_arena_chunk *c = a->head;
    void *p;
    if (stance_mul_overflow(n, size, &bytes) || bytes > SIZE_MAX - 64)
        return NULL;
    bytes = (bytes + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (bytes == 0)
        bytes = ARENA_ALIGN;
    if (!c || c->cap - c->used < bytes) {
        size_t cap = bytes > CHUNK_MIN ? bytes : CHUNK_MIN;
        if (c && c->cap * 2 > cap && c->cap * 2 <= ((size_t)1 << 24))
            cap = c->cap * 2;
        c = stance_malloc(sizeof *c + cap);
        if (!c)
            return NULL;
        c->used = 0;
        c->cap = cap;
        c->next = a->head;
        a->head = c;
    }
    p = c->data + c->used;
    c->used += bytes;
    memset(p, 0, bytes);
    return p;
}

char *stance_arena_strndup(stance_arena *a, const char *s, size_t n)
{
    char *d;
    if (n == SIZE_MAX)
        return NULL;
    d = stance_arena_alloc(a, n + 1, 1);
    if (d && n)
        memcpy(d, s, n);
    return d;
}

void stance_arena_free(stance_arena *a)
{
    stance_arena_chunk *c = a->head;
    while (c) {
        stance_arena_chunk *next = c->next;
        stance_free(c);
        c = next;
    }
    a->head = NULL;
}
