#define _POSIX_C_SOURCE 200809L
#include "test_util.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

char *test_read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = size >= 0 ? malloc((size_t)size + 1) : NULL;
    size_t got = text ? fread(text, 1, (size_t)size, f) : 0;
    fclose(f);
    if (text)
        text[got] = '\0';
    return text;
}

size_t test_buffer_append(char *chunk, size_t one, size_t count, void *buffer) {
    test_buffer *b = buffer;
    size_t n = one * count;
    char *grown = realloc(b->data, b->size + n + 1);
    if (!grown)
        return 0;
    memcpy(grown + b->size, chunk, n);
    b->size += n;
    grown[b->size] = '\0';
    b->data = grown;
    return n;
}

void test_sleep_ms(long milliseconds) {
    struct timespec ts = {milliseconds / 1000, (milliseconds % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

char *test_json_string(const char *json, const char *field) {
    cJSON *root = cJSON_Parse(json);
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(root, field);
    char *out = strdup(cJSON_IsString(value) ? value->valuestring : "");
    cJSON_Delete(root);
    return out;
}

int test_free_port(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    int port = -1;
    if (fd >= 0 && bind(fd, (struct sockaddr *)&address, sizeof address) == 0 &&
        getsockname(fd, (struct sockaddr *)&address, &length) == 0) {
        port = ntohs(address.sin_port);
    }
    if (fd >= 0)
        close(fd);
    return port;
}

static size_t discard(char *data, size_t size, size_t count, void *user) {
    (void)data;
    (void)user;
    return size * count;
}

long test_http_status(const char *url) {
    CURL *curl = curl_easy_init();
    long status = 0;
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 2000L);
    if (curl_easy_perform(curl) == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(curl);
    return status;
}

int test_start_child(const char *const *argv, const char *log_path) {
    const pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        setpgid(0, 0);
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (getppid() != parent)
            _exit(127);
        int fd = open(log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd >= 0) {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
            close(fd);
        }
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    setpgid(pid, pid);
    return (int)pid;
}

void test_stop_child(int *pid) {
    if (*pid <= 0)
        return;
    kill(-*pid, SIGTERM); /* its own process group: the child and anything it started */
    for (int waited = 0; waited < 5000; waited += 50) {
        if (waitpid(*pid, NULL, WNOHANG) == *pid) {
            *pid = -1;
            return;
        }
        test_sleep_ms(50);
    }
    kill(-*pid, SIGKILL);
    waitpid(*pid, NULL, 0);
    *pid = -1;
}
