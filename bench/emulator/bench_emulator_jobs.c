/* Throughput of airbyte-cloud-emulator on its hottest call: N x GET /v1/jobs/{id} over one
 * keep-alive connection (one reused libcurl easy handle), as a polling client does.
 *   bench_emulator_jobs URL API_KEY JOB_ID [REQUESTS]
 * Prints the rate and how many connections were opened while measuring (should be 0). */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static size_t count_bytes(char *data, size_t one, size_t count, void *user) {
    (void)data;
    *(size_t *)user += one * count;
    return one * count;
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs `requests` GETs; returns the number that did not answer 200 and adds new connections. */
static long run(CURL *curl, long requests, long *connections) {
    long failures = 0;
    for (long i = 0; i < requests; i++) {
        if (curl_easy_perform(curl) != CURLE_OK) {
            failures++;
            continue;
        }
        long status = 0, opened = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(curl, CURLINFO_NUM_CONNECTS, &opened);
        *connections += opened;
        if (status != 200) failures++;
    }
    return failures;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s URL API_KEY JOB_ID [REQUESTS]\n", argv[0]);
        return 2;
    }
    const long requests = argc > 4 ? atol(argv[4]) : 50000;
    if (requests <= 0) {
        fprintf(stderr, "REQUESTS must be positive\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURL *curl = curl_easy_init();
    char url[1024], authorization[512];
    snprintf(url, sizeof url, "%s/v1/jobs/%s", argv[1], argv[3]);
    snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", argv[2]);
    struct curl_slist *headers = curl_slist_append(NULL, authorization);
    headers = curl_slist_append(headers, "Accept: application/json");
    size_t bytes = 0;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, count_bytes);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &bytes);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);

    long warmup_connections = 0, connections = 0;
    long failures = run(curl, 500, &warmup_connections);
    bytes = 0;
    const double start = now_seconds();
    failures += run(curl, requests, &connections);
    const double seconds = now_seconds() - start;

    printf("GET /v1/jobs/{id}: %ld requests in %.3f s = %.0f requests/s over %ld new connection(s) "
           "(%.0f bytes/response, %ld failures)\n",
           requests, seconds, (double)requests / seconds, connections, (double)bytes / (double)requests, failures);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    curl_global_cleanup();
    return failures == 0 ? 0 : 1;
}
