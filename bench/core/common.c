#include "common.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void die(const char *what, const char *detail) {
    fprintf(stderr, "bench: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void copy(char *out, size_t size, const char *text) {
    if (strlen(text) >= size) die("argument too long", text);
    memcpy(out, text, strlen(text) + 1);
}

void bench_env_from_args(bench_env *env, int argc, char **argv, const char *usage) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s URL API_KEY WORKSPACE_ID %s\n", argv[0], usage);
        exit(2);
    }
    copy(env->root, sizeof env->root, argv[1]);
    snprintf(env->api, sizeof env->api, "%s/v1", env->root);
    copy(env->key, sizeof env->key, argv[2]);
    copy(env->workspace, sizeof env->workspace, argv[3]);
}

double mono_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int64_t real_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void sleep_ms(int64_t ms) {
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

long status_kib(const char *field) {
    FILE *file = fopen("/proc/self/status", "r");
    if (file == NULL) return -1;
    char line[256];
    long kib = -1;
    const size_t length = strlen(field);
    while (fgets(line, sizeof line, file) != NULL) {
        if (strncmp(line, field, length) == 0 && line[length] == ':') {
            kib = strtol(line + length + 1, NULL, 10);
            break;
        }
    }
    fclose(file);
    return kib;
}

long rss_kib(void) { return status_kib("VmRSS"); }

long peak_rss_kib(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

double cpu_s(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return (double)usage.ru_utime.tv_sec + (double)usage.ru_utime.tv_usec / 1e6 +
           (double)usage.ru_stime.tv_sec + (double)usage.ru_stime.tv_usec / 1e6;
}

size_t heap_in_use(void) {
    struct mallinfo2 info = mallinfo2();
    return info.uordblks + info.hblkhd;
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double median(double *values, size_t n) {
    if (n == 0) return 0;
    qsort(values, n, sizeof *values, compare_doubles);
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double min_of(const double *values, size_t n) {
    double least = n ? values[0] : 0;
    for (size_t i = 1; i < n; i++)
        if (values[i] < least) least = values[i];
    return least;
}

double max_of(const double *values, size_t n) {
    double most = n ? values[0] : 0;
    for (size_t i = 1; i < n; i++)
        if (values[i] > most) most = values[i];
    return most;
}

static size_t collect(char *data, size_t one, size_t count, void *user) {
    bench_http *http = user;
    size_t bytes = one * count;
    if (http->length + bytes + 1 > http->capacity) {
        size_t capacity = (http->length + bytes + 1) * 2;
        char *grown = realloc(http->body, capacity);
        if (grown == NULL) return 0;
        http->body = grown;
        http->capacity = capacity;
    }
    memcpy(http->body + http->length, data, bytes);
    http->length += bytes;
    http->body[http->length] = '\0';
    return bytes;
}

void http_open(bench_http *http, const bench_env *env) {
    memset(http, 0, sizeof *http);
    http->curl = curl_easy_init();
    if (http->curl == NULL) die("curl_easy_init failed", NULL);
    char authorization[320];
    snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", env->key);
    http->headers = curl_slist_append(NULL, authorization);
    http->headers = curl_slist_append(http->headers, "Accept: application/json");
    http->headers = curl_slist_append(http->headers, "Content-Type: application/json");
}

void http_close(bench_http *http) {
    curl_slist_free_all(http->headers);
    curl_easy_cleanup(http->curl);
    free(http->body);
    memset(http, 0, sizeof *http);
}

long http_call(bench_http *http, const char *method, const char *url, const char *body) {
    CURL *curl = http->curl;
    http->length = 0;
    if (http->body) http->body[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, http->headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, http);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (strcmp(method, "GET") == 0) {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, NULL);
    } else {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body ? body : "");
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, strcmp(method, "POST") == 0 ? NULL : method);
    }
    if (curl_easy_perform(curl) != CURLE_OK) return -1;
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    if (http->body == NULL) collect("", 1, 0, http);
    return status;
}

int json_string_field(const char *json, const char *field, char *out, size_t size) {
    cJSON *root = cJSON_Parse(json);
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, field);
    int failed = 1;
    if (cJSON_IsString(item) && strlen(item->valuestring) < size) {
        memcpy(out, item->valuestring, strlen(item->valuestring) + 1);
        failed = 0;
    }
    cJSON_Delete(root);
    return failed;
}

int64_t json_integer_field(const char *json, const char *field, int64_t fallback) {
    cJSON *root = cJSON_Parse(json);
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, field);
    int64_t value = cJSON_IsNumber(item) ? (int64_t)item->valuedouble : fallback;
    cJSON_Delete(root);
    return value;
}

static void expect(long status, long wanted, const char *what, const bench_http *http) {
    if (status != wanted) {
        fprintf(stderr, "bench: %s answered %ld: %s\n", what, status, http->body ? http->body : "");
        exit(1);
    }
}

/* POSTs `body` to the API's `collection` ("sources") and keeps the new resource's `id_field`. */
static void create(bench_http *http, const bench_env *env, const char *collection, const char *body,
                   const char *id_field, char *out_id) {
    char url[512], what[64];
    snprintf(url, sizeof url, "%s/%s", env->api, collection);
    snprintf(what, sizeof what, "POST /%s", collection);
    expect(http_call(http, "POST", url, body), 200, what, http);
    if (json_string_field(http->body, id_field, out_id, 64)) die(fmt("no %s", id_field), http->body);
}

void bench_create_source(bench_http *http, const bench_env *env, int64_t duration_ms, char *out_id) {
    char duration[64] = "", body[512];
    if (duration_ms >= 0) snprintf(duration, sizeof duration, ",\"emulator_duration_ms\":%lld", (long long)duration_ms);
    snprintf(body, sizeof body,
             "{\"name\":\"bench\",\"workspaceId\":\"%s\",\"configuration\":{\"sourceType\":\"faker\","
             "\"count\":100,\"seed\":1%s}}",
             env->workspace, duration);
    create(http, env, "sources", body, "sourceId", out_id);
}

void bench_create_destination(bench_http *http, const bench_env *env, char *out_id) {
    char body[512];
    snprintf(body, sizeof body,
             "{\"name\":\"bench\",\"workspaceId\":\"%s\",\"configuration\":{\"destinationType\":\"dev-null\","
             "\"test_destination\":{\"test_destination_type\":\"SILENT\"}}}",
             env->workspace);
    create(http, env, "destinations", body, "destinationId", out_id);
}

void bench_create_connection(bench_http *http, const bench_env *env, const char *source_id,
                             const char *destination_id, char *out_id) {
    char body[512];
    snprintf(body, sizeof body, "{\"sourceId\":\"%s\",\"destinationId\":\"%s\"}", source_id, destination_id);
    create(http, env, "connections", body, "connectionId", out_id);
}

void bench_set_behaviour(bench_http *http, const bench_env *env, const char *connection_id,
                         const char *outcome, int64_t duration_ms) {
    char url[512], body[256];
    snprintf(url, sizeof url, "%s/_emulator/connections/%s/behaviour", env->root, connection_id);
    snprintf(body, sizeof body, "{\"outcome\":\"%s\",\"durationMs\":%lld}", outcome, (long long)duration_ms);
    expect(http_call(http, "POST", url, body), 204, "POST /_emulator/connections/{id}/behaviour", http);
}

void bench_create_succeeding_connection(bench_http *http, const bench_env *env, char *out_id) {
    char source[64], destination[64];
    bench_create_source(http, env, -1, source);
    bench_create_destination(http, env, destination);
    bench_create_connection(http, env, source, destination, out_id);
    bench_set_behaviour(http, env, out_id, "succeeded", 0);
}

int64_t bench_start_job(bench_http *http, const bench_env *env, const char *connection_id) {
    char url[512], body[256];
    snprintf(url, sizeof url, "%s/jobs", env->api);
    snprintf(body, sizeof body, "{\"connectionId\":\"%s\",\"jobType\":\"sync\"}", connection_id);
    expect(http_call(http, "POST", url, body), 200, "POST /jobs", http);
    int64_t id = json_integer_field(http->body, "jobId", -1);
    if (id < 0) die("no jobId", http->body);
    return id;
}

long bench_requests(bench_http *http, const bench_env *env, const char *route) {
    char url[512];
    snprintf(url, sizeof url, "%s/_emulator/stats", env->root);
    expect(http_call(http, "GET", url, NULL), 200, "GET /_emulator/stats", http);
    cJSON *root = cJSON_Parse(http->body);
    const cJSON *item = route == NULL
                            ? cJSON_GetObjectItemCaseSensitive(root, "requests")
                            : cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "routes"), route);
    long count = cJSON_IsNumber(item) ? (long)item->valuedouble : 0;
    cJSON_Delete(root);
    return count;
}

double bench_median_detection_ms(bench_http *http, const bench_env *env, const int64_t *job_ids,
                                 const int64_t *reported_ms, long count) {
    char url[512];
    snprintf(url, sizeof url, "%s/_emulator/jobs", env->root);
    expect(http_call(http, "GET", url, NULL), 200, "GET /_emulator/jobs", http);
    cJSON *root = cJSON_Parse(http->body);
    double *delays = calloc((size_t)count + 1, sizeof *delays);
    size_t matched = 0;
    const cJSON *job = NULL;
    cJSON_ArrayForEach(job, root) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(job, "jobId");
        const cJSON *final_ms = cJSON_GetObjectItemCaseSensitive(job, "updatedAtMs");
        if (!cJSON_IsNumber(id) || !cJSON_IsNumber(final_ms)) continue;
        for (long i = 0; i < count; i++) {
            if (job_ids[i] != (int64_t)id->valuedouble) continue;
            delays[matched++] = (double)reported_ms[i] - final_ms->valuedouble;
            break;
        }
    }
    cJSON_Delete(root);
    const double result = matched > 0 ? median(delays, matched) : NAN;
    free(delays);
    return result;
}

int bench_run_child(char *const argv[], bench_values *out) {
    memset(out, 0, sizeof *out);
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) die("pipe failed", strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
    posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
    pid_t pid;
    int spawned = posix_spawn(&pid, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipe_fds[1]);
    if (spawned != 0) {
        close(pipe_fds[0]);
        die("cannot start", argv[0]);
    }
    FILE *from_child = fdopen(pipe_fds[0], "r");
    char line[512];
    while (from_child != NULL && fgets(line, sizeof line, from_child) != NULL) {
        char name[48];
        double value;
        if (sscanf(line, "%47s %lf", name, &value) == 2 && out->count < BENCH_MAX_VALUES) {
            memcpy(out->names[out->count], name, sizeof name);
            out->values[out->count++] = value;
        }
    }
    if (from_child != NULL) fclose(from_child);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status)) return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    return WEXITSTATUS(status);
}

double bench_value(const bench_values *values, const char *name) {
    for (size_t i = 0; i < values->count; i++)
        if (strcmp(values->names[i], name) == 0) return values->values[i];
    return NAN;
}

void bench_report(const char *name, double value) {
    printf("%s %.17g\n", name, value);
    fflush(stdout);
}

void bench_summary(const char *figure, const char *value, const char *target, const char *verdict) {
    const char *path = getenv("BENCH_SUMMARY");
    FILE *file = path && *path ? fopen(path, "a") : NULL;
    FILE *out = file ? file : stderr;
    fprintf(out, "| %s | %s | %s | %s |\n", figure, value, target, verdict);
    if (file) fclose(file);
}

const char *fmt(const char *format, ...) {
    static char buffers[32][160];
    static unsigned next;
    char *buffer = buffers[next++ % 32];
    va_list args;
    va_start(args, format);
    vsnprintf(buffer, sizeof buffers[0], format, args);
    va_end(args);
    return buffer;
}
