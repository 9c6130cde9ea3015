/* Hand-written support of airbyte_cloud.capi: errors, interruptible waits, logging.
 * See abc_python.h for what each part does and why. */
#include "abc_python.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

/* ---- Errors ---------------------------------------------------------------------------------- */

/* A str from library text, never failing on bad UTF-8 (replaced). */
static PyObject *abc_py_text(const char *text) {
    if (!text)
        text = "";
    return PyUnicode_DecodeUTF8(text, (Py_ssize_t)strlen(text), "replace");
}

PyObject *abc_py_raise(abc_status status, const abc_error *error, PyObject *job) {
    static PyObject *factory = NULL; /* airbyte_cloud.exceptions._from_native, kept for good */
    if (!factory) {
        PyObject *module = PyImport_ImportModule("airbyte_cloud.exceptions");
        if (!module)
            return NULL;
        factory = PyObject_GetAttrString(module, "_from_native");
        Py_DECREF(module);
        if (!factory)
            return NULL;
    }
    if (error)
        status = abc_error_status(error);
    const char *message = error ? abc_error_message(error) : abc_strerror(status);
    PyObject *exception = PyObject_CallFunction(
        factory, "iNiNNNLiLONNN", (int)status, abc_py_text(message), abc_error_http_status(error),
        abc_py_text(abc_error_problem_type(error)), abc_py_text(abc_error_problem_detail(error)),
        abc_py_text(abc_error_connection_id(error)), (long long)abc_error_job_id(error),
        (int)abc_error_job_state(error), (long long)abc_error_timeout_ms(error),
        job ? job : Py_None, abc_py_text(abc_error_failure_origin(error)),
        abc_py_text(abc_error_failure_type(error)), abc_py_text(abc_error_failure_message(error)));
    if (!exception)
        return NULL;
    PyErr_SetObject((PyObject *)Py_TYPE(exception), exception);
    Py_DECREF(exception);
    return NULL;
}

/* Raises for a failed call and frees its error. */
static PyObject *abc_py_fail(abc_status status, abc_error *error) {
    abc_py_raise(status, error, NULL);
    abc_error_free(error);
    return NULL;
}

/* ---- Interruptible waits --------------------------------------------------------------------- */

/* How long the calling thread waits before it checks for signals again. */
enum { ABC_PY_SLICE_MS = 50 };

typedef struct abc_py_wait abc_py_wait;
struct abc_py_wait {
    abc_status (*run)(abc_py_wait *wait); /* the blocking call, on the helper thread */
    abc_workspace *workspace;
    const char *connection_id;
    abc_sync_options *options;
    abc_job *job;
    abc_waiter *waiter;
    int64_t timeout_ms;
    abc_cancel_token *token;
    PyObject *progress;          /* borrowed callable or NULL */
    PyObject *progress_error[3]; /* what the progress callable raised: type, value, traceback */
    abc_job *out_job;
    size_t out_index;
    abc_error *error;
    abc_status status;
    pthread_mutex_t lock;
    pthread_cond_t finished;
    int done;
};

static abc_status abc_py_run_sync_call(abc_py_wait *w) {
    return abc_run_sync(&w->out_job, w->workspace, w->connection_id, w->options, &w->error);
}

static abc_status abc_py_job_wait_call(abc_py_wait *w) {
    return abc_job_wait(w->job, w->options, &w->error);
}

static abc_status abc_py_waiter_next_call(abc_py_wait *w) {
    return abc_waiter_next(&w->out_index, w->waiter, w->timeout_ms, w->token, &w->error);
}

/* Progress on the helper thread: calls the Python callable with the GIL. A truthy result stops
 * the wait; an exception stops it too and is re-raised by the waiting thread. */
static int abc_py_progress(const abc_job *job, abc_job_state state, int64_t elapsed_ms,
                           int64_t rows_synced, int64_t bytes_synced, void *user_data) {
    abc_py_wait *w = user_data;
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *answer = PyObject_CallFunction(w->progress, "LiLLL", (long long)abc_job_id(job),
                                             (int)state, (long long)elapsed_ms,
                                             (long long)rows_synced, (long long)bytes_synced);
    int stop = 1;
    if (!answer) {
        if (!w->progress_error[0])
            PyErr_Fetch(&w->progress_error[0], &w->progress_error[1], &w->progress_error[2]);
        PyErr_Clear();
    } else {
        stop = PyObject_IsTrue(answer) > 0;
        Py_DECREF(answer);
    }
    PyGILState_Release(gil);
    return stop;
}

static void *abc_py_wait_thread(void *arg) {
    abc_py_wait *w = arg;
    abc_status status = w->run(w);
    pthread_mutex_lock(&w->lock);
    w->status = status;
    w->done = 1;
    pthread_cond_signal(&w->finished);
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

/* Waits up to one slice for the helper thread (GIL released); 1 once it is done. */
static int abc_py_wait_slice(abc_py_wait *w) {
    int done;
    PyThreadState *saved = PyEval_SaveThread();
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until); /* the condition variable's clock */
    until.tv_nsec += ABC_PY_SLICE_MS * 1000000L;
    until.tv_sec += until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&w->lock);
    while (!w->done && pthread_cond_timedwait(&w->finished, &w->lock, &until) == 0) {
    }
    done = w->done;
    pthread_mutex_unlock(&w->lock);
    PyEval_RestoreThread(saved);
    return done;
}

/* Runs w->run on a helper thread until it returns. A signal handler that raises (Ctrl-C:
 * KeyboardInterrupt) cancels the wait through the token; the exception stays set and 1 is
 * returned once the helper thread is done. 0: the call returned on its own. */
static int abc_py_wait_run(abc_py_wait *w) {
    pthread_t thread;
    int interrupted = 0;
    pthread_mutex_init(&w->lock, NULL);
    pthread_condattr_t monotonic;
    pthread_condattr_init(&monotonic);
    pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC); /* slices immune to clock changes */
    pthread_cond_init(&w->finished, &monotonic);
    pthread_condattr_destroy(&monotonic);
    if (pthread_create(&thread, NULL, abc_py_wait_thread, w) != 0) {
        PyThreadState *saved = PyEval_SaveThread(); /* no thread to spare: wait without Ctrl-C */
        w->status = w->run(w);
        PyEval_RestoreThread(saved);
        w->done = 1;
    } else {
        while (!abc_py_wait_slice(w)) {
            if (!abc_cancel_token_is_cancelled(w->token) && PyErr_CheckSignals() < 0) {
                interrupted = 1;
                abc_cancel_token_cancel(w->token);
            }
        }
        pthread_join(thread, NULL);
    }
    pthread_cond_destroy(&w->finished);
    pthread_mutex_destroy(&w->lock);
    return interrupted;
}

/* Sets up the token (and, with options, the progress bridge), waits, undoes the setup.
 * Returns 0 when the call returned (w->status says how), -1 with an exception set otherwise. */
static int abc_py_wait_call(abc_py_wait *w) {
    abc_error *setup_error = NULL;
    abc_status status = abc_cancel_token_new(&w->token, &setup_error);
    if (status == ABC_OK && w->options) {
        status = abc_sync_options_set_cancel_token(w->options, w->token, &setup_error);
        if (status == ABC_OK && w->progress && w->progress != Py_None)
            status = abc_sync_options_set_progress_callback(w->options, abc_py_progress, w,
                                                            &setup_error);
    }
    if (status != ABC_OK) {
        abc_py_fail(status, setup_error);
        abc_cancel_token_free(w->token);
        return -1;
    }
    int interrupted = abc_py_wait_run(w);
    if (w->options) {
        abc_sync_options_set_progress_callback(w->options, NULL, NULL, NULL);
        abc_sync_options_set_cancel_token(w->options, NULL, NULL);
    }
    abc_cancel_token_free(w->token);
    if (w->progress_error[0]) {
        if (interrupted) { /* KeyboardInterrupt wins over what the callable raised */
            PyObject *type, *value, *traceback;
            PyErr_Fetch(&type, &value, &traceback);
            PyErr_Restore(w->progress_error[0], w->progress_error[1], w->progress_error[2]);
            PyErr_Clear();
            PyErr_Restore(type, value, traceback);
        } else {
            PyErr_Restore(w->progress_error[0], w->progress_error[1], w->progress_error[2]);
        }
        interrupted = 1;
    }
    return interrupted ? -1 : 0;
}

/* Drops `object` (a job whose destructor runs Python code) keeping the pending exception. */
static void abc_py_drop(PyObject *object) {
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    Py_XDECREF(object);
    PyErr_Restore(type, value, traceback);
}

/* The common ending: NULL with the exception set for a failure (carrying `job`), else `value`
 * (a new reference, dropped on failure). */
static PyObject *abc_py_wait_result(abc_py_wait *w, int outcome, PyObject *job, PyObject *value) {
    if (outcome == 0 && w->status != ABC_OK)
        abc_py_raise(w->status, w->error, job);
    abc_error_free(w->error);
    if (outcome != 0 || w->status != ABC_OK) {
        abc_py_drop(value);
        return NULL;
    }
    return value;
}

PyObject *abc_py_run_sync(abc_workspace *workspace, const char *connection_id,
                          abc_sync_options *options, PyObject *progress,
                          PyObject *(*wrap_job)(abc_job *)) {
    abc_py_wait w = {.run = abc_py_run_sync_call,
                     .workspace = workspace,
                     .connection_id = connection_id,
                     .options = options,
                     .progress = progress};
    if (!options) {
        PyErr_SetString(PyExc_ValueError, "abc_py_run_sync needs sync options");
        return NULL;
    }
    int outcome = abc_py_wait_call(&w);
    /* The job handle is owned from here on, also when the wait failed: the job goes on, and the
     * exception carries it. */
    PyObject *type = NULL, *value = NULL, *traceback = NULL;
    if (outcome != 0)
        PyErr_Fetch(&type, &value, &traceback); /* wrapping runs Python code */
    PyObject *job = w.out_job ? wrap_job(w.out_job) : NULL;
    if (outcome != 0) {
        Py_XDECREF(job);
        PyErr_Restore(type, value, traceback);
    } else if (w.out_job && !job) {
        outcome = -1;
    }
    return abc_py_wait_result(&w, outcome, job, job);
}

PyObject *abc_py_job_wait(abc_job *job, abc_sync_options *options, PyObject *progress) {
    abc_py_wait w = {
        .run = abc_py_job_wait_call, .job = job, .options = options, .progress = progress};
    int outcome = abc_py_wait_call(&w);
    Py_INCREF(Py_None);
    return abc_py_wait_result(&w, outcome, NULL, Py_None);
}

PyObject *abc_py_waiter_next(abc_waiter *waiter, int64_t timeout_ms) {
    abc_py_wait w = {.run = abc_py_waiter_next_call, .waiter = waiter, .timeout_ms = timeout_ms};
    int outcome = abc_py_wait_call(&w);
    PyObject *index = outcome == 0 ? PyLong_FromSize_t(w.out_index) : NULL;
    return abc_py_wait_result(&w, index ? outcome : -1, NULL, index);
}

/* ---- Dataset rows ---------------------------------------------------------------------------- */

PyObject *abc_py_cursor_next_row(abc_dataset_cursor *cursor) {
    abc_error *error = NULL;
    int has_row = 0;
    PyThreadState *saved = PyEval_SaveThread();
    abc_status status = abc_dataset_cursor_next(&has_row, cursor, &error);
    PyEval_RestoreThread(saved);
    if (status != ABC_OK)
        return abc_py_fail(status, error);
    if (!has_row)
        Py_RETURN_NONE;
    size_t count = abc_dataset_cursor_column_count(cursor);
    PyObject *row = PyTuple_New((Py_ssize_t)count);
    for (size_t column = 0; row && column < count; column++) {
        const char *text = NULL;
        status = abc_dataset_cursor_text(&text, cursor, column, &error);
        if (status != ABC_OK) {
            Py_DECREF(row);
            return abc_py_fail(status, error);
        }
        PyObject *value = text ? abc_py_text(text) : Py_NewRef(Py_None);
        if (!value)
            Py_CLEAR(row);
        else
            PyTuple_SET_ITEM(row, (Py_ssize_t)column, value);
    }
    return row;
}

/* ---- Attempt logs --------------------------------------------------------------------------- */

typedef struct abc_py_log_reader {
    PyObject *on_line;           /* borrowed callable */
    PyObject *callback_error[3]; /* what it raised: type, value, traceback */
} abc_py_log_reader;

/* One log line, on the reading thread: calls the Python callable with the GIL. A truthy result
 * or an exception stops the read (the exception is re-raised once the read returns). */
static int abc_py_log_line(const char *line, size_t length, void *user_data) {
    abc_py_log_reader *reader = user_data;
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *text = PyUnicode_DecodeUTF8(line, (Py_ssize_t)length, "replace");
    PyObject *answer = text ? PyObject_CallOneArg(reader->on_line, text) : NULL;
    int stop = 1;
    if (!answer) {
        PyErr_Fetch(&reader->callback_error[0], &reader->callback_error[1],
                    &reader->callback_error[2]);
    } else {
        stop = PyObject_IsTrue(answer) > 0;
        Py_DECREF(answer);
    }
    Py_XDECREF(text);
    PyGILState_Release(gil);
    return stop;
}

PyObject *abc_py_job_logs_read(abc_workspace *workspace, int64_t job_id, int64_t attempt_number,
                               int follow, abc_cancel_token *cancel_token, PyObject *on_line) {
    if (!PyCallable_Check(on_line)) {
        PyErr_SetString(PyExc_TypeError, "abc_py_job_logs_read needs a callable for the lines");
        return NULL;
    }
    abc_py_log_reader reader = {.on_line = on_line};
    abc_error *error = NULL;
    int64_t lines_read = 0;
    PyThreadState *saved = PyEval_SaveThread();
    abc_status status = abc_job_logs_read(&lines_read, workspace, job_id, attempt_number, follow,
                                          cancel_token, abc_py_log_line, &reader, &error);
    PyEval_RestoreThread(saved);
    if (reader.callback_error[0]) {
        abc_error_free(error);
        PyErr_Restore(reader.callback_error[0], reader.callback_error[1], reader.callback_error[2]);
        return NULL;
    }
    if (status != ABC_OK)
        return abc_py_fail(status, error);
    return PyLong_FromLongLong((long long)lines_read);
}

/* ---- Logging --------------------------------------------------------------------------------- */

static void abc_py_log(abc_log_level level, const char *message, void *user_data) {
    (void)user_data;
    static const int python_levels[] = {0, 40, 30, 20, 10}; /* logging.ERROR .. DEBUG */
    if (!Py_IsInitialized() || _Py_IsFinalizing())
        return;
    PyGILState_STATE gil = PyGILState_Ensure();
    PyObject *logging = PyImport_ImportModule("logging");
    PyObject *logger =
        logging ? PyObject_CallMethod(logging, "getLogger", "s", "airbyte_cloud") : NULL;
    int python_level = level >= 1 && level <= 4 ? python_levels[level] : 10;
    PyObject *done =
        logger ? PyObject_CallMethod(logger, "log", "isN", python_level, "%s", abc_py_text(message))
               : NULL;
    if (!done)
        PyErr_WriteUnraisable(logger ? logger : Py_None);
    Py_XDECREF(done);
    Py_XDECREF(logger);
    Py_XDECREF(logging);
    PyGILState_Release(gil);
}

PyObject *abc_py_options_log_to_python(abc_options *options, int max_level) {
    abc_error *error = NULL;
    abc_status status;
    PyThreadState *saved = PyEval_SaveThread();
    status =
        abc_options_set_log_callback(options, abc_py_log, NULL, (abc_log_level)max_level, &error);
    PyEval_RestoreThread(saved);
    if (status != ABC_OK)
        return abc_py_fail(status, error);
    Py_RETURN_NONE;
}
