/* 1. Per-call overhead: job-status reads (GET /v1/jobs/{id}) three ways, interleaved:
 *   library  abc_job_refresh() on one job handle (pooled keep-alive handle, JSON parsed into the
 *            job snapshot);
 *   floor    one reused libcurl easy handle doing the same GET, body received and not parsed
 *            (the wire's floor for a C program);
 *   fresh    a new easy handle (so a new TCP connection) per call, as PyAirbyte builds a new API
 *            client per call.
 * Each round runs `requests` library and floor reads and `fresh` fresh reads, split into chunks
 * that alternate (the order rotating chunk by chunk), so a change in machine load hits all three
 * alike; figures are medians over rounds, and the ratio is the median of per-round ratios.
 *   bench_calls URL API_KEY WORKSPACE_ID [REQUESTS [FRESH [ROUNDS]]]      (20000 5000 5) */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void run(reader *r, int mode, long count) {
    for (long i = 0; i < count; i++) {
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
}

int main(int argc, char **argv) {
    bench_env env;
    bench_env_from_args(&env, argc, argv, "[REQUESTS [FRESH [ROUNDS]]]");
    const long requests = argc > 4 ? atol(argv[4]) : 20000;
    const long fresh_requests = argc > 5 ? atol(argv[5]) : 5000;
    const int rounds = argc > 6 ? atoi(argv[6]) : 5;
    const int chunks = requests >= 20 ? 20 : 1;
    if (requests <= 0 || fresh_requests <= 0 || rounds <= 0 || rounds > 50) {
        fprintf(stderr, "bench_calls: REQUESTS, FRESH and ROUNDS must be positive (ROUNDS <= 50)\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);

    // One finished job (its response carries every field: duration, lastUpdatedAt, rows, bytes).
    bench_http http;
    http_open(&http, &env);
    char source[64], destination[64], connection[64];
    bench_create_source(&http, &env, -1, source);
    bench_create_destination(&http, &env, destination);
    bench_create_connection(&http, &env, source, destination, connection);
    bench_set_behaviour(&http, &env, connection, "succeeded", 0);
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
    run(&r, LIBRARY, 200);
    run(&r, FLOOR, 200);
    run(&r, FRESH, 50);
    r.connections = 0;
    r.bytes = 0;
    const long before = bench_requests(&http, &env, "GET /jobs/{id}");

    double wall[MODES][50], cpu[MODES][50], ratio_floor[50], ratio_fresh[50], cpu_ratio[50];
    const long per_chunk[MODES] = {requests / chunks, requests / chunks, fresh_requests / chunks};
    long issued = 0;
    for (int round = 0; round < rounds; round++) {
        double round_wall[MODES] = {0}, round_cpu[MODES] = {0};
        for (int chunk = 0; chunk < chunks; chunk++) {
            for (int k = 0; k < MODES; k++) {
                const int mode = (chunk + round + k) % MODES;
                const long count = per_chunk[mode] + (chunk == 0 ? (mode == FRESH ? fresh_requests : requests) % chunks : 0);
                const double cpu0 = cpu_s(), t0 = mono_s();
                run(&r, mode, count);
                round_wall[mode] += mono_s() - t0;
                round_cpu[mode] += cpu_s() - cpu0;
                issued += count;
            }
        }
        const long counts[MODES] = {requests, requests, fresh_requests};
        for (int mode = 0; mode < MODES; mode++) {
            wall[mode][round] = round_wall[mode] / (double)counts[mode] * 1e6;  // µs per call
            cpu[mode][round] = round_cpu[mode] / (double)counts[mode] * 1e6;
        }
        ratio_floor[round] = wall[LIBRARY][round] / wall[FLOOR][round];
        ratio_fresh[round] = wall[LIBRARY][round] / wall[FRESH][round];
        cpu_ratio[round] = cpu[LIBRARY][round] / cpu[FLOOR][round];
    }
    const long served = bench_requests(&http, &env, "GET /jobs/{id}") - before;

    printf("%ld job-status reads per round through the library and through the floor, %ld with a fresh "
           "handle, %d rounds; each round in %d alternating chunks. Wall time and client CPU (this "
           "process, user + system) per call, in µs; the emulator runs on the same 2 cores.\n\n",
           requests, fresh_requests, rounds, chunks);
    printf("| round | library µs | floor µs | fresh µs | library / floor | library / fresh | client CPU library / floor |\n");
    printf("|---|---|---|---|---|---|---|\n");
    for (int round = 0; round < rounds; round++) {
        printf("| %d | %.1f | %.1f | %.1f | %.3f | %.3f | %.3f |\n", round + 1, wall[LIBRARY][round],
               wall[FLOOR][round], wall[FRESH][round], ratio_floor[round], ratio_fresh[round], cpu_ratio[round]);
    }
    double wall_median[MODES], cpu_median[MODES];
    for (int mode = 0; mode < MODES; mode++) {
        double copy[50];
        memcpy(copy, wall[mode], sizeof copy);
        wall_median[mode] = median(copy, (size_t)rounds);
        memcpy(copy, cpu[mode], sizeof copy);
        cpu_median[mode] = median(copy, (size_t)rounds);
    }
    const double floor_ratio = median(ratio_floor, (size_t)rounds);
    const double fresh_ratio = median(ratio_fresh, (size_t)rounds);
    const double client_cpu_ratio = median(cpu_ratio, (size_t)rounds);
    printf("\n| way | median wall µs/call | calls/s | median client CPU µs/call |\n|---|---|---|---|\n");
    for (int mode = 0; mode < MODES; mode++) {
        printf("| %s | %.1f | %.0f | %.1f |\n", mode_names[mode], wall_median[mode], 1e6 / wall_median[mode],
               cpu_median[mode]);
    }
    printf("\n- library / floor (median of per-round ratios): **%.3f** (target ≤ 1.10: %s)\n", floor_ratio,
           floor_ratio <= 1.10 ? "met" : "missed");
    printf("- library / fresh handle per call: **%.3f**, i.e. the fresh-connection way is %.2f× slower\n",
           fresh_ratio, 1.0 / fresh_ratio);
    printf("- client CPU per call, library / floor: %.2f (%.1f µs more per call: URL, pooled handle reset "
           "and options, JSON parse into the snapshot)\n",
           client_cpu_ratio, cpu_median[LIBRARY] - cpu_median[FLOOR]);
    printf("- the floor's handle opened %ld new connection(s) while measuring (0 = every read kept alive); "
           "the emulator served %ld GET /jobs/{id} for %ld reads issued; %ld failed\n",
           r.connections, served, issued, r.failures);

    bench_summary("1. per call: library / floor (reused curl handle)", fmt("%.3f (%.1f vs %.1f µs)", floor_ratio,
                  wall_median[LIBRARY], wall_median[FLOOR]), "≤ 1.10", floor_ratio <= 1.10 ? "met" : "**missed**");
    bench_summary("1. per call: library / fresh handle per call", fmt("%.3f (fresh: %.1f µs)", fresh_ratio,
                  wall_median[FRESH]), "—", "—");

    curl_easy_cleanup(r.reused);
    curl_slist_free_all(r.headers);
    abc_job_free(r.job);
    abc_workspace_free(workspace);
    http_close(&http);
    curl_global_cleanup();
    return r.failures == 0 && served == issued ? 0 : 1;
}
