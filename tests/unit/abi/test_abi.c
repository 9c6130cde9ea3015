/* Unit tests of the C ABI through the public header only: versions, status texts, NULL and
 * out-of-range arguments named in the message, NULL-safe frees and getters. No server needed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "airbyte_cloud.h"

/* Asserts that `call` failed with INVALID_ARGUMENT and that the message names `argument`. */
#define assert_invalid_argument(call, argument)                                          \
    do {                                                                                 \
        abc_error *error_ = NULL;                                                        \
        abc_status status_ = (call);                                                     \
        (void)error;                                                                     \
        assert_int_equal(status_, ABC_ERROR_INVALID_ARGUMENT);                           \
        error_ = error;                                                                  \
        assert_non_null(error_);                                                         \
        assert_int_equal(abc_error_status(error_), ABC_ERROR_INVALID_ARGUMENT);          \
        if (strstr(abc_error_message(error_), argument) == NULL) {                       \
            fail_msg("message '%s' does not name '%s'", abc_error_message(error_), argument); \
        }                                                                                \
        abc_error_free(error_);                                                          \
        error = NULL;                                                                    \
    } while (0)

static void test_version(void **state) {
    (void)state;
    assert_string_equal(abc_version_string(), ABC_VERSION_STRING);
    assert_int_equal(abc_version_number(), ABC_VERSION_NUMBER);
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", ABC_VERSION_MAJOR, ABC_VERSION_MINOR,
             ABC_VERSION_PATCH);
    assert_string_equal(abc_version_string(), expected);
}

static void test_strerror_is_static_and_distinct(void **state) {
    (void)state;
    for (int a = ABC_OK; a <= ABC_ERROR_INTERNAL; a++) {
        const char *text = abc_strerror((abc_status)a);
        assert_non_null(text);
        assert_true(strlen(text) > 0);
        assert_ptr_equal(text, abc_strerror((abc_status)a));
        for (int b = ABC_OK; b < a; b++) assert_string_not_equal(text, abc_strerror((abc_status)b));
    }
    assert_string_equal(abc_strerror((abc_status)999), "unknown status");
}

static void test_status_values_never_renumbered(void **state) {
    (void)state;
    /* The numbers are ABI: this test fails if anyone reorders the enum. */
    assert_int_equal(ABC_ERROR_INVALID_ARGUMENT, 1);
    assert_int_equal(ABC_ERROR_TRANSPORT, 3);
    assert_int_equal(ABC_ERROR_AUTH, 5);
    assert_int_equal(ABC_ERROR_NOT_FOUND, 7);
    assert_int_equal(ABC_ERROR_SYNC_ALREADY_RUNNING, 9);
    assert_int_equal(ABC_ERROR_PROTOCOL, 13);
    assert_int_equal(ABC_ERROR_SYNC_FAILED, 14);
    assert_int_equal(ABC_ERROR_WAIT_TIMEOUT, 15);
    assert_int_equal(ABC_ERROR_INTERNAL, 18);
    assert_int_equal(ABC_JOB_STATE_SUCCEEDED, 6);
    assert_int_equal(ABC_JOB_STATE_CANCELLED, 7);
}

static void test_job_state_names(void **state) {
    (void)state;
    assert_string_equal(abc_job_state_name(ABC_JOB_STATE_INCOMPLETE), "incomplete");
    assert_string_equal(abc_job_state_name(ABC_JOB_STATE_SUCCEEDED), "succeeded");
    assert_string_equal(abc_job_state_name((abc_job_state)77), "unknown");
    assert_false(abc_job_state_is_final(ABC_JOB_STATE_INCOMPLETE));
    assert_false(abc_job_state_is_final(ABC_JOB_STATE_RUNNING));
    assert_true(abc_job_state_is_final(ABC_JOB_STATE_FAILED));
    assert_true(abc_job_state_is_final(ABC_JOB_STATE_CANCELLED));
}

static void test_free_null_is_noop(void **state) {
    (void)state;
    abc_error_free(NULL);
    abc_options_free(NULL);
    abc_workspace_free(NULL);
    abc_connection_free(NULL);
    abc_job_free(NULL);
    abc_job_list_free(NULL);
    abc_sync_options_free(NULL);
    abc_cancel_token_free(NULL);
    abc_waiter_free(NULL);
    abc_string_free(NULL);
    abc_cancel_token_cancel(NULL);
}

static void test_getters_accept_null(void **state) {
    (void)state;
    assert_int_equal(abc_error_status(NULL), ABC_OK);
    assert_string_equal(abc_error_message(NULL), "");
    assert_string_equal(abc_error_problem_type(NULL), "");
    assert_int_equal(abc_error_job_id(NULL), 0);
    assert_string_equal(abc_workspace_id(NULL), "");
    assert_string_equal(abc_connection_id(NULL), "");
    assert_int_equal(abc_job_id(NULL), 0);
    assert_int_equal(abc_job_status(NULL), ABC_JOB_STATE_UNKNOWN);
    assert_int_equal(abc_job_is_complete(NULL), 0);
    assert_string_equal(abc_job_url(NULL), "");
    assert_int_equal(abc_job_list_count(NULL), 0);
    assert_int_equal(abc_waiter_pending_count(NULL), 0);
    assert_int_equal(abc_cancel_token_is_cancelled(NULL), 0);
}

static void test_null_arguments_are_named(void **state) {
    (void)state;
    abc_error *error = NULL;
    abc_options *options = NULL;
    assert_int_equal(abc_options_new(&options, &error), ABC_OK);
    assert_null(error);

    assert_invalid_argument(abc_options_new(NULL, &error), "out");
    assert_invalid_argument(abc_options_set_api_url(NULL, "https://x", &error), "options");
    assert_invalid_argument(abc_options_set_api_url(options, NULL, &error), "api_url");
    assert_invalid_argument(abc_options_set_api_url(options, "", &error), "api_url");
    assert_invalid_argument(abc_options_set_api_url(options, "ftp://x", &error), "api_url");
    assert_invalid_argument(abc_options_set_bearer_token(options, "", &error), "token");
    assert_invalid_argument(abc_options_set_client_credentials(options, "id", NULL, &error), "client_secret");
    assert_invalid_argument(abc_options_set_client_credentials(options, NULL, "s", &error), "client_id");
    assert_invalid_argument(abc_options_set_connect_timeout_ms(options, 0, &error), "timeout_ms");
    assert_invalid_argument(abc_options_set_request_timeout_ms(options, -5, &error), "timeout_ms");
    assert_invalid_argument(abc_options_set_retry_policy(options, 0, 100, 200, 2.0, 1000, &error), "max_attempts");
    assert_invalid_argument(abc_options_set_retry_policy(options, 3, 100, 50, 2.0, 1000, &error), "max_backoff_ms");
    assert_invalid_argument(abc_options_set_retry_policy(options, 3, 100, 200, 0.5, 1000, &error), "backoff_multiplier");
    assert_invalid_argument(abc_options_set_verify_tls(options, 2, &error), "verify");
    assert_invalid_argument(abc_options_set_poll_interval(options, 500, 100, &error), "max_ms");
    assert_invalid_argument(abc_options_set_max_connections(options, 0, &error), "max_connections");
    assert_invalid_argument(abc_options_set_max_response_bytes(options, 10, &error), "max_bytes");
    assert_invalid_argument(abc_options_set_log_callback(options, NULL, NULL, (abc_log_level)9, &error), "max_level");

    abc_workspace *workspace = (abc_workspace *)0x1; /* must be reset to NULL on failure */
    assert_invalid_argument(abc_workspace_new(&workspace, NULL, options, &error), "workspace_id");
    assert_null(workspace);
    assert_invalid_argument(abc_workspace_new(&workspace, "", options, &error), "workspace_id");
    assert_invalid_argument(abc_workspace_new(NULL, "w", options, &error), "out");
    assert_invalid_argument(abc_workspace_connect(NULL, &error), "workspace");

    assert_int_equal(abc_options_set_api_url(options, "http://127.0.0.1:9/v1", &error), ABC_OK);
    /* Ids are UUIDs, checked before any request. */
    assert_invalid_argument(abc_workspace_new(&workspace, "ws", options, &error), "workspace_id");
    assert_int_equal(abc_workspace_new(&workspace, "9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f80", options, &error), ABC_OK);
    assert_non_null(workspace);

    abc_connection *connection = NULL;
    assert_invalid_argument(abc_connection_get(&connection, workspace, NULL, &error), "connection_id");
    assert_invalid_argument(abc_connection_get(&connection, workspace, "", &error), "connection_id");
    assert_invalid_argument(abc_connection_get(&connection, workspace, "c", &error), "connection_id");
    assert_invalid_argument(abc_connection_get(&connection, workspace, "5b3c3b43-0000-4000-8000-00000000000g", &error),
                            "connection_id");
    assert_invalid_argument(abc_connection_get(&connection, NULL, "c", &error), "workspace");
    const char *text = NULL;
    assert_invalid_argument(abc_connection_name(&text, NULL, &error), "connection");
    assert_invalid_argument(abc_connection_name(NULL, NULL, &error), "out");

    abc_job *job = NULL;
    assert_invalid_argument(abc_run_sync(&job, workspace, NULL, NULL, &error), "connection_id");
    assert_invalid_argument(abc_run_sync(&job, workspace, "", NULL, &error), "connection_id");
    assert_invalid_argument(abc_run_sync(&job, workspace, "5b3c3b43-0000-4000-8000-000000000000\n", NULL, &error),
                            "connection_id");
    assert_invalid_argument(abc_run_sync(&job, NULL, "c", NULL, &error), "workspace");
    assert_invalid_argument(abc_run_sync(NULL, workspace, "c", NULL, &error), "out");
    assert_invalid_argument(abc_job_get(&job, workspace, 0, &error), "job_id");
    assert_invalid_argument(abc_job_get(&job, workspace, -3, &error), "job_id");
    assert_invalid_argument(abc_job_refresh(NULL, &error), "job");
    assert_invalid_argument(abc_job_wait(NULL, NULL, &error), "job");
    assert_invalid_argument(abc_job_cancel(NULL, &error), "job");
    assert_invalid_argument(abc_job_check_failure(NULL, &error), "job");

    abc_job_list *list = NULL;
    assert_invalid_argument(abc_connection_list_jobs(&list, NULL, 10, 0, &error), "connection");
    assert_invalid_argument(abc_job_list_get(&job, NULL, 0, &error), "list");

    abc_sync_options *sync = NULL;
    assert_int_equal(abc_sync_options_new(&sync, NULL), ABC_OK);
    assert_invalid_argument(abc_sync_options_set_timeout_ms(sync, 0, &error), "timeout_ms");
    assert_invalid_argument(abc_sync_options_set_wait(sync, 5, &error), "wait");
    assert_invalid_argument(abc_sync_options_set_wait(NULL, 1, &error), "options");

    abc_waiter *waiter = NULL;
    assert_invalid_argument(abc_waiter_new(&waiter, NULL, &error), "workspace");
    assert_int_equal(abc_waiter_new(&waiter, workspace, NULL), ABC_OK);
    size_t index = 0;
    assert_invalid_argument(abc_waiter_add(waiter, NULL, &index, &error), "job");
    assert_invalid_argument(abc_waiter_next(&index, waiter, 0, NULL, &error), "timeout_ms");
    assert_invalid_argument(abc_waiter_next(NULL, waiter, 10, NULL, &error), "out_index");
    /* Nothing added: the waiter says so instead of blocking. */
    assert_int_equal(abc_waiter_next(&index, waiter, 10, NULL, NULL), ABC_ERROR_NOT_FOUND);

    char *secret = NULL;
    assert_invalid_argument(abc_secret_get(&secret, "", &error), "name");

    abc_waiter_free(waiter);
    abc_sync_options_free(sync);
    abc_workspace_free(workspace);
    abc_options_free(options);
}

static void test_error_parameter_is_optional(void **state) {
    (void)state;
    assert_int_equal(abc_workspace_new(NULL, NULL, NULL, NULL), ABC_ERROR_INVALID_ARGUMENT);
    abc_error *error = (abc_error *)0x1; /* set to NULL on success */
    abc_options *options = NULL;
    assert_int_equal(abc_options_new(&options, &error), ABC_OK);
    assert_null(error);
    abc_options_free(options);
}

static void test_secret_from_environment(void **state) {
    (void)state;
    char *secret = NULL;
    abc_error *error = NULL;
    setenv("ABC_TEST_SECRET_VALUE", "s3cr3t-value", 1);
    assert_int_equal(abc_secret_get(&secret, "ABC_TEST_SECRET_VALUE", &error), ABC_OK);
    assert_string_equal(secret, "s3cr3t-value");
    abc_string_free(secret);
    unsetenv("ABC_TEST_SECRET_VALUE");
    assert_int_equal(abc_secret_get(&secret, "ABC_TEST_SECRET_VALUE", &error), ABC_ERROR_NOT_FOUND);
    assert_null(secret);
    assert_non_null(strstr(abc_error_message(error), "ABC_TEST_SECRET_VALUE"));
    abc_error_free(error);
}

static void test_workspace_from_environment(void **state) {
    (void)state;
    abc_workspace *workspace = NULL;
    abc_error *error = NULL;
    unsetenv("AIRBYTE_CLOUD_WORKSPACE_ID");
    assert_int_equal(abc_workspace_new_from_environment(&workspace, NULL, &error), ABC_ERROR_INVALID_ARGUMENT);
    assert_non_null(strstr(abc_error_message(error), "AIRBYTE_CLOUD_WORKSPACE_ID"));
    abc_error_free(error);
    error = NULL;

    setenv("AIRBYTE_CLOUD_WORKSPACE_ID", "11111111-2222-3333-4444-555555555555", 1);
    setenv("AIRBYTE_CLOUD_API_URL", "http://airbyte.example:8000/api/public/v1", 1);
    setenv("AIRBYTE_CLOUD_API_KEY", "key", 1);
    assert_int_equal(abc_workspace_new_from_environment(&workspace, NULL, &error), ABC_OK);
    assert_string_equal(abc_workspace_id(workspace), "11111111-2222-3333-4444-555555555555");
    assert_string_equal(abc_workspace_api_url(workspace), "http://airbyte.example:8000/api/public/v1");
    assert_string_equal(abc_workspace_url(workspace),
                        "http://airbyte.example:8000/workspaces/11111111-2222-3333-4444-555555555555");
    abc_workspace_free(workspace);
    unsetenv("AIRBYTE_CLOUD_WORKSPACE_ID");
    unsetenv("AIRBYTE_CLOUD_API_URL");
    unsetenv("AIRBYTE_CLOUD_API_KEY");
}

static void test_urls_of_ids(void **state) {
    (void)state;
    abc_workspace *workspace = NULL;
    assert_int_equal(abc_workspace_new(&workspace, "9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f80", NULL, NULL), ABC_OK);
    assert_string_equal(abc_workspace_url(workspace),
                        "https://cloud.airbyte.com/workspaces/9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f80");
    abc_connection *connection = NULL;
    /* An id that could change the URL never gets that far. */
    assert_int_equal(abc_connection_get(&connection, workspace, "../x?y", NULL), ABC_ERROR_INVALID_ARGUMENT);
    assert_int_equal(abc_connection_get(&connection, workspace, "5B3C3B43-0000-4000-8000-000000000000", NULL), ABC_OK);
    assert_string_equal(abc_connection_url(connection),
                        "https://cloud.airbyte.com/workspaces/9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f80/connections/"
                        "5B3C3B43-0000-4000-8000-000000000000");
    assert_string_equal(abc_connection_job_history_url(connection),
                        "https://cloud.airbyte.com/workspaces/9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f80/connections/"
                        "5B3C3B43-0000-4000-8000-000000000000/job-history");
    abc_connection_free(connection);
    abc_workspace_free(workspace);
}

static void test_library_init_is_refcounted(void **state) {
    (void)state;
    assert_int_equal(abc_library_init(), ABC_OK);
    assert_int_equal(abc_library_init(), ABC_OK);
    abc_library_shutdown();
    abc_library_shutdown();
    abc_library_shutdown(); /* one too many: ignored */
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_strerror_is_static_and_distinct),
        cmocka_unit_test(test_status_values_never_renumbered),
        cmocka_unit_test(test_job_state_names),
        cmocka_unit_test(test_free_null_is_noop),
        cmocka_unit_test(test_getters_accept_null),
        cmocka_unit_test(test_null_arguments_are_named),
        cmocka_unit_test(test_error_parameter_is_optional),
        cmocka_unit_test(test_secret_from_environment),
        cmocka_unit_test(test_workspace_from_environment),
        cmocka_unit_test(test_urls_of_ids),
        cmocka_unit_test(test_library_init_is_refcounted),
    };
    return cmocka_run_group_tests_name("abi", tests, NULL, NULL);
}
