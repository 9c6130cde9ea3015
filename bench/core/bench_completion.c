/* 2. Completion detection: how long after a job becomes final on the server does the wait return,
 * and how many GET /jobs/{id} did it take, for the library's default wait (abc_run_sync with
 * default settings: 250 ms growing ×1.25 to a 2 s cap) next to a fixed 2 s poll (PyAirbyte's
 * JOB_WAIT_INTERVAL_SECS: start the job, then sleep 2 s and GET until final).
 *
 * Every job runs on its own connection (one running job per connection), all at once from
 * threads, so the 60 s jobs cost 60 s of wall time in total. Each job's true final instant is the
 * emulator's updatedAtMs (ms precision, GET /_emulator/jobs; simulated time makes it exactly
 * createdAtMs + durationMs); the wait's return is CLOCK_REALTIME on the same machine. Requests
 * are counted per job (the progress callback runs after every poll; the fixed poller counts its
 * own) and checked against the emulator's GET /jobs/{id} counter.
 *
 * Two sets per nominal duration D: "exact" jobs of exactly D (as specified), and "spread" jobs of
 * D + k·(2000/S) ms, k = 0..S-1, which sample every phase of the 2 s grid: a job length that is an
 * exact multiple of 2 s is the one case where the fixed poll lands right on the finish.
 *
 *   bench_completion URL API_KEY WORKSPACE_ID [DURATIONS_MS [EXACT [SPREAD [INTERVAL_MS]]]]
 *   defaults: 1000,10000,60000  3  8  2000 */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abc_bench.h"
#include "common.h"

enum { LIBRARY, FIXED, METHODS };
enum { EXACT, SPREAD, KINDS };
static const char *const method_names[METHODS] = {"library default wait", "fixed poll"};
static const char *const kind_names[KINDS] = {"exact", "spread"};

#define MAX_DURATIONS 4
#define MAX_RUNS 16

typedef struct task {
    int method, kind, duration_index;
    int64_t duration_ms;
    int64_t interval_ms;
    char connection[64];
    abc_workspace *workspace;
    int64_t job_id;
    int64_t returned_ms;
    long polls;
    int ok;
    double delay_ms;
} task;

static int count_poll(const abc_job *job, abc_job_state state, int64_t elapsed_ms, int64_t rows,
                      int64_t bytes, void *user) {
    (void)job, (void)state, (void)elapsed_ms, (void)rows, (void)bytes;
    ((task *)user)->polls++;
    return 0;
}

static void *run_task(void *argument) {
    task *t = argument;
    abc_sync_options *options = NULL;
    abc_job *job = NULL;
    abc_error *error = NULL;
    abc_sync_options_new(&options, NULL);
    if (t->method == LIBRARY) {
        abc_sync_options_set_progress_callback(options, count_poll, t, NULL);
        abc_status status = abc_run_sync(&job, t->workspace, t->connection, options, &error);
        t->returned_ms = real_ms();
        t->ok = status == ABC_OK && abc_job_status(job) == ABC_JOB_STATE_SUCCEEDED;
    } else {
        abc_sync_options_set_wait(options, 0, NULL);
        abc_status status = abc_run_sync(&job, t->workspace, t->connection, options, &error);
        while (status == ABC_OK && !abc_job_is_complete(job)) {
            sleep_ms(t->interval_ms);
            status = abc_job_refresh(job, &error);
            t->polls++;
        }
        t->returned_ms = real_ms();
        t->ok = status == ABC_OK && abc_job_status(job) == ABC_JOB_STATE_SUCCEEDED;
    }
    if (error != NULL) fprintf(stderr, "bench_completion: %s\n", abc_error_message(error));
    t->job_id = abc_job_id(job);
    abc_error_free(error);
    abc_job_free(job);
    abc_sync_options_free(options);
    return NULL;
}

/* The poll instants PollSchedule gives (ms after the wait starts): each delay truncated to whole
 * ms, then ×growth up to the cap; the model ignores request time. */
static size_t schedule(int64_t *out, size_t most, double initial, double growth, double cap, int64_t horizon) {
    size_t n = 0;
    int64_t t = 0;
    double current = initial;
    while (n < most && t < horizon) {
        t += (int64_t)current;
        out[n++] = t;
        current = current * growth < cap ? current * growth : cap;
    }
    return n;
}

/* Delay and requests when a job ends `duration` ms after the wait starts. */
static void model(const int64_t *polls, size_t n, int64_t duration, double *delay, double *requests) {
    for (size_t i = 0; i < n; i++) {
        if (polls[i] >= duration) {
            *delay = (double)(polls[i] - duration);
            *requests = (double)(i + 1);
            return;
        }
    }
    *delay = *requests = -1;
}

int main(int argc, char **argv) {
    bench_env env;
    bench_env_from_args(&env, argc, argv, "[DURATIONS_MS [EXACT [SPREAD [INTERVAL_MS]]]]");
    int64_t durations[MAX_DURATIONS];
    size_t duration_count = 0;
    {
        char list[256];
        snprintf(list, sizeof list, "%s", argc > 4 ? argv[4] : "1000,10000,60000");
        for (char *save = NULL, *item = strtok_r(list, ",", &save); item && duration_count < MAX_DURATIONS;
             item = strtok_r(NULL, ",", &save))
            durations[duration_count++] = atoll(item);
    }
    const int runs[KINDS] = {argc > 5 ? atoi(argv[5]) : 3, argc > 6 ? atoi(argv[6]) : 8};
    const int64_t interval = argc > 7 ? atoll(argv[7]) : 2000;
    if (duration_count == 0 || runs[EXACT] < 1 || runs[SPREAD] < 1 || runs[EXACT] > MAX_RUNS ||
        runs[SPREAD] > MAX_RUNS || interval < 1) {
        fprintf(stderr, "bench_completion: bad arguments\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);

    bench_http http;
    http_open(&http, &env);
    char source[64], destination[64];
    bench_create_source(&http, &env, -1, source);
    bench_create_destination(&http, &env, destination);
    abc_workspace *workspace = bench_workspace(&env);

    size_t task_count = 0;
    task *tasks = calloc(METHODS * KINDS * MAX_DURATIONS * MAX_RUNS, sizeof *tasks);
    for (size_t d = 0; d < duration_count; d++)
        for (int kind = 0; kind < KINDS; kind++)
            for (int k = 0; k < runs[kind]; k++)
                for (int method = 0; method < METHODS; method++) {
                    task *t = &tasks[task_count++];
                    t->method = method;
                    t->kind = kind;
                    t->duration_index = (int)d;
                    t->duration_ms = durations[d] + (kind == SPREAD ? k * interval / runs[SPREAD] : 0);
                    t->interval_ms = interval;
                    t->workspace = workspace;
                    bench_create_connection(&http, &env, source, destination, t->connection);
                    bench_set_behaviour(&http, &env, t->connection, "succeeded", t->duration_ms);
                }

    const long gets_before = bench_requests(&http, &env, "GET /jobs/{id}");
    const double started = mono_s();
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setstacksize(&attributes, 1 << 20);
    pthread_t *threads = calloc(task_count, sizeof *threads);
    for (size_t i = 0; i < task_count; i++) {
        if (pthread_create(&threads[i], &attributes, run_task, &tasks[i]) != 0) {
            fprintf(stderr, "bench_completion: pthread_create failed\n");
            return 1;
        }
    }
    for (size_t i = 0; i < task_count; i++) pthread_join(threads[i], NULL);
    const double wall = mono_s() - started;
    const long gets = bench_requests(&http, &env, "GET /jobs/{id}") - gets_before;

    // The true final instants.
    char url[512];
    snprintf(url, sizeof url, "%s/_emulator/jobs", env.root);
    if (http_call(&http, "GET", url, NULL) != 200) {
        fprintf(stderr, "bench_completion: GET /_emulator/jobs failed\n");
        return 1;
    }
    cJSON *jobs = cJSON_Parse(http.body);
    long counted = 0, failures = 0, inexact = 0;
    for (size_t i = 0; i < task_count; i++) {
        task *t = &tasks[i];
        counted += t->polls;
        const cJSON *item = NULL, *found = NULL;
        cJSON_ArrayForEach(item, jobs) {
            const cJSON *id = cJSON_GetObjectItemCaseSensitive(item, "jobId");
            if (cJSON_IsNumber(id) && (int64_t)id->valuedouble == t->job_id) found = item;
        }
        const cJSON *updated = cJSON_GetObjectItemCaseSensitive(found, "updatedAtMs");
        const cJSON *created = cJSON_GetObjectItemCaseSensitive(found, "createdAtMs");
        const cJSON *status = cJSON_GetObjectItemCaseSensitive(found, "status");
        if (!t->ok || !cJSON_IsNumber(updated) || !cJSON_IsString(status) ||
            strcmp(status->valuestring, "succeeded") != 0) {
            failures++;
            continue;
        }
        const int64_t final_ms = (int64_t)updated->valuedouble;
        if (!cJSON_IsNumber(created) || final_ms != (int64_t)created->valuedouble + t->duration_ms) inexact++;
        t->delay_ms = (double)(t->returned_ms - final_ms);
    }
    cJSON_Delete(jobs);

    printf("%zu jobs at once (%d exact + %d spread per duration and way), all done in %.1f s of wall time. "
           "Delay = wait returned − job final on the server (ms); GETs = GET /jobs/{id} for that job. "
           "Fixed poll: abc_run_sync without waiting, then sleep %lld ms and abc_job_refresh() until final. "
           "The emulator counted %ld GET /jobs/{id}, the waits counted %ld; %ld job(s) failed or were not "
           "found; %ld final instant(s) differed from createdAtMs + durationMs.\n\n",
           task_count, runs[EXACT], runs[SPREAD], wall, (long long)interval, gets, counted, failures, inexact);
    printf("\"exact\" jobs last exactly the nominal length, as specified; when that length is a multiple of the "
           "fixed poll's interval, the fixed poll's GET lands just after the finish and its delay is only request and "
           "wake-up time, a coincidence real job lengths do not offer. \"spread\" jobs last the nominal length + "
           "k·%lld ms (k = 0…%d), sampling every phase of that grid.\n\n",
           (long long)(interval / runs[SPREAD]), runs[SPREAD] - 1);
    printf("| job length | set | way | jobs | median delay ms (min–max) | median GETs (min–max) |\n");
    printf("|---|---|---|---|---|---|\n");
    double medians[MAX_DURATIONS][KINDS][METHODS][2];
    for (size_t d = 0; d < duration_count; d++)
        for (int kind = 0; kind < KINDS; kind++)
            for (int method = 0; method < METHODS; method++) {
                double delays[MAX_RUNS], requests[MAX_RUNS];
                size_t n = 0;
                for (size_t i = 0; i < task_count; i++) {
                    const task *t = &tasks[i];
                    if ((size_t)t->duration_index != d || t->kind != kind || t->method != method) continue;
                    delays[n] = t->delay_ms;
                    requests[n++] = (double)t->polls;
                }
                const double low = min_of(delays, n), high = max_of(delays, n);
                const double few = min_of(requests, n), many = max_of(requests, n);
                medians[d][kind][method][0] = median(delays, n);
                medians[d][kind][method][1] = median(requests, n);
                printf("| %.3g s | %s%s | %s | %zu | %.0f (%.0f–%.0f) | %.1f (%.0f–%.0f) |\n",
                       (double)durations[d] / 1000, kind_names[kind],
                       kind == SPREAD ? fmt(" (+0…%lld ms)", (long long)(interval - interval / runs[SPREAD])) : "",
                       method_names[method], n, medians[d][kind][method][0], low, high,
                       medians[d][kind][method][1], few, many);
            }

    printf("\n| job length | set | delay: fixed / library (target ≥ 4 for 1 s and 10 s) | GETs: library / fixed "
           "(target ≤ 1.2 for 60 s) |\n|---|---|---|---|\n");
    for (size_t d = 0; d < duration_count; d++)
        for (int kind = 0; kind < KINDS; kind++) {
            const double lib_delay = medians[d][kind][LIBRARY][0], fixed_delay = medians[d][kind][FIXED][0];
            const double delay_ratio = fixed_delay / (lib_delay > 1 ? lib_delay : 1);
            const double request_ratio = medians[d][kind][LIBRARY][1] / medians[d][kind][FIXED][1];
            const int delay_target = durations[d] == 1000 || durations[d] == 10000;
            const int request_target = durations[d] == 60000;
            printf("| %.3g s | %s | %.2f%s | %.2f%s |\n", (double)durations[d] / 1000, kind_names[kind], delay_ratio,
                   delay_target ? (delay_ratio >= 4 ? " met" : " **missed**") : "", request_ratio,
                   request_target ? (request_ratio <= 1.2 ? " met" : " **missed**") : "");
            const char *label = fmt("2. %.3g s jobs (%s)", (double)durations[d] / 1000, kind_names[kind]);
            if (delay_target)
                bench_summary(fmt("%s: delay fixed 2 s / library", label),
                              fmt("%.2f (%.0f vs %.0f ms)", delay_ratio, fixed_delay, lib_delay), "≥ 4",
                              delay_ratio >= 4 ? "met" : "**missed**");
            if (request_target)
                bench_summary(fmt("%s: GETs library / fixed 2 s", label),
                              fmt("%.2f (%.0f vs %.0f)", request_ratio, medians[d][kind][LIBRARY][1],
                                  medians[d][kind][FIXED][1]),
                              "≤ 1.2", request_ratio <= 1.2 ? "met" : "**missed**");
        }

    // The same figures from the schedule alone (no requests, no latency), for the default and for
    // other schedules: evidence for what a poll schedule can and cannot meet. "All phases" = job
    // lengths D + 0…(interval − 1) ms in 5 ms steps (median delay, mean GETs), the limit of the
    // spread set above.
    static const struct {
        const char *label;
        double initial, growth, cap;
    } schedules[] = {
        {"default: 250 ms ×1.25, cap 2 s", 250, 1.25, 2000},
        {"150 ms ×1.25, cap 2 s", 150, 1.25, 2000},
        {"140 ms ×1.25, cap 2.2 s", 140, 1.25, 2200},
        {"100 ms ×1.25, cap 2.5 s", 100, 1.25, 2500},
        {"250 ms ×1.25, cap 1 s", 250, 1.25, 1000},
        {"250 ms ×1.25, cap 500 ms", 250, 1.25, 500},
        {"100 ms ×1.15, cap 4 s (growth not settable)", 100, 1.15, 4000},
    };
    enum { MAX_POLLS = 4096, MAX_PHASES = 4096 };
    static int64_t fixed_polls[MAX_POLLS], polls[MAX_POLLS];
    static double lib_delays[MAX_PHASES], lib_requests[MAX_PHASES], fixed_delays[MAX_PHASES], fixed_requests[MAX_PHASES];
    size_t fixed_n = 0;
    for (int64_t t = interval; fixed_n < MAX_POLLS; t += interval) fixed_polls[fixed_n++] = t;
    const int phases = (int)(interval / 5 < MAX_PHASES ? (interval / 5 > 0 ? interval / 5 : 1) : MAX_PHASES);
    printf("\nModel: the poll instants alone (no request time), same comparison, for the default and other schedules "
           "(all settable with abc_options_set_poll_interval except the last). Cells: median delay ms (fixed / "
           "schedule), GETs (schedule / fixed); \"all phases\" = lengths D + 0…%lld ms in 5 ms steps (median delay, "
           "mean GETs), the limit of the spread set.\n\n| schedule |",
           (long long)(interval - 5));
    for (size_t d = 0; d < duration_count; d++)
        printf(" %.3g s exact | %.3g s all phases |", (double)durations[d] / 1000, (double)durations[d] / 1000);
    printf("\n|---|");
    for (size_t d = 0; d < duration_count; d++) printf("---|---|");
    printf("\n");
    for (size_t s = 0; s < sizeof schedules / sizeof schedules[0]; s++) {
        size_t n = schedule(polls, MAX_POLLS, schedules[s].initial, schedules[s].growth, schedules[s].cap, 4000000);
        printf("| %s |", schedules[s].label);
        for (size_t d = 0; d < duration_count; d++)
            for (int kind = 0; kind < KINDS; kind++) {
                const int count = kind == EXACT ? 1 : phases;
                for (int k = 0; k < count; k++) {
                    const int64_t length = durations[d] + (int64_t)k * 5;
                    model(polls, n, length, &lib_delays[k], &lib_requests[k]);
                    model(fixed_polls, fixed_n, length, &fixed_delays[k], &fixed_requests[k]);
                }
                double lr = 0, fr = 0;
                for (int k = 0; k < count; k++) lr += lib_requests[k], fr += fixed_requests[k];
                const double ld = median(lib_delays, (size_t)count), fd = median(fixed_delays, (size_t)count);
                printf(" %.0f ms (×%.2f), %.1f GETs (×%.2f) |", ld, fd / (ld > 1 ? ld : 1), lr / count, lr / fr);
            }
        printf("\n");
    }

    abc_workspace_free(workspace);
    http_close(&http);
    free(threads);
    free(tasks);
    curl_global_cleanup();
    return failures == 0 && counted == gets ? 0 : 1;
}
