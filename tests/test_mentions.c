/* test_mentions.c - mentions beyond names (lib/mentions.c: titles, role nouns,
 * epithets, pronouns, speaker-self, addressee) and target choice
 * (lib/targets.c). Texts written for these tests. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "speaker_names.h"
#include "targets.h"
#include "testutil.h"

typedef struct doc {
    stance_qpatterns *pat;
    stance_quotelist quotes;
    stance_entityset ents;
    const char *text;
} doc;

/* Quotes, the actors' names (NULL: discover) and their other mentions. */
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

/* The @p nth (0-based) occurrence of @p word in the text is a mention of @p e
 * of kind @p kind found by @p rule. */
static void has_more(const doc *d, const stance_ent *e, const char *word, int nth, int kind, int rule)
{
    const char *p = d->text;
    size_t s;
    for (int i = 0; i <= nth; i++) {
        p = strstr(i ? p + 1 : p, word);
        assert_non_null(p);
    }
    s = (size_t)(p - d->text);
    for (size_t k = 0; k < e->n_more; k++)
        if (e->more[k].span.start == s && e->more[k].span.end == s + strlen(word)) {
            assert_int_equal(e->more[k].kind, kind);
            assert_int_equal(e->more[k].rule, rule);
            return;
        }
    fail_msg("\"%s\" #%d is no mention of %s", word, nth, e->name);
}

static void no_more_at(const doc *d, const stance_ent *e, const char *word, int nth)
{
    const char *p = d->text;
    size_t s;
    for (int i = 0; i <= nth; i++)
        p = strstr(i ? p + 1 : p, word);
    assert_non_null(p);
    s = (size_t)(p - d->text);
    for (size_t k = 0; k < e->n_more; k++)
        assert_false(e->more[k].span.start <= s && s < e->more[k].span.end);
}

static void test_mentions_tables_sorted(void **state)
{
    (void)state;
    assert_true(stance_mentions_tables_sorted());
    assert_string_equal(stance_mention_kind_name(STANCE_MK_SELF), "speaker-self");
    assert_string_equal(stance_mention_rule_name(STANCE_MR_EPITHET), "epithet-apposition");
    assert_string_equal(stance_mention_kind_name(99), "unknown");
}

static void test_mentions_names_kinds(void **state)
{
    static const char *const al[] = {"the Harbor Board"};
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Kessick Port Authority", al, 1}};
    const char text[] = "Tom Park met the Harbor Board. Park's aides left.";
    doc d;
    const stance_ent *p, *b;
    (void)state;
    doc_open(&d, text, a, 2);
    p = ent(&d, "Tom Park");
    b = ent(&d, "Kessick Port Authority");
    assert_int_equal(p->n_mentions, 2);
    assert_int_equal(p->kinds[0], STANCE_MK_NAME);
    assert_int_equal(p->rules[0], STANCE_MR_NAME);
    assert_int_equal(p->kinds[1], STANCE_MK_SURNAME);
    assert_int_equal(p->rules[1], STANCE_MR_POSSESSIVE);
    assert_int_equal(b->n_mentions, 1);
    assert_int_equal(b->kinds[0], STANCE_MK_ALIAS);
    doc_close(&d);
}

static void test_mentions_title_before_name(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Gov. Tom Park and Mayor Elena Diaz met on Monday. The governor left early; "
                        "the mayor stayed. The governor Tom Park later returned.";
    doc d;
    (void)state;
    doc_open(&d, text, a, 2);
    has_more(&d, ent(&d, "Tom Park"), "The governor", 0, STANCE_MK_TITLE, STANCE_MR_TITLE_BEFORE);
    has_more(&d, ent(&d, "Elena Diaz"), "the mayor", 0, STANCE_MK_TITLE, STANCE_MR_TITLE_BEFORE);
    /* a role noun before a name is part of that name, not a second mention */
    no_more_at(&d, ent(&d, "Tom Park"), "The governor", 1);
    doc_close(&d);
}

static void test_mentions_role_apposition(void **state)
{
    stance_actor a[] = {{"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}};
    const char text[] = "Elena Diaz, the mayor, met the treasurer, Sam Ito, on Monday. "
                        "Later the mayor thanked the treasurer.";
    doc d;
    (void)state;
    doc_open(&d, text, a, 2);
    has_more(&d, ent(&d, "Elena Diaz"), "the mayor", 1, STANCE_MK_TITLE, STANCE_MR_ROLE_APPOSITION);
    has_more(&d, ent(&d, "Sam Ito"), "the treasurer", 1, STANCE_MK_TITLE, STANCE_MR_ROLE_APPOSITION);
    doc_close(&d);
}

static void test_mentions_epithet(void **state)
{
    stance_actor a[] = {{"Hillary Clinton", NULL, 0}};
    const char text[] = "Hillary Clinton, the Democratic nominee, spoke in Ohio. The crowd cheered the "
                        "Democratic nominee, and the nominee waved. Clinton, who spoke for an hour, left.";
    doc d;
    (void)state;
    doc_open(&d, text, a, 1);
    has_more(&d, ent(&d, "Hillary Clinton"), "the Democratic nominee", 0, STANCE_MK_EPITHET, STANCE_MR_EPITHET);
    has_more(&d, ent(&d, "Hillary Clinton"), "the Democratic nominee", 1, STANCE_MK_EPITHET, STANCE_MR_EPITHET);
    /* its head noun is a role: "the nominee" too */
    has_more(&d, ent(&d, "Hillary Clinton"), "the nominee", 0, STANCE_MK_TITLE, STANCE_MR_ROLE_APPOSITION);
    /* a relative clause is no apposition */
    assert_int_equal(ent(&d, "Hillary Clinton")->n_more, 3);
    doc_close(&d);
}

static void test_mentions_title_with_modifiers(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}};
    const char text[] = "Gov. Tom Park signed the bill. Critics of the former Florida governor were loud, and "
                        "the 57-year-old governor said little. The governor's aides left.";
    doc d;
    (void)state;
    doc_open(&d, text, a, 1);
    has_more(&d, ent(&d, "Tom Park"), "the former Florida governor", 0, STANCE_MK_TITLE, STANCE_MR_TITLE_BEFORE);
    has_more(&d, ent(&d, "Tom Park"), "the 57-year-old governor", 0, STANCE_MK_TITLE, STANCE_MR_TITLE_BEFORE);
    has_more(&d, ent(&d, "Tom Park"), "The governor", 0, STANCE_MK_TITLE, STANCE_MR_TITLE_BEFORE);
    doc_close(&d);
}

static void test_mentions_org_head(void **state)
{
    stance_actor a[] = {{"Green Party", NULL, 0}, {"Supreme Court", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "The Green Party met on Monday. Elena Diaz said the party would appeal to the Supreme Court. "
                        "Diaz said the court would listen, and the party agreed. A party of five left.";
    doc d;
    (void)state;
    doc_open(&d, text, a, 3);
    has_more(&d, ent(&d, "Green Party"), "the party", 0, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD);
    has_more(&d, ent(&d, "Green Party"), "the party", 1, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD);
    has_more(&d, ent(&d, "Supreme Court"), "the court", 0, STANCE_MK_TITLE, STANCE_MR_ORG_HEAD);
    /* "A party" is no definite mention; nobody else is "the court" */
    assert_int_equal(ent(&d, "Green Party")->n_more, 2);
    assert_int_equal(ent(&d, "Elena Diaz")->n_more, 0);
    doc_close(&d);
}

static void test_mentions_pronouns_by_gender(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Tom Park met Elena Diaz on Monday. She thanked him for his help, and he left.";
    doc d;
    const stance_ent *p, *e;
    (void)state;
    doc_open(&d, text, a, 2);
    p = ent(&d, "Tom Park");
    e = ent(&d, "Elena Diaz");
    assert_int_equal(p->gender, STANCE_G_MALE);
    assert_int_equal(e->gender, STANCE_G_FEMALE);
    has_more(&d, e, "She", 0, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_GENDER);
    has_more(&d, p, "him", 0, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_GENDER);
    has_more(&d, p, "his", 0, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_GENDER);
    has_more(&d, p, "he", 2, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_GENDER); /* "the", "thanked", "he" */
    doc_close(&d);
}

static void test_mentions_pronoun_blocked_by_other_person(void **state)
{
    /* John Reed is no actor: "he" is his, not Park's */
    stance_actor a[] = {{"Tom Park", NULL, 0}};
    const char text[] = "Tom Park spoke first. Then John Reed took the stage, and he was angry.";
    doc d;
    (void)state;
    doc_open(&d, text, a, 1);
    assert_int_equal(ent(&d, "Tom Park")->n_more, 0);
    doc_close(&d);
}

static void test_mentions_pronoun_in_quote_not_speaker(void **state)
{
    /* Diaz is no "he", and he inside Webb's quote is not Webb: it is Park */
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Marcus Webb", NULL, 0}};
    const char text[] = "Tom Park left early.\n\n\"He never listens,\" said Marcus Webb, the council chairman.\n";
    doc d;
    (void)state;
    doc_open(&d, text, a, 2);
    has_more(&d, ent(&d, "Tom Park"), "He", 0, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_GENDER);
    no_more_at(&d, ent(&d, "Marcus Webb"), "He", 0);
    doc_close(&d);
}

static void test_mentions_pronoun_speaker(void **state)
{
    /* "he said" is the speaker the attribution chose: Okafor, who is no
     * actor (gender unknown), so that "he" is not Park's; "He" in Okafor's
     * next quote is not Okafor but the man named before: Park; Park's own
     * "he said" is Park's */
    stance_actor a[] = {{"Tom Park", NULL, 0}};
    const char text[] = "Tom Park left the meeting early.\n\nLater, Kel Okafor spoke to reporters. \"The budget is a "
                        "mess,\" he said. \"He has no plan at all.\"\n\nTom Park called back. \"We will fix the "
                        "roads,\" he said.\n";
    doc d;
    const stance_ent *p;
    (void)state;
    doc_open(&d, text, a, 1);
    p = ent(&d, "Tom Park");
    no_more_at(&d, p, " he said", 0);
    has_more(&d, p, "He", 0, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_GENDER);
    has_more(&d, p, "he", 4, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_SPEAKER); /* the last "he said" */
    doc_close(&d);
}

static void test_mentions_plural_organisation(void **state)
{
    stance_actor a[] = {{"Kessick Port Authority", NULL, 0}, {"Tom Park", NULL, 0}};
    const char text[] = "The Kessick Port Authority raised the fees on Monday.\n\n\"They never asked the fishermen,\" "
                        "said Tom Park.\n\nThe boats stayed in the harbour all week, and the crews waited for news "
                        "from the city. Nobody came to the quay, and the nets dried in the sun for days and days while "
                        "the gulls circled over the empty water and the cafe closed its doors early.\n\n\"Now "
                        "they want more,\" Park said.\n";
    doc d;
    const stance_ent *k;
    (void)state;
    doc_open(&d, text, a, 2);
    k = ent(&d, "Kessick Port Authority");
    has_more(&d, k, "They", 0, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_PLURAL);
    no_more_at(&d, k, "they want", 0); /* the Authority is named too far back */
    no_more_at(&d, ent(&d, "Tom Park"), "They", 0);
    doc_close(&d);
}

static void test_mentions_plural_not_a_person(void **state)
{
    /* an actor that may be a person stands between: "they" is nobody's */
    stance_actor a[] = {{"Kessick Port Authority", NULL, 0}, {"Kel Okafor", NULL, 0}};
    const char text[] = "The Kessick Port Authority met Kel Okafor on Monday. \"They never asked us,\" said Rosa "
                        "Mendez.\n";
    doc d;
    (void)state;
    doc_open(&d, text, a, 2);
    no_more_at(&d, ent(&d, "Kessick Port Authority"), "They", 0);
    no_more_at(&d, ent(&d, "Kel Okafor"), "They", 0);
    doc_close(&d);
}

static void test_mentions_run_gender(void **state)
{
    /* "Okafor" alone has no gender; the run it shortens does */
    const char text[] = "Peter Okafor spoke first. Later Okafor and Kel Dunmore left. Bill Lin and Mary Lin "
                        "came. Lin waved.";
    doc d;
    const stance_namelist *nl;
    int seen = 0;
    (void)state;
    doc_open(&d, text, NULL, 0);
    nl = &d.quotes.names;
    for (size_t i = 0; i < nl->n; i++) {
        const stance_name *nm = &nl->v[i];
        if (nm->bare == (size_t)(strstr(text, "Okafor and") - text)) {
            assert_int_equal(nm->gender, STANCE_G_UNKNOWN);
            assert_int_equal(stance_run_gender(nl, text, nm), STANCE_G_MALE);
            seen++;
        } else if (nm->bare == (size_t)(strstr(text, "Lin waved") - text)) {
            assert_int_equal(stance_run_gender(nl, text, nm), STANCE_G_UNKNOWN); /* a man and a woman */
            seen++;
        } else if (nm->bare == (size_t)(strstr(text, "Kel") - text)) {
            assert_int_equal(stance_run_gender(nl, text, nm), STANCE_G_UNKNOWN);
            seen++;
        }
    }
    assert_int_equal(seen, 3);
    doc_close(&d);
}

static void test_mentions_pronoun_not_blocked_by_show(void **state)
{
    /* "The Laura Ingraham Show" is a programme, no woman that "she" could be */
    stance_actor a[] = {{"Elena Diaz", NULL, 0}};
    const char text[] = "Rosa Mendez attacked Elena Diaz on Wednesday on The Laura Ingraham Show.\n\n"
                        "\"She is a disgrace,\" Mendez said.\n";
    doc d;
    (void)state;
    doc_open(&d, text, a, 1);
    has_more(&d, ent(&d, "Elena Diaz"), "She", 0, STANCE_MK_PRONOUN, STANCE_MR_PRONOUN_GENDER);
    doc_close(&d);
}

static void test_mentions_speaker_self_and_group(void **state)
{
    stance_actor a[] = {{"Priya Shah", NULL, 0}, {"Tom Park", NULL, 0}};
    const char text[] = "Tom Park stayed home.\n\n\"I think we did our best,\" said Priya Shah, a spokeswoman for "
                        "Park.\n";
    doc d;
    const stance_ent *s, *p;
    (void)state;
    doc_open(&d, text, a, 2);
    s = ent(&d, "Priya Shah");
    p = ent(&d, "Tom Park");
    has_more(&d, s, "I", 0, STANCE_MK_SELF, STANCE_MR_FIRST_PERSON);
    has_more(&d, s, "we", 0, STANCE_MK_SELF, STANCE_MR_FIRST_PERSON);
    has_more(&d, p, "we", 0, STANCE_MK_SELF, STANCE_MR_SPEAKER_GROUP);
    has_more(&d, p, "our", 0, STANCE_MK_SELF, STANCE_MR_SPEAKER_GROUP);
    no_more_at(&d, p, "I", 0); /* "I" is the speaker alone */
    assert_int_equal(s->gender, STANCE_G_FEMALE); /* spokeswoman */
    doc_close(&d);
}

static void test_mentions_addressee(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "\"You broke your promise,\" Elena Diaz told Tom Park.\n\n\"You are late,\" said Elena Diaz.\n";
    doc d;
    (void)state;
    doc_open(&d, text, a, 2);
    has_more(&d, ent(&d, "Tom Park"), "You", 0, STANCE_MK_PRONOUN, STANCE_MR_ADDRESSEE);
    has_more(&d, ent(&d, "Tom Park"), "your", 0, STANCE_MK_PRONOUN, STANCE_MR_ADDRESSEE);
    no_more_at(&d, ent(&d, "Tom Park"), "You", 1); /* no addressee named */
    doc_close(&d);
}

static void test_mentions_discovered_actors(void **state)
{
    const char text[] = "Gov. Tom Park visited Dover on Monday, and Tom Park left.\n\n"
                        "\"The governor has failed us,\" said Elena Diaz.\n";
    doc d;
    (void)state;
    doc_open(&d, text, NULL, 0);
    has_more(&d, ent(&d, "Tom Park"), "The governor", 0, STANCE_MK_TITLE, STANCE_MR_TITLE_BEFORE);
    doc_close(&d);
}

/* ---- target choice ------------------------------------------------------------ */

static const stance_tchoice *target(const doc *d, const stance_tlist *tl, const char *name)
{
    for (size_t i = 0; i < tl->n; i++)
        if (strcmp(d->ents.e[tl->v[i].ent].name, name) == 0)
            return &tl->v[i];
    return NULL;
}

static void choose(doc *d, size_t qi, stance_tlist *tl)
{
    assert_true(qi < d->quotes.n);
    assert_int_equal(stance_targets_choose(&d->ents, d->text, &d->quotes.q[qi], 0, NULL, 0, tl), STANCE_OK);
}

static void test_targets_object_not_bystander(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}};
    const char text[] = "\"The bridge is a disgrace,\" Elena Diaz said, attacking Governor Tom Park while Sam Ito "
                        "watched.\n";
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *c;
    (void)state;
    doc_open(&d, text, a, 3);
    choose(&d, 0, &tl);
    assert_int_equal(tl.n, 1);
    assert_non_null(c = target(&d, &tl, "Tom Park"));
    assert_int_equal(c->reasons, STANCE_TR_OBJECT);
    assert_int_equal(c->where, 2);
    assert_int_equal(c->in_context, 1);
    assert_int_equal(c->ns, 1); /* "Tom Park" marked in the attribution sentence */
    assert_null(target(&d, &tl, "Sam Ito"));
    assert_null(target(&d, &tl, "Elena Diaz"));
    stance_tlist_clear(&tl);
    doc_close(&d);
}

static void test_targets_called_him(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Tom Park arrived late. Elena Diaz called him a \"reliable partner\" on Monday.\n";
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *c;
    (void)state;
    doc_open(&d, text, a, 2);
    assert_true(d.quotes.n >= 1);
    choose(&d, d.quotes.n - 1, &tl);
    assert_non_null(c = target(&d, &tl, "Tom Park"));
    assert_true(c->reasons & STANCE_TR_OBJECT);
    assert_int_equal(tl.ms[c->m0].kind, STANCE_MK_PRONOUN);
    assert_null(target(&d, &tl, "Elena Diaz"));
    stance_tlist_clear(&tl);
    doc_close(&d);
}

/* The index of the quote whose text starts with @p head. */
static size_t quote_at(const doc *d, const char *head)
{
    const char *p = strstr(d->text, head);
    assert_non_null(p);
    for (size_t i = 0; i < d->quotes.n; i++)
        if (d->quotes.q[i].span.start == (size_t)(p - d->text))
            return i;
    fail_msg("no quote at \"%s\"", head);
    return 0;
}

/* Is @p name a target of the quote that starts with @p head, as its object? */
static int object_of(doc *d, const char *head, const char *name)
{
    stance_tlist tl = {0};
    const stance_tchoice *c;
    int r;
    choose(d, quote_at(d, head), &tl);
    c = target(d, &tl, name);
    r = c && (c->reasons & STANCE_TR_OBJECT);
    if (c && r) {
        assert_int_equal(c->where, 2);
        assert_int_equal(c->in_context, 1);
    }
    stance_tlist_clear(&tl);
    return r;
}

static void test_targets_reported_subject(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}};
    const char text[] = "Elena Diaz said on Monday that Tom Park was \"a disgrace to the city\" and should go.\n"
                        "Diaz added that Park's \"reckless plan\" would fail.\n"
                        "Speaking after a meeting with Sam Ito, Diaz said the talks had been \"very useful\".\n"
                        "Diaz said Ito and Park \"did a remarkable job\" last year.\n";
    doc d;
    (void)state;
    doc_open(&d, text, a, 3);
    assert_true(object_of(&d, "a disgrace", "Tom Park"));
    assert_false(object_of(&d, "a disgrace", "Elena Diaz")); /* the speaker */
    assert_true(object_of(&d, "reckless", "Tom Park"));      /* "Park's" */
    /* before the speaker and her verb: only a bystander of the sentence */
    assert_false(object_of(&d, "very useful", "Sam Ito"));
    assert_true(object_of(&d, "did a remarkable", "Sam Ito"));
    assert_true(object_of(&d, "did a remarkable", "Tom Park"));
    doc_close(&d);
}

static void test_targets_fragment_tail(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}};
    const char text[] = "Elena Diaz said there was \"no path forward\" for Tom Park after the vote.\n"
                        "Diaz said the plan \"would fail\" and Sam Ito agreed.\n"
                        "\"The bridge will stand,\" Diaz said as Sam Ito nodded.\n"
                        "Diaz said the rival \"can beat\" Sam Ito easily.\n"
                        "Diaz called it \"a two-man race\" between Ito and Park.\n"
                        "Ito said it was \"a close call\" and Tom Park nodded.\n";
    doc d;
    (void)state;
    doc_open(&d, text, a, 3);
    assert_true(object_of(&d, "no path", "Tom Park"));
    assert_false(object_of(&d, "would fail", "Sam Ito"));      /* "and Sam Ito agreed": a new clause */
    assert_false(object_of(&d, "The bridge", "Sam Ito"));      /* a whole quote, not a fragment */
    assert_true(object_of(&d, "can beat", "Sam Ito"));
    assert_true(object_of(&d, "a two-man", "Sam Ito"));
    assert_true(object_of(&d, "a two-man", "Tom Park")); /* "between Ito and Park" */
    assert_false(object_of(&d, "a close call", "Tom Park")); /* "and" right after the mark: a new clause */
    doc_close(&d);
}

/* Quote extraction, the actors, then the described speakers named; the
 * speaker and role of the quote that starts with @p head. */
static void speaker_of(const char *text, const stance_actor *actors, size_t n, const char *head, const char *speaker,
                       const char *role)
{
    stance_qpatterns *pat;
    stance_quotelist ql = {0};
    stance_entityset es = {0};
    stance_error err;
    const char *p = strstr(text, head);
    const stance_rawquote *q = NULL;
    assert_non_null(p);
    assert_int_equal(stance_quotes_compile(&pat, &err), STANCE_OK);
    assert_int_equal(stance_quotes_extract(pat, text, strlen(text), 0, &ql, &err), STANCE_OK);
    if (n)
        assert_int_equal(stance_actors_match(actors, n, text, strlen(text), 0, &es, &err), STANCE_OK);
    assert_int_equal(stance_speaker_names(&ql, text, strlen(text), &es, &err), STANCE_OK);
    for (size_t i = 0; i < ql.n; i++)
        if (ql.q[i].span.start == (size_t)(p - text))
            q = &ql.q[i];
    assert_non_null(q);
    assert_non_null(q->speaker);
    assert_string_equal(q->speaker, speaker);
    if (role) {
        assert_non_null(q->role);
        assert_string_equal(q->role, role);
        assert_int_equal(q->how, STANCE_ATTR_DESCRIBED);
    } else
        assert_int_not_equal(q->how, STANCE_ATTR_DESCRIBED);
    stance_quotelist_clear(&ql);
    stance_entityset_clear(&es);
    stance_quotes_free(pat);
}

static void test_speaker_names(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    stance_actor b[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}, {"Sam Ito", NULL, 0}};
    (void)state;
    /* tied by the title: Diaz is nearer, but Park is the senator */
    speaker_of("Sen. Tom Park toured the bridge on Monday with Elena Diaz.\n"
               "\"The bridge must be rebuilt this year,\" the Vermont senator said.\n",
               a, 2, "The bridge must", "Tom Park", "the Vermont senator");
    /* tied by an apposition, no actors given: a name run of the text */
    speaker_of("Rosa Mendez, a scientist at the state university, spoke first. Omar Haddad listened.\n"
               "\"We measured the river for ten years,\" the scientist said.\n",
               NULL, 0, "We measured", "Rosa Mendez", "the scientist");
    /* one person within reach */
    speaker_of("Lori Bernstein held up a sign outside the arena.\n"
               "\"We have seen this before and we will not be quiet,\" the 57-year-old scientist said.\n",
               NULL, 0, "We have seen", "Lori Bernstein", "the 57-year-old scientist");
    /* an organisation */
    speaker_of("The Riverton Post published the letter on Sunday.\n"
               "\"The council misled its voters for a year,\" the influential daily wrote.\n",
               NULL, 0, "The council misled", "Riverton Post", "the influential daily");
    /* a name that speaks a quote is a person's, though its gender is unknown */
    speaker_of("\"The port will reopen in May,\" Okafor said on Monday.\n"
               "\"Taxes will not rise this year,\" the candidate said.\n",
               NULL, 0, "Taxes will", "Okafor", "the candidate");
    /* two persons nearby and no tie: the name tied to the role further back */
    speaker_of("Mayor Elena Diaz opened the new bridge on Monday.\n\nTom Park and Sam Ito watched from the bank.\n\n"
               "Ito left early.\n\n\"It is a great day for the whole city,\" the mayor said.\n",
               b, 3, "It is a great", "Elena Diaz", "the mayor");
    /* two persons, no tie: the description stays */
    speaker_of("Tom Park met Elena Diaz on Monday.\n"
               "\"The talks went well for both sides,\" the scientist said.\n",
               a, 2, "The talks went", "the scientist", NULL);
}

static void test_targets_two_actors_own_spans(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "\"Park failed the city, but Ito saved it,\" Elena Diaz said.\n";
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *p, *i;
    (void)state;
    doc_open(&d, text, a, 3);
    choose(&d, 0, &tl);
    assert_int_equal(tl.n, 2);
    assert_non_null(p = target(&d, &tl, "Tom Park"));
    assert_non_null(i = target(&d, &tl, "Sam Ito"));
    assert_int_equal(p->where, 1);
    assert_int_equal(p->ns, 1);
    assert_int_equal(i->ns, 1);
    assert_int_equal(tl.sp[p->s0].start, 0);                       /* "Park" */
    assert_int_equal(tl.sp[i->s0].start, strlen("Park failed the city, but ")); /* "Ito" */
    stance_tlist_clear(&tl);
    doc_close(&d);
}

static void test_targets_speaker_self_and_principal(void **state)
{
    stance_actor a[] = {{"Hillary Clinton", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Hillary Clinton spoke on Monday.\n\n\"We will win this state,\" Clinton's communications "
                        "director said.\n\n\"I am proud of my record,\" Elena Diaz said.\n\n"
                        "\"Elena Diaz keeps her word,\" Elena Diaz said.\n";
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *c;
    (void)state;
    doc_open(&d, text, a, 2);
    assert_int_equal(d.quotes.n, 3);
    choose(&d, 0, &tl);
    assert_non_null(c = target(&d, &tl, "Hillary Clinton"));
    assert_int_equal(c->reasons, STANCE_TR_PRINCIPAL);
    assert_int_equal(c->where, 2);
    assert_int_equal(c->ns, 1); /* "We" */
    /* first person is the speaker, who is no target of their own quote */
    choose(&d, 1, &tl);
    assert_int_equal(tl.n, 0);
    /* unless they name themselves */
    choose(&d, 2, &tl);
    assert_non_null(c = target(&d, &tl, "Elena Diaz"));
    assert_int_equal(c->reasons, STANCE_TR_MENTIONED);
    stance_tlist_clear(&tl);
    doc_close(&d);
}

static void test_targets_article_governor(void **state)
{
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Elena Diaz", NULL, 0}};
    const char text[] = "Mayor Elena Diaz accused Governor Tom Park of abandoning the city.\n\n"
                        "\"We are proud of what the governor has done for this region,\" said Priya Shah.\n";
    doc d;
    stance_tlist tl = {0};
    const stance_tchoice *c;
    (void)state;
    doc_open(&d, text, a, 2);
    choose(&d, 0, &tl);
    assert_int_equal(tl.n, 1);
    assert_non_null(c = target(&d, &tl, "Tom Park"));
    assert_int_equal(c->where, 1);
    assert_int_equal(tl.ms[c->m0].kind, STANCE_MK_TITLE);
    stance_tlist_clear(&tl);
    doc_close(&d);
}

/* End to end: each target is scored from its own marked mentions, and the
 * public accessors carry the kinds and the reasons. */
static void test_targets_scored_apart(void **state)
{
    size_t len;
    unsigned char *data = testutil_model_bytes(&len);
    stance_model *m = NULL;
    stance_actor a[] = {{"Tom Park", NULL, 0}, {"Sam Ito", NULL, 0}};
    const char text[] = "Gov. Tom Park and Sam Ito spoke.\n\n"
                        "\"Park failed the city and is a disgrace, while Ito was brilliant. The governor must go,\" "
                        "Elena Diaz said.\n";
    stance_input in = STANCE_INPUT_INIT;
    stance_result *res = NULL;
    const stance_quote *q;
    const stance_target *p = NULL, *i = NULL;
    const stance_entity *e;
    stance_span sp;
    stance_mention_kind kind;
    const char *rule = NULL;
    size_t n_title = 0;
    (void)state;
    assert_int_equal(stance_model_open_buffer(data, len, &m, NULL), STANCE_OK);
    stance_free(data);
    in.text = text;
    in.text_len = strlen(text);
    in.actors = a;
    in.n_actors = 2;
    assert_int_equal(stance_classify(m, &in, NULL, &res, NULL), STANCE_OK);
    assert_int_equal(stance_result_count(res), 1);
    q = stance_result_quote(res, 0);
    assert_int_equal(stance_quote_target_count(q), 2);
    for (size_t k = 0; k < 2; k++)
        if (strcmp(stance_quote_target(q, k)->actor, "Tom Park") == 0)
            p = stance_quote_target(q, k);
        else
            i = stance_quote_target(q, k);
    assert_non_null(p);
    assert_non_null(i);
    assert_true(p->stance.probs[1] != i->stance.probs[1]); /* not one score for the whole sentence */
    assert_int_equal(stance_target_reasons(p), STANCE_TARGET_MENTIONED);
    assert_int_equal(p->n_mentions, 2); /* "Park", "The governor" */
    assert_int_equal(stance_target_mention(p, 1, &sp, &kind, &rule), STANCE_OK);
    assert_int_equal(kind, STANCE_MENTION_TITLE);
    assert_string_equal(rule, "title-before-name");
    assert_memory_equal(text + sp.start, "The governor", 12);
    assert_int_equal(stance_target_mention(p, 2, &sp, &kind, &rule), STANCE_ERR_INVALID);
    assert_int_equal(stance_target_mention(NULL, 0, NULL, NULL, NULL), STANCE_ERR_INVALID);
    assert_int_equal(stance_target_reasons(NULL), 0);
    /* the entity: names as in 0.1, and every kind through the accessors */
    e = stance_result_entity(res, p->entity);
    assert_int_equal(e->n_mentions, 2); /* "Tom Park", "Park" */
    assert_int_equal(stance_entity_mention_count(e), 3);
    for (size_t k = 0; k < stance_entity_mention_count(e); k++) {
        assert_int_equal(stance_entity_mention(e, k, &sp, &kind, NULL), STANCE_OK);
        n_title += kind == STANCE_MENTION_TITLE;
    }
    assert_int_equal(n_title, 1);
    assert_int_equal(stance_entity_mention(e, 3, &sp, &kind, NULL), STANCE_ERR_INVALID);
    assert_int_equal(stance_entity_mention_count(NULL), 0);
    assert_string_equal(stance_mention_kind_name(STANCE_MENTION_SPEAKER_SELF), "speaker-self");
    stance_result_free(res);
    stance_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mentions_tables_sorted),
        cmocka_unit_test(test_mentions_names_kinds),
        cmocka_unit_test(test_mentions_title_before_name),
        cmocka_unit_test(test_mentions_role_apposition),
        cmocka_unit_test(test_mentions_epithet),
        cmocka_unit_test(test_mentions_title_with_modifiers),
        cmocka_unit_test(test_mentions_org_head),
        cmocka_unit_test(test_mentions_pronouns_by_gender),
        cmocka_unit_test(test_mentions_pronoun_blocked_by_other_person),
        cmocka_unit_test(test_mentions_pronoun_in_quote_not_speaker),
        cmocka_unit_test(test_mentions_pronoun_speaker),
        cmocka_unit_test(test_mentions_plural_organisation),
        cmocka_unit_test(test_mentions_plural_not_a_person),
        cmocka_unit_test(test_mentions_run_gender),
        cmocka_unit_test(test_mentions_pronoun_not_blocked_by_show),
        cmocka_unit_test(test_mentions_speaker_self_and_group),
        cmocka_unit_test(test_mentions_addressee),
        cmocka_unit_test(test_mentions_discovered_actors),
        cmocka_unit_test(test_targets_object_not_bystander),
        cmocka_unit_test(test_targets_called_him),
        cmocka_unit_test(test_targets_reported_subject),
        cmocka_unit_test(test_targets_fragment_tail),
        cmocka_unit_test(test_speaker_names),
        cmocka_unit_test(test_targets_two_actors_own_spans),
        cmocka_unit_test(test_targets_speaker_self_and_principal),
        cmocka_unit_test(test_targets_article_governor),
        cmocka_unit_test(test_targets_scored_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
