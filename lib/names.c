/*
 * names.c - name runs as newspapers write them.
 *
 * A name run is a sequence of capitalised tokens on one line, with initials
 * ("George W. Bush"), abbreviated titles ("Sen.", "Lt. Gen."), lowercase
 * particles inside a name ("Abu Marzouk", "Beto de la Cruz") and a party/state
 * suffix ("(R-Fla.)"). One PCRE2 pattern finds them in a single left-to-right
 * pass (linear: every match is short and starts at a capital). The word lists
 * below are function words and titles written for this library; they decide
 * where the bare name starts and which first names hint at a gender.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"

#define ABBR "(?:Sens?|Reps?|Gov|Mrs|Mr|Ms|Dr|Gens?|Lt|Col|Rev|Sgt|Adm|Capt|Prof|Maj|Cmdr|Jr|Sr|St|Ft|Atty|Supt|Rt|Hon)\\."
#define TOK "(?:\\p{Lu}[\\p{Ll}\\p{Lu}\\p{M}]*(?:['\\x{2019}](?![sS]\\b)\\p{L}+|-\\p{L}+)*)"
#define PARTICLE "(?:de|da|del|della|der|den|di|du|van|von|bin|ibn|al|el|la|le|dos|das|ter|af)"

static const char NAME_PAT[] =
    "(?<![\\p{L}\\p{N}\\p{M}'\\x{2019}@#_-])"
    "(?:" ABBR "[ \\x{A0}]{1,2})*"
    "(?:" TOK "|\\p{Lu}\\.(?:\\p{Lu}\\.)*)"
    "(?:[ \\x{A0}]{1,2}(?:" ABBR "|\\p{Lu}\\.(?:\\p{Lu}\\.)*(?=[ \\x{A0}]\\p{Lu})|" TOK "|" PARTICLE
    "(?=[ \\x{A0}]\\p{Lu})|" PARTICLE "-(?=\\p{Lu})))*"
    "(?:[ \\x{A0}]?\\((?:[RDI]|Ind|Dem|Rep)[-\\x{2013}][\\p{L}. ]{1,20}\\))?";

pcre2_code *stance_names_pattern(pcre2_compile_context *cctx, int *errcode, PCRE2_SIZE *erroff)
{
    return pcre2_compile((PCRE2_SPTR)NAME_PAT, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, errcode, erroff, cctx);
}

static int in_list(const char *const *list, const char *w, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
            return 1;
    return 0;
}

static const char *const TITLES[] = {
    "President", "Vice", "Sen.", "Sens.", "Senator", "Rep.", "Reps.", "Representative", "Congressman",
    "Congresswoman", "Gov.", "Governor", "Mr.", "Mrs.", "Ms.", "Miss", "Dr.", "Gen.", "Gens.", "Lt.", "Col.", "Maj.",
    "Capt.", "Sgt.", "Adm.", "Rev.", "Prof.", "Professor", "Secretary", "Speaker", "Mayor", "Judge", "Justice",
    "Attorney", "General", "Chancellor", "Pope", "Prime", "Minister", "Chairman", "Chairwoman", "Chair", "Leader",
    "Majority", "Minority", "Sheriff", "Chief", "Ambassador", "Commissioner", "Director", "Former", "First", "Lady",
    "Candidate", "Nominee", "Democratic", "Republican", "Democrat", "GOP", "Deputy", "Whip", "Press", "Pastor",
    "Bishop", "Cardinal", "Father", "Officer", "Detective", "Agent", "King", "Queen", "Prince", "Princess", "Sheikh",
    "Rabbi", "Imam", "Coach", "Host", "Anchor", "Moderator", "Senate", "House", "State", "Sen", "Rep", "Gov",
    "Hon.", "Rt.", "Lord", "Sir", "Dame", "Supreme", "Leader", "Council", "Councilman", "Councilwoman", "Pres.",
    "Atty.", "Former", "Presidential", "Ex-President", "Lt", "Assemblyman", "Assemblywoman", "Delegate", "Del.", NULL};

static const char *const STOP[] = {
    "The", "A", "An", "But", "And", "Or", "Nor", "In", "On", "At", "If", "When", "While", "After", "Before", "As",
    "So", "Yet", "It", "He", "She", "They", "We", "I", "You", "This", "That", "These", "Those", "There", "Here",
    "His", "Her", "Their", "Our", "My", "Its", "Your", "What", "Why", "How", "Who", "Where", "Which", "Asked",
    "According", "Still", "Then", "Now", "Also", "However", "Meanwhile", "Even", "Not", "No", "Yes", "For", "With",
    "From", "By", "To", "Of", "Since", "During", "Despite", "Although", "Though", "Because", "Like", "Unlike",
    "Over", "Under", "Some", "Many", "Most", "All", "Both", "Each", "Every", "Other", "Another", "One", "Two",
    "Three", "Several", "Last", "Next", "Just", "Only", "Instead", "Indeed", "Later", "Earlier", "Today",
    "Yesterday", "Tomorrow", "Tonight", "Read", "Follow", "Watch", "Photo", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "June", "July",
    "August", "September", "October", "November", "December", "Sept", "Oct", "Nov", "Dec", "Jan", "Feb", "Aug",
    "Mr", "Mrs", "Ms", "Dr", "Do", "Does", "Did", "Is", "Are", "Was", "Were", "Will", "Would", "Can", "Could",
    "Should", "Let", "Let's", "Don't", "Please", "Thank", "Thanks", "Oh", "Well", "Okay", "OK", "Hey", "Whether",
    "Until", "Unless", "Once", "Never", "Ever", "Maybe", "Perhaps", "Without", "Within", "Among", "Between",
    "Through", "Into", "About", "Against", "Above", "Below", "Such", "Any", "More", "Less", "Few", "Much", "Very",
    "Sen", "Rep", "Gov", "Here's", "That's", "It's", "There's", "What's", "Don’t", "It’s", "That’s", "Where's",
    "Trump's", "Updated", "Editor's", "Note", "UPDATE", "Getty", "Images", NULL};

static const char *const FEMALE[] = {
    "Hillary", "Melania", "Ivanka", "Kellyanne", "Nancy", "Elizabeth", "Michelle", "Sarah", "Donna", "Huma",
    "Jennifer", "Mary", "Susan", "Karen", "Katy", "Megyn", "Jill", "Debbie", "Amy", "Kate", "Laura", "Lisa", "Ann",
    "Anne", "Barbara", "Patricia", "Linda", "Maria", "Jessica", "Emily", "Rachel", "Rebecca", "Claire",
    "Catherine", "Julie", "Julia", "Heather", "Carly", "Nikki", "Tammy", "Kirsten", "Dianne", "Maxine", "Kamala",
    "Gwen", "Marcia", "Jeanine", "Dana", "Katrina", "Ruth", "Sonia", "Elena", "Loretta", "Janet", "Condoleezza",
    "Madeleine", "Samantha", "Valerie", "Jen", "Brenda", "Marsha", "Chelsea", "Alicia", "Gennifer", "Paula",
    "Juanita", "Kathleen", "Margaret", "Theresa", "Angela", "Marine", "Hope", "Omarosa", "Monica", "Betsy",
    "Sheryl", "Oprah", "Beyonce", "Madonna", "Cher", "Meryl", "Rosie", "Lena", "Sally", "Diane", "Ellen",
    "Martha", "Helen", "Christine", "Nicole", "Stephanie", "Andrea", "Michele", "Teresa", "Joyce", "Virginia",
    "Abigail", "Alexandra", "Kristen", "Kelly", "Erin", "Jane", "Joan", "Judy", "Carol", "Cheryl", "Denise",
    "Wendy", "Lori", "Tara", "Tina", "Cynthia", "Shannon", "Jeanne", "Beth", "Suzanne", "Veronica", "Natalie",
    "Olivia", "Sophia", "Hannah", "Grace", "Victoria", "Carolyn", "Deborah", "Sharon", "Melissa", "Kimberly",
    "Ashley", "Amanda", "Joanna", "Rosa", "Carmen", "Ana", "Lucia", "Heidi", "Mia", "Ivana", "Tiffany", "Lara",
    "Hoda", "Savannah", "Robin", "Katie", "Mika", "Gretchen", "Ainsley", "Dana", "Lynn", "Kathy", "Stacey",
    "Cokie", "Gloria", "Jan", "Lindsey", NULL};

static const char *const MALE[] = {
    "Donald", "Mike", "Michael", "Bernie", "Barack", "Tim", "Paul", "Mitch", "Ted", "Marco", "Jeb", "John", "Chris",
    "Christopher", "Bill", "William", "Joe", "Joseph", "Reince", "Rudy", "Rudolph", "Newt", "Jason", "Corey", "Steve",
    "Steven", "Stephen", "Robby", "Brian", "Josh", "Joshua", "Eric", "James", "Jim", "Robert", "Bob", "George",
    "Richard", "Dick", "Thomas", "Tom", "Charles", "Chuck", "David", "Dave", "Daniel", "Dan", "Mark", "Matthew",
    "Matt", "Anthony", "Andrew", "Kevin", "Jeff", "Jeffrey", "Gary", "Ryan", "Scott", "Frank", "Larry", "Jerry",
    "Harry", "Jack", "Henry", "Peter", "Ben", "Benjamin", "Sean", "Rick", "Ron", "Ronald", "Roger", "Rand",
    "Lindsey", "Martin", "Vladimir", "Sergei", "Bashar", "Kim", "Xi", "Enrique", "Justin", "Ken", "Kenneth",
    "Keith", "Jon", "Jonathan", "Jake", "Lester", "Chris", "Anderson", "Wolf", "Sean", "Tucker", "Bret", "Brit",
    "Howard", "Al", "Albert", "Jimmy", "Ronnie", "Franklin", "Abraham", "Ben", "Carl", "Rex", "Jared", "Stephen",
    "Kellyanne_", "Roy", "Gov", "Ed", "Edward", "Pat", "Patrick", "Jesse", "Jay", "Todd", "Greg", "Gregory",
    "Doug", "Douglas", "Adam", "Nick", "Nicholas", "Sam", "Samuel", "Will", "Bruce", "Philip", "Phil", "Walter",
    "Raymond", "Russell", "Sheldon", "Terry", "Wayne", "Dennis", "Jerome", "Louis", "Luis", "Jose", "Juan",
    "Carlos", "Ahmed", "Mohammed", "Muhammad", "Omar", "Khizr", "Humayun", "Benjamin", "Bibi", "Recep", "Hassan",
    "Mousa", "Ismail", "Khaled", "Fidel", "Raul", "Hugo", "Nicolas", "Emmanuel", "Francois", "Boris", "Nigel",
    "David", "Tony", "Gordon", "Justin", "Pierre", "Angelo", "Vince", "Cory", "Elijah", "Jamie", "Alan", "Allen",
    "Orrin", "Lamar", "Mitt", "Darrell", "Jason", "Trey", "Devin", "Adam", "Elliot", "Colin", "Spike", "Kanye",
    "Clint", "Ted", "Herman", "Marco", "Rob", "Van", "Keith", "Travis", "Trevor", "Bernard", NULL};

int stance_names_is_title(const char *w, size_t n)
{
    return in_list(TITLES, w, n);
}

int stance_names_is_stopword(const char *w, size_t n)
{
    return in_list(STOP, w, n);
}

static int is_space_at(const char *t, size_t i, size_t e)
{
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '\t')
        return 1;
    return c == 0xC2 && i + 1 < e && (unsigned char)t[i + 1] == 0xA0;
}

static size_t space_len(const char *t, size_t i, size_t e)
{
    return (unsigned char)t[i] == 0xC2 && i + 1 < e ? 2 : 1;
}

/* Next token of [*i, e): skips spaces, returns 0 at the end. */
static int next_tok(const char *t, size_t *i, size_t e, size_t *ts, size_t *te)
{
    size_t k = *i;
    while (k < e && is_space_at(t, k, e))
        k += space_len(t, k, e);
    if (k >= e)
        return 0;
    *ts = k;
    while (k < e && !is_space_at(t, k, e))
        k++;
    *te = k;
    *i = k;
    return 1;
}

unsigned stance_names_bare(const char *t, size_t *s, size_t *e, size_t *last)
{
    size_t i, ts, te, bs = STANCE_NO_OFFSET, be = *s, lt = *s;
    unsigned n = 0;
    int lead = 1;
    /* Drop a party/state suffix and a possessive. */
    size_t end = *e;
    while (end > *s && is_space_at(t, end - 1, end))
        end--;
    if (end > *s && t[end - 1] == ')') {
        size_t k = end;
        while (k > *s && t[k - 1] != '(')
            k--;
        if (k > *s)
            end = k - 1;
        while (end > *s && (t[end - 1] == ' ' || (unsigned char)t[end - 1] == 0xA0)) {
            end--;
            if ((unsigned char)t[end] == 0xA0 && end > *s)
                end--;
        }
    }
    if (end >= *s + 2 && t[end - 2] == '\'' && (t[end - 1] == 's' || t[end - 1] == 'S'))
        end -= 2;
    else if (end >= *s + 4 && memcmp(t + end - 4, "\xE2\x80\x99s", 4) == 0)
        end -= 4;
    else if (end >= *s + 1 && t[end - 1] == '\'')
        end -= 1;
    i = *s;
    while (next_tok(t, &i, end, &ts, &te)) {
        size_t n_ = te - ts;
        if (lead && (in_list(TITLES, t + ts, n_) || in_list(STOP, t + ts, n_)))
            continue;
        if (n_ == 3 && (memcmp(t + ts, "Jr.", 3) == 0 || memcmp(t + ts, "Sr.", 3) == 0))
            break;
        if ((n_ == 2 || n_ == 3) && (memcmp(t + ts, "Jr", 2) == 0 || memcmp(t + ts, "II", 2) == 0) && n > 0)
            break;
        if (in_list(STOP, t + ts, n_) && n_ > 0 && n == 0)
            continue;
        lead = 0;
        if (bs == STANCE_NO_OFFSET)
            bs = ts;
        be = te;
        lt = ts;
        n++;
    }
    if (!n)
        return 0;
    /* A trailing comma before "Jr." etc. */
    while (be > bs && (t[be - 1] == ',' || t[be - 1] == ':'))
        be--;
    *s = bs;
    *e = be;
    if (last)
        *last = lt;
    return n;
}

int stance_names_gender(const char *t, size_t s, size_t e)
{
    size_t i = s, ts, te;
    /* Titles just before the bare name are not inside [s, e): look back one word. */
    if (s >= 4) {
        size_t k = s;
        while (k > 0 && t[k - 1] == ' ')
            k--;
        if (k >= 4 && memcmp(t + k - 4, "Mrs.", 4) == 0)
            return STANCE_G_FEMALE;
        if (k >= 3 && memcmp(t + k - 3, "Ms.", 3) == 0)
            return STANCE_G_FEMALE;
        if (k >= 3 && memcmp(t + k - 3, "Mr.", 3) == 0)
            return STANCE_G_MALE;
        if (k >= 4 && memcmp(t + k - 4, "Miss", 4) == 0)
            return STANCE_G_FEMALE;
        if (k >= 13 && memcmp(t + k - 13, "Congresswoman", 13) == 0)
            return STANCE_G_FEMALE;
    }
    if (next_tok(t, &i, e, &ts, &te) && i < e) {
        if (in_list(FEMALE, t + ts, te - ts))
            return STANCE_G_FEMALE;
        if (in_list(MALE, t + ts, te - ts))
            return STANCE_G_MALE;
    }
    return STANCE_G_UNKNOWN;
}

int stance_names_pronoun(const char *t, size_t s, size_t e, int *gender)
{
    static const char *const M[] = {"he", "He", "HE", NULL};
    static const char *const F[] = {"she", "She", "SHE", NULL};
    static const char *const O[] = {"they", "They", "I", "we", "We", "it", "It", NULL};
    size_t n = e - s;
    if (in_list(M, t + s, n)) {
        *gender = STANCE_G_MALE;
        return 1;
    }
    if (in_list(F, t + s, n)) {
        *gender = STANCE_G_FEMALE;
        return 1;
    }
    if (in_list(O, t + s, n)) {
        *gender = STANCE_G_UNKNOWN;
        return 2;
    }
    return 0;
}

void stance_namelist_clear(stance_namelist *l)
{
    stance_free(l->v);
    stance_free(l->by_last);
    memset(l, 0, sizeof *l);
}

/* qsort has no user pointer; sort (surname key, index) pairs whose key is a
 * pointer into the text, kept in a temporary array. */
typedef struct keyed {
    const char *k;
    size_t n;
    unsigned ntok;
    size_t pos;
    size_t idx;
} keyed;

static int keyed_cmp(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    size_t m = x->n < y->n ? x->n : y->n;
    int c = memcmp(x->k, y->k, m);
    if (c)
        return c;
    if (x->n != y->n)
        return x->n < y->n ? -1 : 1;
    if (x->ntok != y->ntok)
        return x->ntok > y->ntok ? -1 : 1; /* most tokens first */
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

int stance_names_scan(const pcre2_code *pat, pcre2_match_context *mctx, pcre2_general_context *gctx,
                      const char *text, size_t len, stance_namelist *out, stance_error *err)
{
    pcre2_match_data *md = pcre2_match_data_create(1, gctx);
    keyed *tmp = NULL;
    size_t pos = 0;
    int rc = STANCE_OK;
    if (!md)
        return stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
    while (pos < len) {
        int m = pcre2_match(pat, (PCRE2_SPTR)text, len, pos, PCRE2_NO_UTF_CHECK, md, mctx);
        PCRE2_SIZE *ov;
        size_t s, e, last;
        unsigned nt;
        if (m == PCRE2_ERROR_NOMATCH)
            break;
        if (m < 0) {
            if (stance_pcre2_status(m) == STANCE_ERR_NOMEM) {
                rc = stance_pcre2_error(err, m, pos, "name matching");
                goto out;
            }
            /* A limit: skip one character and go on. */
            pos++;
            while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
                pos++;
            continue;
        }
        ov = pcre2_get_ovector_pointer(md);
        s = ov[0];
        e = ov[1];
        pos = e > s ? e : s + 1;
        while (pos < len && ((unsigned char)text[pos] & 0xC0) == 0x80)
            pos++;
        {
            size_t bs = s, be = e;
            nt = stance_names_bare(text, &bs, &be, &last);
            if (!nt)
                continue;
            if (stance_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v)) {
                rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
                goto out;
            }
            out->v[out->n].start = s;
            out->v[out->n].end = e;
            out->v[out->n].bare = bs;
            out->v[out->n].last = last;
            out->v[out->n].last_end = be;
            out->v[out->n].ntok = nt;
            out->v[out->n].gender = stance_names_gender(text, bs, be);
            out->n++;
        }
    }
    if (out->n) {
        tmp = stance_malloc_array(out->n, sizeof *tmp);
        stance_free(out->by_last);
        out->by_last = stance_malloc_array(out->n, sizeof *out->by_last);
        if (!tmp || !out->by_last) {
            rc = stance_error_set(err, STANCE_ERR_NOMEM, STANCE_NO_OFFSET, "out of memory");
            goto out;
        }
        for (size_t i = 0; i < out->n; i++) {
            tmp[i].k = text + out->v[i].last;
            tmp[i].n = out->v[i].last_end - out->v[i].last;
            tmp[i].ntok = out->v[i].ntok;
            tmp[i].pos = out->v[i].start;
            tmp[i].idx = i;
        }
        qsort(tmp, out->n, sizeof *tmp, keyed_cmp);
        for (size_t i = 0; i < out->n; i++)
            out->by_last[i] = tmp[i].idx;
    }
out:
    stance_free(tmp);
    pcre2_match_data_free(md);
    return rc;
}

static int key_cmp(const char *text, const stance_name *nm, const char *k, size_t kn)
{
    size_t n = nm->last_end - nm->last, m = n < kn ? n : kn;
    int c = memcmp(text + nm->last, k, m);
    if (c)
        return c;
    return n == kn ? 0 : n < kn ? -1 : 1;
}

long stance_names_canonical(const stance_namelist *l, const char *text, size_t s, size_t e, size_t last)
{
    size_t lo = 0, hi = l->n, blen = e - s;
    const char *k = text + last;
    size_t kn = e - last;
    unsigned want;
    {
        size_t a = s, b = e, lt;
        want = stance_names_bare(text, &a, &b, &lt);
    }
    if (!l->n)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_cmp(text, &l->v[l->by_last[mid]], k, kn) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* Candidates with this surname, most tokens first, then in text order. */
    for (size_t i = lo, seen = 0; i < l->n && seen < 64; i++, seen++) {
        const stance_name *nm = &l->v[l->by_last[i]];
        size_t cl = nm->last_end - nm->bare;
        if (key_cmp(text, nm, k, kn) != 0)
            break;
        if (nm->ntok <= want)
            return -1;
        /* The candidate must end with the whole bare name. */
        if (cl > blen && memcmp(text + nm->last_end - blen, text + s, blen) == 0 &&
            (text[nm->last_end - blen - 1] == ' ' || (unsigned char)text[nm->last_end - blen - 1] == 0xA0))
            return (long)l->by_last[i];
    }
    return -1;
}
