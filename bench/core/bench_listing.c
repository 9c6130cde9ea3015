/* 4. Listing: every job of a workspace, paged at 100.
 * Setup (timed, not part of the figures): one connection whose behaviour makes jobs end at once
 * (durationMs 0), then N POST /v1/jobs back to back over one keep-alive curl handle, so the
 * workspace holds N finished jobs, all on that connection.
 * The header has no lazy job iterator (iterators exist for sources, destinations, connections
 * and workspaces); the library's job history is abc_connection_list_jobs(limit, offset), one page
 * per call. So:
 *   lazy   one page at a time: list 100, take each job as its own handle (abc_job_list_get),
 *          free it, free the page, next offset;
 *   eager  the same pages, all kept until the end (what a list holding every page costs).
 * Each walk runs in its own child process (peak RSS is its own), three times, alternating.
 *   bench_listing URL API_KEY WORKSPACE_ID [JOBS]      (10000) */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abc_bench.h"
#include "common.h"

#define PAGE 100

static int child(const bench_env *env, const char *connection_id, const char *mode, long wanted) {
    bench_http http;
    http_open(&http, env);
    abc_workspace *workspace = bench_workspace(env);
    abc_connection *connection = NULL;
    abc_error *error = NULL;
    abc_check(abc_workspace_connect(workspace, &error), error, "abc_workspace_connect");
    abc_check(abc_connection_get(&connection, workspace, connection_id, &error), error, "abc_connection_get");
    const int eager = strcmp(mode, "eager") == 0;
    abc_job_list **kept = calloc((size_t)(wanted / PAGE + 2), sizeof *kept);
    unsigned char *seen = calloc((size_t)wanted * 2 + 2, 1);
    long jobs = 0, pages = 0, duplicates = 0;
    double rss_at_1000 = NAN;

    const long requests_before = bench_requests(&http, env, NULL);
    const long rss_before = rss_kib();
    const double t0 = mono_s();
    for (int64_t offset = 0; jobs < wanted; offset += PAGE) {
        abc_job_list *list = NULL;
        abc_check(abc_connection_list_jobs(&list, connection, PAGE, offset, &error), error, "abc_connection_list_jobs");
        pages++;
        const size_t count = abc_job_list_count(list);
        for (size_t i = 0; i < count && jobs < wanted; i++) {
            abc_job *job = NULL;
            abc_check(abc_job_list_get(&job, list, i, &error), error, "abc_job_list_get");
            const int64_t id = abc_job_id(job);
            if (id > 0 && id < wanted * 2 + 2) duplicates += seen[id]++ != 0;
            abc_job_free(job);
            if (++jobs == 1000) rss_at_1000 = (double)rss_kib();
        }
        if (eager)
            kept[pages - 1] = list;
        else
            abc_job_list_free(list);
        if (count < PAGE) break;
    }
    const double seconds = mono_s() - t0;
    bench_report("seconds", seconds);
    bench_report("jobs", (double)jobs);
    bench_report("pages", (double)pages);
    bench_report("duplicates", (double)duplicates);
    bench_report("requests", (double)(bench_requests(&http, env, NULL) - requests_before));
    bench_report("rss_before_kib", (double)rss_before);
    bench_report("rss_at_1000_kib", rss_at_1000);
    bench_report("rss_end_kib", (double)rss_kib());
    bench_report("peak_rss_kib", (double)peak_rss_kib());
    for (long p = 0; p < pages; p++) abc_job_list_free(kept[p]);
    free(kept);
    free(seen);
    abc_connection_free(connection);
    abc_workspace_free(workspace);
    http_close(&http);
    return jobs == wanted && duplicates == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
    bench_env env;
    bench_env_from_args(&env, argc, argv, "[JOBS]");
    const long total = argc > 4 ? atol(argv[4]) : 10000;
    if (total < 1) return 2;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (argc > 7 && strcmp(argv[5], "--child") == 0) {
        int status = child(&env, argv[6], argv[7], argc > 8 ? atol(argv[8]) : total);
        curl_global_cleanup();
        return status;
    }

    bench_http http;
    http_open(&http, &env);
    char connection[64];
    bench_create_succeeding_connection(&http, &env, connection);
    const double setup0 = mono_s();
    for (long i = 0; i < total; i++) bench_start_job(&http, &env, connection);
    const double setup = mono_s() - setup0;

    // Walks: lazy over a tenth of the jobs, lazy over all, eager over all; three rounds, alternating.
    const long small = total >= 10 ? total / 10 : total;
    struct {
        const char *mode;
        long jobs;
        const char *label;
    } walks[] = {{"lazy", small, "lazy, page by page"}, {"lazy", total, "lazy, page by page"},
                 {"eager", total, "eager, every page kept"}};
    enum { WALKS = 3, ROUNDS = 3 };
    double seconds[WALKS][ROUNDS], peak[WALKS][ROUNDS], requests[WALKS] = {0}, rss1000 = NAN, rss_end = NAN,
                                                                  rss_before = NAN;
    int failed = 0;
    for (int round = 0; round < ROUNDS; round++)
        for (int k = 0; k < WALKS; k++) {
            const int w = (k + round) % WALKS;
            char total_text[32], jobs_text[32];
            snprintf(total_text, sizeof total_text, "%ld", total);
            snprintf(jobs_text, sizeof jobs_text, "%ld", walks[w].jobs);
            char *child_argv[] = {"/proc/self/exe", env.root, env.key, env.workspace, total_text, "--child",
                                  connection, (char *)walks[w].mode, jobs_text, NULL};
            bench_values v;
            if (bench_run_child(child_argv, &v) != 0) {
                fprintf(stderr, "bench_listing: the %s walk over %ld jobs failed\n", walks[w].mode, walks[w].jobs);
                failed = 1;
            }
            seconds[w][round] = bench_value(&v, "seconds");
            peak[w][round] = bench_value(&v, "peak_rss_kib");
            requests[w] = bench_value(&v, "requests");
            if (w == 1) {
                rss1000 = bench_value(&v, "rss_at_1000_kib");
                rss_end = bench_value(&v, "rss_end_kib");
                rss_before = bench_value(&v, "rss_before_kib");
            }
        }

    printf("%ld jobs on one connection of the workspace, made by %ld POST /v1/jobs (behaviour durationMs 0) over "
           "one keep-alive curl handle in %.1f s (%.0f jobs/s). Walks through abc_connection_list_jobs at %d per "
           "page, each job taken as its own handle and freed; every walk in a fresh process, 3 rounds, medians.\n\n",
           total, total, setup, (double)total / setup, PAGE);
    printf("| walk | jobs | median s | jobs/s | requests | median peak RSS MiB |\n|---|---|---|---|---|---|\n");
    double median_peak[WALKS], median_seconds[WALKS];
    for (int w = 0; w < WALKS; w++) {
        median_seconds[w] = median(seconds[w], ROUNDS);
        median_peak[w] = median(peak[w], ROUNDS);
        printf("| %s | %ld | %.3f | %.0f | %.0f | %.2f |\n", walks[w].label, walks[w].jobs, median_seconds[w],
               (double)walks[w].jobs / median_seconds[w], requests[w], median_peak[w] / 1024);
    }
    const double growth_kib = median_peak[1] - median_peak[0];
    const int flat = growth_kib <= 512;
    printf("\n- lazy walk: peak RSS %.2f MiB over %ld jobs vs %.2f MiB over %ld jobs: %+.0f KiB (%s: flat means "
           "within 512 KiB); within the %ld-job walk, RSS was %.2f MiB before, %.2f MiB at job 1,000 and %.2f MiB "
           "at the end\n",
           median_peak[1] / 1024, total, median_peak[0] / 1024, small, growth_kib,
           flat ? "does not grow" : "**grows**", total, rss_before / 1024, rss1000 / 1024, rss_end / 1024);
    printf("- eager walk (every page kept): %+.0f KiB more peak RSS than the lazy walk over the same %ld jobs "
           "(%.0f bytes per job kept)\n",
           median_peak[2] - median_peak[1], total, (median_peak[2] - median_peak[1]) * 1024 / (double)total);
    bench_summary(fmt("4. listing %ld jobs at %d per page (lazy)", total, PAGE),
                  fmt("%.2f s, %.0f requests, peak RSS %.1f MiB", median_seconds[1], requests[1], median_peak[1] / 1024),
                  "—", "—");
    bench_summary(fmt("4. lazy walk peak RSS, %ld vs %ld jobs", total, small),
                  fmt("%+.0f KiB (%.2f vs %.2f MiB)", growth_kib, median_peak[1] / 1024, median_peak[0] / 1024),
                  "no growth (≤ 512 KiB)", flat ? "met" : "**missed**");
    http_close(&http);
    curl_global_cleanup();
    return failed;
}
