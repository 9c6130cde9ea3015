/* Starts airbyte-cloud-emulator as a child process on a free loopback port for one test program,
 * and stops it again. Tests never guess a port or a credential: they read the ready file. */
#ifndef ABC_TESTS_EMULATOR_PROCESS_H
#define ABC_TESTS_EMULATOR_PROCESS_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct emulator_process {
    pid_t pid;
    int port;
    char url[128];     /* server root, e.g. http://127.0.0.1:40123 */
    char api_url[160]; /* Cloud-style API root: url + "/v1" */
    char workspace_id[64];
    char api_key[128];
    char client_id[128];
    char client_secret[128];
    char ready_file[256];
} emulator_process;

/* Starts the emulator with "--port 0 --quiet --ready-file <tmp>" plus extra_args (NULL-terminated
 * list, may be NULL) and waits up to 10 s for the ready file. Returns 0 on success; on failure
 * prints why to stderr and returns -1. The binary is ABC_EMULATOR_PATH (a compile definition)
 * unless the environment variable ABC_EMULATOR overrides it. */
int emulator_start(emulator_process *out, const char *const *extra_args);

/* Sends SIGTERM, waits for the child (SIGKILL after 5 s) and removes the ready file.
 * Safe to call twice. Returns the child's exit status (0 for a clean stop). */
int emulator_stop(emulator_process *process);

/* The emulator a test program shares across its CMocka group: emulator_group_start (a group
 * setup) starts `emulator` with the extra arguments emulator_group_args points to (a
 * NULL-terminated list; NULL for none); emulator_group_stop (a group teardown) stops it and fails
 * when it did not exit cleanly. */
extern emulator_process emulator;
extern const char *const *emulator_group_args;
int emulator_group_start(void **state);
int emulator_group_stop(void **state);
/* `return EMULATOR_RUN_GROUP("name", tests, "--flag", "value", ...);` in main: runs the CMocka
 * group `tests` (an array) on the shared emulator, started with those extra arguments. */
#define EMULATOR_RUN_GROUP(name, tests, ...)                         \
    (emulator_group_args = (const char *const[]){__VA_ARGS__, NULL}, \
     cmocka_run_group_tests_name(name, tests, emulator_group_start, emulator_group_stop))

/* Sends `body` (may be NULL) with `method` to url + path (path starts with '/'), with the
 * emulator's API key as bearer. Writes the HTTP status to *http_status and returns the response
 * body as a malloc'd string the caller frees (NULL on a transport failure). For tests only:
 * admin calls (/_emulator/...) and set-up requests. */
char *emulator_request(const emulator_process *process, const char *method, const char *path,
                       const char *body, long *http_status);

/* POSTs `body` to `path` and copies the string member `field` of the JSON answer into out (64
 * bytes). Returns 0, or -1 after printing why (status, body) to stderr. */
int emulator_post_for_id(const emulator_process *process, const char *path, const char *body, const char *field,
                         char *out);

/* A loopback TCP port nothing listens on (bound, then closed): what a stopped server leaves. */
int test_closed_port(void);

/* Postgres connection settings for tests, from ABC_TEST_PGHOST, ABC_TEST_PGPORT, ABC_TEST_PGUSER,
 * ABC_TEST_PGPASSWORD, ABC_TEST_PGDATABASE (scripts/postgres.sh exports them). Returns 0 when
 * they are set; otherwise prints a visible "SKIP: ..." line naming what is missing and returns -1.
 */
typedef struct test_postgres {
    char host[128];
    int port;
    char user[64];
    char password[128];
    char database[64];
} test_postgres;
int test_postgres_from_env(test_postgres *out);

#ifdef __cplusplus
}
#endif

#endif
