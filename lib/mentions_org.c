/*
 * mentions_org.c - a caller's actor that is an organisation has no surname.
 *
 * actors.c matches the last word of every caller's name of two words or more
 * as a surname ("Park" of "Tom Park"), before anything is known of the actor.
 * For an organisation that word is no name of it: "Council" of "Brackenridge
 * City Council" in "Council member Ramsey", "Benghazi" of "House Select
 * Committee on Benghazi", "Teachers" of "American Federation of Teachers",
 * "Corp." of "Carrier Corp." in "United Technologies Corp.". Its own head
 * after "the" is the org-head rule's (mentions.c), its short forms the alias
 * rules' (actors_short.c). A place named by its first word ("North Korea",
 * "New Hampshire") has none either: "Korea" of "South Korea" is no mention.
 * Nor is a place's name before a person noun ("U.S. officials", "Ohio
 * voters", "the Vermont senator", "the U.S. presidential candidate"): those
 * are the people (link32). A discovered actor's last word alone, an
 * organisation's or place's ("State" of "Islamic State"), after or before
 * "of" is another body's name ("secretary of State", "the State of the
 * Union", "the University of Ohio"; link35). Nor is a surname in brackets
 * right after another first name ("not Bill [Clinton]" for "Hillary
 * Clinton").
 */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "mentions.h"
#include "mentions_int.h"
#include "lexicon.h"
#include "tokens.h"
#include "names.h"

/* Is @p e a caller's actor whose name says organisation: two words or more,
 * no first name that gives a gender, and a last word or head of an
 * organisation or place (stance_mentions_name_person())? */
static int org_by_name(const stance_ent *e)
{
    size_t n = strlen(e->name);
    return !e->discovered && memchr(e->name, ' ', n) && stance_names_gender(e->name, 0, n) == STANCE_G_UNKNOWN &&
           (!stance_ent_name_person(e) || stance_mentions_place_name(e->name));
}

/* Is the surname mention t[s, e) the organisation's own head noun after a
 * determiner or possessive ("the party", "the Committee", "our campaign")? */
static int head_after_det(const char *t, size_t s, size_t e)
{
    char b[STANCE_LEX_MAXLEN + 1];
    if (e > s + 1 && t[e - 1] == '.')
        e--;
    return stance_mentions_lower(t, s, e, b, sizeof b) &&
           stance_lex_is(b, e - s, STANCE_LX(NONPERSON_LAST) | STANCE_LX(ORG_NOUN)) &&
           stance_actor_definite_before(t, s);
}

/* Is the surname mention at @p s written after the capitalised word its name
 * has before its last word ("the state's Democratic Party" for "Florida
 * Democratic Party")? A shorter form of the name, not a surname; only of a
 * name whose last word is its head (no "of"/"on"/"for": "Attorney General"
 * is no short form of "Office of the Attorney General"). */
static int after_own_word(const char *t, size_t s, const char *name)
{
    size_t ws, we, nl = strlen(name), hl, ps, pe;
    const char *h;
    if (!stance_word_before(t, s, &ws, &we) || we + 1 != s || t[ws] < 'A' || t[ws] > 'Z' ||
        !(h = stance_mentions_org_head(name, &hl)) || h + hl != name + nl ||
        !stance_word_before(name, (size_t)(h - name), &ps, &pe))
        return 0; /* one word, or a head before "of"/"on"/"for" */
    return pe - ps == we - ws && memcmp(name + ps, t + ws, we - ws) == 0;
}

/* Is the surname mention t[s, e) of discovered actor @p x its name's last
 * word, an organisation's or place's last word ("State" of "Islamic State",
 * "Granite State"), written after "of" or before "of" ("secretary of
 * State", "the departments of State", "the State of the Union")? Another
 * body's name then, no mention of it. */
static int of_phrase_surname(const char *t, size_t len, const stance_ent *x, size_t s, size_t e)
{
    const char *last = strrchr(x->name, ' ');
    size_t ws, we;
    char b[STANCE_LEX_MAXLEN + 1];
    if (!x->discovered || !last || strlen(last + 1) != e - s || memcmp(last + 1, t + s, e - s) != 0 ||
        !stance_mentions_lower(t, s, e, b, sizeof b) || !stance_lex_is(b, e - s, STANCE_LX(NONPERSON_LAST)))
        return 0;
    if (stance_word_before(t, s, &ws, &we) && we + 1 == s && stance_word_is(t, ws, we, "of"))
        return 1;
    return stance_word_after(t, len, e, &ws, &we) && ws == e + 1 && stance_word_is(t, ws, we, "of");
}

/* Is the surname mention t[s, e) of @p x written in brackets right after a
 * listed first name that is not the first word of x's name ("not Bill
 * [Clinton]" for "Hillary Clinton": the writer's bracket completes another
 * person's name)? */
static int other_first_before_bracket(const char *t, const stance_ent *x, size_t s)
{
    const uint64_t first = STANCE_LX(FIRST_M) | STANCE_LX(FIRST_F);
    const char *sp = strchr(x->name, ' ');
    size_t ws, we;
    if (s < 3 || t[s - 1] != '[' || t[s - 2] != ' ' || !sp || !stance_word_before(t, s - 2, &ws, &we) ||
        we + 2 != s || !(stance_lex_classes(t + ws, we - ws) & first) ||
        !(stance_lex_classes(x->name, (size_t)(sp - x->name)) & first))
        return 0;
    return (size_t)(sp - x->name) != we - ws || memcmp(x->name, t + ws, we - ws) != 0;
}

int stance_mentions_place_name(const char *name)
{
    size_t ws, we, nl = strlen(name), ne;
    const uint64_t first = STANCE_LX(FIRST_M) | STANCE_LX(FIRST_F);
    uint64_t c;
    if (!stance_word_after(name, nl, 0, &ws, &we) || we >= nl)
        return 0;
    c = stance_lex_classes(name + ws, we - ws);
    if (!(c & (STANCE_LX(PLACE) | STANCE_LX(STATE_FIRST))) &&
        !stance_lex_in_rules(name + ws, we - ws, STANCE_LQ(PLACE_FIRST)))
        return 0; /* not a demonym: "Christian Estrosi", "German Ortega" */
    for (ne = 0; stance_word_after(name, nl, ne, &ws, &ne);)
        if ((stance_lex_classes(name + ws, ne - ws) & first) || (ne < nl && name[ne] == '-' && name[ne + 1] >= 'a'))
            return 0; /* "Virginia Foxx"; "South Korean-born Monte Haines", "Texas-based Matt Mackowiak" */
    return stance_mentions_name_person(name); /* "Islamic State", "Florida Democratic Party": organisations */
}

/* Is the name letters each with its dot ("U.S.", "N.H.", "A.F.L.-C.I.O.")? */
static int dotted(const char *name)
{
    size_t i = 0;
    while (name[i] >= 'A' && name[i] <= 'Z' && name[i + 1] == '.')
        i += name[i + 2] == '-' ? 3 : 2;
    return i >= 4 && !name[i];
}

int stance_mentions_discovered_place(const char *t, const stance_ent *e)
{
    size_t n = strlen(e->name), ws, we;
    if (stance_mentions_place_name(e->name))
        return 1; /* "North Carolina", "United States" */
    if (!memchr(e->name, ' ', n) && (stance_lex_classes(e->name, n) & STANCE_LX(PLACE)))
        return 1; /* "Iowa" */
    if (!dotted(e->name))
        return 0;
    if (stance_lex_in_rules(e->name, n, STANCE_LQ(PLACE_FIRST)))
        return 1; /* "U.S.", "U.K." */
    for (size_t k = 0; k < e->n_mentions; k++) {
        size_t s = e->mentions[k].start;
        if (e->kinds[k] != STANCE_MK_NAME || !stance_word_before(t, s, &ws, &we))
            continue;
        if (stance_word_is(t, ws, we, "the") && !stance_word_before(t, ws, &ws, &we))
            continue;
        if (stance_lex_rules_lower(t + ws, we - ws) & STANCE_LQ(PLACE_IN))
            return 1; /* "in the U.S.", "across the U.K." */
    }
    return 0;
}

/* Is the name mention ending at @p e a place's written as a modifier of a person
 * noun ("U.S. officials", "U.S. voters", "the U.S. presidential candidate")?
 * Those are the people, not the country. */
static int place_modifier(const char *t, size_t len, size_t e)
{
    size_t ws, we;
    if (!stance_word_after(t, len, e, &ws, &we) || ws != e + 1 || t[ws] < 'a' || t[ws] > 'z')
        return 0;
    if (stance_word_is(t, ws, we, "presidential") && !stance_word_after(t, len, we, &ws, &we))
        return 0;
    if (stance_word_is(t, ws, we, "administration") || stance_word_is(t, ws, we, "campaign") ||
        stance_word_is(t, ws, we, "camp") || stance_word_is(t, ws, we, "team") || stance_word_is(t, ws, we, "brand"))
        return 0; /* the group nouns that are no people: "the U.S. campaign against ..." is the country's */
    return (stance_lex_classes_lower(t + ws, we - ws) &
            (STANCE_LX(ROLE) | STANCE_LX(PERSON_NOUN) | STANCE_LX(GROUP_NOUN) | STANCE_LX(PEOPLE))) != 0;
}

/* Is name mention @p k of @p e no mention of it: a surname in an "of"
 * phrase or after another first name, an organisation's surname that is no
 * head after a determiner, a place modifying what follows? */
static int not_its_mention(const stance_ent *e, size_t k, const char *t, size_t len, int org)
{
    size_t s = e->mentions[k].start, end = e->mentions[k].end;
    if (e->kinds[k] == STANCE_MK_SURNAME &&
        (of_phrase_surname(t, len, e, s, end) || other_first_before_bracket(t, e, s)))
        return 1;
    if (org && e->kinds[k] == STANCE_MK_SURNAME && !head_after_det(t, s, end) && !after_own_word(t, s, e->name))
        return 1;
    return e->place && place_modifier(t, len, end);
}

size_t stance_mentions_org_surnames(stance_entityset *ents, const char *t, size_t len)
{
    for (size_t i = 0; i < ents->n; i++) {
        stance_ent *e = &ents->e[i];
        int org = org_by_name(e);
        for (size_t k = 0; k < e->n_mentions; k++)
            if (not_its_mention(e, k, t, len, org))
                e->kinds[k] = STANCE_MK_DROPPED;
    }
    return stance_mentions_drop_marked(ents);
}
