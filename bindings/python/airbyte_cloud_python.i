/* Python module over the shared interface (../airbyte_cloud.i): airbyte_cloud.capi, the low-level
 * layer the Pythonic package (src/airbyte_cloud) is built on. Not meant to be used directly.
 *
 * How the C conventions map:
 * - Every call returning abc_status returns its out parameters: none -> None, one -> the value,
 *   several -> a tuple in order. The status itself never reaches Python.
 * - `abc_error **error` never reaches Python: a failed call raises, in one place
 *   (abc_py_raise in native/abc_python.c), the exception airbyte_cloud.exceptions._from_native
 *   picks for the status, carrying the error's detail; the abc_error is freed.
 * - `T **out` handles come back as owned proxy objects (%newobject semantics: SWIG_POINTER_OWN);
 *   each handle type's destructor is its abc_*_free (abc_py_handles.i, generated from the header
 *   by tools/abc_header.py), so the garbage collector frees them; the layer's close() frees them
 *   at once. A NULL handle result (end of an iterator, no latest job) is None.
 * - Borrowed strings (`const char *` results, `const char **out`) are copied into str at once;
 *   owned ones (`char **out`) are copied, wiped (they may hold configuration secrets) and freed.
 *   A NULL string (SQL NULL from abc_dataset_cursor_text) is None.
 * - Number and enum out parameters come back as int / float.
 * - Every wrapped call runs with the GIL released (swig -threads). The waits, which block for
 *   minutes, are not called through SWIG but through abc_py_run_sync / abc_py_job_wait /
 *   abc_py_waiter_next (native/abc_python.c): interruptible by Ctrl-C, with a progress callable.
 * - Callbacks: the progress callback and cancel token of the sync options are set by those waits,
 *   the log callback by abc_py_options_log_to_python (to Python's logging), the attempt-log line
 *   callback by abc_py_job_logs_read (to a Python callable); the raw setters, the raw waits and
 *   the raw log read are ignored here.
 */
%module(package="airbyte_cloud") capi

%{
#include "airbyte_cloud.h"
#include "abc_python.h"
%}

/* ---- Errors: raised, never returned ---------------------------------------------------------- */
%typemap(in, numinputs=0) abc_error **error (abc_error *temp = NULL) "$1 = &temp;"
%typemap(argout) abc_error **error {
  if (result != ABC_OK) {
    Py_XDECREF($result);
    $result = abc_py_raise(result, temp$argnum, NULL);
    SWIG_fail;
  }
}
%typemap(freearg) abc_error **error "abc_error_free(temp$argnum);"
%typemap(out) abc_status "$result = SWIG_Py_Void();"
/* The one status call without an error parameter. */
%typemap(out) abc_status abc_library_init {
  if (result != ABC_OK) {
    abc_py_raise(result, NULL, NULL);
    SWIG_fail;
  }
  $result = SWIG_Py_Void();
}

/* ---- Strings --------------------------------------------------------------------------------- */
%{
static PyObject *abc_py_str_or_none(const char *text) {
  if (!text) Py_RETURN_NONE;
  return PyUnicode_DecodeUTF8(text, (Py_ssize_t)strlen(text), "replace");
}
%}
%typemap(out) const char * "$result = abc_py_str_or_none($1);"
%typemap(in, numinputs=0) const char **out (const char *temp = NULL),
                          const char **out_json (const char *temp = NULL) "$1 = ($1_ltype)&temp;"
%typemap(argout) const char **out, const char **out_json
  "$result = SWIG_Python_AppendOutput($result, abc_py_str_or_none(temp$argnum));"
%typemap(freearg) const char **out, const char **out_json ""
%typemap(in, numinputs=0) char **out (char *temp = NULL), char **out_json (char *temp = NULL),
                          char **message (char *temp = NULL), char **out_body (char *temp = NULL)
  "$1 = &temp;"
%typemap(argout) char **out, char **out_json, char **message, char **out_body
  "$result = SWIG_Python_AppendOutput($result, abc_py_str_or_none(temp$argnum));"
%typemap(freearg) char **out, char **out_json, char **message, char **out_body {
  if (temp$argnum) memset(temp$argnum, 0, strlen(temp$argnum));
  abc_string_free(temp$argnum);
}

/* ---- Numbers --------------------------------------------------------------------------------- */
%define ABC_PY_NUMBER_OUT(TYPE, NAME, CONVERT)
%typemap(in, numinputs=0) TYPE *NAME (TYPE temp = (TYPE)0) "$1 = &temp;"
%typemap(argout) TYPE *NAME "$result = SWIG_Python_AppendOutput($result, CONVERT(temp$argnum));"
%enddef
ABC_PY_NUMBER_OUT(size_t, out, PyLong_FromSize_t)
ABC_PY_NUMBER_OUT(size_t, out_index, PyLong_FromSize_t)
ABC_PY_NUMBER_OUT(int, out, PyLong_FromLong)
ABC_PY_NUMBER_OUT(int, out_has_row, PyLong_FromLong)
ABC_PY_NUMBER_OUT(int, succeeded, PyLong_FromLong)
ABC_PY_NUMBER_OUT(long, out_http_status, PyLong_FromLong)
ABC_PY_NUMBER_OUT(int64_t, out, PyLong_FromLongLong)
ABC_PY_NUMBER_OUT(double, out, PyFloat_FromDouble)
ABC_PY_NUMBER_OUT(double, out_rate, PyFloat_FromDouble)
ABC_PY_NUMBER_OUT(int64_t, out_rate_limited, PyLong_FromLongLong)
ABC_PY_NUMBER_OUT(int64_t, out_paused_ms, PyLong_FromLongLong)
ABC_PY_NUMBER_OUT(int64_t, out_delayed_ms, PyLong_FromLongLong)
ABC_PY_NUMBER_OUT(abc_value_type, out, PyLong_FromLong)

/* ---- Handles --------------------------------------------------------------------------------- */
%typemap(in, numinputs=0) SWIGTYPE **out ($*1_ltype temp = NULL) "$1 = &temp;"
%typemap(argout) SWIGTYPE **out {
  $result = SWIG_Python_AppendOutput($result,
      SWIG_NewPointerObj(SWIG_as_voidptr(temp$argnum), $*1_descriptor, SWIG_POINTER_OWN));
}
/* A job created by abc_py_run_sync, owned like any other. */
%{
static PyObject *abc_py_wrap_job(abc_job *job) {
  return SWIG_NewPointerObj(SWIG_as_voidptr(job), SWIGTYPE_p_abc_job, SWIG_POINTER_OWN);
}
%}

/* ---- Bridged in native/abc_python.c, or used only there -------------------------------------- */
%ignore abc_options_set_log_callback;
%ignore abc_sync_options_set_progress_callback;
%ignore abc_sync_options_set_cancel_token;
%ignore abc_run_sync;
%ignore abc_job_wait;
%ignore abc_waiter_next;
%ignore abc_string_free;
%ignore abc_error_free;
%ignore abc_error_status;
%ignore abc_error_message;
%ignore abc_error_http_status;
%ignore abc_error_problem_type;
%ignore abc_error_problem_detail;
%ignore abc_error_connection_id;
%ignore abc_error_job_id;
%ignore abc_error_job_state;
%ignore abc_error_timeout_ms;
%ignore abc_error_failure_origin;
%ignore abc_error_failure_type;
%ignore abc_error_failure_message;
%ignore abc_job_logs_read;

/* The interruptible waits and the log bridge: they manage the GIL themselves. */
%nothread;
%typemap(in) PyObject *progress, PyObject *on_line "$1 = $input;"
%inline %{
PyObject *abc_py_sync(abc_workspace *workspace, const char *connection_id,
                      abc_sync_options *options, PyObject *progress) {
  return abc_py_run_sync(workspace, connection_id, options, progress, abc_py_wrap_job);
}
%}
PyObject *abc_py_job_wait(abc_job *job, abc_sync_options *options, PyObject *progress);
PyObject *abc_py_waiter_next(abc_waiter *waiter, int64_t timeout_ms);
PyObject *abc_py_options_log_to_python(abc_options *options, int max_level);
PyObject *abc_py_cursor_next_row(abc_dataset_cursor *cursor);
PyObject *abc_py_job_logs_read(abc_workspace *workspace, int64_t job_id, int64_t attempt_number,
                               int follow, abc_cancel_token *cancel_token, PyObject *on_line);
%thread;

/* Generated from the header: one proxy class per handle type, freed by its abc_*_free. */
%include "abc_py_handles.i"

%include "../airbyte_cloud.i"
