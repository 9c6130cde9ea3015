#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "output.h"

#define REDRAW_MS 250

struct cli_progress {
    int live;
    char label[160];
    char status[64];
    int64_t rows;
    int64_t bytes;
    int64_t started_ms;
    int64_t updated_ms; /* elapsed at the last update, for rows/s */
    pthread_t thread;
    int thread_running;
    int stopping;
    pthread_cond_t wake;
};

/* One live line at a time; the mutex also serialises everything written to stderr meanwhile. */
static pthread_mutex_t stderr_mutex = PTHREAD_MUTEX_INITIALIZER;
static cli_progress *active = NULL;
static size_t drawn_width = 0; /* characters on the terminal line now */

static int64_t monotonic_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static size_t terminal_width(void) {
    struct winsize size;
    if (ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 10)
        return size.ws_col;
    return 80;
}

int cli_progress_is_live(const cli_invocation *invocation) {
    return !invocation->global.quiet && isatty(STDERR_FILENO);
}

/* Caller holds the mutex. */
static void clear_line(void) {
    if (drawn_width == 0)
        return;
    fputc('\r', stderr);
    for (size_t i = 0; i < drawn_width; ++i)
        fputc(' ', stderr);
    fputc('\r', stderr);
    fflush(stderr);
    drawn_width = 0;
}

/* Caller holds the mutex. */
static void compose(const cli_progress *progress, char *line, size_t size) {
    char clock[32], rows[32], bytes[32], rate[32];
    int64_t elapsed = monotonic_ms() - progress->started_ms;
    cli_format_clock(clock, elapsed);
    if (progress->rows < 0) {
        snprintf(line, size, "%s  %s  %s", progress->label, progress->status, clock);
        return;
    }
    cli_format_int(rows, progress->rows);
    cli_format_bytes(bytes, progress->bytes);
    int64_t per_second =
        progress->updated_ms > 0 ? progress->rows * 1000 / progress->updated_ms : 0;
    cli_format_int(rate, per_second);
    snprintf(line, size, "%s  %s  %s  %s rows  %s  %s rows/s", progress->label, progress->status,
             clock, rows, bytes, rate);
}

/* Caller holds the mutex. */
static void draw(const cli_progress *progress) {
    char line[512], clean[512];
    compose(progress, line, sizeof line);
    cli_clean(clean, sizeof clean, line);
    size_t width = terminal_width() - 1;
    if (strlen(clean) > width)
        clean[width] = '\0';
    size_t length = strlen(clean);
    fputc('\r', stderr);
    fputs(clean, stderr);
    for (size_t i = length; i < drawn_width; ++i)
        fputc(' ', stderr);
    if (drawn_width > length) {
        fputc('\r', stderr);
        fputs(clean, stderr);
    }
    fflush(stderr);
    drawn_width = length;
}

static void *redraw_loop(void *argument) {
    cli_progress *progress = argument;
    pthread_mutex_lock(&stderr_mutex);
    while (!progress->stopping) {
        draw(progress);
        struct timespec deadline;
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_nsec += REDRAW_MS * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec += 1;
            deadline.tv_nsec -= 1000000000L;
        }
        int rc = 0;
        while (!progress->stopping && rc != ETIMEDOUT) {
            rc = pthread_cond_timedwait(&progress->wake, &stderr_mutex, &deadline);
        }
    }
    pthread_mutex_unlock(&stderr_mutex);
    return NULL;
}

cli_progress *cli_progress_start(const cli_invocation *invocation, const char *label) {
    if (invocation->global.quiet)
        return NULL;
    cli_progress *progress = calloc(1, sizeof *progress);
    if (progress == NULL)
        return NULL;
    progress->live = cli_progress_is_live(invocation);
    snprintf(progress->label, sizeof progress->label, "%s", label);
    snprintf(progress->status, sizeof progress->status, "starting");
    progress->rows = -1;
    progress->started_ms = monotonic_ms();
    if (progress->live) {
        pthread_cond_init(&progress->wake, NULL);
        pthread_mutex_lock(&stderr_mutex);
        active = progress;
        pthread_mutex_unlock(&stderr_mutex);
        progress->thread_running =
            pthread_create(&progress->thread, NULL, redraw_loop, progress) == 0;
    }
    return progress;
}

void cli_progress_update(cli_progress *progress, const char *label, const char *status,
                         int64_t rows, int64_t bytes) {
    if (progress == NULL)
        return;
    pthread_mutex_lock(&stderr_mutex);
    int changed = strcmp(progress->status, status) != 0 ||
                  (label != NULL && strcmp(progress->label, label) != 0);
    if (label != NULL)
        snprintf(progress->label, sizeof progress->label, "%s", label);
    snprintf(progress->status, sizeof progress->status, "%s", status);
    progress->rows = rows;
    progress->bytes = bytes;
    progress->updated_ms = monotonic_ms() - progress->started_ms;
    if (progress->live) {
        draw(progress);
    } else if (changed) {
        char line[512], clean[512];
        compose(progress, line, sizeof line);
        fprintf(stderr, "%s\n", cli_clean(clean, sizeof clean, line));
        fflush(stderr);
    }
    pthread_mutex_unlock(&stderr_mutex);
}

void cli_progress_stop(cli_progress *progress) {
    if (progress == NULL)
        return;
    pthread_mutex_lock(&stderr_mutex);
    progress->stopping = 1;
    if (progress->live)
        pthread_cond_broadcast(&progress->wake);
    pthread_mutex_unlock(&stderr_mutex);
    if (progress->thread_running)
        pthread_join(progress->thread, NULL);
    pthread_mutex_lock(&stderr_mutex);
    if (progress->live) {
        clear_line();
        active = NULL;
        pthread_cond_destroy(&progress->wake);
    }
    pthread_mutex_unlock(&stderr_mutex);
    free(progress);
}

void cli_progress_print_line(const char *line) {
    pthread_mutex_lock(&stderr_mutex);
    clear_line();
    fprintf(stderr, "%s\n", line);
    fflush(stderr);
    if (active != NULL && !active->stopping)
        draw(active);
    pthread_mutex_unlock(&stderr_mutex);
}

void cli_progress_print_output(const char *text) {
    pthread_mutex_lock(&stderr_mutex);
    clear_line();
    fputs(text, stdout);
    fflush(stdout);
    if (active != NULL && !active->stopping)
        draw(active);
    pthread_mutex_unlock(&stderr_mutex);
}
