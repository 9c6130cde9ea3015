/**
 * @file airbyte_cloud/budget.h
 * @brief The request budget a workspace handle shares across its threads, waiters and retries.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_BUDGET_H
#define AIRBYTE_CLOUD_BUDGET_H

#include "common.h"

ABC_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/** @name Request budget
 * Every request a workspace handle sends (from any thread, waiter or retry) takes its place in
 * one budget: at most the configured rate per second, paced evenly, and
 * after any 429 the whole handle waits for its Retry-After (1 s without one) before sending
 * again, then goes on at 0.7 of its pace. Each 429 and each pause is logged at ::ABC_LOG_DEBUG.
 *
 * The budget is per credential, as servers count: all workspace handles of one process with the
 * same API URL and the same credential (API key, or client id) share one budget, for as long as
 * any of them exists; its rate is the lowest any of them set (0 counting as no cap). Opening a
 * handle that joins a budget is logged at ::ABC_LOG_DEBUG. The credential is only hashed (with a
 * per-process salt) to find the budget; it is never stored there or logged. */
/**@{*/

/** Caps the requests per second of each workspace handle made from `options` (copied by
 * abc_workspace_new()), together with every other handle of the same API URL and credential.
 * 0 (the default) sets no cap; 429 pauses apply either way.
 * @param requests_per_second 0, or a rate within 0.01..100000. */
ABC_API abc_status abc_options_set_request_rate(abc_options *options, double requests_per_second,
                                                abc_error **error);

/** The budget of `workspace` (shared with the handles of the same credential) as of now. Every
 * out-parameter may be NULL; the counts cover every handle sharing the budget.
 * @param[out] out_rate the configured requests per second (0: no cap).
 * @param[out] out_rate_limited 429 responses received so far.
 * @param[out] out_paused_ms what is left of the pause the last 429 started (0: none).
 * @param[out] out_delayed_ms the total time requests have waited for the budget. */
ABC_API abc_status abc_workspace_request_budget(double *out_rate, int64_t *out_rate_limited,
                                                int64_t *out_paused_ms, int64_t *out_delayed_ms,
                                                const abc_workspace *workspace, abc_error **error);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_BUDGET_H */
