/* 1. Per-call overhead: job-status reads (GET /v1/jobs/{id}) three ways:
 *   library  abc_job_refresh() on one job handle (pooled keep-alive handle, JSON parsed into the
 *            job snapshot);
 *   floor    one reused libcurl easy handle doing the same GET, the body received and not parsed
 *            (the wire's floor for a C program);
 *   fresh    a new easy handle, so a new TCP connection, per call (PyAirbyte builds a new API
 *            client for every call).
 * The machine is shared, so the ways alternate call by call: each iteration times one library read
 * and one floor read (which goes first alternates), and every (REQUESTS / FRESH)-th iteration also
 * one fresh read. Each call is timed on its own (CLOCK_MONOTONIC; client CPU with
 * CLOCK_THREAD_CPUTIME_ID, outside the wall window). A round's figure for a way is the median call
 * (p50); the ratio reported is the median over rounds of the per-round p50 ratios. Means are shown
 * beside: on a busy machine they are dominated by the few calls that waited for a CPU.
 *   bench_calls URL API_KEY WORKSPACE_ID [REQUESTS [FRESH [ROUNDS]]]      (20000 5000 5) */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abc_bench.h"
#include "common.h"

enum { LIBRARY, FLOOR, FRESH, MODES };
static const char *const mode_names[MODES] = {"library (abc_job_refresh)", "floor (reused curl handle)",
                                               "fresh curl handle per call"};

typedef struct reader {
    abc_job *job;
    CURL *reused;
    struct curl_slist *headers;
    char url[512];
    size_t bytes;
    long connections;  // opened by the floor's handle while measuring
    long failures;
} reader;

static size_t count_bytes(char *data, size_t one, size_t count, void *user) {
    (void)data;
    *(size_t *)user += one * count;
    return one * count;
}

static void configure(reader *r, CURL *curl) {
    curl_easy_setopt(curl, CURLOPT_URL, r->url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, r->headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, count_bytes);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r->bytes);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
}

static void curl_read(reader *r, CURL *curl, int count_connections) {
    long status = 0;
    if (curl_easy_perform(curl) != CURLE_OK) {
        r->failures++;
        return;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (status != 200) r->failures++;
    if (count_connections) {
        long opened = 0;
        curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &opened);
        r->connections += opened;
    }
}

static void read_once(reader *r, int mode) {
    switch (mode) {
        case LIBRARY:
            if (abc_job_refresh(r->job, NULL) != ABC_OK || !abc_job_is_complete(r->job)) r->failures++;
            break;
        case FLOOR:
            curl_read(r, r->reused, 1);
            break;
        default: {
            CURL *curl = curl_easy_init();
            configure(r, curl);
            curl_read(r, curl, 0);
            curl_easy_cleanup(curl);
        }
    }
}

static double thread_cpu_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static double wall_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

typedef struct samples {
    double *wall, *cpu;
    long count;
} samples;

static void timed(reader *r, int mode, samples *s) {
    const double c0 = thread_cpu_us(), t0 = wall_us();
    read_once(r, mode);
    const double t1 = wall_us(), c1 = thread_cpu_us();
    s->wall[s->count] = t1 - t0;
    s->cpu[s->count++] = c1 - c0;
}

static double mean_of(const double *values, long n) {
    double sum = 0;
    for (long i = 0; i < n; i++) sum += values[i];
    return n ? sum / (double)n : 0;
}

/* p-th percentile of sorted values. */
static double percentile(const double *sorted, long n, double p) {
    long index = (long)(p * (double)(n - 1) + 0.5);
    return n ? sorted[index] : 0;
}

int main(int argc, char **argv) {
    bench_env env;
    bench_env_from_args(&env, argc, argv, "[REQUESTS [FRESH [ROUNDS]]]");
    const long requests = argc > 4 ? atol(argv[4]) : 20000;
    const long fresh_requests = argc > 5 ? atol(argv[5]) : 5000;
    enum { MAX_ROUNDS = 50 };
    const int rounds = argc > 6 ? atoi(argv[6]) : 5;
    if (requests <= 0 || fresh_requests <= 0 || fresh_requests > requests || rounds <= 0 || rounds > MAX_ROUNDS) {
        fprintf(stderr, "bench_calls: REQUESTS, FRESH (<= REQUESTS) and ROUNDS (<= 50) must be positive\n");
        return 2;
    }
    const long every = requests / fresh_requests;
    curl_global_init(CURL_GLOBAL_DEFAULT);

    // One finished job (its response carries every field: duration, lastUpdatedAt, rows, bytes).
    bench_http http;
    http_open(&http, &env);
    char connection[64];
    bench_create_succeeding_connection(&http, &env, connection);
    const int64_t job_id = bench_start_job(&http, &env, connection);

    reader r;
    memset(&r, 0, sizeof r);
    abc_workspace *workspace = bench_workspace(&env);
    abc_error *error = NULL;
    abc_check(abc_job_get(&r.job, workspace, job_id, &error), error, "abc_job_get");
    snprintf(r.url, sizeof r.url, "%s/jobs/%lld", env.api, (long long)job_id);
    char authorization[320];
    snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", env.key);
    r.headers = curl_slist_append(NULL, authorization);
    r.headers = curl_slist_append(r.headers, "Accept: application/json");
    r.reused = curl_easy_init();
    configure(&r, r.reused);

    // Warm-up: connections open, caches and allocator settled.
    for (int i = 0; i < 200; i++) read_once(&r, LIBRARY), read_once(&r, FLOOR);
    for (int i = 0; i < 20; i++) read_once(&r, FRESH);
    r.connections = 0;
    r.bytes = 0;
    const long before = bench_requests(&http, &env, "GET /jobs/{id}");

    samples s[MODES];
    for (int mode = 0; mode < MODES; mode++) {
        s[mode].wall = malloc((size_t)requests * sizeof(double));
        s[mode].cpu = malloc((size_t)requests * sizeof(double));
    }
    double p50[MODES][MAX_ROUNDS], mean[MODES][MAX_ROUNDS], cpu[MODES][MAX_ROUNDS], tail[MODES][MAX_ROUNDS];
    double ratio_floor[MAX_ROUNDS], ratio_fresh[MAX_ROUNDS], ratio_mean[MAX_ROUNDS], ratio_cpu[MAX_ROUNDS];
    long issued = 0;
    const double started = mono_s();
    for (int round = 0; round < rounds; round++) {
        for (int mode = 0; mode < MODES; mode++) s[mode].count = 0;
        for (long i = 0; i < requests; i++) {
            const int first = (int)((i + round) % 2);  // LIBRARY or FLOOR first, alternating
            timed(&r, first, &s[first]);
            timed(&r, 1 - first, &s[1 - first]);
            issued += 2;
            if (i % every == (round % every) && s[FRESH].count < fresh_requests) {
                timed(&r, FRESH, &s[FRESH]);
                issued++;
            }
        }
        for (int mode = 0; mode < MODES; mode++) {
            const long n = s[mode].count;
            mean[mode][round] = mean_of(s[mode].wall, n);
            cpu[mode][round] = mean_of(s[mode].cpu, n);
            p50[mode][round] = median(s[mode].wall, (size_t)n);  // sorts
            tail[mode][round] = percentile(s[mode].wall, n, 0.99);
        }
        ratio_floor[round] = p50[LIBRARY][round] / p50[FLOOR][round];
        ratio_fresh[round] = p50[LIBRARY][round] / p50[FRESH][round];
        ratio_mean[round] = mean[LIBRARY][round] / mean[FLOOR][round];
        ratio_cpu[round] = cpu[LIBRARY][round] / cpu[FLOOR][round];
    }
    const double measured = mono_s() - started;
    const long served = bench_requests(&http, &env, "GET /jobs/{id}") - before;

    printf("Per round, interleaved call by call: %ld library reads, %ld floor reads, %ld fresh-handle reads; %d "
           "rounds (%.1f s). Wall µs per call: the round's median call (p50), with mean and p99 in brackets; client "
           "CPU: this thread's CPU time per call (mean). The emulator serves on the same 2 cores.\n\n",
           requests, requests, s[FRESH].count, rounds, measured);
    printf("| round | library p50 (mean, p99) | floor p50 (mean, p99) | fresh p50 (mean, p99) | library / floor p50 "
           "(means) | library / fresh p50 | client CPU µs library, floor, fresh |\n");
    printf("|---|---|---|---|---|---|---|\n");
    for (int round = 0; round < rounds; round++) {
        printf("| %d |", round + 1);
        for (int mode = 0; mode < MODES; mode++)
            printf(" %.1f (%.0f, %.0f) |", p50[mode][round], mean[mode][round], tail[mode][round]);
        printf(" %.3f (%.2f) | %.3f | %.1f, %.1f, %.1f |\n", ratio_floor[round], ratio_mean[round], ratio_fresh[round],
               cpu[LIBRARY][round], cpu[FLOOR][round], cpu[FRESH][round]);
    }
    double p50_median[MODES], cpu_median[MODES], mean_median[MODES];
    for (int mode = 0; mode < MODES; mode++) {
        p50_median[mode] = median(p50[mode], (size_t)rounds);
        cpu_median[mode] = median(cpu[mode], (size_t)rounds);
        mean_median[mode] = median(mean[mode], (size_t)rounds);
    }
    const double floor_ratio = median(ratio_floor, (size_t)rounds);
    const double fresh_ratio = median(ratio_fresh, (size_t)rounds);
    const double means_ratio = median(ratio_mean, (size_t)rounds);
    const double cpu_ratio = median(ratio_cpu, (size_t)rounds);
    printf("\n| way (medians over rounds) | p50 µs/call | mean µs/call | client CPU µs/call |\n|---|---|---|---|\n");
    for (int mode = 0; mode < MODES; mode++)
        printf("| %s | %.1f | %.1f | %.1f |\n", mode_names[mode], p50_median[mode], mean_median[mode], cpu_median[mode]);
    printf("\n- library / floor, p50: **%.3f** (target ≤ 1.10: %s); by means: %.3f\n", floor_ratio,
           floor_ratio <= 1.10 ? "met" : "**missed**", means_ratio);
    printf("- library / fresh handle per call, p50: **%.3f**: the fresh-connection way takes %.2f× the library's time "
           "per call (on loopback, without TLS: with HTTPS to api.airbyte.com each fresh call adds a TCP and TLS "
           "handshake, tens of ms)\n",
           fresh_ratio, 1.0 / fresh_ratio);
    printf("- client CPU per call, library / floor: %.2f (%.1f µs more per call)\n", cpu_ratio,
           cpu_median[LIBRARY] - cpu_median[FLOOR]);
    printf("- the floor's handle opened %ld new connection(s) while measuring (0 = every read kept alive); the "
           "emulator served %ld GET /jobs/{id} for %ld reads issued; %ld failed\n",
           r.connections, served, issued, r.failures);

    bench_summary("1. per call: library / floor (reused curl handle), p50",
                  fmt("%.3f (%.1f vs %.1f µs)", floor_ratio, p50_median[LIBRARY], p50_median[FLOOR]), "≤ 1.10",
                  floor_ratio <= 1.10 ? "met" : "**missed**");
    bench_summary("1. per call: client CPU, library / floor",
                  fmt("%.2f (%.1f vs %.1f µs)", cpu_ratio, cpu_median[LIBRARY], cpu_median[FLOOR]), "—", "—");
    bench_summary("1. per call: library / fresh handle per call, p50",
                  fmt("%.3f (fresh: %.1f µs)", fresh_ratio, p50_median[FRESH]), "—", "—");

    for (int mode = 0; mode < MODES; mode++) free(s[mode].wall), free(s[mode].cpu);
    curl_easy_cleanup(r.reused);
    curl_slist_free_all(r.headers);
    abc_job_free(r.job);
    abc_workspace_free(workspace);
    http_close(&http);
    curl_global_cleanup();
    return r.failures == 0 && served == issued ? 0 : 1;
}
