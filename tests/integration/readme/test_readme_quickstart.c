/* Runs the README quick start (built from the README text) against the emulator, as a user
 * would: settings in the environment, the connection id as its argument. */
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

#include "fixture.h"

static int run_quickstart(const char *argument, char *output, size_t size) {
    char command[512];
    snprintf(command, sizeof command, "%s %s 2>&1", QUICKSTART_PATH, argument);
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    size_t used = fread(output, 1, size - 1, pipe);
    output[used] = '\0';
    int status = pclose(pipe);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_quickstart_runs_a_sync(void **state) {
    (void)state;
    char connection_id[64];
    fixture_create_connection(&emulator, "readme", connection_id);
    emulator_export_settings(&emulator);

    char output[4096];
    assert_int_equal(run_quickstart(connection_id, output, sizeof output), 0);
    assert_non_null(strstr(output, "succeeded"));
    assert_non_null(strstr(output, " rows, "));

    /* A failing sync: exit 1, the job line and the error line. */
    emulator_set_behaviour(&emulator, connection_id, "failed", 100);
    assert_int_equal(run_quickstart(connection_id, output, sizeof output), 1);
    assert_non_null(strstr(output, "failed"));
    assert_non_null(strstr(output, "sync failed"));

    /* No argument: usage, exit 2. */
    assert_int_equal(run_quickstart("", output, sizeof output), 2);
    assert_non_null(strstr(output, "usage"));
}

int main(void) {
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_quickstart_runs_a_sync)};
    return EMULATOR_RUN_GROUP("readme", tests, "--job-duration-ms", "300");
}
