/* Ruby module over the shared interface (../airbyte_cloud.i): AirbyteCloud::Native, a low-level
 * layer the idiomatic classes in lib/ are built on. Not meant to be used directly.
 *
 * How the C conventions map:
 * - A call returning abc_status returns [status, out..., error]: the out parameters in order
 *   (handles as AirbyteCloud::Native::Handle, strings as UTF-8 Strings, numbers as Integers), then
 *   nil or a Hash with the error detail (abc_rb_error_value). Other calls return their value.
 * - `abc_error **error` never reaches Ruby: the detail is copied into the Hash and freed.
 * - Handles are AirbyteCloud::Native::Handle objects with reference counting (ext/abc_ruby.c);
 *   the abc_*_free functions are not exposed: Handle#close or the garbage collector frees.
 * - Out parameters are recognised by their names (out, out_json, out_index...): the typemaps for
 *   each out type, the handle typemaps and the %ignore of the free functions are generated from the
 *   header at build time (ext/airbyte_cloud/abc_header.rb -> abc_rb_generated.i), so new header
 *   sections need no change here.
 * - Calls returning abc_status run with the GVL released (generated shims, abc_rb_shims.h).
 * - Callbacks: the log callback is bridged by Native.options_set_logger, the progress callback
 *   and cancel token of sync options by the waits (Native.run_sync, Native.job_wait,
 *   Native.waiter_next), the log-line callback by Native.job_logs_read, all in ext/abc_ruby.c;
 *   the raw functions are ignored here.
 */
%module "AirbyteCloud::native" /* Ruby module AirbyteCloud::Native, Init_native */

%{
#include "airbyte_cloud.h"
#include "abc_ruby.h"
#include "abc_rb_kinds.h"
/* Must come last: routes the wrappers' abc_ calls through the GVL-releasing shims. */
#include "abc_rb_shims.h"
%}

%init %{
  abc_rb_init(mNative);
%}

/* ---- Errors ---------------------------------------------------------------------------------- */
%typemap(in, numinputs=0) abc_error **error (abc_error *temp = NULL) "$1 = &temp;"
%typemap(argout) abc_error **error {
  $result = SWIG_Ruby_AppendOutput($result, abc_rb_error_value(result, temp$argnum));
  temp$argnum = NULL;
}
%typemap(freearg) abc_error **error "abc_error_free(temp$argnum);"

/* An interrupt that raised while a call was about to run is raised here, after the wrapper has
 * wrapped its results and released its handles (abc_rb_call_without_gvl). */
%typemap(ret) abc_status "abc_rb_raise_pending();"

/* ---- Strings --------------------------------------------------------------------------------- */
%typemap(in) const char * (VALUE keep = Qnil) {
  $1 = ($1_ltype)abc_rb_cstr($input, &keep, "$1_name");
}
%typemap(freearg) const char * "RB_GC_GUARD(keep$argnum);"
%typemap(out) const char * "$result = abc_rb_str($1);"

/* Borrowed strings: copied. (The empty freearg keeps SWIG from using the char ** one below.) */
%typemap(in, numinputs=0) const char **ABC_OUT (const char *temp = NULL) "$1 = ($1_ltype)&temp;"
%typemap(argout) const char **ABC_OUT "$result = SWIG_Ruby_AppendOutput($result, abc_rb_str(temp$argnum));"
%typemap(freearg) const char **ABC_OUT ""

/* Owned strings: copied, wiped (they may hold secrets, e.g. configuration JSON) and freed. */
%typemap(in, numinputs=0) char **ABC_OUT (char *temp = NULL) "$1 = &temp;"
%typemap(argout) char **ABC_OUT "$result = SWIG_Ruby_AppendOutput($result, abc_rb_str(temp$argnum));"
%typemap(freearg) char **ABC_OUT {
  if (temp$argnum) memset(temp$argnum, 0, strlen(temp$argnum));
  abc_string_free(temp$argnum);
}

/* ---- Numbers --------------------------------------------------------------------------------- */
%define ABC_RB_SCALAR_OUT(TYPE, CONVERT)
%typemap(in, numinputs=0) TYPE *ABC_OUT (TYPE temp = 0) "$1 = &temp;"
%typemap(argout) TYPE *ABC_OUT "$result = SWIG_Ruby_AppendOutput($result, CONVERT(temp$argnum));"
%enddef
ABC_RB_SCALAR_OUT(size_t, SIZET2NUM)
ABC_RB_SCALAR_OUT(int, INT2NUM)
ABC_RB_SCALAR_OUT(long, LONG2NUM)
ABC_RB_SCALAR_OUT(int32_t, INT2NUM)
ABC_RB_SCALAR_OUT(uint32_t, UINT2NUM)
ABC_RB_SCALAR_OUT(int64_t, LL2NUM)
ABC_RB_SCALAR_OUT(uint64_t, ULL2NUM)
ABC_RB_SCALAR_OUT(double, rb_float_new)

/* An enum out parameter (abc_value_type *out...): an Integer. */
%define ABC_RB_ENUM_OUT(TYPE)
%typemap(in, numinputs=0) TYPE *ABC_OUT (TYPE temp = (TYPE)0) "$1 = &temp;"
%typemap(argout) TYPE *ABC_OUT "$result = SWIG_Ruby_AppendOutput($result, INT2NUM((int)temp$argnum));"
%enddef

/* ---- Handles --------------------------------------------------------------------------------- */
/* In: a Handle of the right kind (nil passes NULL, which the C API reports by argument name). The
 * handle is pinned from the check phase (after every argument converted) to the end of the call. */
%define ABC_RB_HANDLE(TYPE, KIND)
%typemap(in) TYPE * (abc_rb_ref *ref = NULL, int pinned = 0) {
  ref = abc_rb_handle_ref($input, KIND, "$1_name");
  $1 = ($1_ltype)abc_rb_ref_ptr(ref);
}
%typemap(check) TYPE * {
  abc_rb_ref_pin(ref$argnum);
  pinned$argnum = 1;
}
%typemap(freearg) TYPE * {
  if (pinned$argnum) abc_rb_ref_unpin(ref$argnum);
}
%typemap(in) const TYPE * = TYPE *;
%typemap(check) const TYPE * = TYPE *;
%typemap(freearg) const TYPE * = TYPE *;
%typemap(in, numinputs=0) TYPE **ABC_OUT (TYPE *temp = NULL) "$1 = &temp;"
%typemap(argout) TYPE **ABC_OUT "$result = SWIG_Ruby_AppendOutput($result, abc_rb_handle_new(temp$argnum, KIND));"
%enddef

/* ---- Bridged in ext/abc_ruby.c, or used only there ------------------------------------------- */
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

/* Out parameters not named out*: the connector checks' result and message. */
%apply int *ABC_OUT { int *succeeded };
%apply char **ABC_OUT { char **message };

/* Generated from the header: handle typemaps, out-parameter %apply lines, %ignore of *_free. */
%include "abc_rb_generated.i"

%include "../airbyte_cloud.i"
