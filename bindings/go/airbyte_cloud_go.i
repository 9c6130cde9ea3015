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
 * - Number results (`size_t *out`, `int *out`, `int64_t *out`, `double *out`, an enum `*out`)
 *   are pointers to the Go number (*int, *int64, *float64) written through a C temporary.
 * - The optional string parameters listed below pass NULL for an empty Go string.
 * - The three callback slots `(callback, user_data)` become one uintptr: a runtime/cgo.Handle of
 *   the Go function (0 removes the callback). C trampolines below call the exported Go
 *   functions abcGoLog / abcGoProgress / abcGoLogLine (internal/capi/callbacks.go) with it.
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
/* Managing resources */
ABC_GO_HANDLE(abc_list_options, ListOptions)
ABC_GO_HANDLE(abc_source, Source)
ABC_GO_HANDLE(abc_source_list, SourceList)
ABC_GO_HANDLE(abc_source_iterator, SourceIterator)
ABC_GO_HANDLE(abc_destination, Destination)
ABC_GO_HANDLE(abc_destination_list, DestinationList)
ABC_GO_HANDLE(abc_destination_iterator, DestinationIterator)
ABC_GO_HANDLE(abc_connection_spec, ConnectionSpec)
ABC_GO_HANDLE(abc_connection_list, ConnectionList)
ABC_GO_HANDLE(abc_connection_iterator, ConnectionIterator)
ABC_GO_HANDLE(abc_workspace_info, WorkspaceInfo)
ABC_GO_HANDLE(abc_workspace_info_list, WorkspaceInfoList)
ABC_GO_HANDLE(abc_workspace_info_iterator, WorkspaceInfoIterator)
ABC_GO_HANDLE(abc_stream_catalog, StreamCatalog)
/* Datasets */
ABC_GO_HANDLE(abc_dataset_options, DatasetOptions)
ABC_GO_HANDLE(abc_dataset_set, DatasetSet)
ABC_GO_HANDLE(abc_dataset, Dataset)
ABC_GO_HANDLE(abc_dataset_cursor, DatasetCursor)
/* Diagnostics (Config API) */
ABC_GO_HANDLE(abc_attempt_list, AttemptList)
ABC_GO_HANDLE(abc_connection_state, ConnectionState)
ABC_GO_HANDLE(abc_configured_catalog, ConfiguredCatalog)
/* Issue 13: tags, people, definitions, job filters */
ABC_GO_HANDLE(abc_tag, Tag)
ABC_GO_HANDLE(abc_tag_iterator, TagIterator)
ABC_GO_HANDLE(abc_organization, Organization)
ABC_GO_HANDLE(abc_organization_iterator, OrganizationIterator)
ABC_GO_HANDLE(abc_user, User)
ABC_GO_HANDLE(abc_user_iterator, UserIterator)
ABC_GO_HANDLE(abc_permission, Permission)
ABC_GO_HANDLE(abc_permission_iterator, PermissionIterator)
ABC_GO_HANDLE(abc_definition, Definition)
ABC_GO_HANDLE(abc_definition_iterator, DefinitionIterator)
ABC_GO_HANDLE(abc_declarative_definition, DeclarativeDefinition)
ABC_GO_HANDLE(abc_declarative_definition_iterator, DeclarativeDefinitionIterator)
ABC_GO_HANDLE(abc_job_filter, JobFilter)
ABC_GO_HANDLE(abc_job_iterator, JobIterator)

/* ---- string results ----------------------------------------------------------------------- */
/* A NULL result (abc_dataset_cursor_text for SQL NULL) reads as "": callers that must tell NULL
 * from "" ask first (abc_dataset_cursor_is_null). */
%typemap(gotype) const char **out, char **out, const char **out_json, char **out_json, char **message, char **out_body "*string"
%typemap(imtype) const char **out, char **out, const char **out_json, char **out_json, char **message, char **out_body "*string"
%typemap(in) const char **out (const char *temp = NULL), const char **out_json (const char *temp = NULL)
%{ $1 = ($1_ltype)&temp; %}
%typemap(in) char **out (char *temp = NULL), char **out_json (char *temp = NULL), char **message (char *temp = NULL),
                 char **out_body (char *temp = NULL)
%{ $1 = &temp; %}
%typemap(argout, fragment="AllocateString") const char **out, char **out, const char **out_json, char **out_json, char **message,
                                           char **out_body
%{ *$input = Swig_AllocateString(temp$argnum ? temp$argnum : "", temp$argnum ? strlen(temp$argnum) : 0); %}
%typemap(freearg) const char **out, const char **out_json ""
%typemap(freearg) char **out, char **out_json, char **message, char **out_body %{ abc_string_free(temp$argnum); %}
%typemap(goargout, fragment="CopyString") const char **out, char **out, const char **out_json, char **out_json, char **message,
                                          char **out_body
%{ *$input = swigCopyString(*$input) %}

/* ---- optional string arguments ------------------------------------------------------------ */
/* These parameters accept NULL ("not given", "the default", "this workspace"): an empty Go
 * string passes NULL. Where the parameter is required, C rejects NULL as it rejects "". */
%typemap(in) const char *source_type, const char *destination_type, const char *definition_id,
             const char *sync_mode, const char *cursor_field, const char *primary_key,
             const char *namespace_format, const char *workspace_id, const char *destination_id,
             const char *organization_id, const char *user_id, const char *documentation_url,
             const char *notifications_json, const char *oauth_input_json, const char *body_json
%{
  if ($input.n == 0) {
    $1 = NULL;
  } else {
    $1 = ($1_ltype)malloc($input.n + 1);
    memcpy($1, $input.p, $input.n);
    $1[$input.n] = '\0';
  }
%}
%typemap(freearg) const char *source_type, const char *destination_type, const char *definition_id,
                  const char *sync_mode, const char *cursor_field, const char *primary_key,
                  const char *namespace_format, const char *workspace_id, const char *destination_id,
                  const char *organization_id, const char *user_id, const char *documentation_url,
                  const char *notifications_json, const char *oauth_input_json, const char *body_json
%{ free((char *)$1); %}

/* ---- number results ----------------------------------------------------------------------- */
%define ABC_GO_NUMBER_OUT(CTYPE, NAME, GOTYPE, GOCTYPE)
%typemap(gotype) CTYPE *NAME "*" #GOTYPE
%typemap(imtype) CTYPE *NAME "*" #GOTYPE
%typemap(in) CTYPE *NAME (CTYPE temp = 0) %{ $1 = &temp; %}
%typemap(argout) CTYPE *NAME %{ *$input = (GOCTYPE)temp$argnum; %}
%enddef
ABC_GO_NUMBER_OUT(size_t, out, int, intgo)
ABC_GO_NUMBER_OUT(size_t, out_index, int, intgo)
ABC_GO_NUMBER_OUT(int, out, int, intgo)
ABC_GO_NUMBER_OUT(int, out_has_row, int, intgo)
ABC_GO_NUMBER_OUT(int, succeeded, int, intgo)
ABC_GO_NUMBER_OUT(int64_t, lines_read, int64, int64_t)
ABC_GO_NUMBER_OUT(long, out_http_status, int64, int64_t)
ABC_GO_NUMBER_OUT(int64_t, out, int64, int64_t)
ABC_GO_NUMBER_OUT(double, out, float64, double)
ABC_GO_NUMBER_OUT(double, out_rate, float64, double)
ABC_GO_NUMBER_OUT(int64_t, out_rate_limited, int64, int64_t)
ABC_GO_NUMBER_OUT(int64_t, out_paused_ms, int64, int64_t)
ABC_GO_NUMBER_OUT(int64_t, out_delayed_ms, int64, int64_t)
ABC_GO_NUMBER_OUT(abc_value_type, out, int, intgo)

/* ---- callbacks ---------------------------------------------------------------------------- */
%{
#include <stdint.h>
#include "airbyte_cloud.h"
/* Exported from internal/capi/callbacks.go. */
extern void abcGoLog(uintptr_t handle, int level, char *message);
extern int abcGoProgress(uintptr_t handle, int64_t job_id, int state, int64_t elapsed_ms,
                         int64_t rows_synced, int64_t bytes_synced);
extern int abcGoLogLine(uintptr_t handle, char *line, size_t length);

static int abc_go_log_line_trampoline(const char *line, size_t length, void *user_data) {
    return abcGoLogLine((uintptr_t)user_data, (char *)line, length);
}

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
                 (abc_progress_callback callback, void *user_data),
                 (abc_log_line_callback callback, void *user_data) "uintptr"
%typemap(imtype) (abc_log_callback callback, void *user_data),
                 (abc_progress_callback callback, void *user_data),
                 (abc_log_line_callback callback, void *user_data) "uintptr"
%typemap(in) (abc_log_callback callback, void *user_data)
%{ $1 = $input ? abc_go_log_trampoline : NULL;
   $2 = (void *)(uintptr_t)$input; %}
%typemap(in) (abc_progress_callback callback, void *user_data)
%{ $1 = $input ? abc_go_progress_trampoline : NULL;
   $2 = (void *)(uintptr_t)$input; %}
%typemap(in) (abc_log_line_callback callback, void *user_data)
%{ $1 = $input ? abc_go_log_line_trampoline : NULL;
   $2 = (void *)(uintptr_t)$input; %}

%include "../airbyte_cloud.i"
