#define _POSIX_C_SOURCE 200809L
#include "interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "cli.h"

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static abc_cancel_token *current_token = NULL;
static int received = 0;
static sigset_t handled;

static void *signal_loop(void *argument) {
    (void)argument;
    for (;;) {
        int signal_number = 0;
        if (sigwait(&handled, &signal_number) != 0)
            continue;
        pthread_mutex_lock(&mutex);
        int first = !received;
        received = 1;
        abc_cancel_token *token = current_token;
        if (token != NULL && first) {
            abc_cancel_token_cancel(token);
            pthread_mutex_unlock(&mutex);
            continue;
        }
        pthread_mutex_unlock(&mutex);
        if (isatty(STDERR_FILENO)) {
            static const char newline[] = "\n";
            ssize_t ignored = write(STDERR_FILENO, newline, 1);
            (void)ignored;
        }
        _exit(CLI_EXIT_INTERRUPTED);
    }
    return NULL;
}

void cli_interrupt_init(void) {
    sigemptyset(&handled);
    sigaddset(&handled, SIGINT);
    sigaddset(&handled, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &handled, NULL);
    pthread_t thread;
    if (pthread_create(&thread, NULL, signal_loop, NULL) == 0) {
        pthread_detach(thread);
    } else {
        pthread_sigmask(SIG_UNBLOCK, &handled, NULL); /* default action: die */
    }
}

void cli_interrupt_set_token(abc_cancel_token *token) {
    pthread_mutex_lock(&mutex);
    current_token = token;
    pthread_mutex_unlock(&mutex);
}

int cli_interrupt_received(void) {
    pthread_mutex_lock(&mutex);
    int result = received;
    pthread_mutex_unlock(&mutex);
    return result;
}
