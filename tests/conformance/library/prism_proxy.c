#define _POSIX_C_SOURCE 200809L
#include "prism_proxy.h"

#include "emulator_process.h"
#include "test_util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef ABC_PRISM_PATH
#define ABC_PRISM_PATH "tests/conformance/node_modules/.bin/prism"
#endif

static void print_log(const prism_proxy *proxy) {
    FILE *file = fopen(proxy->log, "r");
    if (file == NULL)
        return;
    char line[4096];
    while (fgets(line, sizeof line, file) != NULL)
        fputs(line, stderr);
    fclose(file);
}

void prism_proxy_stop(prism_proxy *proxy) {
    test_stop_child(&proxy->pid); /* Prism and anything it started */
    if (proxy->log[0] != '\0')
        unlink(proxy->log);
}

int prism_proxy_start(prism_proxy *proxy, const char *spec, const char *upstream,
                      const char *ready_path) {
    int port = test_closed_port(); /* free now; Prism binds it */
    if (port <= 0)
        return -1;
    snprintf(proxy->url, sizeof proxy->url, "http://127.0.0.1:%d", port);
    snprintf(proxy->log, sizeof proxy->log, "/tmp/abc-library-conformance-%d.log", (int)getpid());
    char port_text[16];
    proxy->checked_up_to = 0;
    snprintf(port_text, sizeof port_text, "%d", port);
    const char *const argv[] = {ABC_PRISM_PATH, "proxy",     "--errors", spec,      upstream,
                                "--host",       "127.0.0.1", "--port",   port_text, NULL};
    proxy->pid = test_start_child(argv, proxy->log);
    if (proxy->pid < 0)
        return -1;
    /* Loading api_sdk.yaml (3 MB) takes several seconds. */
    char ready[256];
    snprintf(ready, sizeof ready, "%s%s", proxy->url, ready_path);
    for (int waited = 0; waited < 180000; waited += 250) {
        if (waitpid(proxy->pid, NULL, WNOHANG) == proxy->pid) {
            proxy->pid = -1;
            fprintf(stderr, "prism exited before it was ready:\n");
            print_log(proxy);
            return -1;
        }
        if (test_http_status(ready) != 0)
            return 0;
        test_sleep_ms(250);
    }
    fprintf(stderr, "prism did not become ready:\n");
    print_log(proxy);
    prism_proxy_stop(proxy);
    return -1;
}

int prism_proxy_violations_since(const prism_proxy *proxy, size_t from, char *report,
                                 size_t report_size, size_t *end) {
    FILE *file = fopen(proxy->log, "r");
    if (file == NULL)
        return -1;
    fseek(file, (long)from, SEEK_SET);
    char line[8192];
    int count = 0;
    size_t used = 0;
    report[0] = '\0';
    while (fgets(line, sizeof line, file) != NULL) {
        if (strstr(line, "Violation") != NULL || strstr(line, "\xe2\x9c\x96") != NULL /* ✖ */ ||
            strstr(line, "Request terminated with error") != NULL) {
            ++count;
            if (used + strlen(line) + 1 < report_size) {
                memcpy(report + used, line, strlen(line) + 1);
                used += strlen(line);
            }
        }
    }
    *end = (size_t)ftell(file);
    fclose(file);
    return count;
}

void prism_proxy_expect_no_new_violations(prism_proxy *proxy, const char *after) {
    test_sleep_ms(300); /* let Prism write its last lines */
    char report[16384];
    size_t end = 0;
    int count =
        prism_proxy_violations_since(proxy, proxy->checked_up_to, report, sizeof report, &end);
    assert_true(count >= 0);
    if (count > 0)
        fail_msg("%d Prism violation line(s) after %s:\n%s", count, after, report);
    proxy->checked_up_to = end;
}

/* A library call through Prism: must succeed, or the failure (a Prism 422/500 among them) says why.
 */
static int executable_on_path(const char *name) {
    const char *path = getenv("PATH");
    if (path == NULL)
        return 0;
    char candidate[1024];
    for (const char *start = path; *start != '\0';) {
        const char *colon = strchr(start, ':');
        size_t length = colon != NULL ? (size_t)(colon - start) : strlen(start);
        snprintf(candidate, sizeof candidate, "%.*s/%s", (int)length, start, name);
        if (access(candidate, X_OK) == 0)
            return 1;
        if (colon == NULL)
            break;
        start = colon + 1;
    }
    return 0;
}

int prism_proxy_skip_reason(const char *spec) {
    struct stat info;
    if (stat(spec, &info) != 0) {
        printf("SKIP: vendor spec %s not found (../shared/specs is absent)\n", spec);
        return 77;
    }
    if (access(ABC_PRISM_PATH, X_OK) != 0) {
        printf("SKIP: Prism is not installed at %s; run tests/conformance/install-prism.sh\n",
               ABC_PRISM_PATH);
        return 77;
    }
    if (!executable_on_path("node")) {
        printf("SKIP: node is not installed (Prism needs it)\n");
        return 77;
    }
    return 0;
}
