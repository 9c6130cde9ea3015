/**
 * @file airbyte_cloud/jobs.h
 * @brief Sync options, sync jobs, job history and waiting for many jobs.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_JOBS_H
#define AIRBYTE_CLOUD_JOBS_H

#include "common.h"

ABC_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/** @name Sync options
 * How abc_run_sync() and the waits behave. Defaults: wait for completion; timeout 1 hour;
 * a failed or cancelled job is an error; a timeout is an error; a 409 "already running" is an
 * error (not attached); no progress callback; no cancel token. */
/**@{*/

/** Progress while waiting: called after every poll with the job's latest figures.
 * Return 0 to go on waiting, non-zero to stop (the wait then returns ::ABC_ERROR_CANCELLED). */
typedef int (*abc_progress_callback)(const abc_job *job, abc_job_state state, int64_t elapsed_ms,
                                     int64_t rows_synced, int64_t bytes_synced, void *user_data);

/** @param[out] out new options, freed with abc_sync_options_free(). */
ABC_API abc_status abc_sync_options_new(abc_sync_options **out, abc_error **error);
ABC_API void abc_sync_options_free(abc_sync_options *options);
/** 1 (default): abc_run_sync() waits until the job is final. 0: it returns once started. */
ABC_API abc_status abc_sync_options_set_wait(abc_sync_options *options, int wait,
                                             abc_error **error);
/** Longest time a wait may take, 1..(30 days) ms. */
ABC_API abc_status abc_sync_options_set_timeout_ms(abc_sync_options *options, int64_t timeout_ms,
                                                   abc_error **error);
/** 1 (default): a job that ends failed or cancelled makes the call fail with
 * ::ABC_ERROR_SYNC_FAILED. 0: the call succeeds and the caller reads the state. */
ABC_API abc_status abc_sync_options_set_fail_on_sync_failure(abc_sync_options *options, int fail,
                                                             abc_error **error);
/** 1 (default): a wait that times out fails with ::ABC_ERROR_WAIT_TIMEOUT. 0: it succeeds with
 * the job still running. */
ABC_API abc_status abc_sync_options_set_fail_on_timeout(abc_sync_options *options, int fail,
                                                        abc_error **error);
/** 1: when the connection already has a running job (409), attach to that job instead of
 * failing with ::ABC_ERROR_SYNC_ALREADY_RUNNING. Default 0. */
ABC_API abc_status abc_sync_options_set_attach_if_running(abc_sync_options *options, int attach,
                                                          abc_error **error);
/** The type of job abc_run_sync() starts: "sync" (default), "reset", "refresh" or "clear"
 * (the API's JobTypeEnum). Attaching (abc_sync_options_set_attach_if_running()) looks for a
 * running job of this type. */
ABC_API abc_status abc_sync_options_set_job_type(abc_sync_options *options, const char *job_type,
                                                 abc_error **error);
/** Progress callback (NULL to remove) and its user data. */
ABC_API abc_status abc_sync_options_set_progress_callback(abc_sync_options *options,
                                                          abc_progress_callback callback,
                                                          void *user_data, abc_error **error);
/** A token another thread can use to cancel the wait (not the job). Borrowed: it must outlive
 * every wait that uses these options. NULL removes it. */
ABC_API abc_status abc_sync_options_set_cancel_token(abc_sync_options *options,
                                                     abc_cancel_token *token, abc_error **error);

/** 1: when the wait is cancelled (cancel token or progress callback returning 0), cancel the job
 * on the server too, so the call fails with ::ABC_ERROR_CANCELLED and the job ends cancelled.
 * Default 0: the wait stops and the job goes on. */
ABC_API abc_status abc_sync_options_set_cancel_job_on_cancel(abc_sync_options *options,
                                                             int cancel_job, abc_error **error);

/** @param[out] out new token, freed with abc_cancel_token_free(). */
ABC_API abc_status abc_cancel_token_new(abc_cancel_token **out, abc_error **error);
ABC_API void abc_cancel_token_free(abc_cancel_token *token);
/** Cancels every wait using this token, now and later; wakes a waiting thread at once.
 * Thread-safe. */
ABC_API void abc_cancel_token_cancel(abc_cancel_token *token);
/** 1 once cancelled. Thread-safe. */
ABC_API int abc_cancel_token_is_cancelled(const abc_cancel_token *token);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Sync jobs
 * A job handle holds the latest snapshot of one job. The getters read that snapshot (no
 * request); abc_job_refresh() and the waits update it. Borrowed strings live until the handle is
 * freed or its snapshot is updated. */
/**@{*/

/** Starts a sync on a connection (POST /jobs, jobType sync) and, unless `options` say not to,
 * waits until the job is final.
 *
 * Starting is never retried in a way that could create a second job: POST /jobs is resent only
 * when the request provably never reached the server, or when the connection broke after
 * sending it and the connection's newest jobs show that it started none. When they show the job
 * it started, the call attaches to that job. When they cannot tell (a job ended within seconds of
 * the request, or the jobs cannot be listed), the call fails with ::ABC_ERROR_JOB_START_UNKNOWN,
 * whose message names the connection on which a job may be running.
 *
 * @param[out] out the job, freed with abc_job_free(). Set on ::ABC_OK and also when the sync
 *        started but the wait failed (::ABC_ERROR_SYNC_FAILED, ::ABC_ERROR_WAIT_TIMEOUT,
 *        ::ABC_ERROR_CANCELLED, or a transport error while polling): the job goes on on the
 *        server and the caller keeps the handle. NULL on every other failure.
 * @param options NULL for defaults. */
ABC_API abc_status abc_run_sync(abc_job **out, abc_workspace *workspace, const char *connection_id,
                                const abc_sync_options *options, abc_error **error);

/** Fetches job `job_id` (GET /jobs/{id}).
 * @param[out] out new handle, freed with abc_job_free(). The workspace must outlive it. */
ABC_API abc_status abc_job_get(abc_job **out, abc_workspace *workspace, int64_t job_id,
                               abc_error **error);
ABC_API void abc_job_free(abc_job *job);
/** Fetches the job's current snapshot from the server. */
ABC_API abc_status abc_job_refresh(abc_job *job, abc_error **error);

/** The job id. */
ABC_API int64_t abc_job_id(const abc_job *job);
/** The job's state in the latest snapshot (::ABC_JOB_STATE_UNKNOWN for NULL). */
ABC_API abc_job_state abc_job_status(const abc_job *job);
/** 1 when the snapshot's state is final. */
ABC_API int abc_job_is_complete(const abc_job *job);
/** The job type ("sync", "reset", "clear"...). Borrowed. */
ABC_API const char *abc_job_type(const abc_job *job);
/** The connection the job runs on. Borrowed. */
ABC_API const char *abc_job_connection_id(const abc_job *job);
/** Records synced so far (0 when the API reports none). */
ABC_API int64_t abc_job_rows_synced(const abc_job *job);
/** Bytes synced so far (0 when the API reports none). */
ABC_API int64_t abc_job_bytes_synced(const abc_job *job);
/** Start time as Unix seconds (0 when unknown). */
ABC_API int64_t abc_job_start_time(const abc_job *job);
/** Start time as the API's ISO-8601 text ("" when unknown). Borrowed. */
ABC_API const char *abc_job_start_time_text(const abc_job *job);
/** Last update as Unix seconds; the API sets it only once the job is final (0 before). */
ABC_API int64_t abc_job_last_updated_time(const abc_job *job);
/** Duration in milliseconds from the API's ISO-8601 duration (0 while pending/unknown). */
ABC_API int64_t abc_job_duration_ms(const abc_job *job);
/** The job's web UI address. Borrowed. */
ABC_API const char *abc_job_url(const abc_job *job);

/** ::ABC_ERROR_SYNC_FAILED (with job id, connection id and state in the error) when the
 * snapshot's state is failed or cancelled; ::ABC_OK otherwise. No request. */
ABC_API abc_status abc_job_check_failure(const abc_job *job, abc_error **error);
/** Polls until the job is final, per `options` (NULL for defaults; the wait/attach settings are
 * ignored). Polling starts fast and backs off to the configured cap. Thread-safe on jobs of one
 * workspace handle: while threads wait for two or more of its jobs, one change feed (a
 * `GET /jobs?workspaceIds=…&updatedAtStart=…` round at most every second, run by one of the
 * waiting threads) stands in for each job's `GET /jobs/{id}`, as in abc_waiter_new(); a job the
 * feed already saw final returns at once without a request. */
ABC_API abc_status abc_job_wait(abc_job *job, const abc_sync_options *options, abc_error **error);
/** Asks the server to cancel the job (DELETE /jobs/{id}) and updates the snapshot. */
ABC_API abc_status abc_job_cancel(abc_job *job, abc_error **error);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Job history */
/**@{*/

/** The connection's sync jobs, newest first (GET /jobs?connectionId=..&orderBy=createdAt|DESC).
 * @param limit 1..100 jobs per call; @param offset 0.. jobs to skip.
 * @param[out] out new list, freed with abc_job_list_free(). */
ABC_API abc_status abc_connection_list_jobs(abc_job_list **out, abc_connection *connection,
                                            int limit, int64_t offset, abc_error **error);
/** The connection's most recent sync job.
 * @param[out] out new handle, or NULL (with ::ABC_OK) when the connection has no sync job. */
ABC_API abc_status abc_connection_latest_job(abc_job **out, abc_connection *connection,
                                             abc_error **error);
/** Number of jobs in the list. */
ABC_API size_t abc_job_list_count(const abc_job_list *list);
/** A copy of job `index` (< count) as its own handle.
 * @param[out] out new handle, freed with abc_job_free(); independent of the list. */
ABC_API abc_status abc_job_list_get(abc_job **out, const abc_job_list *list, size_t index,
                                    abc_error **error);
ABC_API void abc_job_list_free(abc_job_list *list);

typedef struct abc_job_filter abc_job_filter;
typedef struct abc_job_iterator abc_job_iterator;

/** Which jobs abc_workspace_list_jobs() / abc_workspace_iterate_jobs() hand out: every filter of
 * GET /jobs. Defaults: every job the credentials can see (no connection, no workspace given:
 * all their workspaces), any type and status, the server's order (createdAt ascending),
 * 100 per page. @param[out] out freed with abc_job_filter_free(). */
ABC_API abc_status abc_job_filter_new(abc_job_filter **out, abc_error **error);
ABC_API void abc_job_filter_free(abc_job_filter *filter);
/** Only jobs of this connection (NULL removes the filter). */
ABC_API abc_status abc_job_filter_set_connection_id(abc_job_filter *filter,
                                                    const char *connection_id, abc_error **error);
/** Adds a workspace to those the jobs may belong to (workspaceIds). */
ABC_API abc_status abc_job_filter_add_workspace_id(abc_job_filter *filter, const char *workspace_id,
                                                   abc_error **error);
/** Only jobs of this type: "sync", "reset", "refresh", "clear" (NULL: any). */
ABC_API abc_status abc_job_filter_set_job_type(abc_job_filter *filter, const char *job_type,
                                               abc_error **error);
/** Only jobs in this state (::ABC_JOB_STATE_UNKNOWN: any). */
ABC_API abc_status abc_job_filter_set_status(abc_job_filter *filter, abc_job_state status,
                                             abc_error **error);
/** Only jobs created in [start, end], Unix seconds; 0 leaves that end open. */
ABC_API abc_status abc_job_filter_set_created_between(abc_job_filter *filter, int64_t start,
                                                      int64_t end, abc_error **error);
/** Only jobs last updated in [start, end], Unix seconds; 0 leaves that end open. */
ABC_API abc_status abc_job_filter_set_updated_between(abc_job_filter *filter, int64_t start,
                                                      int64_t end, abc_error **error);
/** Order by "createdAt" or "updatedAt", newest first when `descending` is 1. */
ABC_API abc_status abc_job_filter_set_order(abc_job_filter *filter, const char *field,
                                            int descending, abc_error **error);
/** Jobs asked for per request, 1..100 (default 100). */
ABC_API abc_status abc_job_filter_set_page_size(abc_job_filter *filter, int page_size,
                                                abc_error **error);
/** Every job passing `filter` (NULL: defaults), all pages fetched now.
 * @param[out] out new list, freed with abc_job_list_free(). */
ABC_API abc_status abc_workspace_list_jobs(abc_job_list **out, abc_workspace *workspace,
                                           const abc_job_filter *filter, abc_error **error);
/** A lazy walk over the jobs passing `filter` (copied). No request yet.
 * @param[out] out freed with abc_job_iterator_free(). */
ABC_API abc_status abc_workspace_iterate_jobs(abc_job_iterator **out, abc_workspace *workspace,
                                              const abc_job_filter *filter, abc_error **error);
/** @param[out] out a new job handle (abc_job_free()), or NULL with ::ABC_OK at the end. */
ABC_API abc_status abc_job_iterator_next(abc_job **out, abc_job_iterator *iterator,
                                         abc_error **error);
ABC_API void abc_job_iterator_free(abc_job_iterator *iterator);
/**@}*/

/* ------------------------------------------------------------------------------------------ */
/** @name Waiting for many jobs
 * One thread waits for any number of jobs, and abc_waiter_next() hands back each job as it
 * becomes final. While two or more are unfinished, each round reads what changed in the
 * waiter's workspace with one job listing (GET /jobs ordered by update time, every page, from
 * the server's clock less a few seconds' overlap), however many jobs it follows. A job alone, a
 * job of another workspace (the listing never shows it) and every job in a round whose listing
 * fails are polled each on its own, concurrently over the shared keep-alive connections; after a
 * 403 or 404 on the listing the waiter polls each job from then on. */
/**@{*/

/** @param[out] out new waiter, freed with abc_waiter_free(). The workspace must outlive it. */
ABC_API abc_status abc_waiter_new(abc_waiter **out, abc_workspace *workspace, abc_error **error);
ABC_API void abc_waiter_free(abc_waiter *waiter);
/** Adds a job to wait for. The job is borrowed: it must outlive the waiter, and the waiter
 * updates its snapshot. @param[out] out_index the job's position, counting from 0 in add order
 * (may be NULL). */
ABC_API abc_status abc_waiter_add(abc_waiter *waiter, abc_job *job, size_t *out_index,
                                  abc_error **error);
/** Number of added jobs that are not yet final. */
ABC_API size_t abc_waiter_pending_count(const abc_waiter *waiter);
/** Blocks until one more added job is final and reports it. Jobs are reported once each.
 * @param[out] out_index position of the finished job (as abc_waiter_add() gave it).
 * @param timeout_ms how long to wait at most, 1.. ms.
 * @return ::ABC_OK with *out_index set; ::ABC_ERROR_NOT_FOUND when no unreported job is left;
 *         ::ABC_ERROR_WAIT_TIMEOUT when none finished in time; ::ABC_ERROR_CANCELLED when the
 *         cancel token (may be NULL) was cancelled. Failed jobs are reported like any other:
 *         read their state with abc_job_status(). */
ABC_API abc_status abc_waiter_next(size_t *out_index, abc_waiter *waiter, int64_t timeout_ms,
                                   abc_cancel_token *cancel_token, abc_error **error);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_JOBS_H */
