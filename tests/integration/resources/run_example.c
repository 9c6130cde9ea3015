/* Runs examples/deploy against a fresh airbyte-cloud-emulator with the three environment
 * variables it reads, and checks it succeeded, ran one sync, and left nothing behind. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"

#ifndef ABC_EXAMPLE_DEPLOY
#error "ABC_EXAMPLE_DEPLOY must name the built examples/deploy program"
#endif

/* Number of items in a list response of the emulator (every page is one page here). */
static int listed(const char *path) {
    long http = 0;
    char *body = emulator_request(&emulator, "GET", path, NULL, &http);
    assert_int_equal(http, 200);
    int count = 0;
    for (const char *at = body; (at = strstr(at, "\"name\":")) != NULL; at += 7) ++count;
    free(body);
    return count;
}

static void test_deploy_example(void **state) {
    (void)state;
    char output_path[] = "/tmp/abc-deploy-example-XXXXXX";
    int output = mkstemp(output_path);
    assert_true(output >= 0);
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        dup2(output, STDOUT_FILENO);
        dup2(output, STDERR_FILENO);
        emulator_export_settings(&emulator);
        execl(ABC_EXAMPLE_DEPLOY, ABC_EXAMPLE_DEPLOY, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    char text[8192] = "";
    ssize_t length = pread(output, text, sizeof text - 1, 0);
    text[length > 0 ? length : 0] = '\0';
    close(output);
    unlink(output_path);
    printf("%s", text);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) fail_msg("deploy failed (status %d):\n%s", status, text);

    assert_non_null(strstr(text, "stream users"));
    assert_non_null(strstr(text, "succeeded"));
    assert_non_null(strstr(text, "history: 1 job(s)"));
    assert_non_null(strstr(text, "deleted the connection, its source and its destination"));
    assert_int_equal(fixture_stat(&emulator, "jobsCreated"), 1);
    /* Nothing is left behind. */
    assert_int_equal(listed("/v1/connections"), 0);
    assert_int_equal(listed("/v1/sources"), 0);
    assert_int_equal(listed("/v1/destinations"), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_deploy_example)};
    return EMULATOR_RUN_GROUP("example", tests, "--job-duration-ms", "200");
}
