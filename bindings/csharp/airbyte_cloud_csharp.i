/* C# module: typemaps that turn the C API's conventions into .NET ones, then the shared interface.
 *
 * What SWIG generates from this file (at build time, into the build directory):
 * - NativeMethods: the P/Invoke declarations (internal).
 * - Native: one static method per C function (internal), used by the hand-written layer
 *   (Workspace, Connection, Job...). Those methods already speak .NET:
 *   - `abc_error **error` disappears: on failure the glue hands the abc_error to
 *     AirbyteException.SetPending (the one place errors are converted), and the method throws it.
 *   - Handles are SafeHandle subclasses (NativeHandle). Each handle argument is leased for the
 *     whole call (DangerousAddRef): a disposed handle throws ObjectDisposedException, a null one
 *     ArgumentNullException, and a handle disposed by another thread mid-call is freed only after
 *     the call, and after borrowed strings have been copied.
 *   - `T **out` handles come back as `out THandle` (marshalled atomically by the runtime).
 *   - Strings go in as NUL-terminated UTF-8 and come back as copied .NET strings.
 * - libairbyte_cloud_csharp.so: the C glue those methods call.
 */
%module(imclassname="NativeMethods") Native

%pragma(csharp) moduleclassmodifiers="internal class"
%pragma(csharp) imclassclassmodifiers="internal class"
%typemap(csclassmodifiers) enum SWIGTYPE "internal enum"

%{
#include "airbyte_cloud.h"

/* Errors: the glue passes each abc_error (ownership included) to a C# delegate registered once. */
typedef void (SWIGSTDCALL *AirbyteCloud_ErrorCallback_t)(void *error);
static AirbyteCloud_ErrorCallback_t AirbyteCloud_error_callback = NULL;

#ifdef __cplusplus
extern "C"
#endif
SWIGEXPORT void SWIGSTDCALL AirbyteCloud_RegisterErrorCallback(AirbyteCloud_ErrorCallback_t callback) {
  AirbyteCloud_error_callback = callback;
}

static void AirbyteCloud_SetPendingError(abc_error *error) {
  if (AirbyteCloud_error_callback != NULL) {
    AirbyteCloud_error_callback(error);
  } else {
    abc_error_free(error);
  }
}
%}

%pragma(csharp) imclasscode=%{
  // The error delegate is registered by a static field initialiser: SWIG gives this class an
  // explicit static constructor, so initialisers run before any of its methods, P/Invoke included.
  internal delegate void ErrorDelegate(global::System.IntPtr error);
  internal static readonly ErrorDelegate errorDelegate = RegisterErrorDelegate();

  [global::System.Runtime.InteropServices.DllImport("$dllimport", EntryPoint="AirbyteCloud_RegisterErrorCallback")]
  private static extern void AirbyteCloud_RegisterErrorCallback(ErrorDelegate callback);

  private static ErrorDelegate RegisterErrorDelegate() {
    ErrorDelegate callback = AirbyteCloud.AirbyteException.SetPending;
    AirbyteCloud_RegisterErrorCallback(callback);
    return callback;
  }

  // Callbacks the C API calls during a call made from C#.
  [global::System.Runtime.InteropServices.UnmanagedFunctionPointer(global::System.Runtime.InteropServices.CallingConvention.Cdecl)]
  internal delegate void LogCallback(int level, global::System.IntPtr message, global::System.IntPtr userData);
  [global::System.Runtime.InteropServices.UnmanagedFunctionPointer(global::System.Runtime.InteropServices.CallingConvention.Cdecl)]
  internal delegate int ProgressCallback(global::System.IntPtr job, int state, long elapsedMs, long rowsSynced,
                                         long bytesSynced, global::System.IntPtr userData);
  [global::System.Runtime.InteropServices.UnmanagedFunctionPointer(global::System.Runtime.InteropServices.CallingConvention.Cdecl)]
  internal delegate int LogLineCallback(global::System.IntPtr line, global::System.UIntPtr length, global::System.IntPtr userData);
%}

/* ---- abc_error **error: never an argument in C#; a failure becomes a pending exception. ---- */
%typemap(in, numinputs=0) abc_error **error (abc_error *temp = NULL) %{ $1 = &temp; %}
%typemap(argout, canthrow=1) abc_error **error %{
  if (temp$argnum != NULL) AirbyteCloud_SetPendingError(temp$argnum);
%}

/* abc_error * itself (getters, free) is only used by AirbyteException.SetPending: a raw pointer. */
%typemap(ctype) abc_error *, const abc_error * "void *"
%typemap(imtype) abc_error *, const abc_error * "global::System.IntPtr"
%typemap(cstype) abc_error *, const abc_error * "global::System.IntPtr"
%typemap(csin) abc_error *, const abc_error * "$csinput"
%typemap(in) abc_error *, const abc_error * %{ $1 = ($1_ltype)$input; %}

/* ---- Handles ----
 * `T *` / `const T *` arguments: a NativeHandle subclass, leased for the call. In NativeMethods
 * they are raw pointers, which is what each handle's ReleaseHandle passes to abc_T_free.
 * `T **out`: `out THandle`; the runtime wraps the pointer in a new SafeHandle. */
%define ABC_CSHARP_HANDLE(CTYPE, CSTYPE)
%typemap(ctype) CTYPE *, const CTYPE * "void *"
%typemap(imtype) CTYPE *, const CTYPE * "global::System.IntPtr"
%typemap(cstype) CTYPE *, const CTYPE * "CSTYPE"
%typemap(csin,
         pre="    using (var $csinput_lease = new AirbyteCloud.HandleLease($csinput, \"$csinput\")) {",
         terminator="    }") CTYPE *, const CTYPE * "$csinput_lease.Pointer"
%typemap(in) CTYPE *, const CTYPE * %{ $1 = ($1_ltype)$input; %}

%typemap(ctype) CTYPE ** "void **"
%typemap(imtype) CTYPE ** "out CSTYPE"
%typemap(cstype) CTYPE ** "out CSTYPE"
%typemap(csin) CTYPE ** "out $csinput"
%typemap(in) CTYPE ** %{ $1 = ($1_ltype)$input; %}
%enddef

/* ---- Strings ---- */
/* Inputs: NUL-terminated UTF-8 (null stays NULL, which the C API rejects by name). */
%typemap(ctype) const char * "char *"
%typemap(imtype, out="global::System.IntPtr") const char * "byte[]"
%typemap(cstype) const char * "string"
%typemap(csin) const char * "AirbyteCloud.Utf8.Encode($csinput, \"$csinput\")"
%typemap(in) const char * %{ $1 = ($1_ltype)$input; %}
/* Borrowed results: copied while the handle arguments are still leased. */
%typemap(out) const char * %{ $result = (char *)$1; %}
%typemap(csout, excode=SWIGEXCODE) const char * {
    string ret = AirbyteCloud.Utf8.Decode($imcall);$excode
    return ret;
  }
/* Borrowed string out-parameters. */
%typemap(ctype) const char ** "char **"
%typemap(imtype) const char ** "out global::System.IntPtr"
%typemap(cstype) const char ** "out string"
%typemap(csin,
         pre="    global::System.IntPtr $csinput_pointer = global::System.IntPtr.Zero;",
         post="      $csinput = AirbyteCloud.Utf8.Decode($csinput_pointer);") const char ** "out $csinput_pointer"
%typemap(in) const char ** %{ $1 = ($1_ltype)$input; %}
/* Owned string out-parameters: copied, then released with abc_string_free. */
%typemap(ctype) char ** "char **"
%typemap(imtype) char ** "out global::System.IntPtr"
%typemap(cstype) char ** "out string"
%typemap(csin,
         pre="    global::System.IntPtr $csinput_pointer = global::System.IntPtr.Zero;",
         post="      $csinput = AirbyteCloud.Utf8.Decode($csinput_pointer);\n      NativeMethods.abc_string_free($csinput_pointer);") char ** "out $csinput_pointer"
%typemap(in) char ** %{ $1 = ($1_ltype)$input; %}
/* The pointer abc_string_free takes. */
%typemap(ctype) char *text "char *"
%typemap(imtype) char *text "global::System.IntPtr"
%typemap(cstype) char *text "global::System.IntPtr"
%typemap(csin) char *text "$csinput"
%typemap(in) char *text %{ $1 = ($1_ltype)$input; %}

/* ---- Numbers ---- */
/* size_t out-parameters: pointer-sized unsigned, widened to long in C#. */
%typemap(ctype) size_t * "size_t *"
%typemap(imtype) size_t * "out global::System.UIntPtr"
%typemap(cstype) size_t * "out long"
%typemap(csin,
         pre="    global::System.UIntPtr $csinput_value = global::System.UIntPtr.Zero;",
         post="      $csinput = (long)$csinput_value.ToUInt64();") size_t * "out $csinput_value"
%typemap(in) size_t * %{ $1 = ($1_ltype)$input; %}

/* int out-parameters (flags). */
%typemap(ctype) int * "int *"
%typemap(imtype) int * "out int"
%typemap(cstype) int * "out int"
%typemap(csin) int * "out $csinput"
%typemap(in) int * %{ $1 = ($1_ltype)$input; %}

/* Other scalar out-parameters: int64_t, double, and the value-type enum. */
%define ABC_CSHARP_OUT_SCALAR(CTYPE, CSTYPE)
%typemap(ctype) CTYPE * "CTYPE *"
%typemap(imtype) CTYPE * "out CSTYPE"
%typemap(cstype) CTYPE * "out CSTYPE"
%typemap(csin) CTYPE * "out $csinput"
%typemap(in) CTYPE * %{ $1 = ($1_ltype)$input; %}
%enddef
ABC_CSHARP_OUT_SCALAR(int64_t, long)
ABC_CSHARP_OUT_SCALAR(long, long) /* C long: 64 bits on the LP64 platforms the glue is built for */
ABC_CSHARP_OUT_SCALAR(double, double)
ABC_CSHARP_OUT_SCALAR(abc_value_type, abc_value_type)

/* ---- Callbacks: delegates the hand-written layer keeps alive as long as C may call them. ---- */
%define ABC_CSHARP_CALLBACK(CTYPE, DELEGATE)
%typemap(ctype) CTYPE "CTYPE"
%typemap(imtype) CTYPE "NativeMethods.DELEGATE"
%typemap(cstype) CTYPE "NativeMethods.DELEGATE"
%typemap(csin) CTYPE "$csinput"
%typemap(in) CTYPE %{ $1 = $input; %}
%enddef
ABC_CSHARP_CALLBACK(abc_log_callback, LogCallback)
ABC_CSHARP_CALLBACK(abc_progress_callback, ProgressCallback)
ABC_CSHARP_CALLBACK(abc_log_line_callback, LogLineCallback)
%typemap(ctype) void *user_data "void *"
%typemap(imtype) void *user_data "global::System.IntPtr"
%typemap(cstype) void *user_data "global::System.IntPtr"
%typemap(csin) void *user_data "$csinput"
%typemap(in) void *user_data %{ $1 = $input; %}

ABC_CSHARP_HANDLE(abc_options, AirbyteCloud.OptionsHandle)
ABC_CSHARP_HANDLE(abc_workspace, AirbyteCloud.WorkspaceHandle)
ABC_CSHARP_HANDLE(abc_connection, AirbyteCloud.ConnectionHandle)
ABC_CSHARP_HANDLE(abc_job, AirbyteCloud.JobHandle)
ABC_CSHARP_HANDLE(abc_job_list, AirbyteCloud.JobListHandle)
ABC_CSHARP_HANDLE(abc_sync_options, AirbyteCloud.SyncOptionsHandle)
ABC_CSHARP_HANDLE(abc_cancel_token, AirbyteCloud.CancelTokenHandle)
ABC_CSHARP_HANDLE(abc_waiter, AirbyteCloud.WaiterHandle)
ABC_CSHARP_HANDLE(abc_list_options, AirbyteCloud.ListOptionsHandle)
ABC_CSHARP_HANDLE(abc_source, AirbyteCloud.SourceHandle)
ABC_CSHARP_HANDLE(abc_source_list, AirbyteCloud.SourceListHandle)
ABC_CSHARP_HANDLE(abc_source_iterator, AirbyteCloud.SourceIteratorHandle)
ABC_CSHARP_HANDLE(abc_destination, AirbyteCloud.DestinationHandle)
ABC_CSHARP_HANDLE(abc_destination_list, AirbyteCloud.DestinationListHandle)
ABC_CSHARP_HANDLE(abc_destination_iterator, AirbyteCloud.DestinationIteratorHandle)
ABC_CSHARP_HANDLE(abc_connection_spec, AirbyteCloud.ConnectionSpecHandle)
ABC_CSHARP_HANDLE(abc_connection_list, AirbyteCloud.ConnectionListHandle)
ABC_CSHARP_HANDLE(abc_connection_iterator, AirbyteCloud.ConnectionIteratorHandle)
ABC_CSHARP_HANDLE(abc_workspace_info, AirbyteCloud.WorkspaceInfoHandle)
ABC_CSHARP_HANDLE(abc_workspace_info_list, AirbyteCloud.WorkspaceInfoListHandle)
ABC_CSHARP_HANDLE(abc_workspace_info_iterator, AirbyteCloud.WorkspaceInfoIteratorHandle)
ABC_CSHARP_HANDLE(abc_stream_catalog, AirbyteCloud.StreamCatalogHandle)
ABC_CSHARP_HANDLE(abc_dataset_options, AirbyteCloud.DatasetOptionsHandle)
ABC_CSHARP_HANDLE(abc_dataset_set, AirbyteCloud.DatasetSetHandle)
ABC_CSHARP_HANDLE(abc_dataset, AirbyteCloud.DatasetHandle)
ABC_CSHARP_HANDLE(abc_dataset_cursor, AirbyteCloud.DatasetCursorHandle)
ABC_CSHARP_HANDLE(abc_attempt_list, AirbyteCloud.AttemptListHandle)
ABC_CSHARP_HANDLE(abc_connection_state, AirbyteCloud.ConnectionStateHandle)
ABC_CSHARP_HANDLE(abc_configured_catalog, AirbyteCloud.ConfiguredCatalogHandle)
ABC_CSHARP_HANDLE(abc_tag, AirbyteCloud.TagHandle)
ABC_CSHARP_HANDLE(abc_tag_iterator, AirbyteCloud.TagIteratorHandle)
ABC_CSHARP_HANDLE(abc_organization, AirbyteCloud.OrganizationHandle)
ABC_CSHARP_HANDLE(abc_organization_iterator, AirbyteCloud.OrganizationIteratorHandle)
ABC_CSHARP_HANDLE(abc_user, AirbyteCloud.UserHandle)
ABC_CSHARP_HANDLE(abc_user_iterator, AirbyteCloud.UserIteratorHandle)
ABC_CSHARP_HANDLE(abc_permission, AirbyteCloud.PermissionHandle)
ABC_CSHARP_HANDLE(abc_permission_iterator, AirbyteCloud.PermissionIteratorHandle)
ABC_CSHARP_HANDLE(abc_definition, AirbyteCloud.DefinitionHandle)
ABC_CSHARP_HANDLE(abc_definition_iterator, AirbyteCloud.DefinitionIteratorHandle)
ABC_CSHARP_HANDLE(abc_declarative_definition, AirbyteCloud.DeclarativeDefinitionHandle)
ABC_CSHARP_HANDLE(abc_declarative_definition_iterator, AirbyteCloud.DeclarativeDefinitionIteratorHandle)
ABC_CSHARP_HANDLE(abc_job_filter, AirbyteCloud.JobFilterHandle)
ABC_CSHARP_HANDLE(abc_job_iterator, AirbyteCloud.JobIteratorHandle)

/* Handle arguments the C API documents as optional (NULL = defaults / none): null passes NULL. */
%typemap(csin,
         pre="    using (var $csinput_lease = AirbyteCloud.HandleLease.Optional($csinput)) {",
         terminator="    }") const abc_options *options, const abc_sync_options *options,
                             const abc_list_options *options, const abc_dataset_options *options,
                             const abc_job_filter *filter,
                             abc_cancel_token *token, abc_cancel_token *cancel_token "$csinput_lease.Pointer"

/* The generated per-handle free methods would lease the handle they free: only the raw
 * NativeMethods.abc_*_free (called by each handle's ReleaseHandle) may be used. */
%csmethodmodifiers abc_options_free "private";
%csmethodmodifiers abc_workspace_free "private";
%csmethodmodifiers abc_connection_free "private";
%csmethodmodifiers abc_job_free "private";
%csmethodmodifiers abc_job_list_free "private";
%csmethodmodifiers abc_sync_options_free "private";
%csmethodmodifiers abc_cancel_token_free "private";
%csmethodmodifiers abc_waiter_free "private";
%csmethodmodifiers abc_error_free "private";
%csmethodmodifiers abc_list_options_free "private";
%csmethodmodifiers abc_source_free "private";
%csmethodmodifiers abc_source_list_free "private";
%csmethodmodifiers abc_source_iterator_free "private";
%csmethodmodifiers abc_destination_free "private";
%csmethodmodifiers abc_destination_list_free "private";
%csmethodmodifiers abc_destination_iterator_free "private";
%csmethodmodifiers abc_connection_spec_free "private";
%csmethodmodifiers abc_connection_list_free "private";
%csmethodmodifiers abc_connection_iterator_free "private";
%csmethodmodifiers abc_workspace_info_free "private";
%csmethodmodifiers abc_workspace_info_list_free "private";
%csmethodmodifiers abc_workspace_info_iterator_free "private";
%csmethodmodifiers abc_stream_catalog_free "private";
%csmethodmodifiers abc_dataset_options_free "private";
%csmethodmodifiers abc_dataset_set_free "private";
%csmethodmodifiers abc_dataset_free "private";
%csmethodmodifiers abc_dataset_cursor_free "private";
%csmethodmodifiers abc_attempt_list_free "private";
%csmethodmodifiers abc_connection_state_free "private";
%csmethodmodifiers abc_configured_catalog_free "private";
%csmethodmodifiers abc_tag_free "private";
%csmethodmodifiers abc_tag_iterator_free "private";
%csmethodmodifiers abc_organization_free "private";
%csmethodmodifiers abc_organization_iterator_free "private";
%csmethodmodifiers abc_user_free "private";
%csmethodmodifiers abc_user_iterator_free "private";
%csmethodmodifiers abc_permission_free "private";
%csmethodmodifiers abc_permission_iterator_free "private";
%csmethodmodifiers abc_definition_free "private";
%csmethodmodifiers abc_definition_iterator_free "private";
%csmethodmodifiers abc_declarative_definition_free "private";
%csmethodmodifiers abc_declarative_definition_iterator_free "private";
%csmethodmodifiers abc_job_filter_free "private";
%csmethodmodifiers abc_job_iterator_free "private";
%csmethodmodifiers abc_string_free "private";

/* #define constants (ABC_VERSION_*) as C# compile-time constants, not getter calls. */
%csconst(1);

%include "../airbyte_cloud.i"
