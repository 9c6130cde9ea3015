/* Go module file for the shared SWIG interface (../airbyte_cloud.i).
 *
 * The go tool runs SWIG itself: internal/capi/capi.swig %includes this file, and `go build`
 * calls `swig -go -cgo -intgosize 64 -module capi` on it (with the -I flags of the package's
 * #cgo directives and of pkg-config), compiles the generated C wrapper with cgo and caches the
 * result. No generated code is committed or written into the source tree.
 *
 * What the typemaps below make of the C API (package capi is internal: the idiomatic package
 * airbytecloud is its only user, and it is the one place that must get ownership right):
 *
 * - Handles are distinct Go integer types (capi.Workspace, capi.Job, ...), 0 being NULL. They
 *   are plain values, never interfaces, so no generated wrapper can dereference a nil interface.
 * - `T **out` is a `*T` the C function writes the new handle into (Go memory holding no Go
 *   pointer, as cgo's pointer rules require). The caller owns that handle.
 * - `abc_error **error` is a `*capi.Error` receiving an owned abc_error (freed by the caller).
 * - `const char **out` (borrowed) is a `*string` that receives a Go copy at once; `char **out`
 *   (owned, abc_secret_get) likewise, and the C string is released with abc_string_free().
 * - `size_t *out` / `size_t *out_index` are `*int`.
 * - The two callback slots `(callback, user_data)` become one uintptr: a runtime/cgo.Handle of
 *   the Go function (0 removes the callback). C trampolines below call the exported Go
 *   functions abcGoLog / abcGoProgress (internal/capi/callbacks.go) with that handle.
 */

%insert(cgo_comment_typedefs) %{
#include <stdint.h>
%}

/* ---- handles ---------------------------------------------------------------------------- */
%define ABC_GO_HANDLE(CTYPE, GOTYPE)
%insert(go_wrapper) %{
// GOTYPE is a CTYPE pointer (0 is NULL).
type GOTYPE uintptr
%}
%typemap(gotype) CTYPE *, const CTYPE * #GOTYPE
%typemap(imtype) CTYPE *, const CTYPE * "uintptr"
%typemap(goin) CTYPE *, const CTYPE * "$result = uintptr($input)"
%typemap(in) CTYPE *, const CTYPE * %{ $1 = ($1_ltype)$input; %}
%typemap(gotype) CTYPE ** "*" #GOTYPE
%typemap(imtype) CTYPE ** "*" #GOTYPE
%typemap(in) CTYPE ** %{ $1 = ($1_ltype)$input; %}
%enddef

ABC_GO_HANDLE(abc_error, Error)
ABC_GO_HANDLE(abc_options, Options)
ABC_GO_HANDLE(abc_workspace, Workspace)
ABC_GO_HANDLE(abc_connection, Connection)
ABC_GO_HANDLE(abc_job, Job)
ABC_GO_HANDLE(abc_job_list, JobList)
ABC_GO_HANDLE(abc_sync_options, SyncOptions)
ABC_GO_HANDLE(abc_cancel_token, CancelToken)
ABC_GO_HANDLE(abc_waiter, Waiter)

/* ---- string results ----------------------------------------------------------------------- */
%typemap(gotype) const char **out, char **out "*string"
%typemap(imtype) const char **out, char **out "*string"
%typemap(in) const char **out (const char *temp = NULL) %{ $1 = ($1_ltype)&temp; %}
%typemap(in) char **out (char *temp = NULL) %{ $1 = &temp; %}
%typemap(argout, fragment="AllocateString") const char **out, char **out
%{ *$input = Swig_AllocateString(temp$argnum ? temp$argnum : "", temp$argnum ? strlen(temp$argnum) : 0); %}
%typemap(freearg) const char **out ""
%typemap(freearg) char **out %{ abc_string_free(temp$argnum); %}
%typemap(goargout, fragment="CopyString") const char **out, char **out
%{ *$input = swigCopyString(*$input) %}

/* ---- size_t results ----------------------------------------------------------------------- */
%typemap(gotype) size_t *out, size_t *out_index "*int"
%typemap(imtype) size_t *out, size_t *out_index "*int"
%typemap(in) size_t *out (size_t temp = 0), size_t *out_index (size_t temp = 0) %{ $1 = &temp; %}
%typemap(argout) size_t *out, size_t *out_index %{ *$input = (intgo)temp$argnum; %}

/* ---- callbacks ---------------------------------------------------------------------------- */
%{
#include <stdint.h>
#include "airbyte_cloud.h"
/* Exported from internal/capi/callbacks.go. */
extern void abcGoLog(uintptr_t handle, int level, char *message);
extern int abcGoProgress(uintptr_t handle, int64_t job_id, int state, int64_t elapsed_ms,
                         int64_t rows_synced, int64_t bytes_synced);

static void abc_go_log_trampoline(abc_log_level level, const char *message, void *user_data) {
    abcGoLog((uintptr_t)user_data, (int)level, (char *)message);
}

static int abc_go_progress_trampoline(const abc_job *job, abc_job_state state, int64_t elapsed_ms,
                                      int64_t rows_synced, int64_t bytes_synced, void *user_data) {
    return abcGoProgress((uintptr_t)user_data, abc_job_id(job), (int)state, elapsed_ms,
                         rows_synced, bytes_synced);
}
%}

%typemap(gotype) (abc_log_callback callback, void *user_data),
                 (abc_progress_callback callback, void *user_data) "uintptr"
%typemap(imtype) (abc_log_callback callback, void *user_data),
                 (abc_progress_callback callback, void *user_data) "uintptr"
%typemap(in) (abc_log_callback callback, void *user_data)
%{ $1 = $input ? abc_go_log_trampoline : NULL;
   $2 = (void *)(uintptr_t)$input; %}
%typemap(in) (abc_progress_callback callback, void *user_data)
%{ $1 = $input ? abc_go_progress_trampoline : NULL;
   $2 = (void *)(uintptr_t)$input; %}

%include "../airbyte_cloud.i"
