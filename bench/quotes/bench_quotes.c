/*
 * bench_quotes.c - measure quote extraction on PolNeAR (JSON lines with gold
 * quotes) and its throughput on ordinary and adversarial generated inputs.
 *
 *   bench_quotes score FILE.jsonl [--verbose] [--first-part-only] [--audit AUDIT.tsv] [--rules] [--relabel]
 *                          [--audit-speakers AUDIT.tsv]
 *       (--audit-speakers: the speaker accuracy on named gold raw and without
 *       the errors a hand audit found to be the gold's; see spk_audit below)
 *                          [--half A|B] [--dump OUT.tsv] [--dump-partial OUT.tsv]
 *       (--half: only the articles of one half, split by the parity of the
 *       FNV-1a hash of the article id: develop on A, hold B out)
 *       (--dump: one line per matched direct quote, or whole quote counted by
 *       --relabel: ID START END OK RULE, OK 1/0, "u" when the gold names no
 *       speaker; bench/quotes/compare_dumps.py diffs two dumps per rule;
 *       --dump-partial: the same lines for the matched partial quotes)
 *       (--relabel: the direct figures under issue #3's definition, without an
 *       audit: see "relabel" below; comparable between splits)
 *       (--rules: per attribution rule (stance_rawquote.rule) and type, the quotes
 *       predicted, matched to a gold quote, and with the gold speaker)
 *                                                span P/R/F1, speaker accuracy, end-to-end F1;
 *                                                --audit: what each direct-quote error is
 *                                                (see bench/quotes/README.md) and the ceiling
 *   bench_quotes text FILE.txt [--no-indirect]   the quotes of a plain-text file, one per line
 *   bench_quotes speed FILE.jsonl [SECONDS]      MB/s on the articles, then time per MB of
 *                                                generated inputs (no punctuation, 100k quote
 *                                                marks, one 1 MB paragraph) as ratios
 *
 * Exit 77 when FILE does not exist (the data is not part of the repository).
 *
 * Scoring, as the PolNeAR notes describe it:
 *  - spans match exactly after removing quote marks, spaces and edge punctuation;
 *  - direct: gold "direct" segments; partial: a predicted partial quote counts
 *    when it lies inside a gold "mixed" segment, and a mixed segment is found
 *    when it holds one; indirect: exact, and overlap (Jaccard >= 0.5);
 *  - speaker: on matched quotes, the predicted speaker's key (surname, or head
 *    noun of a noun phrase) equals the key of the gold speaker or one of its
 *    aliases, or of one of their comma-separated parts ("his wife, Ana Roe,"
 *    is Roe as well as wife; --first-part-only keeps the first part only,
 *    as this scorer did before 2026-11-26); pronouns never count;
 *  - end-to-end: span and speaker both right.
 *
 * An audit file holds one line per direct-quote error that somebody read
 * against its article: KIND ID START END CATEGORY NOTE, tab-separated, where
 * KIND is SPK (matched quote, wrong speaker), FP or FN, ID the article id,
 * START END the normalised byte span the --verbose line prints, CATEGORY
 * "ours" (the extractor is wrong) or "gold-..." (the gold is wrong or follows
 * another convention), NOTE our own words (never the article's text). Quotes
 * whose gold speaker and aliases are all bare pronouns are "gold-pronoun"
 * without a line. With --audit the scorer prints the errors per category, the
 * errors nobody has read ("unaudited"), the lines that are no error any more
 * ("stale"), the ceiling: the figures if every error of ours (and every
 * unaudited one) were fixed and the gold left as it is, and the figures
 * relabelled as issue #3 defines a direct quote ("gold-mixed" whole quotes
 * count, "gold-partial" fragments leave the gold).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "quotes.h"

typedef struct gold {
    size_t s, e;
    int type; /* 0 direct, 1 mixed, 2 indirect */
    char *speaker;
    char **aliases;
    size_t n_aliases;
    int used;
} gold;

typedef struct audit_entry {
    char kind[4]; /* SPK, FP, FN */
    char *id, *cat;
    size_t s, e;
    int seen;
} audit_entry;

typedef struct audit {
    audit_entry *v;
    size_t n;
    const char *cats[32]; /* categories in order of appearance; [0] "gold-pronoun" */
    size_t ncat;
    size_t count[3][33];  /* [SPK, FP, FN][category, or 32 = unaudited] */
    size_t mixed_n, mixed_ok; /* "gold-mixed" FPs, and those whose speaker is right */
} audit;

typedef struct counts {
    size_t pred, gold, tp_pred, tp_gold, spk_ok, spk_n;
    size_t spk_unscorable; /* matched quotes whose gold speaker and aliases are all bare pronouns */
    size_t ov_tp;
} counts;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: "per core", robust to a busy machine */
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Normalise a span: strip spaces, quote marks and edge punctuation. */
static void norm(const char *t, size_t *s, size_t *e)
{
    for (;;) {
        const unsigned char *a = (const unsigned char *)t + *s;
        if (*s >= *e)
            return;
        if (strchr(" \t\n.,;:!?-'\"()[]", a[0]) && a[0]) {
            (*s)++;
            continue;
        }
        if (*e - *s >= 3 && a[0] == 0xE2 && a[1] == 0x80 && (a[2] == 0x9C || a[2] == 0x9D || a[2] == 0x98 ||
                                                            a[2] == 0x99 || a[2] == 0x94 || a[2] == 0x93 ||
                                                            a[2] == 0xA6)) {
            *s += 3;
            continue;
        }
        if (*e - *s >= 2 && a[0] == 0xC2 && a[1] == 0xA0) {
            *s += 2;
            continue;
        }
        break;
    }
    for (;;) {
        const unsigned char *z = (const unsigned char *)t + *e;
        if (*e <= *s)
            return;
        if (z[-1] && strchr(" \t\n.,;:!?-'\"()[]", z[-1])) {
            (*e)--;
            continue;
        }
        if (*e - *s >= 3 && z[-3] == 0xE2 && z[-2] == 0x80 &&
            (z[-1] == 0x9C || z[-1] == 0x9D || z[-1] == 0x98 || z[-1] == 0x99 || z[-1] == 0x94 || z[-1] == 0x93 ||
             z[-1] == 0xA6)) {
            *e -= 3;
            continue;
        }
        if (*e - *s >= 2 && z[-2] == 0xC2 && z[-1] == 0xA0) {
            *e -= 2;
            continue;
        }
        break;
    }
}

/* A key that is one of these names nobody: bare personal pronouns, and the
 * relative pronouns the gold gives as a speaker ('who', 'which') */
static const char *const PRONOUNS[] = {"he", "she", "they", "i", "we", "it", "him", "her", "them", "you", "his",
                                       "their", "its", "me", "us", "who", "whom", "which", "that", NULL};
/* A possessive pronoun and one of these ('his eyes', 'her voice') is a part of
 * a person, not a name: no key either */
static const char *const POSSESSIVES[] = {"his", "her", "their", "its", "my", "our", "your", NULL};
static const char *const BODY_PARTS[] = {"eyes", "eye", "face", "head", "voice", "lips", "mouth", "hand", "hands",
                                         "expression", "smile", "look", NULL};
static const char *const PREPS[] = {"of", "for", "at", "with", "from", "to", "in", "on", "by", "who", "which",
                                    "that", NULL};

static int in(const char *const *l, const char *w)
{
    for (; *l; l++)
        if (strcmp(*l, w) == 0)
            return 1;
    return 0;
}

/* in(), ignoring ASCII case: "former secretary of state Jane Roe" has a title too */
static int in_ci(const char *const *l, const char *w)
{
    for (; *l; l++)
        if (strcasecmp(*l, w) == 0)
            return 1;
    return 0;
}

/* Key of a speaker string: surname, or head noun of a noun phrase; "" if none or a pronoun. */
static void key(const char *name, char *out, size_t outsz)
{
    char buf[512], *tok[64];
    size_t n = 0, j = 0;
    int depth = 0;
    out[0] = 0;
    if (!name)
        return;
    for (size_t i = 0; name[i] && j + 1 < sizeof buf; i++) {
        unsigned char ch = (unsigned char)name[i];
        if (ch == '(') {
            depth++;
            continue;
        }
        if (ch == ')') {
            if (depth)
                depth--;
            continue;
        }
        if (depth)
            continue;
        if (ch == ',')
            break;
        /* a dash opening an aside ends the speaker as a comma does ("Jane Roe \u2014 a
         * teacher from Dover \u2014"): a spaced em or en dash, or " -- " */
        if (j > 0 && buf[j - 1] == ' ' &&
            ((ch == 0xE2 && (unsigned char)name[i + 1] == 0x80 &&
              ((unsigned char)name[i + 2] == 0x93 || (unsigned char)name[i + 2] == 0x94)) ||
             (ch == '-' && name[i + 1] == '-')))
            break;
        /* possessive 's / ’s */
        if ((ch == '\'' && (name[i + 1] == 's' || name[i + 1] == 'S') && !isalnum((unsigned char)name[i + 2])) ||
            (ch == 0xE2 && (unsigned char)name[i + 1] == 0x80 && (unsigned char)name[i + 2] == 0x99 &&
             name[i + 3] == 's' && !isalnum((unsigned char)name[i + 4]))) {
            i += ch == '\'' ? 1 : 3;
            continue;
        }
        if (ch == 0xC2 && (unsigned char)name[i + 1] == 0xA0) {
            buf[j++] = ' ';
            i++;
            continue;
        }
        buf[j++] = (char)ch;
    }
    buf[j] = 0;
    for (char *p = strtok(buf, " \t\n"); p && n < 64; p = strtok(NULL, " \t\n")) {
        size_t l = strlen(p);
        while (l && strchr(".,:;!?\"'", p[l - 1]))
            p[--l] = 0;
        while (*p && strchr("\"'", *p))
            p++;
        if (*p)
            tok[n++] = p;
    }
    if (!n)
        return;
    if (n >= 2 && in_ci(POSSESSIVES, tok[0]) && in_ci(BODY_PARTS, tok[n - 1]))
        return;
    {
        /* head: the word before the first preposition ("a spokesman for X",
         * "Jane Roe of Ohio"), unless that word is a title ("Secretary of State
         * John Kerry"); else the last word (surname) */
        static const char *const TITLE_HEADS[] = {"Secretary", "Director", "Minister", "Chairman", "Chairwoman",
                                                  "Chair", "President", "Governor", "Mayor", "Speaker",
                                                  "Attorney", "General", "Leader", "Ambassador", "Commissioner",
                                                  "Administrator", "Chief", NULL};
        size_t h = n - 1;
        for (size_t i = 1; i < n; i++)
            if (in(PREPS, tok[i]) && !in_ci(TITLE_HEADS, tok[i - 1])) {
                h = i - 1;
                break;
            }
        if (n > 1 && (strcmp(tok[h], "Jr") == 0 || strcmp(tok[h], "Sr") == 0 || strcmp(tok[h], "III") == 0 ||
                      strcmp(tok[h], "II") == 0 || strcmp(tok[h], "IV") == 0))
            h--;
        snprintf(out, outsz, "%s", tok[h]);
    }
    {
        int alpha = 0;
        for (char *p = out; *p; p++) {
            alpha |= isalpha((unsigned char)*p) || (unsigned char)*p >= 0x80;
            *p = (char)tolower((unsigned char)*p);
        }
        if (!alpha || in(PRONOUNS, out)) /* "2" of "the No. 2 in the party" is not a key */
            out[0] = 0;
    }
}

/* --first-part-only: the scoring before 2026-11-26 (whole string up to its first comma) */
static int first_part_only;

/* The next separator of a gold speaker's parts at or after @p p: a comma, or a
 * spaced em/en dash or " -- " (an aside: "Jane Roe \u2014 a teacher \u2014");
 * *@p sl its length. NULL when none. */
static const char *next_sep(const char *p, size_t *sl)
{
    for (; *p; p++) {
        if (*p == ',') {
            *sl = 1;
            return p;
        }
        if (p[-1] == ' ' && (((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
                              ((unsigned char)p[2] == 0x93 || (unsigned char)p[2] == 0x94)) ||
                             (p[0] == '-' && p[1] == '-'))) {
            *sl = p[0] == '-' ? 2 : 3;
            return p;
        }
    }
    return NULL;
}

/* Does @p kp equal the key of @p name, or (unless @p first_only) of one of
 * its parts, separated by commas or dashes (next_sep())? A gold speaker is
 * written as the text has it: "his wife, Gabriela Lazar," names the speaker in
 * its second part, "Nate Roe, the pollster," in its first. */
static int key_matches(const char *kp, const char *name, int first_only)
{
    char kg[256], part[512];
    const char *q;
    size_t sl = 0;
    if (!name)
        return 0;
    key(name, kg, sizeof kg);
    if (kg[0] && strcmp(kp, kg) == 0)
        return 1;
    if (first_only || !*name)
        return 0;
    for (q = next_sep(name + 1, &sl); q;) {
        const char *ps = q + sl, *nq = *ps ? next_sep(ps + 1, &sl) : NULL;
        size_t n = nq ? (size_t)(nq - ps) : strlen(ps);
        if (n >= sizeof part)
            n = sizeof part - 1;
        memcpy(part, ps, n);
        part[n] = 0;
        key(part, kg, sizeof kg);
        if (kg[0] && strcmp(kp, kg) == 0)
            return 1;
        q = nq;
    }
    return 0;
}

/* Has @p g a speaker or alias that is not a bare pronoun (a key to compare with)? */
static int scorable(const gold *g)
{
    char kg[256];
    key(g->speaker, kg, sizeof kg);
    if (kg[0])
        return 1;
    for (size_t i = 0; i < g->n_aliases; i++) {
        key(g->aliases[i], kg, sizeof kg);
        if (kg[0])
            return 1;
    }
    return 0;
}

static int speaker_ok(const char *pred, const gold *g)
{
    char kp[256];
    key(pred, kp, sizeof kp);
    if (!kp[0])
        return 0;
    if (key_matches(kp, g->speaker, first_part_only))
        return 1;
    for (size_t i = 0; i < g->n_aliases; i++)
        if (key_matches(kp, g->aliases[i], first_part_only))
            return 1;
    return 0;
}

static void prf(const char *what, const counts *c, int overlap)
{
    double p = c->pred ? (double)c->tp_pred / (double)c->pred : 0, r = c->gold ? (double)c->tp_gold / (double)c->gold : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    double acc = c->spk_n ? (double)c->spk_ok / (double)c->spk_n : 0;
    double ep = c->pred ? (double)c->spk_ok / (double)c->pred : 0, er = c->gold ? (double)c->spk_ok / (double)c->gold : 0;
    double ef = ep + er > 0 ? 2 * ep * er / (ep + er) : 0;
    printf("%-9s gold %5zu pred %5zu | span P %.3f R %.3f F1 %.3f | speaker acc %.3f (%zu/%zu) | end-to-end P %.3f R "
           "%.3f F1 %.3f\n",
           what, c->gold, c->pred, p, r, f, acc, c->spk_ok, c->spk_n, ep, er, ef);
    if (c->spk_unscorable && c->spk_n > c->spk_unscorable)
        printf("%-9s (secondary) speaker acc %.3f (%zu/%zu) on matched quotes whose gold names the speaker; "
               "%zu have only a bare pronoun\n",
               what, (double)c->spk_ok / (double)(c->spk_n - c->spk_unscorable), c->spk_ok,
               c->spk_n - c->spk_unscorable, c->spk_unscorable);
    if (overlap) {
        double op = c->pred ? (double)c->ov_tp / (double)c->pred : 0;
        double orr = c->gold ? (double)c->ov_tp / (double)c->gold : 0;
        printf("%-9s overlap (Jaccard >= 0.5) P %.3f R %.3f F1 %.3f\n", what, op, orr,
               op + orr > 0 ? 2 * op * orr / (op + orr) : 0);
    }
}

static void show(const char *tag, const char *t, size_t len, size_t s, size_t e, const char *spk, const char *gs,
                 int rule)
{
    size_t a = s > 60 ? s - 60 : 0, b = e + 60 < len ? e + 60 : len;
    size_t cut = s + 160, resume = e > 40 ? e - 40 : 0; /* a long quote: its head and tail around " ... " */
    /* every cut on a character boundary (a UTF-8 continuation byte is 10xxxxxx) */
    while (a < s && ((unsigned char)t[a] & 0xC0) == 0x80)
        a++;
    while (b > e && b < len && ((unsigned char)t[b] & 0xC0) == 0x80)
        b--;
    while (cut > s && cut < len && ((unsigned char)t[cut] & 0xC0) == 0x80)
        cut--;
    while (resume < e && ((unsigned char)t[resume] & 0xC0) == 0x80)
        resume++;
    printf("%s | ", tag);
    for (size_t i = a; i < b; i++) {
        if (i == s)
            fputs("[[", stdout);
        if (i >= cut && i < resume) {
            if (i == cut)
                fputs(" ... ", stdout);
        } else
            putchar(t[i] == '\n' ? '|' : t[i]);
        if (i + 1 == e)
            fputs("]]", stdout);
    }
    printf(" | pred=%s gold=%s", spk ? spk : "-", gs ? gs : "-");
    if (rule >= 0)
        printf(" | rule=%s", stance_quotes_rule_name(rule));
    putchar('\n');
}

/* One --verbose error line: @p kind, the article id, the normalised span [s, e)
 * (what an audit line names) and its audit category if any, then the text
 * around @p shown with the predicted and gold speakers. */
static void show_error(const char *kind, const char *id, size_t s, size_t e, const char *cat, const char *text,
                       size_t len, stance_span shown, const char *spk, const char *gs, int rule)
{
    char tag[400];
    snprintf(tag, sizeof tag, "%s %s %zu %zu%s%s", kind, id, s, e, cat ? " " : "", cat ? cat : "");
    show(tag, text, len, shown.start, shown.end, spk, gs, rule);
}

static void free_gold(gold *g, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(g[i].speaker);
        for (size_t k = 0; k < g[i].n_aliases; k++)
            free(g[i].aliases[k]);
        free(g[i].aliases);
    }
    free(g);
}

static char *dup_str(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int audit_cat(audit *a, const char *cat)
{
    for (size_t i = 0; i < a->ncat; i++)
        if (strcmp(a->cats[i], cat) == 0)
            return (int)i;
    if (a->ncat >= 32)
        return -1;
    a->cats[a->ncat] = cat;
    return (int)a->ncat++;
}

/* Count one error of @p kind (0 SPK, 1 FP, 2 FN); its category name (or "UNAUDITED"). */
static const char *audit_note(audit *a, int kind, const char *id, size_t s, size_t e, int pronoun_gold)
{
    static const char *const K[] = {"SPK", "FP", "FN"};
    if (!a)
        return NULL;
    if (pronoun_gold) {
        a->count[kind][0]++;
        return a->cats[0];
    }
    for (size_t i = 0; i < a->n; i++) {
        audit_entry *x = &a->v[i];
        if (!x->seen && x->s == s && x->e == e && strcmp(x->kind, K[kind]) == 0 && strcmp(x->id, id) == 0) {
            x->seen = 1;
            a->count[kind][audit_cat(a, x->cat)]++;
            return x->cat;
        }
    }
    a->count[kind][32]++;
    return "UNAUDITED";
}

static double f1(double tp, double pred, double ngold)
{
    double p = pred > 0 ? tp / pred : 0, r = ngold > 0 ? tp / ngold : 0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

/* The audit's counts per category, its stale lines and the ceiling of the direct figures. */
static void audit_report(audit *a, const counts *c)
{
    static const char *const K[] = {"speaker", "span FP", "span FN"};
    size_t fix[3] = {0, 0, 0}, stale = 0;
    for (int k = 0; k < 3; k++) {
        size_t tot = 0;
        for (size_t i = 0; i < a->ncat; i++)
            tot += a->count[k][i];
        tot += a->count[k][32];
        printf("audit     %-8s errors %3zu:", K[k], tot);
        for (size_t i = 0; i < a->ncat; i++)
            if (a->count[k][i])
                printf(" %s %zu,", a->cats[i], a->count[k][i]);
        printf(" unaudited %zu\n", a->count[k][32]);
        for (size_t i = 0; i < a->ncat; i++)
            if (strcmp(a->cats[i], "ours") == 0)
                fix[k] += a->count[k][i];
        fix[k] += a->count[k][32];
    }
    for (size_t i = 0; i < a->n; i++)
        if (!a->v[i].seen) {
            if (!stale)
                printf("audit     stale lines (no such error now):");
            printf(" %s %s %zu-%zu;", a->v[i].kind, a->v[i].id, a->v[i].s, a->v[i].e);
            stale++;
        }
    if (stale)
        printf(" %zu in all\n", stale);
    {
        /* every FP of ours gone, every FN of ours found (with its speaker right) */
        double tp = (double)(c->tp_pred + fix[2]), pred = (double)(c->pred - fix[1] + fix[2]);
        double spk = (double)(c->spk_ok + fix[0]), e2e = (double)(c->spk_ok + fix[0] + fix[2]);
        printf("audit     ceiling (ours and unaudited fixed, gold as it is): span F1 %.3f | speaker acc %.3f "
               "(%.0f/%zu) | end-to-end F1 %.3f\n",
               f1(tp, pred, (double)c->gold), c->spk_n ? spk / (double)c->spk_n : 0, spk, c->spk_n,
               f1(e2e, pred, (double)c->gold));
    }
    {
        /* the issue's own definitions: a whole quote in marks is direct whatever the gold
         * calls it, an embedded fragment is partial: "gold-mixed" FPs become matches
         * (speaker judged against the mixed segment), "gold-partial" FNs leave the gold */
        size_t partial_fn = 0;
        for (size_t i = 0; i < a->ncat; i++)
            if (strcmp(a->cats[i], "gold-partial") == 0)
                partial_fn = a->count[2][i];
        double tp = (double)(c->tp_pred + a->mixed_n), pred = (double)c->pred;
        double ngold = (double)(c->gold - partial_fn + a->mixed_n), ok = (double)(c->spk_ok + a->mixed_ok);
        size_t n = c->spk_n + a->mixed_n;
        printf("audit     relabelled as the issue defines direct (%zu gold-mixed as direct, %zu gold-partial out): "
               "span F1 %.3f | speaker acc %.3f (%.0f/%zu) | end-to-end F1 %.3f\n",
               a->mixed_n, partial_fn, f1(tp, pred, ngold), n ? ok / (double)n : 0, ok, n, f1(ok, pred, ngold));
    }
}

/* score --audit-speakers FILE: a hand audit of the speaker errors on quotes
 * whose gold names a speaker (bench/quotes/README.md). One line per error read:
 * SPK ID START END CATEGORY CLASS PRED GOLD NOTE, CATEGORY one of SPK_CATS;
 * "gold-wrong" and "gold-description" are the gold's problems and leave the
 * figure "audited"; "ambiguous" stays an error. A line "#sample N of M" says
 * the lines are a random sample of N of the M errors there were: the gold
 * problems are then estimated as (sample lines of the gold's that are still
 * errors) * M / N. */
static const char *const SPK_CATS[] = {"ours", "gold-wrong", "gold-description", "ambiguous", NULL};
enum { SPK_NCAT = 4 };

typedef struct spk_audit {
    audit_entry *v;
    size_t n;
    size_t sample, population; /* 0 0: every error was read */
    size_t count[SPK_NCAT + 1]; /* errors now, per category; [SPK_NCAT] unaudited */
} spk_audit;

static int spk_cat(const char *c)
{
    for (int i = 0; SPK_CATS[i]; i++)
        if (strcmp(SPK_CATS[i], c) == 0)
            return i;
    return -1;
}

static void entries_free(audit_entry *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].id);
        free(v[i].cat);
    }
    free(v);
}

/* Read the audit file @p path, one entry a line, into *@p pv / *@p pn: 0 on
 * success, -1 (with a message naming the line) on a bad line. With @p spk the
 * lines are --audit-speakers' (SPK ID START END CATEGORY CLASS PRED GOLD NOTE,
 * CATEGORY one of SPK_CATS; "#sample N of M" sets *@p sample, *@p population),
 * else --audit's (KIND ID START END CATEGORY NOTE, KIND SPK/FP/FN, CATEGORY
 * ours or gold-...). */
static int entries_load(const char *path, int spk, audit_entry **pv, size_t *pn, size_t *sample, size_t *population)
{
    FILE *f = fopen(path, "r");
    char buf[4096];
    size_t lineno = 0, cap = 0, want = spk ? 9 : 5;
    int rc = -1;
    *pv = NULL;
    *pn = 0;
    if (!f) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    while (fgets(buf, sizeof buf, f)) {
        char *fld[9], *p = buf, *end1, *end2;
        size_t nf = 0;
        lineno++;
        buf[strcspn(buf, "\r\n")] = 0;
        if (spk && sscanf(buf, "#sample %zu of %zu", sample, population) == 2) {
            if (!*sample || *population < *sample) {
                fprintf(stderr, "%s:%zu: want #sample N of M with 0 < N <= M\n", path, lineno);
                goto out;
            }
            continue;
        }
        if (buf[0] == '#' || buf[0] == 0)
            continue;
        while (nf < want && p) {
            fld[nf++] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = 0;
        }
        if (spk && (nf < 9 || strcmp(fld[0], "SPK") || spk_cat(fld[4]) < 0 || !fld[1][0])) {
            fprintf(stderr, "%s:%zu: want SPK ID START END CATEGORY CLASS PRED GOLD NOTE (CATEGORY ours, gold-wrong, "
                            "gold-description or ambiguous)\n", path, lineno);
            goto out;
        }
        if (!spk && (nf < 5 || (strcmp(fld[0], "SPK") && strcmp(fld[0], "FP") && strcmp(fld[0], "FN")) ||
                     (strcmp(fld[4], "ours") && strncmp(fld[4], "gold-", 5)) || !fld[1][0])) {
            fprintf(stderr, "%s:%zu: want KIND ID START END CATEGORY NOTE (KIND SPK/FP/FN, CATEGORY ours/gold-...)\n",
                    path, lineno);
            goto out;
        }
        if (*pn == cap) {
            audit_entry *nv;
            cap = cap ? 2 * cap : 64;
            if (!(nv = realloc(*pv, cap * sizeof **pv)))
                goto out;
            *pv = nv;
        }
        audit_entry *x = &(*pv)[*pn];
        memset(x, 0, sizeof *x);
        snprintf(x->kind, sizeof x->kind, "%s", fld[0]);
        x->s = (size_t)strtoul(fld[2], &end1, 10);
        x->e = (size_t)strtoul(fld[3], &end2, 10);
        if (*end1 || *end2 || end1 == fld[2] || end2 == fld[3] || x->e <= x->s) {
            fprintf(stderr, "%s:%zu: START END are not a span\n", path, lineno);
            goto out;
        }
        x->id = strdup(fld[1]);
        x->cat = strdup(fld[4]);
        ++*pn;
        if (!x->id || !x->cat)
            goto out;
    }
    if (spk && *sample && *pn != *sample) {
        fprintf(stderr, "%s: #sample says %zu lines, the file has %zu\n", path, *sample, *pn);
        goto out;
    }
    rc = 0;
out:
    fclose(f);
    return rc;
}

static void audit_free(audit *a)
{
    entries_free(a->v, a->n);
}

static int audit_load(audit *a, const char *path)
{
    memset(a, 0, sizeof *a);
    audit_cat(a, "gold-pronoun");
    if (entries_load(path, 0, &a->v, &a->n, NULL, NULL))
        return -1;
    for (size_t i = 0; i < a->n; i++)
        if (audit_cat(a, a->v[i].cat) < 0) {
            fprintf(stderr, "%s: more than 32 categories\n", path);
            return -1;
        }
    return 0;
}

static void spk_audit_free(spk_audit *a)
{
    entries_free(a->v, a->n);
}

static int spk_audit_load(spk_audit *a, const char *path)
{
    memset(a, 0, sizeof *a);
    return entries_load(path, 1, &a->v, &a->n, &a->sample, &a->population);
}

/* A speaker error on a quote whose gold names the speaker: count it under its audited category. */
static const char *spk_audit_note(spk_audit *a, const char *id, size_t s, size_t e)
{
    if (!a)
        return NULL;
    for (size_t i = 0; i < a->n; i++) {
        audit_entry *x = &a->v[i];
        if (!x->seen && x->s == s && x->e == e && strcmp(x->id, id) == 0) {
            x->seen = 1;
            a->count[spk_cat(x->cat)]++;
            return x->cat;
        }
    }
    a->count[SPK_NCAT]++;
    return "UNAUDITED";
}

/* The speaker figure raw and without the audited gold problems: @p ok right of @p n. */
static void spk_audit_report(const spk_audit *a, const char *what, size_t ok, size_t n)
{
    size_t stale = 0, goldp = a->count[1] + a->count[2];
    for (size_t i = 0; i < a->n; i++)
        stale += (size_t)!a->v[i].seen;
    printf("speakers  audit: errors %zu (on quotes whose gold names the speaker):", n - ok);
    for (int i = 0; i < SPK_NCAT; i++)
        printf(" %s %zu,", SPK_CATS[i], a->count[i]);
    printf(" unaudited %zu; stale lines %zu (no such error now)\n", a->count[SPK_NCAT], stale);
    printf("speakers  %s speaker acc on named gold: raw %.3f (%zu/%zu)", what, n ? (double)ok / (double)n : 0, ok, n);
    if (!a->sample) {
        printf(" | audited %.3f (%zu/%zu, the gold's %zu errors out)\n",
               n > goldp ? (double)ok / (double)(n - goldp) : 0, ok, n - goldp, goldp);
    } else {
        /* estimated: the share of the gold's in the sample, over the population it was drawn from;
         * the interval from its binomial spread (with the finite population correction) */
        double N = (double)a->sample, M = (double)a->population, p = (double)goldp / N;
        double x = p * M, sd = M * sqrt(p * (1 - p) / N * (M > 1 ? (M - N) / (M - 1) : 0));
        double lo = (double)ok / ((double)n - (x - 1.96 * sd)), hi = (double)ok / ((double)n - (x + 1.96 * sd));
        if ((double)n - (x + 1.96 * sd) <= (double)ok) { /* more gold errors estimated than errors: no figure */
            printf(" | audited: the sample's share (%zu of %zu) exceeds the errors there are\n", goldp, a->sample);
            return;
        }
        printf(" | audited ~%.3f (%zu/%.0f, the gold's ~%.0f errors out: %zu of a sample of %zu of %zu errors; "
               "95%% interval %.3f-%.3f)\n",
               (double)ok / ((double)n - x), ok, (double)n - x, x, goldp, a->sample, a->population, lo, hi);
    }
}

/* score --audit-speakers */
static spk_audit *spk_au;

/* score --rules: the table per attribution rule */
static int show_rules;

/* score --half: -1 every article, else 0 (A) or 1 (B): the parity of the id's FNV-1a hash */
static int half = -1;
/* score --dump: the speaker verdict of every matched direct quote;
 * --dump-partial: the same for the matched partial quotes */
static FILE *dump, *dump_partial;

static int id_half(const char *id)
{
    unsigned h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 16777619u;
    return (int)(h & 1u);
}

static void dump_quote_to(FILE *f, const char *id, size_t s, size_t e, int ok, int scorable_gold, int rule)
{
    if (f)
        fprintf(f, "%s\t%zu\t%zu\t%s\t%s\n", id, s, e, scorable_gold ? (ok ? "1" : "0") : "u",
                stance_quotes_rule_name(rule));
}

static void dump_quote(const char *id, size_t s, size_t e, int ok, int scorable_gold, int rule)
{
    dump_quote_to(dump, id, s, e, ok, scorable_gold, rule);
}

/* score --relabel: issue #3's definition of a direct quote applied without an
 * audit, the same way on every split (what the audit's "relabelled" line does
 * by hand on dev): a predicted direct quote that the gold has as a "mixed"
 * segment with the same normalised end, and at most a lead-in ending in a comma
 * or colon before it ('including, "...') (a whole quote in marks) counts as
 * found, its speaker judged against that segment; a gold "direct" segment we
 * do not report whose opening mark follows a word that is no reporting verb
 * ('called it "..."', 'a chant of "..."': an embedded fragment) leaves the gold. */
static int relabel;
static size_t rl_mixed_n, rl_mixed_ok, rl_mixed_scorable, rl_embedded;

/* Does the mixed segment [ms, ...) hold the whole quote at @p s, with at most a
 * lead-in that ends in a comma or colon before the opening mark ('including, "')? */
static int whole_after_lead_in(const char *t, size_t ms, size_t s)
{
    size_t k = s;
    if (ms == s)
        return 1;
    while (k > ms && (t[k - 1] == ' ' || t[k - 1] == '"' || t[k - 1] == '\'' ||
                      (k - ms >= 3 && (unsigned char)t[k - 3] == 0xE2 && (unsigned char)t[k - 2] == 0x80)))
        k -= (unsigned char)t[k - 1] >= 0x80 ? 3 : 1;
    return k > ms && (t[k - 1] == ',' || t[k - 1] == ':');
}

static int embedded_fragment(const char *t, size_t s)
{
    static const char *const VERBS[] = {"said", "says", "say", "told", "tells", "asked", "asks", "wrote", "writes",
                                        "added", "adds", "tweeted", "stated", "declared", "replied", "explained",
                                        "continued", "shouted", "yelled", "saying", "adding", "writing", NULL};
    size_t k = s, we;
    char w[32];
    /* back over the opening mark(s) and spaces */
    while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '"' || t[k - 1] == '\'' || (unsigned char)t[k - 1] >= 0x80)) {
        if ((unsigned char)t[k - 1] >= 0x80 && !(k >= 3 && (unsigned char)t[k - 3] == 0xE2 && (unsigned char)t[k - 2] == 0x80))
            break;
        k -= (unsigned char)t[k - 1] >= 0x80 ? 3 : 1;
    }
    if (k == 0 || !((t[k - 1] >= 'a' && t[k - 1] <= 'z') || (t[k - 1] >= 'A' && t[k - 1] <= 'Z')))
        return 0;
    we = k;
    while (k > 0 && ((t[k - 1] >= 'a' && t[k - 1] <= 'z') || (t[k - 1] >= 'A' && t[k - 1] <= 'Z')))
        k--;
    if (we - k >= sizeof w)
        return 1;
    for (size_t i = k; i < we; i++)
        w[i - k] = (char)(t[i] | 0x20);
    w[we - k] = 0;
    for (size_t i = 0; VERBS[i]; i++)
        if (strcmp(w, VERBS[i]) == 0)
            return 0;
    return 1;
}

static void rules_report(size_t (*n)[STANCE_RULE_COUNT][3])
{
    static const char *const TY[3] = {"direct", "partial", "indirect"};
    printf("rules: type rule predicted matched speaker-right\n");
    for (int ty = 0; ty < 3; ty++)
        for (int r = 0; r < STANCE_RULE_COUNT; r++)
            if (n[ty][r][0])
                printf("rule %-8s %-20s %5zu %5zu %5zu\n", TY[ty], stance_quotes_rule_name(r), n[ty][r][0], n[ty][r][1],
                       n[ty][r][2]);
}

/* Open the PolNeAR JSONL file @p path into *f and compile the quote patterns
 * into *pat, for score() and speed(): 0, 77 when the file is missing (the data
 * is not in the repository: the run is skipped) or 1. */
static int open_corpus(const char *path, FILE **f, stance_qpatterns **pat)
{
    stance_error err;
    if (!(*f = fopen(path, "r"))) {
        printf("bench/quotes: %s: %s; skipping (the PolNeAR data is not part of the repository)\n", path,
               strerror(errno));
        return 77;
    }
    if (stance_quotes_compile(pat, &err)) {
        fprintf(stderr, "compile: %s\n", err.message);
        return 1;
    }
    return 0;
}

static int score(const char *path, int verbose, audit *au)
{
    size_t by_rule[3][STANCE_RULE_COUNT][3] = {{{0}}}; /* predicted, matched, speaker right */
    FILE *f;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    stance_qpatterns *pat = NULL;
    stance_error err;
    counts c[3];
    size_t articles = 0, bytes = 0;
    double t_extract = 0;
    int rc;
    memset(c, 0, sizeof c);
    if ((rc = open_corpus(path, &f, &pat)))
        return rc;
    while ((got = getline(&line, &cap, f)) > 0) {
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr), *qs;
        const char *text, *id;
        size_t len, ng = 0;
        gold *g;
        stance_quotelist ql;
        double t0;
        if (!o)
            continue;
        id = json_string_value(json_object_get(o, "id"));
        if (!id)
            id = "-";
        if (half >= 0 && id_half(id) != half) {
            json_decref(o);
            continue;
        }
        text = json_string_value(json_object_get(o, "text"));
        len = json_string_length(json_object_get(o, "text"));
        qs = json_object_get(o, "quotes");
        g = calloc(json_array_size(qs) + 1, sizeof *g);
        for (size_t i = 0; i < json_array_size(qs); i++) {
            json_t *q = json_array_get(qs, i), *al = json_object_get(q, "speaker_aliases");
            const char *ty = json_string_value(json_object_get(q, "type"));
            gold *x = &g[ng++];
            x->s = (size_t)json_integer_value(json_object_get(q, "start"));
            x->e = (size_t)json_integer_value(json_object_get(q, "end"));
            x->type = strcmp(ty, "direct") == 0 ? 0 : strcmp(ty, "mixed") == 0 ? 1 : 2;
            x->speaker = dup_str(json_string_value(json_object_get(q, "speaker")));
            x->n_aliases = json_array_size(al);
            x->aliases = calloc(x->n_aliases + 1, sizeof *x->aliases);
            for (size_t k = 0; k < x->n_aliases; k++)
                x->aliases[k] = dup_str(json_string_value(json_array_get(al, k)));
            if (x->type != 1)
                norm(text, &x->s, &x->e);
            c[x->type].gold++;
        }
        memset(&ql, 0, sizeof ql);
        t0 = now();
        if (stance_quotes_extract(pat, text, len, STANCE_OPT_INDIRECT, &ql, &err)) {
            fprintf(stderr, "extract: %s\n", err.message);
            return 1;
        }
        t_extract += now() - t0;
        articles++;
        bytes += len;
        for (size_t i = 0; i < ql.n; i++) {
            stance_rawquote *r = &ql.q[i];
            int ty = r->type == STANCE_QUOTE_DIRECT ? 0 : r->type == STANCE_QUOTE_PARTIAL ? 1 : 2;
            size_t s = r->span.start, e = r->span.end;
            gold *hit = NULL, *ov = NULL;
            norm(text, &s, &e);
            c[ty].pred++;
            if (r->rule >= 0 && r->rule < STANCE_RULE_COUNT)
                by_rule[ty][r->rule][0]++;
            for (size_t k = 0; k < ng; k++) {
                gold *x = &g[k];
                if (x->type != ty)
                    continue;
                if (ty == 1) {
                    if (s >= x->s && e <= x->e) {
                        hit = x;
                        break;
                    }
                } else {
                    if (x->s == s && x->e == e && !(x->used & 1)) {
                        hit = x;
                        break;
                    }
                    if (ty == 2 && !(x->used & 2)) {
                        size_t is = s > x->s ? s : x->s, ie = e < x->e ? e : x->e;
                        size_t us = s < x->s ? s : x->s, ue = e > x->e ? e : x->e;
                        if (ie > is && (double)(ie - is) >= 0.5 * (double)(ue - us))
                            ov = x;
                    }
                }
            }
            if (ty == 2 && (hit || ov)) {
                gold *x = hit ? hit : ov;
                x->used |= 2;
                c[2].ov_tp++;
            }
            if (hit) {
                int ok = speaker_ok(r->speaker, hit);
                if (r->rule >= 0 && r->rule < STANCE_RULE_COUNT) {
                    by_rule[ty][r->rule][1]++;
                    by_rule[ty][r->rule][2] += (size_t)ok;
                }
                c[ty].tp_pred++;
                if (!(hit->used & 1))
                    c[ty].tp_gold++;
                hit->used |= 1;
                c[ty].spk_n++;
                c[ty].spk_ok += (size_t)ok;
                c[ty].spk_unscorable += (size_t)!scorable(hit);
                if (ty == 0)
                    dump_quote(id, hit->s, hit->e, ok, scorable(hit), r->rule);
                else if (ty == 1)
                    dump_quote_to(dump_partial, id, hit->s, hit->e, ok, scorable(hit), r->rule);
                if (!ok && ty == 0) {
                    const char *cat = audit_note(au, 0, id, hit->s, hit->e, !scorable(hit));
                    const char *scat = scorable(hit) ? spk_audit_note(spk_au, id, hit->s, hit->e) : NULL;
                    if (!cat)
                        cat = scat;
                    if (verbose) {
                        char kind[40], gs[400];
                        size_t off = (size_t)snprintf(gs, sizeof gs, "%s", hit->speaker ? hit->speaker : "-");
                        for (size_t k = 0; k < hit->n_aliases && off < sizeof gs - 40; k++)
                            off += (size_t)snprintf(gs + off, sizeof gs - off, "|%s", hit->aliases[k]);
                        snprintf(kind, sizeof kind, "SPK%s how=%d", scorable(hit) ? "" : "-UNSCORABLE", r->how);
                        show_error(kind, id, hit->s, hit->e, cat, text, len, r->span, r->speaker, gs, r->rule);
                    }
                }
            } else if (ty == 0) {
                /* what the gold has there, if anything: direct (span differs), mixed or indirect */
                const char *tag = "FP";
                gold *mx = NULL;
                for (size_t k = 0; k < ng; k++)
                    if (g[k].s < e && s < g[k].e) {
                        tag = g[k].type == 0 ? "FP-ovl-direct" : g[k].type == 1 ? "FP-ovl-mixed" : "FP-ovl-indirect";
                        if (g[k].type == 1 && !mx)
                            mx = &g[k];
                        if (g[k].type == 0)
                            break;
                    }
                if (relabel && mx) {
                    size_t ms = mx->s, me = mx->e;
                    norm(text, &ms, &me);
                    if (me == e && ms <= s && whole_after_lead_in(text, ms, s)) {
                        rl_mixed_n++;
                        rl_mixed_ok += (size_t)speaker_ok(r->speaker, mx);
                        if (scorable(mx) && !speaker_ok(r->speaker, mx)) {
                            /* a speaker error of the relabelled figure: its own --verbose line */
                            const char *scat = spk_audit_note(spk_au, id, s, e);
                            if (verbose) {
                                char kind[40], gs[400];
                                size_t off = (size_t)snprintf(gs, sizeof gs, "%s", mx->speaker ? mx->speaker : "-");
                                for (size_t k = 0; k < mx->n_aliases && off < sizeof gs - 40; k++)
                                    off += (size_t)snprintf(gs + off, sizeof gs - off, "|%s", mx->aliases[k]);
                                snprintf(kind, sizeof kind, "SPK-relabel how=%d", r->how);
                                show_error(kind, id, s, e, scat, text, len, r->span, r->speaker, gs, r->rule);
                            }
                        }
                        rl_mixed_scorable += (size_t)scorable(mx);
                        dump_quote(id, s, e, speaker_ok(r->speaker, mx), scorable(mx), r->rule);
                    }
                }
                {
                    const char *cat = audit_note(au, 1, id, s, e, 0);
                    if (cat && mx && strcmp(cat, "gold-mixed") == 0) {
                        /* a whole quote the gold calls mixed: its speaker, against that mixed segment's */
                        au->mixed_n++;
                        au->mixed_ok += (size_t)speaker_ok(r->speaker, mx);
                    }
                    if (verbose)
                        show_error(tag, id, s, e, cat, text, len, r->span, r->speaker, NULL, r->rule);
                }
            }
        }
        for (size_t k = 0; k < ng; k++)
            if (g[k].type == 0 && !(g[k].used & 1)) {
                const char *tag = "FN";
                const char *cat = audit_note(au, 2, id, g[k].s, g[k].e, 0);
                if (relabel && embedded_fragment(text, g[k].s))
                    rl_embedded++;
                if (!verbose)
                    continue;
                for (size_t i = 0; i < ql.n; i++) {
                    size_t s2 = ql.q[i].span.start, e2 = ql.q[i].span.end;
                    norm(text, &s2, &e2);
                    if (s2 == g[k].s && e2 == g[k].e)
                        tag = "FN-as-partial";
                    else if (s2 < g[k].e && g[k].s < e2 && tag[2] == 0)
                        tag = "FN-overlap";
                }
                show_error(tag, id, g[k].s, g[k].e, cat, text, len, (stance_span){g[k].s, g[k].e}, NULL, g[k].speaker, -1);
            }
        /* --verbose: each gold mixed segment that holds no partial quote of ours
         * (PFN), or holds a direct one (PFN-direct), or overlaps a partial one
         * (PFN-overlap) */
        for (size_t k = 0; verbose && k < ng; k++)
            if (g[k].type == 1 && !(g[k].used & 1)) {
                const char *tag = "PFN";
                for (size_t i = 0; i < ql.n; i++) {
                    size_t s2 = ql.q[i].span.start, e2 = ql.q[i].span.end;
                    if (ql.q[i].type == STANCE_QUOTE_INDIRECT || s2 >= g[k].e || g[k].s >= e2)
                        continue;
                    tag = ql.q[i].type == STANCE_QUOTE_DIRECT ? "PFN-direct" : "PFN-overlap";
                    break;
                }
                show_error(tag, id, g[k].s, g[k].e, NULL, text, len, (stance_span){g[k].s, g[k].e}, NULL, g[k].speaker, -1);
            }
        stance_quotelist_clear(&ql);
        free_gold(g, ng);
        json_decref(o);
    }
    free(line);
    fclose(f);
    printf("%zu articles, %.2f MB\n", articles, (double)bytes / 1e6);
    prf("direct", &c[0], 0);
    if (au)
        audit_report(au, &c[0]);
    if (relabel) {
        double tp = (double)(c[0].tp_pred + rl_mixed_n), pred = (double)c[0].pred;
        double ngold = (double)(c[0].gold - rl_embedded + rl_mixed_n), ok = (double)(c[0].spk_ok + rl_mixed_ok);
        size_t n = c[0].spk_n + rl_mixed_n;
        printf("relabel   as issue #3 defines direct, without an audit (%zu mixed as direct, %zu embedded out): span F1 "
               "%.3f | speaker acc %.3f (%.0f/%zu) | end-to-end F1 %.3f\n",
               rl_mixed_n, rl_embedded, f1(tp, pred, ngold), n ? ok / (double)n : 0, ok, n, f1(ok, pred, ngold));
        n = c[0].spk_n - c[0].spk_unscorable + rl_mixed_scorable;
        printf("relabel   speaker acc on quotes whose gold names the speaker %.3f (%.0f/%zu)\n", n ? ok / (double)n : 0,
               ok, n);
        if (spk_au)
            spk_audit_report(spk_au, "relabel", (size_t)ok, n);
    } else if (spk_au)
        spk_audit_report(spk_au, "direct", c[0].spk_ok, c[0].spk_n - c[0].spk_unscorable);
    prf("partial", &c[1], 0);
    prf("indirect", &c[2], 1);
    printf("extraction %.1f MB/s (all types, this run)\n", t_extract > 0 ? (double)bytes / 1e6 / t_extract : 0);
    if (show_rules)
        rules_report(by_rule);
    stance_quotes_free(pat);
    return 0;
}

/* Seconds per MB of extracting @p text, repeated for at least @p secs. */
static double time_per_mb(stance_qpatterns *pat, const char *text, size_t len, unsigned flags, double secs)
{
    double t0 = now(), t;
    size_t reps = 0;
    stance_error err;
    do {
        stance_quotelist ql;
        memset(&ql, 0, sizeof ql);
        if (stance_quotes_extract(pat, text, len, flags, &ql, &err)) {
            fprintf(stderr, "extract: %s\n", err.message);
            exit(1);
        }
        stance_quotelist_clear(&ql);
        reps++;
        t = now() - t0;
    } while (t < secs);
    return t / (double)reps / ((double)len / 1e6);
}

static int speed(const char *path, double secs)
{
    FILE *f;
    char *line = NULL, *all = NULL, *gen;
    size_t cap = 0, n = 0, acap = 0, glen;
    ssize_t got;
    stance_qpatterns *pat = NULL;
    double base, base_ind;
    int rc;
    if ((rc = open_corpus(path, &f, &pat)))
        return rc;
    while ((got = getline(&line, &cap, f)) > 0) {
        json_error_t jerr;
        json_t *o = json_loads(line, 0, &jerr);
        const char *t;
        size_t l;
        if (!o)
            continue;
        t = json_string_value(json_object_get(o, "text"));
        l = json_string_length(json_object_get(o, "text"));
        if (n + l + 2 > acap) {
            acap = (n + l + 2) * 2;
            all = realloc(all, acap);
        }
        memcpy(all + n, t, l);
        n += l;
        all[n++] = '\n';
        all[n++] = '\n';
        json_decref(o);
    }
    free(line);
    fclose(f);
    base = time_per_mb(pat, all, n, 0, secs);
    base_ind = time_per_mb(pat, all, n, STANCE_OPT_INDIRECT, secs);
    printf("articles (%.2f MB concatenated): %.1f MB/s (%.2f ms/MB); with indirect: %.1f MB/s\n", (double)n / 1e6,
           1 / base, base * 1e3, 1 / base_ind);
    /* 10 MB of words without punctuation or newlines */
    glen = 10u << 20;
    gen = malloc(glen);
    {
        static const char *const w[] = {"alpha ", "Beta ", "gamma ", "said ", "Delta ", "epsilon ", "Zeta Eta "};
        size_t k = 0, i = 0;
        while (k < glen) {
            const char *s = w[i++ % 7];
            size_t l = strlen(s);
            if (k + l > glen)
                l = glen - k;
            memcpy(gen + k, s, l);
            k += l;
        }
    }
    {
        double t = time_per_mb(pat, gen, glen, 0, secs), ti = time_per_mb(pat, gen, glen, STANCE_OPT_INDIRECT, secs);
        printf("10 MB without punctuation: %.2f ms/MB (x%.2f ordinary text); with indirect %.2f ms/MB (x%.2f)\n",
               t * 1e3, t / base, ti * 1e3, ti / base_ind);
    }
    /* 100k quote marks: alternating straight and curly marks with short words */
    {
        static const char *const w[] = {"\"a\" ", "\xE2\x80\x9C" "b ", "c\xE2\x80\x9D, he said ", "\" ", "Smith said: \"",
                                        "x\n", "\xE2\x80\x9C"};
        size_t k = 0, i = 0, marks = 0;
        while (marks < 100000) {
            const char *s = w[i++ % 7];
            size_t l = strlen(s);
            memcpy(gen + k, s, l);
            k += l;
            for (size_t j = 0; j < l; j++)
                if (s[j] == '"' || ((unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 2] >= 0x9C))
                    marks++;
        }
        double t = time_per_mb(pat, gen, k, 0, secs), ti = time_per_mb(pat, gen, k, STANCE_OPT_INDIRECT, secs);
        printf("100k quote marks (%.2f MB): %.2f ms/MB (x%.2f ordinary text); with indirect %.2f ms/MB (x%.2f)\n",
               (double)k / 1e6, t * 1e3, t / base, ti * 1e3, ti / base_ind);
    }
    /* one 1 MB paragraph: the articles' text with newlines replaced by spaces */
    {
        size_t l = n < (1u << 20) ? n : (1u << 20);
        memcpy(gen, all, l);
        for (size_t j = 0; j < l; j++)
            if (gen[j] == '\n')
                gen[j] = ' ';
        double t = time_per_mb(pat, gen, l, 0, secs), ti = time_per_mb(pat, gen, l, STANCE_OPT_INDIRECT, secs);
        printf("1 MB single paragraph: %.2f ms/MB (x%.2f ordinary text); with indirect %.2f ms/MB (x%.2f)\n",
               t * 1e3, t / base, ti * 1e3, ti / base_ind);
    }
    free(gen);
    free(all);
    stance_quotes_free(pat);
    return 0;
}

static int show_text(const char *path, unsigned flags)
{
    FILE *f = fopen(path, "rb");
    static char buf[1 << 22];
    size_t n;
    stance_qpatterns *pat = NULL;
    stance_error err;
    stance_quotelist ql;
    if (!f)
        return 77;
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    if (stance_quotes_compile(&pat, &err))
        return 1;
    memset(&ql, 0, sizeof ql);
    if (stance_quotes_extract(pat, buf, n, flags, &ql, &err)) {
        fprintf(stderr, "extract: %s\n", err.message);
        return 1;
    }
    for (size_t i = 0; i < ql.n; i++) {
        stance_rawquote *r = &ql.q[i];
        printf("%c [%zu,%zu) how=%d rule=%s speaker=%s role=%s cue=%.*s spk=%.*s | %.*s\n", "DPI"[r->type], r->span.start,
               r->span.end, r->how, stance_quotes_rule_name(r->rule), r->speaker ? r->speaker : "-", r->role ? r->role : "-",
               r->cue_span.start == STANCE_NO_OFFSET ? 1 : (int)(r->cue_span.end - r->cue_span.start),
               r->cue_span.start == STANCE_NO_OFFSET ? "-" : buf + r->cue_span.start,
               r->speaker_span.start == STANCE_NO_OFFSET ? 1 : (int)(r->speaker_span.end - r->speaker_span.start),
               r->speaker_span.start == STANCE_NO_OFFSET ? "-" : buf + r->speaker_span.start,
               (int)(r->span.end - r->span.start > 80 ? 80 : r->span.end - r->span.start), buf + r->span.start);
    }
    stance_quotelist_clear(&ql);
    stance_quotes_free(pat);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "text") == 0) /* --no-indirect: the default extraction (profiling) */
        return show_text(argv[2], argc > 3 && strcmp(argv[3], "--no-indirect") == 0 ? 0u : STANCE_OPT_INDIRECT);
    if (argc >= 3 && strcmp(argv[1], "score") == 0) {
        int verbose = 0, rc;
        const char *audit_path = NULL, *spk_path = NULL;
        audit au;
        spk_audit sa;
        for (int i = 3; i < argc; i++) {
            if (strcmp(argv[i], "--verbose") == 0)
                verbose = 1;
            else if (strcmp(argv[i], "--audit") == 0 && i + 1 < argc)
                audit_path = argv[++i];
            else if (strcmp(argv[i], "--audit-speakers") == 0 && i + 1 < argc)
                spk_path = argv[++i];
            else if (strcmp(argv[i], "--first-part-only") == 0)
                first_part_only = 1;
            else if (strcmp(argv[i], "--relabel") == 0)
                relabel = 1;
            else if (strcmp(argv[i], "--rules") == 0)
                show_rules = 1;
            else if (strcmp(argv[i], "--half") == 0 && i + 1 < argc && (!strcmp(argv[i + 1], "A") || !strcmp(argv[i + 1], "B")))
                half = argv[++i][0] == 'B';
            else if ((strcmp(argv[i], "--dump") == 0 || strcmp(argv[i], "--dump-partial") == 0) && i + 1 < argc) {
                FILE **f = argv[i][6] ? &dump_partial : &dump;
                if (*f && fclose(*f) != 0)
                    return 2;
                if (!(*f = fopen(argv[++i], "w"))) {
                    fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
                    return 2;
                }
            }
            else {
                fprintf(stderr, "unknown option %s\n", argv[i]);
                return 2;
            }
        }
        if (audit_path && audit_load(&au, audit_path)) {
            audit_free(&au);
            return 2;
        }
        if (spk_path) {
            if (spk_audit_load(&sa, spk_path)) {
                spk_audit_free(&sa);
                if (audit_path)
                    audit_free(&au);
                return 2;
            }
            spk_au = &sa;
        }
        rc = score(argv[2], verbose, audit_path ? &au : NULL);
        if (spk_path)
            spk_audit_free(&sa);
        if (dump && fclose(dump) != 0 && rc == 0)
            rc = 1;
        if (dump_partial && fclose(dump_partial) != 0 && rc == 0)
            rc = 1;
        if (audit_path)
            audit_free(&au);
        return rc;
    }
    if (argc >= 3 && strcmp(argv[1], "speed") == 0)
        return speed(argv[2], argc > 3 ? atof(argv[3]) : 1.0);
    fprintf(stderr, "usage: %s score FILE.jsonl [--verbose] [--first-part-only] [--audit AUDIT.tsv] [--audit-speakers AUDIT.tsv] [--rules] [--relabel] [--half A|B] [--dump OUT.tsv] [--dump-partial OUT.tsv] | speed FILE.jsonl [SECONDS]\n", argv[0]);
    return 2;
}
