/* Hand-written support for the SWIG-generated Ruby extension (airbyte_cloud_ruby.i).
 *
 * - Handles. Every library handle reaches Ruby as an AirbyteCloud::Native::Handle: a small GC-managed
 *   object pointing at a reference-counted record of the native handle. The record is freed (with
 *   the handle's abc_*_free) when its count drops to zero: the owner's reference goes with
 *   Handle#close or when the garbage collector takes the Handle; a call in progress holds one (so
 *   closing from another thread never frees a handle under a running call); and a handle holds one
 *   on each handle it depends on (a connection on its workspace, a waiter on its jobs), so the
 *   C API's "must outlive" rules hold whatever order the collector finds things in. The collector
 *   never frees native handles itself: it queues them, and a postponed job frees them at the next
 *   safe point, in Ruby context.
 * - Errors. A failed call's abc_error becomes a Ruby Hash at once and is freed.
 * - The GVL. Every call returning abc_status runs with the GVL released (generated shims). Waits
 *   (run_sync, job wait, waiter next) run on a helper thread while the Ruby thread waits for
 *   events without the GVL: an interrupt (Thread#raise, Thread#kill, Ctrl-C, Timeout) cancels the
 *   wait through its cancel token, and progress blocks and log sinks run on the Ruby thread, never
 *   inside the library's frames.
 * - Logs. The library's log callback only queues messages; Ruby code delivers them (take_logs).
 */
#ifndef ABC_RUBY_H
#define ABC_RUBY_H

#include <ruby.h>

#include "airbyte_cloud.h"

typedef struct abc_rb_ref abc_rb_ref;

/* Called from the SWIG module's init with the AirbyteCloud::Native module. */
void abc_rb_init(VALUE native_module);

/* ---- Handles (used by the typemaps) ---- */

/* A new Handle owning `ptr` of `kind` (ABC_RB_KIND_*), or nil when ptr is NULL. */
VALUE abc_rb_handle_new(void *ptr, int kind);
/* The record behind a Handle argument: NULL for nil (the C API then reports the argument);
 * raises TypeError for another object or kind, AirbyteCloud::ClosedError for a closed Handle. */
abc_rb_ref *abc_rb_handle_ref(VALUE value, int kind, const char *argument);
void *abc_rb_ref_ptr(const abc_rb_ref *ref);
/* A call in progress holds the record (NULL is ignored). */
void abc_rb_ref_pin(abc_rb_ref *ref);
void abc_rb_ref_unpin(abc_rb_ref *ref);

/* ---- Values ---- */

/* The Ruby value for a failed call: nil for ABC_OK, else a Hash with :status, :message,
 * :http_status, :problem_type, :problem_detail, :connection_id, :job_id, :job_state, :timeout_ms.
 * Frees `error` (which may be NULL). */
VALUE abc_rb_error_value(abc_status status, abc_error *error);
/* A UTF-8 String, or nil for NULL. */
VALUE abc_rb_str(const char *text);
/* The C string of a String argument: NULL for nil; TypeError for a non-String;
 * AirbyteCloud::InvalidArgumentError for an embedded NUL. *keep receives a frozen copy that the
 * caller keeps alive for the duration of the call (another thread cannot change it under us). */
const char *abc_rb_cstr(VALUE value, volatile VALUE *keep, const char *argument);

/* ---- Calls without the GVL (used by the generated shims) ---- */

/* Runs body(data) with the GVL released and returns 1. When an interrupt that raises (Thread#raise,
 * #kill, Ctrl-C) is pending, returns 0 without calling it; the wrapper then finishes (wrapping its
 * results, releasing its handles) and abc_rb_raise_pending(), at its very end, raises it. */
int abc_rb_call_without_gvl(void *(*body)(void *), void *data);
void abc_rb_raise_pending(void);

#endif
