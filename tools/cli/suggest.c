#include "suggest.h"

#include <stdio.h>
#include <string.h>

/* Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbours each cost 1 ("--limt" -> "--limit" and "jbos" -> "jobs" are both 1 away). Words
 * longer than the table are never close. */
#define MAX_WORD 64

static size_t min3(size_t a, size_t b, size_t c) {
    size_t m = a < b ? a : b;
    return m < c ? m : c;
}

static size_t edit_distance(const char *a, size_t n, const char *b, size_t m) {
    static size_t rows[3][MAX_WORD + 1];
    size_t *before = rows[0], *previous = rows[1], *current = rows[2];
    for (size_t j = 0; j <= m; ++j)
        previous[j] = j;
    for (size_t i = 1; i <= n; ++i) {
        current[0] = i;
        for (size_t j = 1; j <= m; ++j) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = min3(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                before[j - 2] + 1 < current[j])
                current[j] = before[j - 2] + 1;
        }
        size_t *spare = before;
        before = previous;
        previous = current;
        current = spare;
    }
    return previous[m];
}

void cli_suggestion_init(cli_suggestion *suggestion, const char *word) {
    suggestion->word = word;
    suggestion->best = NULL;
    suggestion->best_length = 0;
    suggestion->best_distance = (size_t)-1;
}

void cli_suggestion_consider(cli_suggestion *suggestion, const char *candidate, size_t length) {
    size_t word_length = strlen(suggestion->word);
    if (word_length > MAX_WORD || length > MAX_WORD || length == 0)
        return;
    size_t distance = edit_distance(suggestion->word, word_length, candidate, length);
    if (distance < suggestion->best_distance) {
        suggestion->best = candidate;
        suggestion->best_length = length;
        suggestion->best_distance = distance;
    }
}

const char *cli_suggestion_hint(const cli_suggestion *suggestion, const char *prefix,
                                const char *otherwise, char *out, size_t size) {
    /* A typo, not a different word: at most 1 edit in 4 characters, and never all of them. */
    size_t word_length = strlen(suggestion->word);
    size_t allowed = 1 + word_length / 4;
    if (suggestion->best == NULL || suggestion->best_distance > allowed ||
        suggestion->best_distance >= word_length) {
        snprintf(out, size, "%s", otherwise);
    } else {
        snprintf(out, size, "did you mean '%s%.*s'?", prefix, (int)suggestion->best_length,
                 suggestion->best);
    }
    return out;
}
