/* mentions_doc.h - the set-up the mention tests share (test_mentions.c,
 * test_mentions_org.c): an article's quotes, its actors (the caller's, or
 * discovered) and all their mentions, and an actor by name. Include after
 * cmocka.h and the library's internal headers. */
#ifndef STANCE_TESTS_MENTIONS_DOC_H
#define STANCE_TESTS_MENTIONS_DOC_H

typedef struct doc {
    stance_qpatterns *pat;
    stance_quotelist quotes;
    stance_entityset ents;
    const char *text;
} doc;

/* Quotes, the actors' names (n == 0: discover them) and their other mentions. */
static void doc_open(doc *d, const char *text, const stance_actor *actors, size_t n)
{
    stance_error err;
    memset(d, 0, sizeof *d);
    d->text = text;
    assert_int_equal(stance_quotes_compile(&d->pat, &err), STANCE_OK);
    assert_int_equal(stance_quotes_extract(d->pat, text, strlen(text), 0, &d->quotes, &err), STANCE_OK);
    if (n)
        assert_int_equal(stance_actors_match(actors, n, text, strlen(text), 0, &d->ents, &err), STANCE_OK);
    else
        assert_int_equal(stance_actors_discover(&d->quotes, text, strlen(text), &d->ents, &err), STANCE_OK);
    assert_int_equal(stance_mentions_find(&d->quotes, text, strlen(text), &d->ents, &err), STANCE_OK);
}

static void doc_close(doc *d)
{
    stance_quotelist_clear(&d->quotes);
    stance_entityset_clear(&d->ents);
    stance_quotes_free(d->pat);
}

static const stance_ent *ent(const doc *d, const char *name)
{
    for (size_t i = 0; i < d->ents.n; i++)
        if (strcmp(d->ents.e[i].name, name) == 0)
            return &d->ents.e[i];
    fail_msg("no actor %s", name);
    return NULL;
}

#endif
