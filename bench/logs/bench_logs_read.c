/* Reads one attempt's log through the library (abc_job_logs_read: the Config API response is
 * streamed, never held whole) and reports lines, bytes, lines/s and the process' peak RSS.
 *
 *   bench_logs_read API_URL API_KEY WORKSPACE_ID JOB_ID EXPECTED_LINES [MAX_RSS_MB]
 *
 * Prints one line of key=value pairs; exits 1 on a library error, when the line count differs from
 * EXPECTED_LINES or the peak RSS reaches MAX_RSS_MB (default 32). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "../core/abc_bench.h" /* abc_check, mono_s */

typedef struct totals {
    long long lines;
    long long bytes;
} totals;

static int count_line(const char *line, size_t length, void *user_data) {
    (void)line;
    totals *seen = user_data;
    ++seen->lines;
    seen->bytes += (long long)length;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s API_URL API_KEY WORKSPACE_ID JOB_ID EXPECTED_LINES [MAX_RSS_MB]\n", argv[0]);
        return 2;
    }
    const long long expected = atoll(argv[5]);
    const long max_rss_mb = argc > 6 ? atol(argv[6]) : 32;
    abc_options *options = NULL;
    abc_workspace *workspace = NULL;
    abc_error *error = NULL;
    abc_check(abc_options_new(&options, &error), error, "options");
    abc_check(abc_options_set_api_url(options, argv[1], &error), error, "api url");
    abc_check(abc_options_set_bearer_token(options, argv[2], &error), error, "api key");
    abc_check(abc_options_set_request_timeout_ms(options, 600000, &error), error, "timeout");
    abc_check(abc_workspace_new(&workspace, argv[3], options, &error), error, "workspace");
    abc_options_free(options);

    totals seen = {0, 0};
    const double started = mono_s();
    abc_check(abc_job_logs_read(NULL, workspace, atoll(argv[4]), -1, 0, NULL, count_line, &seen, &error), error,
          "abc_job_logs_read");
    const double seconds = mono_s() - started;
    abc_workspace_free(workspace);

    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    const double peak_mb = (double)usage.ru_maxrss / 1024.0;
    printf("lines=%lld bytes=%lld seconds=%.2f lines_per_s=%.0f mib_per_s=%.1f peak_rss_mb=%.1f\n", seen.lines,
           seen.bytes, seconds, (double)seen.lines / seconds, (double)seen.bytes / 1048576.0 / seconds, peak_mb);
    if (seen.lines != expected) {
        fprintf(stderr, "read %lld lines, expected %lld\n", seen.lines, expected);
        return 1;
    }
    if (peak_mb >= (double)max_rss_mb) {
        fprintf(stderr, "peak RSS %.1f MB reaches the %ld MB limit\n", peak_mb, max_rss_mb);
        return 1;
    }
    return 0;
}
