/* A Prism validating proxy (prism proxy --errors SPEC UPSTREAM) for the library conformance tests:
 * started in its own process group on a free loopback port, its log scanned for violations, and
 * the THROUGH_PRISM check of a library call. */
#ifndef ABC_TESTS_PRISM_PROXY_H
#define ABC_TESTS_PRISM_PROXY_H

#include <stddef.h>
#include <sys/types.h>

typedef struct prism_proxy {
    int pid; /* -1 when not running */
    char url[64];
    char log[256];
    size_t checked_up_to; /* bytes of the log already scanned */
} prism_proxy;

/* 0 when `spec`, Prism and node are all there; otherwise prints a "SKIP: ..." line and returns 77.
 */
int prism_proxy_skip_reason(const char *spec);
/* Starts Prism over `spec` in front of `upstream` and waits (up to 3 minutes) until it answers at
 * `ready_path` (any HTTP status). 0 on success, else prints its log and returns -1. */
int prism_proxy_start(prism_proxy *proxy, const char *spec, const char *upstream,
                      const char *ready_path);
/* Stops it (and what it started) and removes its log. Safe to call twice. */
void prism_proxy_stop(prism_proxy *proxy);
/* Lines of the log from byte `from` on that report a violation or a rejected request, copied into
 * `report`; *end is where the log ends. -1 when the log cannot be read. */
int prism_proxy_violations_since(const prism_proxy *proxy, size_t from, char *report,
                                 size_t report_size, size_t *end);
/* Fails the test when anything logged since the last check was a violation. */
void prism_proxy_expect_no_new_violations(prism_proxy *proxy, const char *after);

/* A library call through Prism: must succeed, or the failure (a Prism 422/500 among them) says why.
 * `call` may use `error` (an abc_error **). */
#define THROUGH_PRISM(call)                                                          \
    do {                                                                             \
        abc_error *error_ = NULL;                                                    \
        abc_error **error = &error_;                                                 \
        abc_status status_ = (call);                                                 \
        if (status_ != ABC_OK) {                                                     \
            fail_msg("%s: %s: %s (problem type '%s')", #call, abc_strerror(status_), \
                     abc_error_message(error_), abc_error_problem_type(error_));     \
        }                                                                            \
        (void)error;                                                                 \
    } while (0)

#endif
