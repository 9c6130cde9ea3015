/* "Did you mean": the known word closest to a mistyped command or option, by edit distance. */
#ifndef ABC_CLI_SUGGEST_H
#define ABC_CLI_SUGGEST_H

#include <stddef.h>

typedef struct cli_suggestion {
    const char *word; /* what the user typed */
    const char *best; /* closest candidate so far (not NUL-terminated: best_length) */
    size_t best_length;
    size_t best_distance;
} cli_suggestion;

void cli_suggestion_init(cli_suggestion *suggestion, const char *word);
/* Considers the first `length` characters of `candidate`. */
void cli_suggestion_consider(cli_suggestion *suggestion, const char *candidate, size_t length);
/* Writes "did you mean '<prefix>X'?" into `out` when the closest candidate X is near enough to be
 * a likely typo, else `otherwise`. Returns `out`. */
const char *cli_suggestion_hint(const cli_suggestion *suggestion, const char *prefix,
                                const char *otherwise, char *out, size_t size);

#endif
