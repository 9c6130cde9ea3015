#define _POSIX_C_SOURCE 200809L
#include "emulator_test.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static void copy_header_value(const char *line, size_t length, char *dest, size_t dest_size) {
    const char *colon = memchr(line, ':', length);
    if (!colon)
        return;
    const char *value = colon + 1;
    while (value < line + length && *value == ' ')
        value++;
    size_t n = (size_t)(line + length - value);
    while (n > 0 && (value[n - 1] == '\r' || value[n - 1] == '\n'))
        n--;
    if (n >= dest_size)
        n = dest_size - 1;
    memcpy(dest, value, n);
    dest[n] = '\0';
}

static size_t collect_header(char *line, size_t one, size_t count, void *user) {
    http_result *result = user;
    size_t n = one * count;
    if (n > 12 && strncasecmp(line, "Retry-After:", 12) == 0)
        copy_header_value(line, n, result->retry_after, sizeof result->retry_after);
    if (n > 13 && strncasecmp(line, "Content-Type:", 13) == 0)
        copy_header_value(line, n, result->content_type, sizeof result->content_type);
    return n;
}

http_result http_call(const emulator_process *emulator, const char *method, const char *path,
                      const char *auth, const char *content_type, const char *body) {
    http_result result;
    memset(&result, 0, sizeof result);
    CURL *curl = curl_easy_init();
    assert_non_null(curl);
    char url[2048];
    snprintf(url, sizeof url, "%s%s", emulator->url, path);
    struct curl_slist *headers = NULL;
    char line[512];
    if (auth) {
        snprintf(line, sizeof line, "Authorization: Bearer %s", auth[0] ? auth : emulator->api_key);
        headers = curl_slist_append(headers, line);
    }
    if (body) {
        snprintf(line, sizeof line, "Content-Type: %s",
                 content_type ? content_type : "application/json");
        headers = curl_slist_append(headers, line);
    }
    headers = curl_slist_append(headers, "Expect:");
    test_buffer b = {calloc(1, 1), 0};
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    if (strcmp(method, "HEAD") == 0)
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, test_buffer_append);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    if (body) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    result.curl_code = (int)curl_easy_perform(curl);
    clock_gettime(CLOCK_MONOTONIC, &end);
    result.seconds =
        (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    if (result.curl_code == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
    result.body = b.data;
    result.json = cJSON_Parse(result.body);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return result;
}

http_result api_call(const emulator_process *emulator, const char *method, const char *path,
                     const char *body) {
    return http_call(emulator, method, path, AUTH_API_KEY, NULL, body);
}

void http_result_free(http_result *result) {
    free(result->body);
    cJSON_Delete(result->json);
    memset(result, 0, sizeof *result);
}

const char *fmt(const char *format, ...) {
    /* Per thread: test_concurrent_clients formats from 16 threads (TSan found the race). */
    static _Thread_local char buffers[32][8192];
    static _Thread_local int next = 0;
    char *out = buffers[next];
    next = (next + 1) % 32;
    va_list args;
    va_start(args, format);
    vsnprintf(out, sizeof buffers[0], format, args);
    va_end(args);
    return out;
}

int admin_no_content(const emulator_process *emulator, const char *method, const char *path) {
    http_result result = http_call(emulator, method, path, AUTH_NONE, NULL, NULL);
    int ok = result.status == 204;
    http_result_free(&result);
    return ok ? 0 : -1;
}

void expect_status(const http_result *result, long status) {
    if (result->status != status)
        fail_msg("expected HTTP %ld, got %ld (curl %d): %s", status, result->status,
                 result->curl_code, result->body);
}

http_result api_get(const emulator_process *emulator, const char *path, long status) {
    http_result result = api_call(emulator, "GET", path, NULL);
    expect_status(&result, status);
    return result;
}

void expect_problem(const http_result *result, long status, const char *title) {
    expect_status(result, status);
    if (!cJSON_IsObject(result->json))
        fail_msg("problem body is not JSON: %s", result->body);
    const cJSON *status_field = cJSON_GetObjectItemCaseSensitive(result->json, "status");
    if (!cJSON_IsNumber(status_field) || (long)status_field->valuedouble != status)
        fail_msg("problem status is not %ld: %s", status, result->body);
    if (strcmp(json_text(result->json, "title"), title) != 0)
        fail_msg("problem title is not %s: %s", title, result->body);
    if (json_text(result->json, "type")[0] == '\0')
        fail_msg("problem without type: %s", result->body);
    if (strstr(result->content_type, "application/json") == NULL)
        fail_msg("problem content type is %s", result->content_type);
}

void expect_bad_gets(const emulator_process *emulator, const char *const *paths, size_t count,
                     const char *body_part) {
    for (size_t i = 0; i < count; i++) {
        http_result result = api_call(emulator, "GET", paths[i], NULL);
        expect_problem(&result, 400, "bad-request");
        if (body_part != NULL && strstr(result.body, body_part) == NULL)
            fail_msg("GET %s: the problem body does not contain %s: %s", paths[i], body_part,
                     result.body);
        http_result_free(&result);
    }
}

const char *json_text(const cJSON *object, const char *name) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
    return cJSON_IsString(item) ? item->valuestring : "";
}

double json_number(const cJSON *object, const char *name) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
    return cJSON_IsNumber(item) ? item->valuedouble : -1;
}

int json_has(const cJSON *object, const char *name) {
    return cJSON_GetObjectItemCaseSensitive(object, name) != NULL;
}

static void create(const emulator_process *emulator, const char *path, const char *body,
                   const char *id_field, char id[64]) {
    http_result result = api_call(emulator, "POST", path, body);
    if (result.status != 200)
        fail_msg("POST %s -> %ld: %s", path, result.status, result.body);
    snprintf(id, 64, "%s", json_text(result.json, id_field));
    if (!id[0])
        fail_msg("POST %s: no %s in %s", path, id_field, result.body);
    http_result_free(&result);
}

void make_faker_source(const emulator_process *emulator, int count, int seed, char id[64]) {
    create(emulator, "/v1/sources",
           fmt("{\"name\":\"faker\",\"workspaceId\":\"%s\",\"configuration\":{\"sourceType\":"
               "\"faker\","
               "\"count\":%d,\"seed\":%d}}",
               emulator->workspace_id, count, seed),
           "sourceId", id);
}

void make_destination(const emulator_process *emulator, const char *configuration_json,
                      char id[64]) {
    create(emulator, "/v1/destinations",
           fmt("{\"name\":\"destination\",\"workspaceId\":\"%s\",\"configuration\":%s}",
               emulator->workspace_id, configuration_json),
           "destinationId", id);
}

void make_dev_null_destination(const emulator_process *emulator, char id[64]) {
    make_destination(emulator,
                     "{\"destinationType\":\"dev-null\",\"test_destination\":{\"test_destination_"
                     "type\":\"SILENT\"}}",
                     id);
}

void make_connection(const emulator_process *emulator, const char *source_id,
                     const char *destination_id, const char *extra_json, char id[64]) {
    create(emulator, "/v1/connections",
           fmt("{\"sourceId\":\"%s\",\"destinationId\":\"%s\"%s}", source_id, destination_id,
               extra_json),
           "connectionId", id);
}

void make_simple_connection(const emulator_process *emulator, const char *outcome, int duration_ms,
                            char id[64]) {
    char source[64], destination[64];
    make_faker_source(emulator, 10, 1, source);
    make_dev_null_destination(emulator, destination);
    make_connection(emulator, source, destination, "", id);
    if (outcome)
        set_behaviour(emulator, id, outcome, duration_ms);
}

int64_t start_simple_job(const emulator_process *emulator, const char *outcome, int duration_ms,
                         const char *job_type, char connection_id[64]) {
    make_simple_connection(emulator, outcome, duration_ms, connection_id);
    return start_job(emulator, connection_id, job_type);
}

void set_behaviour(const emulator_process *emulator, const char *connection_id, const char *outcome,
                   int duration_ms) {
    http_result result = http_call(
        emulator, "POST", fmt("/_emulator/connections/%s/behaviour", connection_id), AUTH_NONE,
        NULL, fmt("{\"outcome\":\"%s\",\"durationMs\":%d}", outcome, duration_ms));
    expect_status(&result, 204);
    http_result_free(&result);
}

int64_t start_job(const emulator_process *emulator, const char *connection_id,
                  const char *job_type) {
    http_result result =
        api_call(emulator, "POST", "/v1/jobs",
                 fmt("{\"connectionId\":\"%s\",\"jobType\":\"%s\"}", connection_id, job_type));
    if (result.status != 200)
        fail_msg("POST /v1/jobs -> %ld: %s", result.status, result.body);
    int64_t id = (int64_t)json_number(result.json, "jobId");
    http_result_free(&result);
    return id;
}

cJSON *wait_for_job(const emulator_process *emulator, int64_t job_id, const char *status,
                    int timeout_ms) {
    for (int waited = 0;; waited += 20) {
        http_result result =
            api_call(emulator, "GET", fmt("/v1/jobs/%lld", (long long)job_id), NULL);
        expect_status(&result, 200);
        if (strcmp(json_text(result.json, "status"), status) == 0) {
            cJSON *job = result.json;
            result.json = NULL;
            http_result_free(&result);
            return job;
        }
        if (waited >= timeout_ms)
            fail_msg("job %lld never became %s: %s", (long long)job_id, status, result.body);
        http_result_free(&result);
        test_sleep_ms(20);
    }
}

void start_or_fail(emulator_process *emulator, const char *const *extra_args) {
    if (emulator_start(emulator, extra_args) != 0)
        fail_msg("the emulator did not start");
}
