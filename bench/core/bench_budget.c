/* 8. Request budget (issue 18): N threads share one workspace handle whose budget is RATE
 * requests/s, against an emulator that answers 429 above LIMIT requests per wall-clock second.
 * Each thread runs abc_run_sync (which waits, polling its job) on its own connection. Run twice:
 * the emulator's 429 with Retry-After: 1, and without. Reported: jobs that succeeded, every
 * request sent (the emulator's count, 429s included), the budget (RATE × wall time), the 429s.
 *   bench_budget URL API_KEY WORKSPACE_ID [THREADS [LIMIT [RATE [JOB_MS]]]]     (20 10 9 5000) */
#define _GNU_SOURCE
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abc_bench.h"
#include "common.h"

static void expect_ok(long status, const char *what) {
    if (status == 200) return;
    fprintf(stderr, "bench_budget: %s answered %ld\n", what, status);
    exit(1);
}

typedef struct sync_work {
    abc_workspace *workspace;
    char connection[64];
    int succeeded;
} sync_work;

static void *sync_one(void *argument) {
    sync_work *work = argument;
    abc_job *job = NULL;
    abc_error *error = NULL;
    if (abc_run_sync(&job, work->workspace, work->connection, NULL, &error) == ABC_OK) {
        work->succeeded = abc_job_status(job) == ABC_JOB_STATE_SUCCEEDED;
    } else {
        fprintf(stderr, "bench_budget: %s\n", abc_error_message(error));
    }
    abc_error_free(error);
    abc_job_free(job);
    return NULL;
}

static long rate_limit_refused(bench_http *http, const bench_env *env) {
    expect_ok(http_call(http, "GET", fmt("%s/_emulator/rate-limit", env->root), NULL), "GET rate-limit");
    return (long)json_integer_field(http->body, "refused", 0);
}

/* One run; `retry_after` < 0: the emulator's 429 carries no Retry-After. */
static void run(bench_http *http, const bench_env *env, char (*connections)[64], long threads, long limit,
                double rate, int retry_after) {
    const char *body = retry_after >= 0 ? fmt("{\"perSecond\":%ld,\"retryAfter\":%d}", limit, retry_after)
                                        : fmt("{\"perSecond\":%ld}", limit);
    expect_ok(http_call(http, "POST", fmt("%s/_emulator/rate-limit", env->root), body), "POST rate-limit");
    abc_workspace *workspace = bench_workspace_with_rate(env, rate);
    sync_work *work = calloc((size_t)threads, sizeof *work);
    pthread_t *ids = calloc((size_t)threads, sizeof *ids);
    const long requests_before = bench_requests(http, env, NULL);
    const double t0 = mono_s();
    for (long i = 0; i < threads; i++) {
        work[i].workspace = workspace;
        snprintf(work[i].connection, sizeof work[i].connection, "%s", connections[i]);
        pthread_create(&ids[i], NULL, sync_one, &work[i]);
    }
    long succeeded = 0;
    for (long i = 0; i < threads; i++) {
        pthread_join(ids[i], NULL);
        succeeded += work[i].succeeded;
    }
    const double wall = mono_s() - t0;
    const long requests = bench_requests(http, env, NULL) - requests_before;
    const long refused = rate_limit_refused(http, env);
    double client_rate = 0;
    int64_t client_429 = 0, paused = 0, delayed = 0;
    abc_workspace_request_budget(&client_rate, &client_429, &paused, &delayed, workspace, NULL);
    const double budget = rate * wall;
    printf("| %s | %ld / %ld | %.1f | %ld | %.0f | %.2f | %ld (client saw %lld) | %.1f |\n",
           retry_after >= 0 ? "429 with Retry-After: 1" : "429 without Retry-After", succeeded, threads, wall,
           requests, budget, (double)requests / budget, refused, (long long)client_429, (double)delayed / 1000);
    const int met = succeeded == threads && requests <= 1.1 * budget && refused <= 5;
    bench_summary(fmt("8. budget %.0f/s, %ld threads, emulator 429 above %ld/s, %s", rate, threads, limit,
                      retry_after >= 0 ? "Retry-After" : "no Retry-After"),
                  fmt("%ld/%ld jobs, %ld requests = %.2f × budget, %ld 429s", succeeded, threads, requests,
                      (double)requests / budget, refused),
                  "no job lost, ≤ 1.1 × budget, ≤ 5 429s", met ? "met" : "**missed**");
    expect_ok(http_call(http, "POST", fmt("%s/_emulator/rate-limit", env->root), "{\"perSecond\":0}"),
              "POST rate-limit");
    free(ids);
    free(work);
    abc_workspace_free(workspace);
}

int main(int argc, char **argv) {
    bench_env env;
    bench_env_from_args(&env, argc, argv, "[THREADS [LIMIT [RATE [JOB_MS]]]]");
    const long threads = argc > 4 ? atol(argv[4]) : 20;
    const long limit = argc > 5 ? atol(argv[5]) : 10;
    const double rate = argc > 6 ? atof(argv[6]) : 9;
    const long job_ms = argc > 7 ? atol(argv[7]) : 5000;
    if (threads <= 0 || limit <= 0 || !(rate > 0) || job_ms < 0) return 2;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    bench_http http;
    http_open(&http, &env);
    char source[64], destination[64];
    char (*connections)[64] = calloc((size_t)threads, sizeof *connections);
    bench_create_source(&http, &env, job_ms, source);
    bench_create_destination(&http, &env, destination);
    for (long i = 0; i < threads; i++) bench_create_connection(&http, &env, source, destination, connections[i]);

    printf("%ld threads share one workspace handle with a budget of %.3g requests/s; each runs abc_run_sync "
           "(waiting, default polling) on its own connection, jobs %.3g s long. The emulator answers 429 above "
           "%ld API requests per second.\n\n", threads, rate, (double)job_ms / 1000, limit);
    printf("| emulator | jobs succeeded | wall s | requests | budget (rate × wall) | requests / budget | "
           "429s | s waited for the budget (all threads) |\n|---|---|---|---|---|---|---|---|\n");
    run(&http, &env, connections, threads, limit, rate, 1);
    run(&http, &env, connections, threads, limit, rate, -1);
    free(connections);
    http_close(&http);
    curl_global_cleanup();
    return 0;
}
