/* Hand-written support of the Python module airbyte_cloud.capi (see airbyte_cloud_python.i).
 *
 * - abc_py_raise: the one place a failed call becomes a Python exception. It asks
 *   airbyte_cloud.exceptions._from_native() for the exception of the status (one hierarchy,
 *   defined in Python) with the error's detail, and frees nothing: the caller frees the abc_error.
 * - The waits (abc_py_run_sync, abc_py_job_wait, abc_py_waiter_next) run the blocking C call on a
 *   helper thread with a cancel token, while the calling thread waits for it in short slices with
 *   the GIL released, checking for signals in between: Ctrl-C cancels the wait (never the job)
 *   and raises KeyboardInterrupt within a slice. A progress callable is called with the GIL held.
 * - abc_py_options_log_to_python routes the library's log lines to logging.getLogger(
 *   "airbyte_cloud").
 */
#ifndef ABC_PYTHON_H
#define ABC_PYTHON_H

#include <Python.h>

#include "airbyte_cloud.h"

/* Sets the Python exception for `status`; `job` (may be NULL) is attached as the exception's job
 * handle (a new reference is taken). Returns NULL so callers can `return abc_py_raise(...)`. */
PyObject *abc_py_raise(abc_status status, const abc_error *error, PyObject *job);

/* abc_run_sync with `options` (may be NULL), interruptible. Returns the owned job handle wrapped
 * by `wrap_job`, or NULL with an exception set (the exception carries the job when it started). */
PyObject *abc_py_run_sync(abc_workspace *workspace, const char *connection_id,
                          abc_sync_options *options, PyObject *progress,
                          PyObject *(*wrap_job)(abc_job *));
/* abc_job_wait, interruptible. Returns None, or NULL with an exception set. */
PyObject *abc_py_job_wait(abc_job *job, abc_sync_options *options, PyObject *progress);
/* abc_waiter_next, interruptible. Returns the index as an int, or NULL with an exception set. */
PyObject *abc_py_waiter_next(abc_waiter *waiter, int64_t timeout_ms);

/* Moves the cursor to its next row (GIL released: it may fetch the next batch) and returns the
 * row's values as a tuple of canonical texts (None for SQL NULL), or None after the last row. */
PyObject *abc_py_cursor_next_row(abc_dataset_cursor *cursor);

/* abc_job_logs_read with the GIL released, calling `on_line(str)` (with the GIL) for each line;
 * a truthy result stops the read, an exception stops it and is raised. Returns the number of
 * lines read, or NULL with an exception set. */
PyObject *abc_py_job_logs_read(abc_workspace *workspace, int64_t job_id, int64_t attempt_number,
                               int follow, abc_cancel_token *cancel_token, PyObject *on_line);

/* Sends the library's log lines up to `max_level` (1 error .. 4 debug) to Python's logging. */
PyObject *abc_py_options_log_to_python(abc_options *options, int max_level);

#endif
