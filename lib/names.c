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

#define ABBR "(?:Del|Sens?|Reps?|Gov|Mrs|Mr|Ms|Dr|Gens?|Lt|Col|Rev|Sgt|Adm|Capt|Prof|Maj|Cmdr|Jr|Sr|St|Ft|Atty|Supt|Rt|Hon)\\."
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

/* The word lists below are sorted by bytes (tests/test_quotes.c checks it): binary search. */
static int word_cmp(const char *w, size_t n, const char *entry)
{
    /* memcmp, not strncmp: a NUL inside the text's word made strncmp stop
     * early and entry[n] read past a shorter entry. */
    size_t m = strlen(entry);
    int c = memcmp(w, entry, n < m ? n : m);
    if (c)
        return c;
    return n < m ? -1 : n > m;
}

static int in_sorted(const char *const *list, size_t count, const char *w, size_t n)
{
    size_t lo = 0, hi = count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = word_cmp(w, n, list[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

#define in_list(list, w, n) in_sorted(list, sizeof list / sizeof *list - 1, w, n)

static const char *const TITLES[] = {
    "Adm.", "Agent", "Ambassador", "Anchor", "Assemblyman", "Assemblywoman", "Attorney", "Atty.", "Bishop",
    "Candidate", "Capt.", "Cardinal", "Chair", "Chairman", "Chairwoman", "Chancellor", "Chief", "Coach", "Col.",
    "Commissioner", "Congressman", "Congresswoman", "Council", "Councilman", "Councilwoman", "Dame", "Del.",
    "Delegate", "Democrat", "Democratic", "Deputy", "Detective", "Director", "Dr.", "Ex-President", "Father",
    "First", "Former", "GOP", "Gen.", "General", "Gens.", "Gov", "Gov.", "Governor", "Hon.", "Host", "House", "Imam",
    "Judge", "Justice", "King", "Lady", "Leader", "Lord", "Lt", "Lt.", "Maj.", "Majority", "Mayor", "Minister",
    "Minority", "Miss", "Moderator", "Mr.", "Mrs.", "Ms.", "Nominee", "Officer", "Pastor", "Pope", "Pres.",
    "President", "Presidential", "Press", "Prime", "Prince", "Princess", "Prof.", "Professor", "Queen", "Rabbi",
    "Rep", "Rep.", "Representative", "Reps.", "Republican", "Rev.", "Rt.", "Secretary", "Sen", "Sen.", "Senate",
    "Senator", "Sens.", "Sgt.", "Sheikh", "Sheriff", "Sir", "Speaker", "State", "Supreme", "Vice", "Whip", NULL};

static const char *const STOP[] = {
    "A", "About", "Above", "According", "After", "Against", "All", "Also", "Although", "Among", "An", "And",
    "Another", "Any", "April", "Are", "As", "Asked", "At", "Aug", "August", "Because", "Before", "Below", "Between",
    "Both", "But", "By", "Can", "Could", "Dec", "December", "Despite", "Did", "Do", "Does", "Don't", "Don’t", "Dr",
    "During", "Each", "Earlier", "Editor's", "Even", "Ever", "Every", "Feb", "February", "Few", "Follow", "For",
    "Friday", "From", "Getty", "Gov", "He", "Her", "Here", "Here's", "Hey", "His", "How", "However", "I", "If",
    "Images", "In", "Indeed", "Instead", "Into", "Is", "It", "It's", "Its", "It’s", "Jan", "January", "July", "June",
    "Just", "Last", "Later", "Less", "Let", "Let's", "Like", "Many", "March", "Maybe", "Meanwhile", "Monday", "More",
    "Most", "Mr", "Mrs", "Ms", "Much", "My", "Never", "Next", "No", "Nor", "Not", "Note", "Nov", "November", "Now",
    "OK", "Oct", "October", "Of", "Oh", "Okay", "On", "Once", "One", "Only", "Or", "Other", "Our", "Over", "Perhaps",
    "Photo", "Please", "Read", "Rep", "Saturday", "Sen", "Sept", "September", "Several", "She", "Should", "Since",
    "So", "Some", "Still", "Such", "Sunday", "Thank", "Thanks", "That", "That's", "That’s", "The", "Their", "Then",
    "There", "There's", "These", "They", "This", "Those", "Though", "Three", "Through", "Thursday", "To", "Today",
    "Tomorrow", "Tonight", "Trump's", "Tuesday", "Two", "UPDATE", "Under", "Unless", "Unlike", "Until", "Updated",
    "Very", "Was", "Watch", "We", "Wednesday", "Well", "Were", "What", "What's", "When", "Where", "Where's",
    "Whether", "Which", "While", "Who", "Why", "Will", "With", "Within", "Without", "Would", "Yes", "Yesterday",
    "Yet", "You", "Your", NULL};

static const char *const FEMALE[] = {
    "Abigail", "Ainsley", "Alexandra", "Alicia", "Amanda", "Amy", "Ana", "Andrea", "Angela", "Ann", "Anne", "Ashley",
    "Barbara", "Beth", "Betsy", "Beyonce", "Brenda", "Carly", "Carmen", "Carol", "Carolyn", "Catherine", "Chelsea",
    "Cher", "Cheryl", "Christine", "Claire", "Cokie", "Condoleezza", "Cynthia", "Dana", "Debbie", "Deborah",
    "Denise", "Diane", "Dianne", "Donna", "Elena", "Elizabeth", "Ellen", "Emily", "Erin", "Gennifer", "Gloria",
    "Grace", "Gretchen", "Gwen", "Hannah", "Heather", "Heidi", "Helen", "Hillary", "Hoda", "Hope", "Huma", "Ivana",
    "Ivanka", "Jan", "Jane", "Janet", "Jeanine", "Jeanne", "Jen", "Jennifer", "Jessica", "Jill", "Joan", "Joanna",
    "Joyce", "Juanita", "Judy", "Julia", "Julie", "Kamala", "Karen", "Kate", "Kathleen", "Kathy", "Katie", "Katrina",
    "Katy", "Kelly", "Kellyanne", "Kimberly", "Kirsten", "Kristen", "Lara", "Laura", "Lena", "Linda", "Lindsey",
    "Lisa", "Loretta", "Lori", "Lucia", "Lynn", "Madeleine", "Madonna", "Marcia", "Margaret", "Maria", "Marine",
    "Marsha", "Martha", "Mary", "Maxine", "Megyn", "Melania", "Melissa", "Meryl", "Mia", "Michele", "Michelle",
    "Mika", "Monica", "Nancy", "Natalie", "Nicole", "Nikki", "Olivia", "Omarosa", "Oprah", "Patricia", "Paula",
    "Rachel", "Rebecca", "Robin", "Rosa", "Rosie", "Ruth", "Sally", "Samantha", "Sarah", "Savannah", "Shannon",
    "Sharon", "Sheryl", "Sonia", "Sophia", "Stacey", "Stephanie", "Susan", "Suzanne", "Tammy", "Tara", "Teresa",
    "Theresa", "Tiffany", "Tina", "Valerie", "Veronica", "Victoria", "Virginia", "Wendy", NULL};

static const char *const MALE[] = {
    "Abraham", "Adam", "Ahmed", "Al", "Alan", "Albert", "Allen", "Anderson", "Andrew", "Angelo", "Anthony", "Barack",
    "Bashar", "Ben", "Benjamin", "Bernard", "Bernie", "Bibi", "Bill", "Bob", "Boris", "Bret", "Brian", "Brit",
    "Bruce", "Carl", "Carlos", "Charles", "Chris", "Christopher", "Chuck", "Clint", "Colin", "Corey", "Cory", "Dan",
    "Daniel", "Darrell", "Dave", "David", "Dennis", "Devin", "Dick", "Donald", "Doug", "Douglas", "Ed", "Edward",
    "Elijah", "Elliot", "Emmanuel", "Enrique", "Eric", "Fidel", "Francois", "Frank", "Franklin", "Gary", "George",
    "Gordon", "Gov", "Greg", "Gregory", "Harry", "Hassan", "Henry", "Herman", "Howard", "Hugo", "Humayun", "Ismail",
    "Jack", "Jake", "James", "Jamie", "Jared", "Jason", "Jay", "Jeb", "Jeff", "Jeffrey", "Jerome", "Jerry", "Jesse",
    "Jim", "Jimmy", "Joe", "John", "Jon", "Jonathan", "Jose", "Joseph", "Josh", "Joshua", "Juan", "Justin", "Kanye",
    "Keith", "Kellyanne_", "Ken", "Kenneth", "Kevin", "Khaled", "Khizr", "Kim", "Lamar", "Larry", "Lester",
    "Lindsey", "Louis", "Luis", "Marco", "Mark", "Martin", "Matt", "Matthew", "Michael", "Mike", "Mitch", "Mitt",
    "Mohammed", "Mousa", "Muhammad", "Newt", "Nicholas", "Nick", "Nicolas", "Nigel", "Omar", "Orrin", "Pat",
    "Patrick", "Paul", "Peter", "Phil", "Philip", "Pierre", "Rand", "Raul", "Raymond", "Recep", "Reince", "Rex",
    "Richard", "Rick", "Rob", "Robby", "Robert", "Roger", "Ron", "Ronald", "Ronnie", "Roy", "Rudolph", "Rudy",
    "Russell", "Ryan", "Sam", "Samuel", "Scott", "Sean", "Sergei", "Sheldon", "Spike", "Stephen", "Steve", "Steven",
    "Ted", "Terry", "Thomas", "Tim", "Todd", "Tom", "Tony", "Travis", "Trevor", "Trey", "Tucker", "Van", "Vince",
    "Vladimir", "Walter", "Wayne", "Will", "William", "Wolf", "Xi", NULL};

int stance_names_lists_sorted(void)
{
    const char *const *lists[] = {TITLES, STOP, FEMALE, MALE};
    size_t counts[] = {sizeof TITLES / sizeof *TITLES - 1, sizeof STOP / sizeof *STOP - 1,
                       sizeof FEMALE / sizeof *FEMALE - 1, sizeof MALE / sizeof *MALE - 1};
    for (size_t l = 0; l < 4; l++)
        for (size_t i = 1; i < counts[l]; i++)
            if (strcmp(lists[l][i - 1], lists[l][i]) >= 0)
                return 0;
    return 1;
}

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
    /* "Interim DNC Chairwoman Donna Brazile": the name starts after the last title. */
    if (n >= 2) {
        size_t k = bs, a, b, after = STANCE_NO_OFFSET;
        unsigned seen = 0, left = 0;
        while (next_tok(t, &k, be, &a, &b)) {
            seen++;
            if (seen < n && in_list(TITLES, t + a, b - a)) {
                after = k;
                left = n - seen;
            }
        }
        if (after != STANCE_NO_OFFSET && left >= 1) {
            size_t k2 = after;
            if (next_tok(t, &k2, be, &a, &b)) {
                bs = a;
                n = left;
            }
        }
    }
    /* Headlines in title case are not names: "Clinton Goes After Trump As ..." */
    {
        size_t k = bs, a, b;
        while (next_tok(t, &k, be, &a, &b))
            if (a > bs && in_list(STOP, t + a, b - a) && !(b - a == 3 && memcmp(t + a, "Mrs", 3) == 0))
                return 0;
        if (n > 5)
            return 0;
    }
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
    /* sorted, like every list searched with in_list() */
    static const char *const M[] = {"HE", "He", "he", NULL};
    static const char *const F[] = {"SHE", "She", "she", NULL};
    static const char *const O[] = {"I", "It", "They", "We", "it", "they", "we", NULL};
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
