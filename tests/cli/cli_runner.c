#define _GNU_SOURCE
#include "cli_runner.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef ABC_CLI_PATH
#define ABC_CLI_PATH "airbyte-cloud"
#endif
#ifndef ABC_CLI_GOLDEN_DIR
#define ABC_CLI_GOLDEN_DIR "golden"
#endif

#define KILL_AFTER_MS 120000

typedef struct buffer {
    char *data;
    size_t length;
} buffer;

static void buffer_append(buffer *b, const char *data, size_t length) {
    b->data = realloc(b->data, b->length + length + 1);
    memcpy(b->data + b->length, data, length);
    b->length += length;
    b->data[b->length] = '\0';
}

static char *buffer_take(buffer *b) {
    if (b->data == NULL)
        return strdup("");
    return b->data;
}

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static const char *binary(void) {
    const char *path = getenv("ABC_CLI");
    return path != NULL && path[0] != '\0' ? path : ABC_CLI_PATH;
}

static void exec_cli(const char *const *argv) {
    const char *args[128];
    int n = 0;
    args[n++] = "airbyte-cloud";
    for (int i = 0; argv[i] != NULL && n < 127; ++i)
        args[n++] = argv[i];
    args[n] = NULL;
    execv(binary(), (char *const *)args);
    fprintf(stderr, "exec %s: %s\n", binary(), strerror(errno));
    _exit(127);
}

static int decode_status(int status) {
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}

/* Reads fds until both reach EOF, sending the signal (after signal_after_ms, or once the last
 * buffer holds `marker`) / killing on schedule. */
static void pump_until(pid_t pid, int *fds, buffer *buffers, int count, int signal_after_ms,
                       const char *marker, int signal_number) {
    long long start = now_ms();
    int signalled = 0, open_count = count;
    while (open_count > 0) {
        struct pollfd polls[2];
        int map[2], n = 0;
        for (int i = 0; i < count; ++i) {
            if (fds[i] >= 0) {
                polls[n].fd = fds[i];
                polls[n].events = POLLIN;
                map[n++] = i;
            }
        }
        long long elapsed = now_ms() - start;
        int marked = marker != NULL && buffers[count - 1].data != NULL &&
                     strstr(buffers[count - 1].data, marker) != NULL;
        if (!signalled && ((signal_after_ms > 0 && elapsed >= signal_after_ms) || marked)) {
            kill(pid, signal_number);
            signalled = 1;
        }
        if (elapsed >= KILL_AFTER_MS) {
            kill(pid, SIGKILL);
            fprintf(stderr, "cli_run: killed the CLI after %d ms\n", KILL_AFTER_MS);
        }
        int ready = poll(polls, (nfds_t)n, 50);
        if (ready < 0 && errno != EINTR)
            break;
        for (int k = 0; k < n && ready > 0; ++k) {
            if ((polls[k].revents & (POLLIN | POLLHUP | POLLERR)) == 0)
                continue;
            char chunk[4096];
            ssize_t got = read(polls[k].fd, chunk, sizeof chunk);
            if (got > 0) {
                buffer_append(&buffers[map[k]], chunk, (size_t)got);
            } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
                /* EOF (or EIO: the pty's other side closed) */
                close(fds[map[k]]);
                fds[map[k]] = -1;
                --open_count;
            }
        }
    }
}

static void pump(pid_t pid, int *fds, buffer *buffers, int count, int signal_after_ms,
                 int signal_number) {
    pump_until(pid, fds, buffers, count, signal_after_ms, NULL, signal_number);
}

static void run_piped(cli_result *result, const char *const *argv, int signal_after_ms,
                      const char *marker, int signal_number) {
    int out_pipe[2], err_pipe[2];
    memset(result, 0, sizeof *result);
    if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0)
        abort();
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0)
        abort();
    if (pid == 0) {
        int devnull = open("/dev/null", O_RDONLY);
        dup2(devnull, STDIN_FILENO);
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        close(out_pipe[0]);
        close(err_pipe[0]);
        exec_cli(argv);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    int fds[2] = {out_pipe[0], err_pipe[0]};
    buffer buffers[2] = {{NULL, 0}, {NULL, 0}};
    pump_until(pid, fds, buffers, 2, signal_after_ms, marker, signal_number);
    int status = 0;
    waitpid(pid, &status, 0);
    result->exit_code = decode_status(status);
    result->out = buffer_take(&buffers[0]);
    result->err = buffer_take(&buffers[1]);
}

void cli_run(cli_result *result, const char *const *argv, int signal_after_ms, int signal_number) {
    run_piped(result, argv, signal_after_ms, NULL, signal_number);
}

void cli_run_signal_on(cli_result *result, const char *const *argv, const char *marker,
                       int signal_number) {
    run_piped(result, argv, 0, marker, signal_number);
}

void cli_run_pty(cli_result *result, const char *const *argv) {
    memset(result, 0, sizeof *result);
    int master = -1;
    struct winsize size = {24, 120, 0, 0};
    fflush(NULL);
    pid_t pid = forkpty(&master, NULL, NULL, &size);
    if (pid < 0)
        abort();
    if (pid == 0)
        exec_cli(argv);
    int fds[1] = {master};
    buffer buffers[1] = {{NULL, 0}};
    pump(pid, fds, buffers, 1, 0, 0);
    int status = 0;
    waitpid(pid, &status, 0);
    result->exit_code = decode_status(status);
    result->out = buffer_take(&buffers[0]);
    result->err = strdup("");
}

void cli_result_free(cli_result *result) {
    free(result->out);
    free(result->err);
    result->out = result->err = NULL;
}

/* ---- normalising ---- */

#define MAX_REPLACEMENTS 64
static char *replace_from[MAX_REPLACEMENTS];
static char *replace_to[MAX_REPLACEMENTS];
static int replacements = 0;

void cli_normalise_add(const char *from, const char *to) {
    if (from == NULL || from[0] == '\0' || replacements >= MAX_REPLACEMENTS)
        return;
    replace_from[replacements] = strdup(from);
    size_t from_length = strlen(from), to_length = strlen(to);
    if (to_length < from_length && to_length > 0 && to[to_length - 1] == '>') {
        /* "<NAME>" padded to the width of what it replaces, "<NAME.....>", so tables stay aligned
         */
        char *padded = malloc(from_length + 1);
        memcpy(padded, to, to_length - 1);
        memset(padded + to_length - 1, '.', from_length - to_length);
        padded[from_length - 1] = '>';
        padded[from_length] = '\0';
        replace_to[replacements] = padded;
    } else {
        replace_to[replacements] = strdup(to);
    }
    ++replacements;
}

static char *replace_all(char *text, const char *from, const char *to) {
    size_t from_length = strlen(from), to_length = strlen(to);
    buffer out = {NULL, 0};
    const char *p = text;
    for (;;) {
        const char *hit = strstr(p, from);
        if (hit == NULL)
            break;
        buffer_append(&out, p, (size_t)(hit - p));
        buffer_append(&out, to, to_length);
        p = hit + from_length;
    }
    buffer_append(&out, p, strlen(p));
    free(text);
    return buffer_take(&out);
}

char *cli_normalise(const char *text) {
    char *result = strdup(text);
    for (int i = 0; i < replacements; ++i)
        result = replace_all(result, replace_from[i], replace_to[i]);
    regex_t iso;
    regcomp(&iso, "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z",
            REG_EXTENDED);
    buffer out = {NULL, 0};
    const char *p = result;
    regmatch_t match;
    while (regexec(&iso, p, 1, &match, 0) == 0) {
        buffer_append(&out, p, (size_t)match.rm_so);
        buffer_append(&out, "YYYY-MM-DDTHH:MM:SSZ", 20);
        p += match.rm_eo;
    }
    buffer_append(&out, p, strlen(p));
    regfree(&iso);
    free(result);
    return buffer_take(&out);
}

/* ---- golden files ---- */

static char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    buffer b = {NULL, 0};
    char chunk[4096];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        buffer_append(&b, chunk, got);
    fclose(f);
    return buffer_take(&b);
}

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        return;
    }
    fputs(text, f);
    fclose(f);
}

int cli_golden_compare(const char *name, const char *actual) {
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", ABC_CLI_GOLDEN_DIR, name);
    const char *update = getenv("ABC_CLI_UPDATE_GOLDEN");
    if (update != NULL && strcmp(update, "1") == 0) {
        write_file(path, actual);
        fprintf(stderr, "updated %s\n", path);
        return 0;
    }
    char *expected = read_file(path);
    if (expected != NULL && strcmp(expected, actual) == 0) {
        free(expected);
        return 0;
    }
    char actual_path[] = "/tmp/abc-cli-actual-XXXXXX";
    int fd = mkstemp(actual_path);
    if (fd >= 0) {
        close(fd);
        write_file(actual_path, actual);
        char command[2200];
        snprintf(command, sizeof command, "diff -u '%s' '%s' >&2", path, actual_path);
        fprintf(
            stderr,
            "golden mismatch: %s (expected) vs actual; regenerate with ABC_CLI_UPDATE_GOLDEN=1\n",
            path);
        if (expected == NULL) {
            fprintf(stderr, "(no golden file yet) actual output:\n%s\n", actual);
        } else if (system(command) < 0) {
            fprintf(stderr, "actual output:\n%s\n", actual);
        }
        unlink(actual_path);
    }
    free(expected);
    return -1;
}

long cli_find_control(const char *text) {
    for (const unsigned char *p = (const unsigned char *)text; *p; ++p) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F)
            return (long)((const char *)p - text);
    }
    return -1;
}
