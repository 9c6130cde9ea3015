/* Reads one stream's Postgres table through the public C API's cursor and reports throughput and
 * peak memory. Not a test: bench/datasets/run.sh sets up the table, the emulator and the
 * connection, runs this, and runs psql's \copy on the same table for comparison.
 *
 *   bench_datasets_read API_URL API_KEY WORKSPACE_ID CONNECTION_ID STREAM PASSWORD_VARIABLE
 *                       [PAGE_SIZE] [MAX_RSS_MB] [MODE]
 *
 * MODE json (default): abc_dataset_cursor_record_json for every row. MODE typed: every column of
 * every row through the typed accessor its value type calls for (abc_dataset_cursor_is_null, then
 * int64 for integers, booleans, dates, times and timestamps, double for decimals and floats, text
 * for the rest).
 * Prints one line of key=value pairs; exits 1 on a library error, a row count that differs from
 * the table's or when the peak RSS reaches MAX_RSS_MB (default 50). */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../core/abc_bench.h" /* abc_check, mono_s, rss_kib, peak_rss_kib */

/* Reads every column of the current row through its typed accessor; returns bytes "seen". */
static uint64_t read_typed(abc_dataset_cursor *cursor, size_t columns) {
    abc_error *error = NULL;
    uint64_t seen = 0;
    for (size_t c = 0; c < columns; ++c) {
        int is_null = 0;
        abc_check(abc_dataset_cursor_is_null(&is_null, cursor, c, &error), error,
                  "abc_dataset_cursor_is_null");
        if (is_null)
            continue;
        int64_t integer = 0;
        double number = 0;
        const char *text = NULL;
        switch (abc_dataset_cursor_column_value_type(cursor, c)) {
            case ABC_VALUE_INTEGER:
            case ABC_VALUE_BOOLEAN:
            case ABC_VALUE_DATE:
            case ABC_VALUE_TIME:
            case ABC_VALUE_TIMESTAMP:
            case ABC_VALUE_DATETIME:
                abc_check(abc_dataset_cursor_int64(&integer, cursor, c, &error), error,
                          "abc_dataset_cursor_int64");
                seen += (uint64_t)integer & 1u;
                break;
            case ABC_VALUE_DECIMAL:
            case ABC_VALUE_FLOAT:
                abc_check(abc_dataset_cursor_double(&number, cursor, c, &error), error,
                          "abc_dataset_cursor_double");
                seen += number > 0 ? 1u : 0u;
                break;
            default:
                abc_check(abc_dataset_cursor_text(&text, cursor, c, &error), error,
                          "abc_dataset_cursor_text");
                seen += strlen(text);
                break;
        }
    }
    return seen;
}

int main(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: %s API_URL API_KEY WORKSPACE_ID CONNECTION_ID STREAM PASSWORD_VARIABLE "
                        "[PAGE_SIZE] [MAX_RSS_MB]\n", argv[0]);
        return 2;
    }
    const int64_t page_size = argc > 7 ? atoll(argv[7]) : 10000;
    const long max_rss_mb = argc > 8 ? atol(argv[8]) : 50;
    const int typed = argc > 9 && strcmp(argv[9], "typed") == 0;
    abc_error *error = NULL;
    abc_options *options = NULL;
    abc_check(abc_options_new(&options, &error), error, "abc_options_new");
    abc_check(abc_options_set_api_url(options, argv[1], &error), error, "api url");
    abc_check(abc_options_set_bearer_token(options, argv[2], &error), error, "api key");
    abc_workspace *workspace = NULL;
    abc_check(abc_workspace_new(&workspace, argv[3], options, &error), error, "abc_workspace_new");
    abc_options_free(options);
    abc_connection *connection = NULL;
    abc_check(abc_connection_get(&connection, workspace, argv[4], &error), error, "abc_connection_get");

    abc_dataset_options *dataset_options = NULL;
    abc_check(abc_dataset_options_new(&dataset_options, &error), error, "abc_dataset_options_new");
    abc_check(abc_dataset_options_set_secret_env(dataset_options, ABC_DATASET_SECRET_PASSWORD, argv[6], &error), error,
          "password variable");
    abc_check(abc_dataset_options_set_page_size(dataset_options, page_size, &error), error, "page size");
    abc_dataset_set *set = NULL;
    abc_check(abc_connection_datasets(&set, connection, dataset_options, &error), error, "abc_connection_datasets");
    abc_dataset *dataset = NULL;
    abc_check(abc_dataset_set_get(&dataset, set, argv[5], &error), error, "abc_dataset_set_get");
    int64_t expected = 0;
    abc_check(abc_dataset_row_count(&expected, dataset, &error), error, "abc_dataset_row_count");

    const long rss_before = rss_kib();
    const double start = mono_s();
    abc_dataset_cursor *cursor = NULL;
    abc_check(abc_dataset_cursor_open(&cursor, dataset, &error), error, "abc_dataset_cursor_open");
    int64_t rows = 0;
    uint64_t json_bytes = 0;
    long rss_max_sampled = 0;
    for (;;) {
        int has_row = 0;
        abc_check(abc_dataset_cursor_next(&has_row, cursor, &error), error, "abc_dataset_cursor_next");
        if (!has_row) break;
        if (typed) {
            json_bytes += read_typed(cursor, abc_dataset_cursor_column_count(cursor));
        } else {
            const char *json = NULL;
            abc_check(abc_dataset_cursor_record_json(&json, cursor, &error), error,
                      "abc_dataset_cursor_record_json");
            json_bytes += strlen(json);
        }
        if (++rows % 100000 == 0) {
            const long rss = rss_kib();
            if (rss > rss_max_sampled) rss_max_sampled = rss;
        }
    }
    const double elapsed = mono_s() - start;
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    const double cpu = (double)usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                       (double)usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
    abc_dataset_cursor_free(cursor);
    const long peak = peak_rss_kib();

    printf(
        "mode=%s rows=%lld expected=%lld seconds=%.3f rows_per_second=%.0f json_mb=%.1f "
        "json_mb_per_second=%.1f "
        "rss_before_mb=%.1f rss_sampled_max_mb=%.1f peak_rss_mb=%.1f cpu_seconds=%.2f\n",
        typed ? "typed" : "json", (long long)rows, (long long)expected, elapsed,
        (double)rows / elapsed, (double)json_bytes / 1e6, (double)json_bytes / 1e6 / elapsed,
        rss_before / 1024.0, rss_max_sampled / 1024.0, peak / 1024.0, cpu);

    abc_dataset_free(dataset);
    abc_dataset_set_free(set);
    abc_dataset_options_free(dataset_options);
    abc_connection_free(connection);
    abc_workspace_free(workspace);
    if (rows != expected) {
        fprintf(stderr, "read %lld rows, the table has %lld\n", (long long)rows, (long long)expected);
        return 1;
    }
    if (peak / 1024 >= max_rss_mb) {
        fprintf(stderr, "peak RSS %.1f MB is not under %ld MB\n", peak / 1024.0, max_rss_mb);
        return 1;
    }
    return 0;
}
