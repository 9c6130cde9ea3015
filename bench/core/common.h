/* Shared pieces of the core benchmarks (bench/core): clocks, memory and CPU figures, a tiny
 * HTTP helper over one reused libcurl handle for setup and the emulator's admin API, child
 * processes that report "name value" lines, and the summary rows run.sh collects.
 * Nothing here uses libairbyte_cloud (bench_dlopen must not link it). */
#ifndef BENCH_CORE_COMMON_H
#define BENCH_CORE_COMMON_H

#include <curl/curl.h>
#include <stddef.h>
#include <stdint.h>

/* Where the emulator is: the server root ("http://127.0.0.1:PORT"), the API root (root + "/v1"),
 * the API key and the workspace, from the ready file (run.sh passes them as the first three
 * arguments of every program). */
typedef struct bench_env {
    char root[256];
    char api[300];
    char key[256];
    char workspace[64];
} bench_env;

/* Reads argv[1..3]; exits with a usage message when they are missing. */
void bench_env_from_args(bench_env *env, int argc, char **argv, const char *usage);

/* Clocks: monotonic seconds, wall-clock (CLOCK_REALTIME) milliseconds, sleeping. */
double mono_s(void);
int64_t real_ms(void);
void sleep_ms(int64_t ms);

/* Memory and CPU of this process: resident set now (VmRSS, KiB), peak resident set
 * (getrusage ru_maxrss, KiB), user + system CPU seconds, and malloc'd bytes in use (mallinfo2). */
long rss_kib(void);
/* A "Name: N kB" line of /proc/self/status (VmRSS, RssAnon, RssFile...); -1 when absent. */
long status_kib(const char *field);
long peak_rss_kib(void);
double cpu_s(void);
size_t heap_in_use(void);

/* Median of n values (sorts the array in place); 0 for n == 0. */
double median(double *values, size_t n);
double min_of(const double *values, size_t n);
double max_of(const double *values, size_t n);

/* Minimal HTTP for setup and admin calls: one reused easy handle (keep-alive). */
typedef struct bench_http {
    CURL *curl;
    struct curl_slist *headers;
    char *body;
    size_t length;
    size_t capacity;
} bench_http;

void http_open(bench_http *http, const bench_env *env);
void http_close(bench_http *http);
/* Sends a request (body NULL for none); the response body is in http->body (NUL-terminated).
 * Returns the HTTP status, or -1 when no response came. */
long http_call(bench_http *http, const char *method, const char *url, const char *body);

/* A string field of a JSON object body, copied into out; 0 on success. */
int json_string_field(const char *json, const char *field, char *out, size_t size);
/* An integer field of a JSON object body; `fallback` when absent. */
int64_t json_integer_field(const char *json, const char *field, int64_t fallback);

/* Setup through the API and the admin API; each exits the program on failure (a benchmark with
 * broken setup must not report figures). */
void bench_create_source(bench_http *http, const bench_env *env, int64_t duration_ms, char *out_id);
void bench_create_destination(bench_http *http, const bench_env *env, char *out_id);
void bench_create_connection(bench_http *http, const bench_env *env, const char *source_id,
                             const char *destination_id, char *out_id);
void bench_set_behaviour(bench_http *http, const bench_env *env, const char *connection_id,
                         const char *outcome, int64_t duration_ms);
/* A faker source, a destination and a connection whose jobs succeed at once. */
void bench_create_succeeding_connection(bench_http *http, const bench_env *env, char *out_id);
/* POST /jobs (sync) through the reused handle; returns the job id. */
int64_t bench_start_job(bench_http *http, const bench_env *env, const char *connection_id);
/* Requests the emulator counted: all API requests, or those of one route ("GET /jobs/{id}"). */
long bench_requests(bench_http *http, const bench_env *env, const char *route);
/* Median, in ms, of how long after each job became final on the emulator (its updatedAtMs in
 * GET /_emulator/jobs) the client knew it: reported_ms[i] (real_ms()) for job_ids[i]. NAN when
 * no job matched. */
double bench_median_detection_ms(bench_http *http, const bench_env *env, const int64_t *job_ids,
                                 const int64_t *reported_ms, long count);

/* Runs `argv` (argv[0] a path) as a child process and collects the "name value" lines it prints
 * on stdout; returns the child's exit status (non-zero on failure). */
#define BENCH_MAX_VALUES 64
typedef struct bench_values {
    size_t count;
    char names[BENCH_MAX_VALUES][48];
    double values[BENCH_MAX_VALUES];
} bench_values;
int bench_run_child(char *const argv[], bench_values *out);
/* A value by name; NAN when the child did not report it. */
double bench_value(const bench_values *values, const char *name);
/* Prints "name value" for a parent that runs this process through bench_run_child. */
void bench_report(const char *name, double value);

/* Appends a row to the summary table run.sh puts at the top of RESULTS.md (the file named by
 * $BENCH_SUMMARY; stderr when unset). verdict: "met", "missed", "—" (no target)... */
void bench_summary(const char *figure, const char *value, const char *target, const char *verdict);

/* printf into a static rotating buffer, for building table cells. */
const char *fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
