/* Ctrl-C and SIGTERM. While a wait is running, the first signal cancels the wait (not the job)
 * through an abc_cancel_token, so the command can say which job goes on and exit 130; a second
 * signal, or one outside a wait, ends the process at once with 130. */
#ifndef ABC_CLI_INTERRUPT_H
#define ABC_CLI_INTERRUPT_H

#include "airbyte_cloud.h"

/* Call first thing in main(), before any thread exists: blocks SIGINT/SIGTERM in every thread
 * and starts the one thread that receives them. */
void cli_interrupt_init(void);
/* The token the next signal cancels (NULL: none; a signal then ends the process). */
void cli_interrupt_set_token(abc_cancel_token *token);
/* 1 once a signal cancelled a wait. */
int cli_interrupt_received(void);

#endif
