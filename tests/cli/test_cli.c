/* The airbyte-cloud tool against airbyte-cloud-emulator: golden tables and --json documents,
 * every exit code, one-line errors, --help everywhere, no control characters off a terminal,
 * the live progress line under a pseudo-terminal, secrets never printed. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli_runner.h"
#include "emulator_fixture.h"
#include "test_util.h"


typedef struct fixture_connection {
    char name[32];
    emulator_connection ids;
} fixture_connection;

static fixture_connection golden, succeeding, failing, slow;

/* ---- set-up ---- */

static void create_connection(fixture_connection *c, const char *name, const char *outcome,
                              int duration_ms) {
    char path[128], prefix[64], tag[64];
    snprintf(c->name, sizeof c->name, "%s", name);
    snprintf(path, sizeof path, "/local/%s.duckdb", name);
    snprintf(prefix, sizeof prefix, "%s_", name);
    emulator_create_connection(&emulator, name, 1000, path, prefix, &c->ids);
    emulator_set_behaviour(&emulator, c->ids.connection_id, outcome, duration_ms);
    snprintf(tag, sizeof tag, "<CONNECTION:%s>", name);
    cli_normalise_add(c->ids.connection_id, tag);
    snprintf(tag, sizeof tag, "<SOURCE:%s>", name);
    cli_normalise_add(c->ids.source_id, tag);
    snprintf(tag, sizeof tag, "<DESTINATION:%s>", name);
    cli_normalise_add(c->ids.destination_id, tag);
}

static int group_setup(void **state) {
    (void)state;
    const char *const args[] = {"--job-duration-ms", "1000", NULL};
    if (emulator_start(&emulator, args) != 0)
        return -1;
    cli_normalise_add(emulator.workspace_id, "<WORKSPACE>");
    cli_normalise_add(emulator.url, "http://EMULATOR");
    create_connection(&golden, "golden", "succeeded", 1000);
    create_connection(&succeeding, "succeeding", "succeeded", 2500);
    create_connection(&failing, "failing", "failed", 300);
    create_connection(&slow, "slow", "running", 600000);
    /* The CLI reads its settings from the environment; tests override them per call. */
    emulator_export_settings(&emulator);
    return 0;
}

static int group_teardown(void **state) {
    (void)state;
    emulator_stop(&emulator);
    return 0;
}

/* ---- helpers ---- */

#define ARGS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Runs through pipes and checks what every non-terminal run must satisfy: no control character
 * on stdout or stderr; on failure exactly one line on stderr, "airbyte-cloud: ...". */
static void run(cli_result *result, const char *const *argv) {
    cli_run(result, argv, 0, 0);
    long at = cli_find_control(result->out);
    if (at >= 0)
        fail_msg("control character 0x%02x in stdout at %ld:\n%s", (unsigned char)result->out[at],
                 at, result->out);
    at = cli_find_control(result->err);
    if (at >= 0)
        fail_msg("control character 0x%02x in stderr at %ld:\n%s", (unsigned char)result->err[at],
                 at, result->err);
}

/* run(), and fails the test (showing the output) unless the tool exited with `exit_code`. */
static void run_expect(cli_result *result, const char *const *argv, int exit_code) {
    run(result, argv);
    if (result->exit_code != exit_code)
        fail_msg("'%s %s' exited %d, expected %d\nstdout:\n%s\nstderr:\n%s", argv[0],
                 argv[1] ? argv[1] : "", result->exit_code, exit_code, result->out, result->err);
}

static size_t count_lines(const char *text) {
    size_t lines = 0;
    for (const char *p = text; *p; ++p)
        lines += *p == '\n';
    return lines;
}

/* The last line of stderr is the error; there is exactly one error line. */
static void assert_one_error_line(const cli_result *result) {
    size_t errors = 0;
    for (const char *p = result->err; p && *p;) {
        if (strncmp(p, "airbyte-cloud: ", 15) == 0)
            ++errors;
        const char *newline = strchr(p, '\n');
        if (newline == NULL)
            break;
        p = newline + 1;
    }
    if (errors != 1)
        fail_msg("expected one error line on stderr, got %zu:\n%s", errors, result->err);
    size_t length = strlen(result->err);
    assert_true(length > 0 && result->err[length - 1] == '\n');
}

/* The run of `command` exited with `exit_code`, with one error line when that is not 0, and
 * stderr contains `stderr_contains` (unless NULL). */
static void check_exit(const cli_result *result, const char *command, int exit_code,
                       const char *stderr_contains) {
    if (result->exit_code != exit_code) {
        fail_msg("'%s ...' exited %d, expected %d\nstdout:\n%s\nstderr:\n%s", command,
                 result->exit_code, exit_code, result->out, result->err);
    }
    if (exit_code != 0)
        assert_one_error_line(result);
    if (stderr_contains != NULL && strstr(result->err, stderr_contains) == NULL) {
        fail_msg("stderr lacks '%s':\n%s", stderr_contains, result->err);
    }
}

static void expect_exit(const char *const *argv, int exit_code, const char *stderr_contains) {
    cli_result result;
    run(&result, argv);
    check_exit(&result, argv[0], exit_code, stderr_contains);
    cli_result_free(&result);
}

static void expect_golden(const char *name, const char *const *argv) {
    cli_result result;
    run(&result, argv);
    if (result.exit_code != 0)
        fail_msg("%s: exit %d\n%s%s", name, result.exit_code, result.out, result.err);
    char *normalised = cli_normalise(result.out);
    if (cli_golden_compare(name, normalised) != 0)
        fail_msg("golden output differs: %s", name);
    free(normalised);
    cli_result_free(&result);
}

static long long job_id_from_json(const char *text) {
    cJSON *root = cJSON_Parse(text);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, "jobId");
    long long value = cJSON_IsNumber(id) ? (long long)id->valuedouble : 0;
    cJSON_Delete(root);
    if (value <= 0)
        fail_msg("no jobId in:\n%s", text);
    return value;
}

/* The jobId of the JSON the tool printed, as text for the next command line. */
static const char *job_id_text(char out[32], const cli_result *result) {
    snprintf(out, 32, "%lld", job_id_from_json(result->out));
    return out;
}

/* Runs argv (with --json): it must exit with exit_code and print {"error": {"code": code}}. */
static void expect_json_error(const char *const *argv, int exit_code, const char *code) {
    cli_result result;
    run(&result, argv);
    assert_int_equal(result.exit_code, exit_code);
    cJSON *root = cJSON_Parse(result.out);
    assert_non_null(root);
    const cJSON *printed = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(root, "error"), "code");
    assert_string_equal(cJSON_IsString(printed) ? printed->valuestring : "", code);
    cJSON_Delete(root);
    cli_result_free(&result);
}

/* ---- golden output (these run first: the fresh emulator numbers the jobs 1, 2...) ---- */

static void test_golden_help(void **state) {
    (void)state;
    expect_golden("help.txt", ARGS("--help"));
    expect_golden("help.txt", (const char *const[]){NULL}); /* a bare invocation: the full help */
    expect_golden("help_jobs.txt", ARGS("jobs", "--help"));
    expect_golden("help_sync.txt", ARGS("help", "sync"));
    expect_golden("help_wait.txt", ARGS("wait", "-h"));
}

static void test_golden_check(void **state) {
    (void)state;
    expect_golden("check.txt", ARGS("check"));
    expect_golden("check.json", ARGS("check", "--json"));
}

static void test_golden_connection(void **state) {
    (void)state;
    expect_golden("connections_show.txt", ARGS("connections", "show", golden.ids.connection_id));
    expect_golden("connections_show.json",
                  ARGS("--json", "connections", "show", golden.ids.connection_id));
}

static void test_golden_sync_and_history(void **state) {
    (void)state;
    /* job 1, then job 2 */
    expect_golden("sync.txt", ARGS("sync", golden.ids.connection_id, "--poll-interval", "100"));
    expect_golden("sync.json",
                  ARGS("sync", golden.ids.connection_id, "--json", "--poll-interval", "100"));
    expect_golden("jobs_list.txt", ARGS("jobs", "list", golden.ids.connection_id));
    expect_golden("jobs_list.json", ARGS("jobs", "list", golden.ids.connection_id, "--json"));
    expect_golden("jobs_list_limit.txt",
                  ARGS("jobs", "list", "--limit", "1", golden.ids.connection_id));
    expect_golden("jobs_show.txt", ARGS("jobs", "show", "1"));
    expect_golden("jobs_show.json", ARGS("jobs", "show", "1", "--json"));
    expect_golden("wait.txt", ARGS("wait", "1", "2"));
    expect_golden("wait.json", ARGS("--json", "wait", "2", "1"));
}

static void test_golden_resources(void **state) {
    (void)state;
    expect_golden("workspaces_list.txt", ARGS("workspaces", "list"));
    expect_golden("workspaces_list.json", ARGS("workspaces", "list", "--json"));
    expect_golden("sources_list.txt", ARGS("sources", "list", "--name", "GOLDEN"));
    expect_golden("sources_list.json", ARGS("sources", "list", "--name", "golden", "--json"));
    expect_golden("sources_show.txt", ARGS("sources", "show", golden.ids.source_id));
    expect_golden("sources_show.json", ARGS("sources", "show", golden.ids.source_id, "--json"));
    expect_golden("destinations_list.txt", ARGS("destinations", "list", "--name", "golden"));
    expect_golden("destinations_list.json",
                  ARGS("destinations", "list", "--name", "golden", "--json"));
    expect_golden("destinations_show.txt", ARGS("destinations", "show", golden.ids.destination_id));
    expect_golden("destinations_show.json",
                  ARGS("destinations", "show", golden.ids.destination_id, "--json"));
    expect_golden("connections_list.txt", ARGS("connections", "list", "--name", "golden"));
    expect_golden("connections_list.json",
                  ARGS("connections", "list", "--name", "golden", "--json"));
    expect_golden("streams.txt", ARGS("streams", golden.ids.source_id));
    expect_golden("streams.json", ARGS("streams", golden.ids.source_id, "--json"));
}

static char *json_string_field(const char *text, const char *name) {
    cJSON *root = cJSON_Parse(text);
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(root, name);
    char *value = cJSON_IsString(item) ? strdup(item->valuestring) : NULL;
    cJSON_Delete(root);
    if (value == NULL)
        fail_msg("no %s in:\n%s", name, text);
    return value;
}

static void test_create_resources(void **state) {
    (void)state;
    cli_result result;
    run_expect(&result,
               ARGS("sources", "create", "created-faker", "--type", "faker", "--config",
                    "{\"count\": 20}", "--json"),
               0);
    char *source = json_string_field(result.out, "sourceId");
    cli_result_free(&result);

    /* the configuration from a file keeps the password out of argv; it comes back masked */
    char path[] = "/tmp/abc-cli-config-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char *config =
        "{\"destination_path\": \"/local/created.duckdb\", \"motherduck_api_key\": "
        "\"md-s3cr3t-value\"}";
    assert_int_equal(write(fd, config, strlen(config)), (ssize_t)strlen(config));
    close(fd);
    run(&result, ARGS("destinations", "create", "created-duckdb", "--type", "duckdb",
                      "--config-file", path, "--json"));
    unlink(path);
    assert_int_equal(result.exit_code, 0);
    assert_null(strstr(result.out, "md-s3cr3t-value"));
    char *destination = json_string_field(result.out, "destinationId");
    cli_result_free(&result);

    run(&result,
        ARGS("connections", "create", "created-connection", "--source", source, "--destination",
             destination, "--streams", "users,purchases:full_refresh_append", "--prefix", "made_"));
    assert_int_equal(result.exit_code, 0);
    assert_non_null(strstr(result.out, "Streams:         users, purchases"));
    assert_non_null(strstr(result.out, "Prefix:          made_"));
    cli_result_free(&result);

    expect_exit(ARGS("sources", "create", "bad", "--type", "faker", "--config", "{not json"), 2,
                "JSON object");
    expect_exit(ARGS("sources", "create", "bad", "--type", "faker"), 2, "--config");
    expect_exit(ARGS("sources", "create", "bad", "--config", "{}", "--config-file", "/nonexistent"),
                2, NULL);
    expect_exit(ARGS("sources", "create", "bad", "--config-file", "/nonexistent/config.json"), 2,
                "cannot read");
    expect_exit(ARGS("connections", "create", "bad", "--source", source), 2, "--destination");
    expect_exit(ARGS("connections", "create", "bad", "--source", source, "--destination",
                     destination, "--streams", "users:sideways"),
                2, NULL);
    free(source);
    free(destination);
}

/* Runs a command that must succeed and whose stdout must contain `expected`; returns stdout. */
static char *expect_output(const char *const *argv, const char *expected) {
    cli_result result;
    run(&result, argv);
    if (result.exit_code != 0 || strstr(result.out, expected) == NULL) {
        fail_msg("'%s %s' exited %d without '%s' on stdout\nstdout:\n%s\nstderr:\n%s", argv[0],
                 argv[1], result.exit_code, expected, result.out, result.err);
    }
    char *out = strdup(result.out);
    cli_result_free(&result);
    return out;
}

static void test_api_command(void **state) {
    (void)state;
    free(expect_output(ARGS("api", "GET", "/workspaces"), emulator.workspace_id));
    free(expect_output(ARGS("api", "GET", "/workspaces", "--paginate"), "\"data\""));
    free(expect_output(ARGS("api", "GET", "/health"), "Successful operation"));
    char body[256];
    snprintf(body, sizeof body, "{\"name\":\"api tag\",\"color\":\"00FF00\",\"workspaceId\":\"%s\"}",
             emulator.workspace_id);
    free(expect_output(ARGS("api", "POST", "/tags", "--data", body), "\"tagId\""));
    /* 4xx answers: exit code and one stderr line with the HTTP status and the problem's detail
     * (docs/CLI.md, "Exit codes"). */
    expect_exit(ARGS("api", "GET", "/sources/00000000-0000-4000-8000-000000000000"), 4,
                "HTTP 404 resource-not-found");
    expect_exit(ARGS("api", "POST", "/tags", "--data", "{\"name\":\"no colour\"}"), 1,
                "HTTP 400 bad-request");
    expect_exit(ARGS("api", "GET", "no-slash"), 2, "must start with '/'");
    expect_exit(ARGS("api", "POST", "/tags", "--data", "@/nonexistent/body.json"), 2, "--data");
    expect_json_error(ARGS("--json", "api", "GET", "/jobs/987654321"), 4, "not_found");
}

static void test_tags_and_people_commands(void **state) {
    (void)state;
    char *out = expect_output(ARGS("tags", "create", "nightly", "1E90FF", "--json"), "nightly");
    char *tag = json_string_field(out, "tagId");
    free(out);
    free(expect_output(ARGS("tags", "update", tag, "--color", "FF0000"), "FF0000"));
    free(expect_output(ARGS("connections", "update", succeeding.ids.connection_id, "--tag", tag),
                       succeeding.name));
    char path[128];
    snprintf(path, sizeof path, "/connections?tagIds=%s", tag);
    free(expect_output(ARGS("api", "GET", path), "\"FF0000\"")); /* tagged, with its new colour */
    free(expect_output(ARGS("tags", "list"), "nightly"));
    free(expect_output(ARGS("tags", "delete", tag), "Deleted tag"));
    expect_exit(ARGS("tags", "show", tag), 4, NULL);
    free(tag);

    out = expect_output(ARGS("organizations", "list", "--json"), "Emulator Organization");
    cJSON *root = cJSON_Parse(out);
    const cJSON *first = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "organizations"), 0);
    char organization[64];
    snprintf(organization, sizeof organization, "%s",
             cJSON_GetObjectItem(first, "organizationId")->valuestring);
    cJSON_Delete(root);
    free(out);
    free(expect_output(ARGS("users", "list", organization), "admin@emulator.example"));
    free(expect_output(ARGS("permissions", "list", "--organization", organization),
                       "organization_admin"));
    expect_exit(ARGS("permissions", "create", "00000000-0000-4000-8000-000000000000",
                     "workspace_reader", emulator.workspace_id),
                4, NULL);
}

static void test_definition_workspace_and_job_commands(void **state) {
    (void)state;
    const char *manifest =
        "{\"version\":\"6.0.0\",\"type\":\"DeclarativeSource\",\"check\":{\"type\":\"CheckStream\"},"
        "\"streams\":[],\"spec\":{\"connection_specification\":{\"type\":\"object\"}}}";
    char *out = expect_output(ARGS("definitions", "create", "low-code", "--manifest", manifest,
                                   "--json"),
                              "\"version\": 1");
    char *definition = json_string_field(out, "id");
    free(out);
    free(expect_output(ARGS("definitions", "list"), "low-code"));
    free(expect_output(ARGS("definitions", "delete", definition), "Deleted definition"));
    free(definition);
    expect_exit(ARGS("definitions", "create", "bare", "--manifest", "{\"version\":\"6.0.0\"}"), 1,
                "manifest is missing");

    out = expect_output(ARGS("workspaces", "create", "cli workspace", "--json"), "cli workspace");
    char *workspace = json_string_field(out, "workspaceId");
    free(out);
    expect_exit(ARGS("workspaces", "delete", workspace), 1, "safe mode refused");
    free(expect_output(ARGS("workspaces", "rename", workspace, "cli workspace deleteme"),
                       "deleteme"));
    free(expect_output(ARGS("workspaces", "delete", workspace), "Deleted workspace"));
    free(workspace);

    static fixture_connection resettable; /* its own: a running reset blocks other jobs */
    create_connection(&resettable, "resettable", "succeeded", 50);
    free(expect_output(ARGS("jobs", "start", resettable.ids.connection_id, "--type", "reset"),
                       "reset"));
    free(expect_output(ARGS("jobs", "list", resettable.ids.connection_id, "--type", "reset"), "reset"));
    expect_exit(ARGS("jobs", "list", resettable.ids.connection_id, "--status", "sideways"), 2,
                "--status");
    free(expect_output(ARGS("sources", "rename", slow.ids.source_id, "slow source renamed"),
                       "slow source renamed"));
}

/* ---- exit codes ---- */

static void test_exit_usage(void **state) {
    (void)state;
    expect_exit(ARGS("frobnicate"), 2, "unknown command 'frobnicate'");
    expect_exit(ARGS("jobs"), 2, "needs a subcommand");
    expect_exit(ARGS("jobs", "explode"), 2, "unknown command 'jobs explode'");
    expect_exit(ARGS("sync"), 2, "missing argument");
    expect_exit(ARGS("jobs", "show", "1", "2"), 2, "unexpected argument '2'");
    expect_exit(ARGS("jobs", "show", "twelve"), 2, "JOB_ID must be a whole number");
    expect_exit(ARGS("jobs", "list", golden.ids.connection_id, "--limit", "0"), 2, "--limit");
    expect_exit(ARGS("sync", golden.ids.connection_id, "--timeout", "soon"), 2, "--timeout");
    expect_exit(ARGS("check", "--bogus"), 2, "unknown option '--bogus'");
    expect_exit(ARGS("check", "--json=yes"), 2, "takes no value");
    expect_exit(ARGS("check", "--api-url"), 2, "needs a value");
    expect_exit(ARGS("check", "--api-url", "ftp://nowhere"), 2, NULL);
    expect_exit(ARGS("--json"), 2, "no command given");
    /* "did you mean": the closest command or option when it is a likely typo */
    expect_exit(ARGS("jbos"), 2, "unknown command 'jbos'; did you mean 'jobs'?");
    expect_exit(ARGS("jobs", "lsit"), 2, "did you mean 'jobs list'?");
    expect_exit(ARGS("jobs", "list", golden.ids.connection_id, "--limt", "3"), 2,
                "unknown option '--limt'; did you mean '--limit'?");
    expect_exit(ARGS("check", "--jsno"), 2, "did you mean '--json'?");
    expect_exit(ARGS("frobnicate"), 2, "see 'airbyte-cloud --help' for the commands");

    /* no workspace id at all */
    char *saved = strdup(getenv("AIRBYTE_CLOUD_WORKSPACE_ID"));
    unsetenv("AIRBYTE_CLOUD_WORKSPACE_ID");
    expect_exit(ARGS("check"), 2, "AIRBYTE_CLOUD_WORKSPACE_ID");
    /* ... which workspaces list does not need: it is how you find your workspace id */
    expect_exit(ARGS("workspaces", "list"), 0, NULL);
    setenv("AIRBYTE_CLOUD_WORKSPACE_ID", saved, 1);
    free(saved);

    /* with --json the error is also the one document on stdout */
    expect_json_error(ARGS("jobs", "show", "x", "--json"), 2, "usage");
}

/* Issue 16: URLs with user information are masked everywhere, unusable API URLs are usage
 * errors before any request, a missing /v1 is hinted at, and messages speak in flags. */
static void test_api_url_checked_and_masked(void **state) {
    (void)state;
    expect_exit(ARGS("check", "--api-url", "http://"), 2, "no host name");
    expect_exit(ARGS("check", "--api-url", "http://127.0.0.1:99999/v1"), 2, "port");
    expect_exit(ARGS("check", "--api-url", "http://exa mple.com/v1"), 2, "blank");

    /* user:secret@ in --api-url: never printed, whether the call works or fails */
    char with_secret[256], without_root[256];
    const char *host = strstr(emulator.api_url, "://") + 3;
    snprintf(with_secret, sizeof with_secret, "http://user:s3cr3t-pw@%s", host);
    const char *const check_json[] = {"check", "--json", "--api-url", with_secret, NULL};
    cli_result result;
    run_expect(&result, check_json, 0);
    assert_null(strstr(result.out, "s3cr3t-pw"));
    assert_non_null(strstr(result.out, "***@"));
    cli_result_free(&result);
    const char *const show[] = {"connections", "show",      golden.ids.connection_id,
                                "--api-url",   with_secret, NULL};
    run_expect(&result, show, 0);
    assert_null(strstr(result.out, "s3cr3t-pw"));
    cli_result_free(&result);
    snprintf(without_root, sizeof without_root, "http://user:s3cr3t-pw@%.*s",
             (int)(strlen(host) - 3), host);
    const char *const no_root[] = {"check", "--api-url", without_root, NULL};
    run(&result, no_root);
    assert_int_not_equal(result.exit_code, 0);
    assert_null(strstr(result.err, "s3cr3t-pw"));
    if (strstr(result.err, "does not end in /v1") == NULL)
        fail_msg("no /v1 hint:\n%s", result.err);
    cli_result_free(&result);

    /* a bad id: the message names the tool's argument, not a C function */
    run_expect(&result, ARGS("sync", "not-a-uuid"), 2);
    assert_null(strstr(result.err, "abc_"));
    cli_result_free(&result);
}

static void test_exit_auth(void **state) {
    (void)state;
    expect_exit(ARGS("check", "--api-key", "not-the-key"), 3, "credentials");
    expect_exit(ARGS("jobs", "show", "1", "--api-key", "not-the-key"), 3, NULL);
    char *saved = strdup(getenv("AIRBYTE_CLOUD_API_KEY"));
    unsetenv("AIRBYTE_CLOUD_API_KEY");
    expect_exit(ARGS("check"), 3, "no credentials");
    expect_exit(ARGS("check", "--client-id", "someone"), 2, "--client-secret");
    expect_exit(ARGS("check", "--client-id", emulator.client_id, "--client-secret", "wrong-secret"),
                3, NULL);
    expect_exit(
        ARGS("check", "--client-id", emulator.client_id, "--client-secret", emulator.client_secret),
        0, NULL);
    setenv("AIRBYTE_CLOUD_API_KEY", saved, 1);
    free(saved);
}

static void test_exit_not_found(void **state) {
    (void)state;
    const char *missing = "00000000-0000-4000-8000-000000000000";
    expect_exit(ARGS("jobs", "show", "999999"), 4, "jobs list");
    expect_exit(ARGS("jobs", "cancel", "999999"), 4, NULL);
    expect_exit(ARGS("wait", "999999"), 4, NULL);
    expect_exit(ARGS("connections", "show", missing), 4, "connection id");
    expect_exit(ARGS("sync", missing), 4, NULL);
    expect_exit(ARGS("jobs", "list", missing), 4, NULL);
    expect_exit(ARGS("check", "--workspace-id", missing), 4, missing);
    expect_exit(ARGS("sources", "show", missing), 4, "sources list");
    expect_exit(ARGS("destinations", "show", missing), 4, "destinations list");
    expect_exit(ARGS("streams", missing), 4, NULL);

    expect_json_error(ARGS("--json", "jobs", "show", "999999"), 4, "not_found");
}

static void test_exit_sync_failed(void **state) {
    (void)state;
    cli_result result;
    run_expect(&result, ARGS("sync", failing.ids.connection_id, "--json", "--poll-interval", "100"),
               5);
    assert_one_error_line(&result);
    cJSON *root = cJSON_Parse(result.out); /* the failed job is the document */
    assert_non_null(root);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "status")->valuestring, "failed");
    cJSON_Delete(root);
    char id[32], ok_id[32];
    job_id_text(id, &result);
    cli_result_free(&result);
    expect_exit(ARGS("wait", id), 5, "failed");

    /* wait for several: one fails, one succeeds -> 5, and both are reported */
    run_expect(&result, ARGS("sync", succeeding.ids.connection_id, "--no-wait", "--json"), 0);
    job_id_text(ok_id, &result);
    cli_result_free(&result);
    run_expect(&result, ARGS("wait", ok_id, id, "--poll-interval", "100"), 5);
    assert_non_null(strstr(result.out, "succeeded"));
    assert_non_null(strstr(result.out, "failed"));
    assert_int_equal(count_lines(result.out), 3); /* header + one line per job */
    cli_result_free(&result);
}

static void test_exit_timeout_and_cancel(void **state) {
    (void)state;
    cli_result result;
    run(&result,
        ARGS("sync", slow.ids.connection_id, "--timeout", "1s", "--json", "--poll-interval", "100"));
    check_exit(&result, "sync", 6, "wait ");
    char id[32];
    job_id_text(id, &result);
    cli_result_free(&result);

    expect_exit(ARGS("wait", id, "--timeout", "500ms"), 6, "still running");
    /* --attach waits for the job already running instead of failing with 409 */
    run_expect(&result,
               ARGS("sync", slow.ids.connection_id, "--attach", "--timeout", "300ms", "--json"), 6);
    char attached[32];
    assert_string_equal(job_id_text(attached, &result), id);
    cli_result_free(&result);
    /* SIGTERM while waiting for jobs: the wait stops, the jobs go on */
    cli_run_signal_on(&result, ARGS("wait", id, "--poll-interval", "100"), "job ", SIGTERM);
    check_exit(&result, "wait", 130, "still running");
    cli_result_free(&result);
    /* a second sync while one runs: the API's 409, exit 1, with the way out */
    expect_exit(ARGS("sync", slow.ids.connection_id), 1, "--attach");

    run_expect(&result, ARGS("jobs", "cancel", id, "--json"), 0);
    cJSON *root = cJSON_Parse(result.out);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(root, "status")->valuestring, "cancelled");
    cJSON_Delete(root);
    cli_result_free(&result);
    /* waiting for a cancelled job reports it as not succeeded */
    expect_exit(ARGS("wait", id), 5, NULL);
    /* cancelling it again is a no-op */
    expect_exit(ARGS("jobs", "cancel", id), 0, NULL);
}

static void test_exit_unreachable(void **state) {
    (void)state;
    /* a port nothing listens on */
    int port = test_free_port();
    assert_true(port > 0);
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/v1", port);
    expect_exit(ARGS("check", "--api-url", url), 7, "--api-url");
}

static void test_exit_interrupted(void **state) {
    (void)state;
    cli_result result;
    cli_run_signal_on(&result, ARGS("sync", slow.ids.connection_id, "--json", "--poll-interval", "100"),
                      "job ", SIGINT);
    check_exit(&result, "sync", 130, "jobs cancel");
    char id[32];
    job_id_text(id, &result);
    cli_result_free(&result);
    expect_exit(ARGS("jobs", "cancel", id), 0, NULL);
}

/* ---- reading rows back (needs the test PostgreSQL: scripts/postgres.sh) ---- */

static void test_read(void **state) {
    (void)state;
    test_postgres pg;
    if (test_postgres_from_env(&pg) != 0) {
        skip();
    }
    /* A destination in a schema of its own; the password reaches the CLI through a variable. */
    char schema[64], body[1024];
    snprintf(schema, sizeof schema, "cli_read_%ld", (long)getpid());
    snprintf(
        body, sizeof body,
        "{\"name\":\"read-postgres\",\"workspaceId\":\"%s\",\"configuration\":{\"destinationType\":"
        "\"postgres\",\"host\":\"%s\",\"port\":%d,\"database\":\"%s\",\"schema\":\"%s\","
        "\"username\":\"%s\",\"password\":\"%s\",\"ssl_mode\":{\"mode\":\"disable\"}}}",
        emulator.workspace_id, pg.host, pg.port, pg.database, schema, pg.user, pg.password);
    char *response = emulator_post_ok(&emulator, "/v1/destinations", body);
    char destination[64], connection[64];
    emulator_copy_id(response, "destinationId", destination);
    free(response);
    snprintf(body, sizeof body,
             "{\"name\":\"read\",\"sourceId\":\"%s\",\"destinationId\":\"%s\",\"prefix\":\"faker_"
             "\",\"configurations\":{\"streams\":[{\"name\":\"users\",\"syncMode\":\"full_refresh_"
             "overwrite\"},{\"name\":\"products\",\"syncMode\":\"full_refresh_overwrite\"}]}}",
             golden.ids.source_id, destination);
    response = emulator_post_ok(&emulator, "/v1/connections", body);
    emulator_copy_id(response, "connectionId", connection);
    free(response);
    cli_normalise_add(connection, "<CONNECTION:read>");
    cli_normalise_add(schema, "<SCHEMA>");

    cli_result result;
    run_expect(&result, ARGS("sync", connection, "--json", "--poll-interval", "100"), 0);
    char job_text[32];
    job_id_text(job_text, &result);
    cli_result_free(&result);

    /* the API masks the password: without one the read says which variable to set */
    unsetenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD");
    expect_exit(ARGS("read", connection, "users", "--limit", "1"), 2,
                "AIRBYTE_CLOUD_POSTGRES_PASSWORD");
    setenv("ABC_CLI_TEST_PG_PASSWORD", pg.password, 1);

    /* the faker's rows are deterministic: golden JSON Lines and CSV, without Airbyte's columns */
    expect_golden("read_users.jsonl",
                  ARGS("read", connection, "users", "--limit", "3", "--no-airbyte-columns",
                       "--password-env", "ABC_CLI_TEST_PG_PASSWORD"));
    expect_golden("read_products.csv",
                  ARGS("read", connection, "products", "--format", "csv", "--limit", "4",
                       "--no-airbyte-columns", "--job", job_text, "--password-env",
                       "ABC_CLI_TEST_PG_PASSWORD"));
    setenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD", pg.password, 1);
    /* every row, Airbyte's columns included; the summary goes to stderr */
    run_expect(&result, ARGS("read", connection, "products"), 0);
    assert_int_equal(count_lines(result.out), 100);
    assert_non_null(strstr(result.out, "\"_airbyte_raw_id\""));
    assert_non_null(strstr(result.err, "100 rows of stream products"));
    assert_null(strstr(result.out, pg.password));
    assert_null(strstr(result.err, pg.password));
    cli_result_free(&result);

    expect_exit(ARGS("read", connection, "nonsense"), 4, "users, products");
    expect_exit(ARGS("read", connection, "users", "--format", "xml"), 2, "--format");
    expect_exit(ARGS("read", connection, "users", "--format", "csv", "--json"), 2, NULL);
    expect_exit(ARGS("read", golden.ids.connection_id, "users", "--job", job_text), 2,
                "ran on connection");
    expect_exit(ARGS("read", golden.ids.connection_id, "users"), 1,
                "duckdb"); /* no reader: unsupported */

    /* a failed sync's job is refused as a source of rows */
    emulator_set_behaviour(&emulator, connection, "failed", 200);
    run_expect(&result, ARGS("sync", connection, "--json", "--poll-interval", "100"), 5);
    job_id_text(job_text, &result);
    cli_result_free(&result);
    expect_exit(ARGS("read", connection, "users", "--job", job_text), 5, "not succeeded");
    unsetenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD");
}

/* ---- terminal and pipe behaviour ---- */

static void test_progress_on_terminal(void **state) {
    (void)state;
    cli_result result;
    cli_run_pty(&result, ARGS("sync", succeeding.ids.connection_id, "--poll-interval", "100"));
    assert_int_equal(result.exit_code, 0);
    /* the line is redrawn in place: '\r', then the status with rows, bytes and rows/s */
    assert_non_null(strchr(result.out, '\r'));
    assert_non_null(strstr(result.out, "running"));
    assert_non_null(strstr(result.out, " rows  "));
    assert_non_null(strstr(result.out, "rows/s"));
    assert_non_null(strstr(result.out, "Status:      succeeded"));
    cli_result_free(&result);

    /* wait for several jobs on a terminal: progress for the group */
    run(&result, ARGS("sync", succeeding.ids.connection_id, "--no-wait", "--json"));
    char id[32];
    job_id_text(id, &result);
    cli_result_free(&result);
    cli_run_pty(&result, ARGS("wait", id, "1", "--poll-interval", "100"));
    assert_int_equal(result.exit_code, 0);
    assert_non_null(strstr(result.out, "2 jobs"));
    assert_non_null(strstr(result.out, "1/2 done"));
    cli_result_free(&result);
}

static void test_pipe_output_is_plain(void **state) {
    (void)state;
    cli_result result;
    /* run() already rejects any control character; the status changes still show, one per line */
    run_expect(&result, ARGS("sync", succeeding.ids.connection_id, "--poll-interval", "100"), 0);
    assert_null(strchr(result.err, '\r'));
    assert_null(strchr(result.err, '\033'));
    assert_non_null(strstr(result.err, "succeeded"));
    cli_result_free(&result);
    /* --quiet: nothing at all on stderr */
    run_expect(&result,
               ARGS("sync", succeeding.ids.connection_id, "--quiet", "--poll-interval", "100"), 0);
    assert_string_equal(result.err, "");
    cli_result_free(&result);
}

enum { kMaxListedCommands = 128 };
typedef struct listed_command {
    char words[2][32]; /* "sources" "list"; words[1] is "" for a one-word command or a group */
} listed_command;

/* Reads the command words (lowercase, at most two) at the start of a line of --help's Commands
 * section; 0 when the line lists no command (a wrapped description). */
static int command_words(const char *line, listed_command *command) {
    int words = 0;
    const char *at = line + 2;
    memset(command, 0, sizeof *command);
    if (strncmp(line, "  ", 2) != 0)
        return 0;
    while (words < 2 && *at >= 'a' && *at <= 'z') {
        size_t length = strspn(at, "abcdefghijklmnopqrstuvwxyz-");
        if ((at[length] != ' ' && at[length] != '\n') || length >= sizeof command->words[0])
            break; /* "get|set": an argument, not a word */
        memcpy(command->words[words++], at, length);
        at += length;
        if (at[0] != ' ' || at[1] == ' ')
            break; /* the description follows */
        ++at;
    }
    return words;
}

static const char *next_line(const char *line) {
    const char *end = strchr(line, '\n');
    return end != NULL ? end + 1 : NULL;
}

/* Every command --help lists, and each group ("sources") once, in `commands`. */
static size_t listed_commands(listed_command *commands) {
    cli_result result;
    run_expect(&result, ARGS("--help"), 0);
    const char *section = strstr(result.out, "\nCommands:\n");
    assert_non_null(section);
    size_t count = 0;
    for (const char *line = next_line(section + 1); line != NULL && *line != '\n' && *line != '\0';
         line = next_line(line)) {
        listed_command command;
        int words = command_words(line, &command);
        if (words == 0)
            continue;
        assert_true(count + 2 <= kMaxListedCommands);
        commands[count++] = command;
        int group_listed = 0;
        for (size_t seen = 0; seen < count; ++seen) {
            group_listed |= commands[seen].words[1][0] == '\0' &&
                            strcmp(commands[seen].words[0], command.words[0]) == 0;
        }
        if (words == 2 && !group_listed) {
            memset(&commands[count], 0, sizeof commands[count]);
            memcpy(commands[count++].words[0], command.words[0], sizeof command.words[0]);
        }
    }
    cli_result_free(&result);
    return count;
}

static void test_help_everywhere(void **state) {
    (void)state;
    static listed_command commands[kMaxListedCommands];
    size_t count = listed_commands(commands);
    assert_true(count > 40); /* the parse found the list */
    for (size_t i = 0; i < count; ++i) {
        const char *second = commands[i].words[1][0] != '\0' ? commands[i].words[1] : NULL;
        const char *argv[4] = {commands[i].words[0], second ? second : "--help",
                               second ? "--help" : NULL, NULL};
        cli_result result;
        run(&result, argv);
        if (result.exit_code != 0 || strncmp(result.out, "usage: airbyte-cloud ", 21) != 0 ||
            result.err[0] != '\0') {
            fail_msg("%s %s --help: exit %d\n%s%s", argv[0], argv[1], result.exit_code, result.out,
                     result.err);
        }
        if (second != NULL && strstr(result.out, "Exit codes:") == NULL) {
            fail_msg("%s %s --help lacks the exit codes", argv[0], argv[1]);
        }
        cli_result_free(&result);
    }
    cli_result result;
    run_expect(&result, ARGS("--version"), 0);
    assert_non_null(strstr(result.out, "libairbyte_cloud"));
    cli_result_free(&result);
}

static void assert_absent(const cli_result *result, const char *secret) {
    if (strstr(result->out, secret) != NULL || strstr(result->err, secret) != NULL) {
        fail_msg("a secret was printed:\n%s%s", result->out, result->err);
    }
}

static void test_secrets_never_printed(void **state) {
    (void)state;
    char *saved = strdup(getenv("AIRBYTE_CLOUD_API_KEY"));
    cli_result result;
    run_expect(&result, ARGS("-vv", "check", "--json"), 0);
    assert_absent(&result, saved);
    cli_result_free(&result);
    run_expect(&result, ARGS("-vv", "sync", golden.ids.connection_id, "--poll-interval", "100"), 0);
    assert_absent(&result, saved);
    cli_result_free(&result);

    unsetenv("AIRBYTE_CLOUD_API_KEY");
    run_expect(&result,
               ARGS("-vv", "check", "--client-id", emulator.client_id, "--client-secret",
                    emulator.client_secret),
               0);
    assert_absent(&result, emulator.client_secret);
    cli_result_free(&result);
    run_expect(&result, ARGS("-vv", "--json", "check", "--api-key", "s3cr3t-wrong-key-value"), 3);
    assert_absent(&result, "s3cr3t-wrong-key-value");
    cli_result_free(&result);
    setenv("AIRBYTE_CLOUD_API_KEY", saved, 1);
    free(saved);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_help),
        cmocka_unit_test(test_golden_check),
        cmocka_unit_test(test_golden_connection),
        cmocka_unit_test(test_golden_sync_and_history),
        cmocka_unit_test(test_golden_resources),
        cmocka_unit_test(test_create_resources),
        cmocka_unit_test(test_api_command),
        cmocka_unit_test(test_tags_and_people_commands),
        cmocka_unit_test(test_definition_workspace_and_job_commands),
        cmocka_unit_test(test_exit_usage),
        cmocka_unit_test(test_api_url_checked_and_masked),
        cmocka_unit_test(test_exit_auth),
        cmocka_unit_test(test_exit_not_found),
        cmocka_unit_test(test_exit_sync_failed),
        cmocka_unit_test(test_exit_timeout_and_cancel),
        cmocka_unit_test(test_exit_unreachable),
        cmocka_unit_test(test_exit_interrupted),
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_progress_on_terminal),
        cmocka_unit_test(test_pipe_output_is_plain),
        cmocka_unit_test(test_help_everywhere),
        cmocka_unit_test(test_secrets_never_printed),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
