/* 3. Fan-out: N connections synced at once and waited for from one thread.
 * Setup (not measured): one faker source whose configuration carries emulator_duration_ms (so
 * every job of its connections runs that long), one dev-null destination, N connections.
 * Each way then runs in its own child process (so peak RSS and CPU are its own):
 *   waiter      start all N jobs with abc_run_sync(wait off), add them to one abc_waiter, take
 *               abc_waiter_next() until all are reported;
 *   threads     start all N the same way, then 8 threads share the workspace handle, thread t calling
 *               abc_job_wait() on jobs t, t+8, t+16, ... one after another (the shared change feed);
 *   sequential  start all N the same way, then abc_job_wait() on each, one after another.
 * Wall time runs from the first start to the last job known final. Status reads are the
 * GET /jobs/{id} and GET /jobs (the waiter's change feed) requests; detection delay runs from a
 * job's end on the emulator's clock (the same wall clock) to the moment the client reported it.
 *   bench_fanout URL API_KEY WORKSPACE_ID [COUNT [DURATION_MS]]     (500 10000) */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "abc_bench.h"
#include "common.h"

enum { kWaitThreads = 8 };

typedef struct wait_share {
    abc_job **jobs;
    int64_t *reported_ms;
    long count;
    long first;
} wait_share;

/* One of the kWaitThreads threads: abc_job_wait on jobs first, first + kWaitThreads, ... */
static void *wait_share_run(void *argument) {
    const wait_share *share = argument;
    for (long i = share->first; i < share->count; i += kWaitThreads) {
        abc_error *error = NULL;
        abc_check(abc_job_wait(share->jobs[i], NULL, &error), error, "abc_job_wait");
        share->reported_ms[i] = real_ms();
    }
    return NULL;
}

static void wait_in_threads(abc_job **jobs, int64_t *reported_ms, long count) {
    pthread_t threads[kWaitThreads];
    wait_share shares[kWaitThreads];
    for (long t = 0; t < kWaitThreads; t++) {
        shares[t] = (wait_share){jobs, reported_ms, count, t};
        pthread_create(&threads[t], NULL, wait_share_run, &shares[t]);
    }
    for (long t = 0; t < kWaitThreads; t++) pthread_join(threads[t], NULL);
}

static int child(const bench_env *env, const char *mode, const char *connections_file, long count) {
    char (*connections)[64] = calloc((size_t)count, sizeof *connections);
    FILE *file = fopen(connections_file, "r");
    for (long i = 0; file && i < count; i++)
        if (fscanf(file, "%63s", connections[i]) != 1) return 1;
    if (file) fclose(file);
    bench_http http;
    http_open(&http, env);
    abc_workspace *workspace = bench_workspace(env);
    abc_error *error = NULL;
    abc_check(abc_workspace_connect(workspace, &error), error, "abc_workspace_connect");
    abc_sync_options *no_wait = NULL;
    abc_sync_options_new(&no_wait, NULL);
    abc_sync_options_set_wait(no_wait, 0, NULL);
    abc_job **jobs = calloc((size_t)count, sizeof *jobs);

    const long requests_before = bench_requests(&http, env, NULL);
    const long posts_before = bench_requests(&http, env, "POST /jobs");
    const long gets_before = bench_requests(&http, env, "GET /jobs/{id}");
    const long lists_before = bench_requests(&http, env, "GET /jobs");
    int64_t *reported_ms = calloc((size_t)count, sizeof *reported_ms);
    const long rss_before = rss_kib();
    const double cpu0 = cpu_s(), t0 = mono_s();
    for (long i = 0; i < count; i++)
        abc_check(abc_run_sync(&jobs[i], workspace, connections[i], no_wait, &error), error, "abc_run_sync");
    const double started = mono_s();
    long succeeded = 0;
    if (strcmp(mode, "waiter") == 0) {
        abc_waiter *waiter = NULL;
        abc_check(abc_waiter_new(&waiter, workspace, &error), error, "abc_waiter_new");
        for (long i = 0; i < count; i++) abc_check(abc_waiter_add(waiter, jobs[i], NULL, &error), error, "abc_waiter_add");
        for (long reported = 0; reported < count; reported++) {
            size_t index = 0;
            abc_check(abc_waiter_next(&index, waiter, 3600000, NULL, &error), error, "abc_waiter_next");
            reported_ms[index] = real_ms();
        }
        abc_waiter_free(waiter);
    } else if (strcmp(mode, "threads") == 0) {
        wait_in_threads(jobs, reported_ms, count);
    } else {
        for (long i = 0; i < count; i++) {
            abc_check(abc_job_wait(jobs[i], NULL, &error), error, "abc_job_wait");
            reported_ms[i] = real_ms();
        }
    }
    const double finished = mono_s();
    const double cpu = cpu_s() - cpu0;
    for (long i = 0; i < count; i++) succeeded += abc_job_status(jobs[i]) == ABC_JOB_STATE_SUCCEEDED;
    bench_report("wall_s", finished - t0);
    bench_report("start_s", started - t0);
    bench_report("wait_s", finished - started);
    bench_report("cpu_s", cpu);
    bench_report("peak_rss_kib", (double)peak_rss_kib());
    bench_report("rss_before_kib", (double)rss_before);
    bench_report("requests", (double)(bench_requests(&http, env, NULL) - requests_before));
    bench_report("posts", (double)(bench_requests(&http, env, "POST /jobs") - posts_before));
    bench_report("gets", (double)(bench_requests(&http, env, "GET /jobs/{id}") - gets_before));
    bench_report("lists", (double)(bench_requests(&http, env, "GET /jobs") - lists_before));
    int64_t *job_ids = calloc((size_t)count, sizeof *job_ids);
    for (long i = 0; i < count; i++) job_ids[i] = abc_job_id(jobs[i]);
    bench_report("detect_median_ms", bench_median_detection_ms(&http, env, job_ids, reported_ms, count));
    free(job_ids);
    free(reported_ms);
    bench_report("succeeded", (double)succeeded);
    for (long i = 0; i < count; i++) abc_job_free(jobs[i]);
    free(jobs);
    free(connections);
    abc_sync_options_free(no_wait);
    abc_workspace_free(workspace);
    http_close(&http);
    return succeeded == count ? 0 : 1;
}

/* The three targets for one way: its lines under the table and in the summary. */
static void report_targets(const char *way, const bench_values *v, long count, long duration) {
    const double ratio = bench_value(v, "wall_s") * 1000 / (double)duration;
    const double from_last_start = bench_value(v, "wait_s") * 1000 / (double)duration;
    const double status_reads = bench_value(v, "gets") + bench_value(v, "lists");
    const double detection_s = bench_value(v, "detect_median_ms") / 1000;
    printf("- %s wall time / job length: **%.2f** (target ≤ 1.1: %s); from the last start: %.2f\n", way, ratio,
           ratio <= 1.1 ? "met" : "missed", from_last_start);
    printf("- %s status reads besides the %.0f starts: **%.0f** (target ≤ 150: %s); median detection delay "
           "**%.2f s** (target ≤ 1 s: %s)\n",
           way, bench_value(v, "posts"), status_reads, status_reads <= 150 ? "met" : "missed", detection_s,
           detection_s <= 1.0 ? "met" : "missed");
    bench_summary(fmt("3. fan-out %ld jobs of %.3g s: %s wall / job length", count, (double)duration / 1000, way),
                  fmt("%.2f (%.1f s; %.0f requests, %.2f CPU s, peak RSS %.1f MiB)", ratio, bench_value(v, "wall_s"),
                      bench_value(v, "requests"), bench_value(v, "cpu_s"), bench_value(v, "peak_rss_kib") / 1024),
                  "≤ 1.1", isnan(ratio) ? "failed" : ratio <= 1.1 ? "met" : "**missed**");
    bench_summary(fmt("3. fan-out %s: status reads besides the starts", way), fmt("%.0f", status_reads), "≤ 150",
                  isnan(status_reads) ? "failed" : status_reads <= 150 ? "met" : "**missed**");
    bench_summary(fmt("3. fan-out %s: median detection delay", way), fmt("%.2f s", detection_s), "≤ 1 s",
                  isnan(detection_s) ? "failed" : detection_s <= 1.0 ? "met" : "**missed**");
}

int main(int argc, char **argv) {
    bench_env env;
    bench_env_from_args(&env, argc, argv, "[COUNT [DURATION_MS]]");
    const long count = argc > 4 ? atol(argv[4]) : 500;
    const long duration = argc > 5 ? atol(argv[5]) : 10000;
    if (count <= 0 || duration < 0) return 2;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    if (argc > 7 && strcmp(argv[6], "--child") == 0) {
        int status = child(&env, argv[7], argv[8], count);
        curl_global_cleanup();
        return status;
    }

    bench_http http;
    http_open(&http, &env);
    char source[64], destination[64], path[] = "/tmp/bench_fanout_XXXXXX";
    const int fd = mkstemp(path);
    FILE *file = fdopen(fd, "w");
    const double setup0 = mono_s();
    bench_create_source(&http, &env, duration, source);
    bench_create_destination(&http, &env, destination);
    for (long i = 0; i < count; i++) {
        char connection[64];
        bench_create_connection(&http, &env, source, destination, connection);
        fprintf(file, "%s\n", connection);
    }
    fclose(file);
    const double setup = mono_s() - setup0;

    static const char *const modes[] = {"waiter", "threads", "sequential"};
    static const char *const ways[] = {"one abc_waiter", "8 threads, abc_job_wait on a shared workspace",
                                       "abc_job_wait one after another"};
    enum { kWays = 3 };
    bench_values results[kWays];
    int failed = 0;
    for (int m = 0; m < kWays; m++) {
        char count_text[32], duration_text[32];
        snprintf(count_text, sizeof count_text, "%ld", count);
        snprintf(duration_text, sizeof duration_text, "%ld", duration);
        char *child_argv[] = {"/proc/self/exe", env.root, env.key, env.workspace, count_text, duration_text,
                              "--child", (char *)modes[m], path, NULL};
        if (bench_run_child(child_argv, &results[m]) != 0) {
            fprintf(stderr, "bench_fanout: the %s run failed\n", modes[m]);
            failed = 1;
        }
    }
    unlink(path);

    printf("%ld connections (created in %.2f s beforehand, not measured), each job %.3g s long in the emulator; "
           "all %ld started from one thread with abc_run_sync(wait off), then waited for. Each way runs in its "
           "own process.\n\n", count, setup, (double)duration / 1000, count);
    printf("| way | wall s | wall / job length | starting s | waiting s | requests (POST /jobs, GET /jobs/{id}, "
           "GET /jobs) | median detection s | CPU s | peak RSS MiB | jobs succeeded |\n"
           "|---|---|---|---|---|---|---|---|---|---|\n");
    for (int m = 0; m < kWays; m++) {
        const bench_values *v = &results[m];
        printf("| %s | %.2f | %.2f | %.2f | %.2f | %.0f (%.0f, %.0f, %.0f) | %.2f | %.2f | %.1f | %.0f |\n",
               ways[m], bench_value(v, "wall_s"),
               bench_value(v, "wall_s") * 1000 / (double)duration, bench_value(v, "start_s"),
               bench_value(v, "wait_s"), bench_value(v, "requests"), bench_value(v, "posts"),
               bench_value(v, "gets"), bench_value(v, "lists"), bench_value(v, "detect_median_ms") / 1000,
               bench_value(v, "cpu_s"), bench_value(v, "peak_rss_kib") / 1024, bench_value(v, "succeeded"));
    }
    const char *const short_names[] = {"waiter", "8 threads (abc_job_wait)"};
    for (int m = 0; m < 2; m++) report_targets(short_names[m], &results[m], count, duration);
    printf("- one after another takes %.1f× the waiter's wall time and %.1f× its requests\n",
           bench_value(&results[2], "wall_s") / bench_value(&results[0], "wall_s"),
           bench_value(&results[2], "requests") / bench_value(&results[0], "requests"));
    bench_summary("3. fan-out: one after another (abc_job_wait each)",
                  fmt("%.1f s, %.0f requests", bench_value(&results[2], "wall_s"), bench_value(&results[2], "requests")),
                  "—", "—");
    http_close(&http);
    curl_global_cleanup();
    return failed;
}
