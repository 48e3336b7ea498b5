/*
 * speaker_names.h - speakers named: a stage after quote extraction and actor
 * matching (issue 19). When a quote's speaker is a definite description
 * ("The Vermont senator", "the CNN host", "the influential daily") and the
 * article names that person or organisation earlier ("Sen. Bernie Sanders",
 * "CNN host Jake Tapper", "The Washington Post"), the speaker becomes the
 * name and the description its role. A speaker that is a document ("the
 * statement", "the email") is named by its issuer when the text ties one
 * ("Cook provided a written statement", "an email sent out by Sanders").
 */
#ifndef STANCE_SPEAKER_NAMES_H
#define STANCE_SPEAKER_NAMES_H
#include "actors.h"

/* stance_rawquote.how of a speaker named this way (after quotes.h's STANCE_ATTR_*). */
#define STANCE_ATTR_DESCRIBED 6

/* How far back (bytes before the description) a name may stand. */
#define STANCE_SPEAKER_NAME_REACH 900u

/* Name the described speakers of @p quotes from the names of @p text (the
 * quotes' name runs) and the mentions of @p ents (may be empty). A named
 * quote gets speaker = the actor's canonical name or the name as written,
 * role = the description (unless it had a role), how = STANCE_ATTR_DESCRIBED;
 * its speaker_span stays on the description. STANCE_ERR_NOMEM on allocation
 * failure (the quote then keeps its description). */
int stance_speaker_names(stance_quotelist *quotes, const char *text, size_t len, const stance_entityset *ents,
                         stance_error *err);
/* Gender of the name run @p nm of @p l: its own hint, else, for a surname
 * alone, that of the longer runs of the text that end in it ("Westmacott",
 * "Sir Peter Westmacott"), when they agree ("Clinton" stays unknown beside
 * "Bill Clinton" and "Hillary Clinton"). */
int stance_run_gender(const stance_namelist *l, const char *text, const stance_name *nm);
/* Is the name t[s, e) an organisation's or a place's: a last word of two or
 * more that the lexicon calls an organisation noun or no person's
 * ("Washington Post", "Laura Ingraham Show")? */
int stance_name_is_org(const char *t, size_t s, size_t e);
/* Start of the sentence holding @p pos: after a line break or after ". ",
 * "? ", "! " (a closing quote mark between allowed) unless the word before
 * the stop is an initial or an abbreviated title ("U.S.", "Sen."); looked
 * for down to @p floor only, which is returned when the sentence starts
 * there or before. */
size_t stance_sent_start(const char *t, size_t pos, size_t floor);
/* The same, byte by byte (what stance_sent_start() must equal; for tests). */
size_t stance_sent_start_plain(const char *t, size_t pos, size_t floor);
/* Is t[ws, we) a lowercase noun of a written document that can say something
 * ("statement", "letter", "lawsuit"; speaker_docs.c)? */
int stance_document_noun(const char *t, size_t ws, size_t we);

#endif
