#define _POSIX_C_SOURCE 200809L
#include "emulator_process.h"
#include "test_util.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef ABC_EMULATOR_PATH
#define ABC_EMULATOR_PATH "airbyte-cloud-emulator"
#endif

static void copy_string_field(const cJSON *object, const char *name, char *dest, size_t size) {
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, name);
    dest[0] = '\0';
    if (cJSON_IsString(item))
        snprintf(dest, size, "%s", item->valuestring);
}

/* The ready file is written once the server listens; a complete JSON object means it is done. */
static int parse_ready_file(emulator_process *p) {
    char *text = test_read_file(p->ready_file);
    if (!text)
        return -1;
    cJSON *root = cJSON_Parse(text);
    free(text);
    if (!root)
        return -1;
    copy_string_field(root, "url", p->url, sizeof p->url);
    copy_string_field(root, "workspaceId", p->workspace_id, sizeof p->workspace_id);
    copy_string_field(root, "apiKey", p->api_key, sizeof p->api_key);
    copy_string_field(root, "clientId", p->client_id, sizeof p->client_id);
    copy_string_field(root, "clientSecret", p->client_secret, sizeof p->client_secret);
    const cJSON *port = cJSON_GetObjectItemCaseSensitive(root, "port");
    p->port = cJSON_IsNumber(port) ? port->valueint : 0;
    cJSON_Delete(root);
    if (p->url[0] == '\0')
        return -1;
    snprintf(p->api_url, sizeof p->api_url, "%s/v1", p->url);
    return 0;
}

int emulator_start(emulator_process *out, const char *const *extra_args) {
    memset(out, 0, sizeof *out);
    const char *binary = getenv("ABC_EMULATOR");
    if (!binary || !*binary)
        binary = ABC_EMULATOR_PATH;

    const char *tmp = getenv("TMPDIR");
    snprintf(out->ready_file, sizeof out->ready_file, "%s/abc-emulator-ready-XXXXXX",
             tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(out->ready_file);
    if (fd < 0) {
        fprintf(stderr, "emulator_start: mkstemp: %s\n", strerror(errno));
        return -1;
    }
    close(fd);
    unlink(out->ready_file); /* the emulator creates it once it listens */

    const char *argv[64];
    int argc = 0;
    argv[argc++] = binary;
    argv[argc++] = "--port";
    argv[argc++] = "0";
    argv[argc++] = "--quiet";
    argv[argc++] = "--ready-file";
    argv[argc++] = out->ready_file;
    for (int i = 0; extra_args && extra_args[i] && argc < 63; i++)
        argv[argc++] = extra_args[i];
    argv[argc] = NULL;

    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "emulator_start: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        /* A test that dies (a failed assertion, a crash) must not leave an emulator behind holding
         * ctest's output pipe open: the emulator gets SIGTERM when its parent goes. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() == 1)
            _exit(125);
        /* The ready file is also printed on stdout; tests read the file, so keep their output
         * clean. */
        if (!freopen("/dev/null", "w", stdout))
            _exit(126);
        execv(binary, (char *const *)argv);
        fprintf(stderr, "emulator_start: cannot run %s: %s\n", binary, strerror(errno));
        _exit(127);
    }
    out->pid = pid;

    for (int waited = 0; waited < 10000; waited += 20) {
        if (parse_ready_file(out) == 0)
            return 0;
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            fprintf(stderr, "emulator_start: %s exited before it was ready (status %d)\n", binary,
                    status);
            out->pid = 0;
            return -1;
        }
        test_sleep_ms(20);
    }
    fprintf(stderr, "emulator_start: %s wrote no ready file within 10 s\n", binary);
    emulator_stop(out);
    return -1;
}

int emulator_stop(emulator_process *process) {
    int exit_status = 0;
    if (process->pid > 0) {
        kill(process->pid, SIGTERM);
        int status = 0;
        int waited = 0;
        while (waitpid(process->pid, &status, WNOHANG) == 0) {
            if (waited >= 5000) {
                kill(process->pid, SIGKILL);
                waitpid(process->pid, &status, 0);
                break;
            }
            test_sleep_ms(10);
            waited += 10;
        }
        exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        process->pid = 0;
    }
    if (process->ready_file[0]) {
        unlink(process->ready_file);
        process->ready_file[0] = '\0';
    }
    return exit_status;
}

emulator_process emulator;
const char *const *emulator_group_args;

int emulator_group_start(void **state) {
    (void)state;
    return emulator_start(&emulator, emulator_group_args);
}

int emulator_group_stop(void **state) {
    (void)state;
    return emulator_stop(&emulator) == 0 ? 0 : -1;
}

char *emulator_request(const emulator_process *process, const char *method, const char *path,
                       const char *body, long *http_status) {
    *http_status = 0;
    CURL *curl = curl_easy_init();
    if (!curl)
        return NULL;
    char url[1024];
    snprintf(url, sizeof url, "%s%s", process->url, path);
    char authorization[256];
    snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", process->api_key);
    struct curl_slist *headers = NULL;
    headers = curl_slist_append(headers, authorization);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Accept: application/json");
    test_buffer buffer = {calloc(1, 1), 0};
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, test_buffer_append);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &buffer);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
    if (body)
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    CURLcode rc = curl_easy_perform(curl);
    if (rc == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, http_status);
    } else {
        free(buffer.data);
        buffer.data = NULL;
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return buffer.data;
}

static int copy_env(const char *name, char *dest, size_t size) {
    const char *value = getenv(name);
    if (!value || !*value)
        return -1;
    snprintf(dest, size, "%s", value);
    return 0;
}

int emulator_post_for_id(const emulator_process *process, const char *path, const char *body, const char *field,
                         char *out) {
    long http = 0;
    char *response = emulator_request(process, "POST", path, body, &http);
    cJSON *root = response != NULL && http >= 200 && http < 300 ? cJSON_Parse(response) : NULL;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(root, field);
    int result = cJSON_IsString(id) ? 0 : -1;
    if (result == 0)
        snprintf(out, 64, "%s", id->valuestring);
    else
        fprintf(stderr, "POST %s -> %ld without '%s': %s\n", path, http, field, response ? response : "");
    cJSON_Delete(root);
    free(response);
    return result;
}

int test_closed_port(void) {
    /* A port the kernel just handed out and that nothing listens on once the probe closed. */
    return test_free_port();
}

int test_postgres_from_env(test_postgres *out) {
    memset(out, 0, sizeof *out);
    char port[16];
    if (copy_env("ABC_TEST_PGHOST", out->host, sizeof out->host) ||
        copy_env("ABC_TEST_PGPORT", port, sizeof port) ||
        copy_env("ABC_TEST_PGUSER", out->user, sizeof out->user) ||
        copy_env("ABC_TEST_PGDATABASE", out->database, sizeof out->database)) {
        printf(
            "SKIP: no test PostgreSQL (set ABC_TEST_PGHOST, ABC_TEST_PGPORT, ABC_TEST_PGUSER, "
            "ABC_TEST_PGDATABASE; scripts/postgres.sh start does)\n");
        return -1;
    }
    copy_env("ABC_TEST_PGPASSWORD", out->password, sizeof out->password);
    out->port = atoi(port);
    return 0;
}
