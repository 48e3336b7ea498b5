/*
 * stance.h - the public API of libstance, and its manual.
 *
 * libstance reads news text, finds the quotes in it, attributes each quote to
 * its speaker, and scores the speaker's stance toward named actors (favor /
 * against / none) and the quote's sentiment (positive / negative / neutral),
 * each with calibrated probabilities.
 *
 * Conventions (they hold for every declaration below):
 *  - Text is UTF-8, passed as pointer + byte length; it need not be
 *    NUL-terminated. Every position reported is a half-open byte range
 *    [start, end) into the caller's text.
 *  - Functions that can fail return STANCE_OK (0) or a negative STANCE_ERR_*
 *    code; details go into an optional caller-owned stance_error (NULL allowed),
 *    always the last parameter. There is no hidden "last error".
 *  - Whatever the library allocates, the library frees: each _open/_new has one
 *    _free, which accepts NULL. On failure, out-pointers are set to NULL.
 *  - Arguments are borrowed for the duration of the call; anything kept is copied.
 *  - The library never prints, never exits or aborts, and keeps no global state.
 *  - Threads: an opened stance_model is immutable; any number of threads may
 *    use one model at once. Results, predictions and scratch spaces belong to
 *    one thread at a time.
 */
#ifndef STANCE_H
#define STANCE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(STANCE_BUILDING_DLL)
#define STANCE_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define STANCE_API __attribute__((visibility("default")))
#else
#define STANCE_API
#endif

/* ------------------------------------------------------------------------ */
/** @name Versions
 * The header's version; compare with stance_version_number() to detect a
 * header/library mismatch at run time. */
#define STANCE_VERSION_MAJOR 0
#define STANCE_VERSION_MINOR 1
#define STANCE_VERSION_PATCH 0
#define STANCE_VERSION_STRING "0.1.0"
/** MAJOR * 10000 + MINOR * 100 + PATCH. */
#define STANCE_VERSION_NUMBER (STANCE_VERSION_MAJOR * 10000 + STANCE_VERSION_MINOR * 100 + STANCE_VERSION_PATCH)

/**
 * The version of the library actually linked, as "MAJOR.MINOR.PATCH".
 * @return static text, never NULL. Threads: safe.
 */
STANCE_API const char *stance_version(void);

/**
 * The version of the library actually linked, encoded like STANCE_VERSION_NUMBER.
 * Threads: safe.
 */
STANCE_API int stance_version_number(void);

/* ------------------------------------------------------------------------ */
/** @name Status codes and errors */

/** Status codes. Functions return 0 or one of the negative codes. */
enum {
    STANCE_OK = 0,            /**< success */
    STANCE_ERR_NOMEM = -1,    /**< an allocation failed; nothing was changed */
    STANCE_ERR_IO = -2,       /**< a file could not be opened or read */
    STANCE_ERR_FORMAT = -3,   /**< not a model file, or a corrupt one */
    STANCE_ERR_VERSION = -4,  /**< model format newer than this library understands */
    STANCE_ERR_INVALID = -5,  /**< bad argument or misuse of the API */
    STANCE_ERR_UTF8 = -6,     /**< input text is not valid UTF-8 (offset says where) */
    STANCE_ERR_LIMIT = -7,    /**< a configured limit was exceeded (size, count, match limit) */
    STANCE_ERR_INTERNAL = -8  /**< a bug in libstance; please report it */
};

/** Offset value meaning "no position applies". */
#define STANCE_NO_OFFSET ((size_t)-1)

/** Size of stance_error.message, including its terminating NUL. */
#define STANCE_ERROR_MESSAGE_SIZE 160

/**
 * Details of a failure, filled by any function that takes one.
 * Ownership: caller-owned, typically on the stack; never needs freeing.
 * On success the record is left untouched.
 */
typedef struct stance_error {
    int code;                                /**< the STANCE_ERR_* code returned */
    size_t offset;                           /**< byte offset into the model file or input text, or STANCE_NO_OFFSET */
    char message[STANCE_ERROR_MESSAGE_SIZE]; /**< short NUL-terminated English text */
} stance_error;

/**
 * Static description of a status code.
 * @param[in] code any int (unknown codes give a generic text).
 * @return static text, never NULL. Threads: safe.
 */
STANCE_API const char *stance_strerror(int code);

/* ------------------------------------------------------------------------ */
/** @name Models */

/** An opened model: immutable, shared freely between threads. */
typedef struct stance_model stance_model;

/**
 * The path of the default model installed with the library
 * (e.g. /usr/local/share/libstance/en-news.stm).
 * @return static text, never NULL. Threads: safe.
 */
STANCE_API const char *stance_default_model_path(void);

/**
 * Open a model file. Reads the whole file once, validates every length,
 * offset and the checksum before trusting any field, and compiles the quote
 * patterns.
 * @param[in]  path  file to read; NULL opens stance_default_model_path().
 * @param[out] model receives the model, or NULL on failure.
 * @param[out] err   optional error details (offset = byte offset in the file).
 * @return STANCE_OK, STANCE_ERR_IO, STANCE_ERR_FORMAT, STANCE_ERR_VERSION,
 *         STANCE_ERR_NOMEM, STANCE_ERR_INVALID (model is NULL).
 * Ownership: free the model with stance_model_free().
 * Threads: safe; the model may then be used by any number of threads.
 */
STANCE_API int stance_model_open(const char *path, stance_model **model, stance_error *err);

/**
 * Open a model from bytes in memory; same checks as stance_model_open().
 * @param[in] data, size the model file's bytes (copied as needed; the buffer
 *            may be freed after the call).
 */
STANCE_API int stance_model_open_buffer(const void *data, size_t size, stance_model **model, stance_error *err);

/** Free a model (NULL allowed). Threads: no call may be using it. */
STANCE_API void stance_model_free(stance_model *model);

/**
 * Number of heads (classifiers) the model holds, e.g. "stance" and "sentiment".
 * @return the count (>= 1), or STANCE_ERR_INVALID if model is NULL.
 */
STANCE_API int stance_model_head_count(const stance_model *model);

/** Name of head @p head, or NULL if out of range. View: valid while the model lives. */
STANCE_API const char *stance_model_head_name(const stance_model *model, size_t head);

/**
 * Index of the head called @p name.
 * @return the index, or STANCE_ERR_INVALID if there is none.
 */
STANCE_API int stance_model_head_find(const stance_model *model, const char *name);

/** Number of labels of head @p head, or STANCE_ERR_INVALID. */
STANCE_API int stance_model_label_count(const stance_model *model, size_t head);

/** Name of label @p label of head @p head, or NULL. View: valid while the model lives. */
STANCE_API const char *stance_model_label_name(const stance_model *model, size_t head, size_t label);

/**
 * A metadata value recorded by the trainer ("name", "created", "data",
 * "metrics", ...), or NULL if absent. View: valid while the model lives.
 */
STANCE_API const char *stance_model_meta(const stance_model *model, const char *key);

/* ------------------------------------------------------------------------ */
/** @name Inputs and options */

/**
 * An actor the caller cares about: a canonical name plus aliases
 * (e.g. "Donald Trump" | "Trump" | "President Trump"). Surname-only mentions
 * and possessives ("Trump's") of the name are matched as well.
 * Ownership: borrowed for the call.
 */
typedef struct stance_actor {
    const char *name;            /**< NUL-terminated UTF-8 canonical name */
    const char *const *aliases;  /**< n_aliases NUL-terminated UTF-8 strings, or NULL */
    size_t n_aliases;
} stance_actor;

/**
 * What to classify. Zero-initialise, then set the fields; new fields are only
 * ever appended and default to zero.
 */
typedef struct stance_input {
    const char *text;              /**< UTF-8 article text (need not be NUL-terminated) */
    size_t text_len;               /**< length in bytes */
    const stance_actor *actors;    /**< actors to score, or NULL to discover them from the text */
    size_t n_actors;
} stance_input;

/** Per-call scratch space, reusable across calls by one thread at a time. */
typedef struct stance_scratch stance_scratch;

/** Option flags for stance_options.flags. */
#define STANCE_OPT_INDIRECT        0x0001u /**< also extract indirect (reported) speech */
#define STANCE_OPT_ALL_ACTORS      0x0002u /**< score every actor for every quote, mentioned or not */
#define STANCE_OPT_NO_DISCOVER     0x0004u /**< with no actors given, do not discover actors */
#define STANCE_OPT_ACTORS_CASELESS 0x0008u /**< match actor names regardless of case */
#define STANCE_OPT_NO_PARTIAL      0x0010u /**< do not report partial (embedded) quotes */

/** Default for stance_options.max_text_len: 64 MiB. */
#define STANCE_DEFAULT_MAX_TEXT ((size_t)64 << 20)
/** Hard caps on the actor list of one call. */
#define STANCE_MAX_ACTORS 4096
#define STANCE_MAX_ALIASES 64

/**
 * Options of one call. NULL means all defaults. Zero-initialise; zero always
 * means "default".
 */
typedef struct stance_options {
    unsigned flags;           /**< STANCE_OPT_* bits */
    unsigned explain;         /**< report the top N contributing features per decision (0 = none) */
    size_t max_text_len;      /**< longest text accepted, bytes (0 = STANCE_DEFAULT_MAX_TEXT) */
    stance_scratch *scratch;  /**< reusable scratch of the calling thread, or NULL */
} stance_options;

/**
 * Create a scratch space to pass in stance_options.scratch, so a loop over
 * many texts reuses buffers instead of allocating them per call.
 * @param[out] scratch receives the scratch, or NULL on failure.
 * @return STANCE_OK, STANCE_ERR_NOMEM, STANCE_ERR_INVALID.
 * Ownership: free with stance_scratch_free(). Threads: one thread at a time.
 */
STANCE_API int stance_scratch_new(stance_scratch **scratch, stance_error *err);

/** Free a scratch space (NULL allowed). */
STANCE_API void stance_scratch_free(stance_scratch *scratch);

/* ------------------------------------------------------------------------ */
/** @name Results */

/** A half-open byte range [start, end) into the caller's text. */
typedef struct stance_span {
    size_t start;
    size_t end;
} stance_span;

/** How a quote is reported. */
typedef enum stance_quote_type {
    STANCE_QUOTE_DIRECT = 0,   /**< entirely inside quote marks */
    STANCE_QUOTE_PARTIAL = 1,  /**< quoted words embedded in reported speech */
    STANCE_QUOTE_INDIRECT = 2  /**< reported speech without quote marks (STANCE_OPT_INDIRECT) */
} stance_quote_type;

/** One feature's contribution to a decision (see stance_options.explain). */
typedef struct stance_contrib {
    const char *feature;   /**< readable n-gram ("w:credit to <T>"), or "#<family>:<bucket>" when unknown */
    double contribution;   /**< push toward the chosen label (weight x value, summed over its pairs) */
} stance_contrib;

/**
 * A classifier's decision: the most probable label and every class's
 * calibrated probability. All pointers are owned by the enclosing result.
 * n_labels is 0 (and label -1) when the model has no head for this decision.
 */
typedef struct stance_decision {
    int label;                       /**< index of the most probable label, or -1 */
    const char *label_name;          /**< its name ("favor", "negative", ...), or NULL */
    double confidence;               /**< probs[label], in [0,1] */
    size_t n_labels;
    const char *const *label_names;  /**< n_labels names, in the model's order */
    const double *probs;             /**< n_labels probabilities summing to 1 */
    size_t n_values;
    const double *values;            /**< raw decision values (one per class pair), before calibration */
    size_t n_explain;
    const stance_contrib *explain;   /**< top contributing features, strongest first */
} stance_decision;

/** The stance of a quote's speaker toward one actor. */
typedef struct stance_target {
    const char *actor;               /**< the actor's canonical name */
    size_t entity;                   /**< index for stance_result_entity() */
    int where;                       /**< 1 mentioned in the quote, 2 only in its attribution sentence, 0 not mentioned */
    size_t n_mentions;
    const stance_span *mentions;     /**< the mentions in the quote or its attribution, in text order */
    stance_decision stance;          /**< favor / against / none */
} stance_target;

/** One quote, with its speaker, sentiment and stances. */
typedef struct stance_quote {
    stance_span span;                /**< the quoted content, quote marks excluded */
    stance_quote_type type;
    const char *speaker;             /**< canonical (longest) name of the speaker, or NULL if unknown */
    stance_span speaker_span;        /**< the mention that attributes it, or {STANCE_NO_OFFSET, STANCE_NO_OFFSET} */
    const char *speaker_role;        /**< appositive role ("the mayor of Springfield"), or NULL */
    const char *cue;                 /**< reporting verb as written ("said", "told"), or NULL */
    stance_span cue_span;            /**< its span, or {STANCE_NO_OFFSET, STANCE_NO_OFFSET} */
    stance_span context;             /**< the attribution sentence(s) around the quote */
    stance_decision sentiment;       /**< positive / negative / neutral of the quote */
    size_t n_targets;
    const stance_target *targets;    /**< one per actor scored for this quote */
} stance_quote;

/** An actor of the article: given by the caller, or discovered. */
typedef struct stance_entity {
    const char *name;                /**< canonical name */
    int discovered;                  /**< 1 if found in the text, 0 if given by the caller */
    int input_index;                 /**< index into stance_input.actors, or -1 */
    size_t n_mentions;
    const stance_span *mentions;     /**< every mention in the text, in order */
} stance_entity;

/** The outcome of stance_classify(): quotes and entities. */
typedef struct stance_result stance_result;

/**
 * Classify an article: extract quotes, attribute speakers, match actors,
 * then score each quote's sentiment and its speaker's stance toward each
 * actor mentioned in the quote or its attribution sentence.
 * @param[in]  model   an opened model.
 * @param[in]  input   text and optional actors.
 * @param[in]  options NULL for defaults.
 * @param[out] result  receives the result, or NULL on failure.
 * @param[out] err     optional details; for STANCE_ERR_UTF8 the offset is
 *                     that of the first invalid byte in the text, or in the
 *                     actor name or alias the message names.
 * @return STANCE_OK, STANCE_ERR_INVALID, STANCE_ERR_UTF8, STANCE_ERR_LIMIT,
 *         STANCE_ERR_NOMEM.
 * Ownership: free the result with stance_result_free(). It owns every string
 * and array it points to and does not reference the model, which may be
 * freed first.
 * Threads: safe on a shared model; a scratch in @p options must not be used
 * by another thread at the same time.
 */
STANCE_API int stance_classify(const stance_model *model, const stance_input *input,
                               const stance_options *options, stance_result **result,
                               stance_error *err);

/** Number of quotes found (0 for NULL). */
STANCE_API size_t stance_result_count(const stance_result *result);

/** Quote @p i in text order, or NULL if out of range. View: valid until stance_result_free(). */
STANCE_API const stance_quote *stance_result_quote(const stance_result *result, size_t i);

/** Number of entities (given or discovered actors; 0 for NULL). */
STANCE_API size_t stance_result_entity_count(const stance_result *result);

/** Entity @p i, or NULL if out of range. View: valid until stance_result_free(). */
STANCE_API const stance_entity *stance_result_entity(const stance_result *result, size_t i);

/** Free a result (NULL allowed). */
STANCE_API void stance_result_free(stance_result *result);

/* ------------------------------------------------------------------------ */
/** @name Single statements
 * Score one statement with one head, as the trainer sees its examples: used
 * for evaluation and when the caller has already found the quotes. */

/** One statement to score. Zero-initialise; new fields are only appended. */
typedef struct stance_statement {
    const char *text;                 /**< UTF-8 statement (a quote or sentence) */
    size_t text_len;
    const char *target;               /**< the actor the stance is about, or NULL */
    size_t target_len;
    const stance_span *target_spans;  /**< its mentions in text; NULL = find target in text */
    size_t n_target_spans;
    const char *context;              /**< attribution sentence / surroundings, or NULL */
    size_t context_len;
} stance_statement;

/** A scored statement. */
typedef struct stance_prediction stance_prediction;

/**
 * Score one statement with head @p head (see stance_model_head_find()).
 * @param[out] prediction receives the prediction, or NULL on failure.
 * @return STANCE_OK, STANCE_ERR_INVALID (bad head or spans outside the text),
 *         STANCE_ERR_UTF8, STANCE_ERR_LIMIT, STANCE_ERR_NOMEM.
 * Ownership: free with stance_prediction_free(). Threads: as stance_classify().
 */
STANCE_API int stance_predict(const stance_model *model, size_t head, const stance_statement *statement,
                              const stance_options *options, stance_prediction **prediction,
                              stance_error *err);

/** The decision of a prediction. View: valid until stance_prediction_free(). */
STANCE_API const stance_decision *stance_prediction_decision(const stance_prediction *prediction);

/** Free a prediction (NULL allowed). */
STANCE_API void stance_prediction_free(stance_prediction *prediction);

#ifdef __cplusplus
}
#endif
#endif /* STANCE_H */
