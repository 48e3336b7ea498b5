/* host.c - a minimal program using the installed libstance through pkg-config:
 *   cc host.c $(pkg-config --cflags --libs libstance) -o host
 *   ./host [MODEL.stm] < article.txt       (no MODEL: the installed default; reads at most 1 MiB)
 * Discovers the article's actors and prints one line per quote,
 *   [start,end) speaker: sentiment label confidence
 * then one indented line per actor the quote concerns,
 *   speaker -> actor (in the quote | in its attribution): stance label confidence
 * ("?" for a speaker not found). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <stance.h>

int main(int argc, char **argv)
{
    static char text[1 << 20];
    size_t len = fread(text, 1, sizeof text, stdin);
    stance_model *model = NULL;
    stance_result *res = NULL;
    stance_input in = STANCE_INPUT_INIT;
    stance_error err;
    int rc;

    if (stance_version_number() != STANCE_VERSION_NUMBER) {
        fprintf(stderr, "host: header %s but library %s\n", STANCE_VERSION_STRING, stance_version());
        return 1;
    }
    rc = stance_model_open(argc > 1 ? argv[1] : NULL, &model, &err);
    if (rc != STANCE_OK) {
        fprintf(stderr, "host: %s: %s\n", stance_strerror(rc), err.message);
        return 1;
    }
    in.text = text;
    in.text_len = len;
    rc = stance_classify(model, &in, NULL, &res, &err);
    if (rc != STANCE_OK) {
        fprintf(stderr, "host: %s: %s\n", stance_strerror(rc), err.message);
        stance_model_free(model);
        return 1;
    }
    for (size_t i = 0; i < stance_result_count(res); i++) {
        const stance_quote *q = stance_result_quote(res, i);
        printf("[%zu,%zu) %s: sentiment %s %.2f\n", q->span.start, q->span.end, q->speaker ? q->speaker : "?",
               q->sentiment.label >= 0 ? q->sentiment.label_name : "-", q->sentiment.confidence);
        for (size_t t = 0; t < stance_quote_target_count(q); t++) { /* one per actor the quote concerns */
            const stance_target *tg = stance_quote_target(q, t);
            printf("    %s -> %s (%s): %s %.2f\n", q->speaker ? q->speaker : "?", tg->actor,
                   tg->where == STANCE_WHERE_QUOTE ? "in the quote" : "in its attribution", tg->stance.label_name,
                   tg->stance.confidence);
        }
    }
    stance_result_free(res);
    stance_model_free(model);
    return 0;
}
