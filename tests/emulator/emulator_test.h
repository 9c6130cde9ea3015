/* Helpers for the emulator's own tests: HTTP calls with full control over auth and headers,
 * JSON access, problem-body checks, and fixtures (faker source, destinations, connections, jobs).
 * Every helper fails the running CMocka test with a message instead of returning errors. */
#ifndef ABC_TESTS_EMULATOR_TEST_H
#define ABC_TESTS_EMULATOR_TEST_H

#include <cjson/cJSON.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after setjmp.h, stdarg.h, stddef.h, stdint.h */

#include "emulator_process.h"
#include "test_util.h"

typedef struct http_result {
    long status;   /* 0 when there was no HTTP response */
    int curl_code; /* CURLcode of the transfer */
    char *body;    /* never NULL */
    cJSON *json;   /* parsed body or NULL */
    char retry_after[32];
    char content_type[128];
    double seconds;
} http_result;

/* Which credential a call sends. */
#define AUTH_NONE NULL
#define AUTH_API_KEY ""

/* method path (path starts with '/', relative to the server root); auth: AUTH_NONE, AUTH_API_KEY
 * or a bearer token; content_type may be NULL (then application/json when there is a body). */
http_result http_call(const emulator_process *emulator, const char *method, const char *path,
                      const char *auth, const char *content_type, const char *body);
/* Same as http_call with the API key and JSON. */
http_result api_call(const emulator_process *emulator, const char *method, const char *path,
                     const char *body);
void http_result_free(http_result *result);

/* printf into one of 32 rotating static buffers: for building paths and bodies inline. */
const char *fmt(const char *format, ...);

/* For CMocka setups: 0 when `method path` (no credentials) answers 204, else -1. */
int admin_no_content(const emulator_process *emulator, const char *method, const char *path);

void expect_status(const http_result *result, long status);
/* GET `path` with the API key; fails the test unless it answers `status`. */
http_result api_get(const emulator_process *emulator, const char *path, long status);
/* A problem body with this status (as a number), title and type suffix (e.g. "#bad-request"). */
void expect_problem(const http_result *result, long status, const char *title);
/* A GET (with the API key) of each of the `count` paths answers a 400 "bad-request" problem, whose
 * body also contains `body_part` unless it is NULL. */
void expect_bad_gets(const emulator_process *emulator, const char *const *paths, size_t count,
                     const char *body_part);

const char *json_text(const cJSON *object, const char *name); /* "" when absent */
double json_number(const cJSON *object, const char *name);    /* -1 when absent */
int json_has(const cJSON *object, const char *name);

/* Fixtures, all in the emulator's default workspace unless a workspace is given. */
void make_faker_source(const emulator_process *emulator, int count, int seed, char id[64]);
void make_destination(const emulator_process *emulator, const char *configuration_json,
                      char id[64]);
void make_dev_null_destination(const emulator_process *emulator, char id[64]);
/* extra_json: more members for the connection body (starting with ','), or "". */
void make_connection(const emulator_process *emulator, const char *source_id,
                     const char *destination_id, const char *extra_json, char id[64]);
/* A faker -> dev-null connection with the given behaviour. */
void make_simple_connection(const emulator_process *emulator, const char *outcome, int duration_ms,
                            char id[64]);
/* make_simple_connection, then a job of `job_type` on it; returns the job id. */
int64_t start_simple_job(const emulator_process *emulator, const char *outcome, int duration_ms,
                         const char *job_type, char connection_id[64]);
void set_behaviour(const emulator_process *emulator, const char *connection_id, const char *outcome,
                   int duration_ms);
int64_t start_job(const emulator_process *emulator, const char *connection_id,
                  const char *job_type);
/* Polls GET /v1/jobs/{id} until status is `status` (fails after timeout_ms); returns the job. */
cJSON *wait_for_job(const emulator_process *emulator, int64_t job_id, const char *status,
                    int timeout_ms);
/* Starts the emulator (fails the test when it does not come up). */
void start_or_fail(emulator_process *emulator, const char *const *extra_args);

#endif
