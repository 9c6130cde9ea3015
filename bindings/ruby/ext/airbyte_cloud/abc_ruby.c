/* Hand-written support for the Ruby extension; see abc_ruby.h for the design. */
#include "abc_ruby.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <ruby/debug.h>
#include <ruby/encoding.h>
#include <ruby/thread.h>

#define ABC_RB_KINDS_TABLE
#include "abc_rb_error_fields.h"
#include "abc_rb_kinds.h"

static VALUE abc_rb_mNative;
static VALUE abc_rb_cHandle;

/* ============================================================================================ */
/* Error classes (defined by lib/airbyte_cloud/errors.rb; plain Ruby ones until it is loaded)   */
/* ============================================================================================ */

static VALUE error_class(const char *name, VALUE fallback) {
    VALUE module;
    ID id = rb_intern(name);
    if (!rb_const_defined(rb_cObject, rb_intern("AirbyteCloud"))) return fallback;
    module = rb_const_get(rb_cObject, rb_intern("AirbyteCloud"));
    if (!rb_const_defined_at(module, id)) return fallback;
    return rb_const_get_at(module, id);
}

/* ============================================================================================ */
/* Loggers and queued log messages                                                               */
/* ============================================================================================ */

/* A log sink: the Ruby callable, kept alive (and pinned) while any options, workspace or queued
 * message refers to it. Counts change without the GVL (the log callback), so they are atomic;
 * the count only reaches zero with the GVL held. */
typedef struct abc_rb_logger {
    VALUE callable;
    long refs;
    struct abc_rb_logger *next; /* earlier sinks of the same options (see options_set_logger) */
} abc_rb_logger;

typedef struct abc_rb_log_entry {
    struct abc_rb_log_entry *next;
    abc_rb_logger *logger;
    int level;
    char message[];
} abc_rb_log_entry;

typedef struct abc_rb_log_queue {
    abc_rb_log_entry *head;
    abc_rb_log_entry *tail;
} abc_rb_log_queue;

static abc_rb_logger *logger_new(VALUE callable) {
    abc_rb_logger *logger = ALLOC(abc_rb_logger);
    logger->callable = callable;
    logger->refs = 1;
    logger->next = NULL;
    rb_gc_register_address(&logger->callable);
    return logger;
}

static void logger_retain(abc_rb_logger *logger) {
    if (logger) __atomic_add_fetch(&logger->refs, 1, __ATOMIC_RELAXED);
}

/* With the GVL only. */
static void logger_release(abc_rb_logger *logger) {
    if (logger == NULL) return;
    if (__atomic_sub_fetch(&logger->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        rb_gc_unregister_address(&logger->callable);
        xfree(logger);
    }
}

static void log_queue_push(abc_rb_log_queue *queue, abc_rb_log_entry *entry) {
    entry->next = NULL;
    if (queue->tail) queue->tail->next = entry;
    else queue->head = entry;
    queue->tail = entry;
}

static void log_queue_append(abc_rb_log_queue *queue, abc_rb_log_queue *more) {
    if (more->head == NULL) return;
    if (queue->tail) queue->tail->next = more->head;
    else queue->head = more->head;
    queue->tail = more->tail;
    more->head = more->tail = NULL;
}

/* Messages logged on this thread, delivered by Ruby code through Native.take_logs. */
static __thread abc_rb_log_queue thread_logs;

struct abc_rb_wait;
/* Set on a wait's helper thread: its messages go to the waiting Ruby thread. */
static __thread struct abc_rb_wait *current_wait;
static void wait_queue_log(struct abc_rb_wait *wait, abc_rb_log_entry *entry);

static void log_bridge(abc_log_level level, const char *message, void *user_data) {
    abc_rb_logger *logger = (abc_rb_logger *)user_data;
    size_t length = message ? strlen(message) : 0;
    abc_rb_log_entry *entry;
    if (logger == NULL) return;
    if (current_wait == NULL && !ruby_native_thread_p()) return; /* nobody could deliver it */
    entry = (abc_rb_log_entry *)malloc(sizeof(abc_rb_log_entry) + length + 1);
    if (entry == NULL) return;
    entry->logger = logger;
    entry->level = (int)level;
    if (length) memcpy(entry->message, message, length);
    entry->message[length] = '\0';
    logger_retain(logger);
    if (current_wait) wait_queue_log(current_wait, entry);
    else log_queue_push(&thread_logs, entry);
}

/* Native.take_logs -> nil or [[callable, level, message], ...]: this thread's queued messages. */
static VALUE native_take_logs(VALUE self) {
    abc_rb_log_entry *entry = thread_logs.head;
    VALUE list;
    (void)self;
    if (entry == NULL) return Qnil;
    thread_logs.head = thread_logs.tail = NULL;
    list = rb_ary_new();
    while (entry) {
        abc_rb_log_entry *next = entry->next;
        rb_ary_push(list, rb_ary_new_from_args(3, entry->logger->callable, INT2NUM(entry->level),
                                               rb_utf8_str_new_cstr(entry->message)));
        logger_release(entry->logger);
        free(entry);
        entry = next;
    }
    return list;
}

/* ============================================================================================ */
/* Reference-counted native handles                                                              */
/* ============================================================================================ */

struct abc_rb_ref {
    void *ptr;
    int kind;
    long refs;             /* owner + pins + dependants; changed with the GVL only */
    abc_rb_ref **deps;     /* handles this one holds a reference on */
    size_t dep_count;
    size_t dep_capacity;
    abc_rb_logger *loggers; /* options: every log sink set on them, newest first */
    abc_rb_ref *next_pending;
};

typedef struct abc_rb_handle {
    abc_rb_ref *ref;
    int closed;
} abc_rb_handle;

static long live_refs;
static abc_rb_ref *pending_refs; /* owners the garbage collector dropped, freed by drain_pending */

static void ref_release(abc_rb_ref *ref) {
    size_t i;
    if (ref == NULL || --ref->refs > 0) return;
    abc_rb_kinds[ref->kind].free_fn(ref->ptr);
    while (ref->loggers) {
        abc_rb_logger *logger = ref->loggers;
        ref->loggers = logger->next;
        logger_release(logger);
    }
    for (i = 0; i < ref->dep_count; ++i) ref_release(ref->deps[i]);
    free(ref->deps);
    free(ref);
    --live_refs;
}

static long drain_pending(void) {
    long count = 0;
    while (pending_refs) {
        abc_rb_ref *ref = pending_refs;
        pending_refs = ref->next_pending;
        ref_release(ref);
        ++count;
    }
    return count;
}

static void drain_pending_job(void *data) {
    (void)data;
    drain_pending();
}

#ifdef HAVE_RB_POSTPONED_JOB_PREREGISTER
static rb_postponed_job_handle_t drain_job_handle;
#endif

/* During garbage collection: no Ruby calls, no freeing through the library (another handle this
 * one depends on may be swept in the same pass). Queue it for the postponed job. */
static void handle_free(void *data) {
    abc_rb_handle *handle = (abc_rb_handle *)data;
    if (!handle->closed && handle->ref) {
        handle->ref->next_pending = pending_refs;
        pending_refs = handle->ref;
#ifdef HAVE_RB_POSTPONED_JOB_PREREGISTER
        rb_postponed_job_trigger(drain_job_handle);
#else
        rb_postponed_job_register_one(0, drain_pending_job, NULL);
#endif
    }
    xfree(handle);
}

static size_t handle_size(const void *data) {
    const abc_rb_handle *handle = (const abc_rb_handle *)data;
    return sizeof(*handle) + (handle->ref ? sizeof(abc_rb_ref) : 0);
}

static const rb_data_type_t handle_type = {
    .wrap_struct_name = "AirbyteCloud::Native::Handle",
    .function = {.dmark = NULL, .dfree = handle_free, .dsize = handle_size},
    .flags = RUBY_TYPED_FREE_IMMEDIATELY,
};

static VALUE handle_alloc(VALUE klass) {
    abc_rb_handle *handle;
    VALUE object = TypedData_Make_Struct(klass, abc_rb_handle, &handle_type, handle);
    handle->ref = NULL;
    handle->closed = 1;
    return object;
}

VALUE abc_rb_handle_new(void *ptr, int kind) {
    VALUE object;
    abc_rb_handle *handle;
    abc_rb_ref *ref;
    int state = 0;
    if (ptr == NULL) return Qnil;
    /* Whatever fails here, the native handle is freed rather than leaked. */
    object = rb_protect(handle_alloc, abc_rb_cHandle, &state);
    if (state) {
        abc_rb_kinds[kind].free_fn(ptr);
        rb_jump_tag(state);
    }
    ref = (abc_rb_ref *)malloc(sizeof(abc_rb_ref));
    if (ref == NULL) {
        abc_rb_kinds[kind].free_fn(ptr);
        rb_memerror();
    }
    ref->ptr = ptr;
    ref->kind = kind;
    ref->refs = 1;
    ref->deps = NULL;
    ref->dep_count = ref->dep_capacity = 0;
    ref->loggers = NULL;
    ref->next_pending = NULL;
    ++live_refs;
    handle = (abc_rb_handle *)RTYPEDDATA_DATA(object);
    handle->ref = ref;
    handle->closed = 0;
    return object;
}

static abc_rb_handle *handle_of(VALUE value) {
    return (abc_rb_handle *)rb_check_typeddata(value, &handle_type);
}

abc_rb_ref *abc_rb_handle_ref(VALUE value, int kind, const char *argument) {
    abc_rb_handle *handle;
    if (NIL_P(value)) return NULL;
    if (!rb_typeddata_is_kind_of(value, &handle_type)) {
        rb_raise(rb_eTypeError, "%s: expected a %s handle, got %" PRIsVALUE, argument,
                 abc_rb_kinds[kind].name, rb_obj_class(value));
    }
    handle = handle_of(value);
    if (handle->closed || handle->ref == NULL) {
        rb_raise(error_class("ClosedError", rb_eRuntimeError), "%s: the %s handle is closed",
                 argument, abc_rb_kinds[kind].name);
    }
    if (handle->ref->kind != kind) {
        rb_raise(rb_eTypeError, "%s: expected a %s handle, got a %s handle", argument,
                 abc_rb_kinds[kind].name, abc_rb_kinds[handle->ref->kind].name);
    }
    return handle->ref;
}

void *abc_rb_ref_ptr(const abc_rb_ref *ref) { return ref ? ref->ptr : NULL; }

void abc_rb_ref_pin(abc_rb_ref *ref) {
    if (ref) ++ref->refs;
}

void abc_rb_ref_unpin(abc_rb_ref *ref) { ref_release(ref); }

/* Handle#close: gives up the owner's reference; idempotent. */
static VALUE handle_close(VALUE self) {
    abc_rb_handle *handle = handle_of(self);
    if (!handle->closed) {
        handle->closed = 1;
        ref_release(handle->ref);
        handle->ref = NULL;
    }
    return Qnil;
}

static VALUE handle_closed_p(VALUE self) { return handle_of(self)->closed ? Qtrue : Qfalse; }

static VALUE handle_kind(VALUE self) {
    abc_rb_handle *handle = handle_of(self);
    return handle->ref ? rb_str_new_cstr(abc_rb_kinds[handle->ref->kind].name) : Qnil;
}

static abc_rb_ref *open_ref(VALUE value, const char *what) {
    abc_rb_handle *handle;
    if (!rb_typeddata_is_kind_of(value, &handle_type)) {
        rb_raise(rb_eTypeError, "%s: expected an AirbyteCloud::Native::Handle, got %" PRIsVALUE,
                 what, rb_obj_class(value));
    }
    handle = handle_of(value);
    if (handle->closed || handle->ref == NULL) {
        rb_raise(error_class("ClosedError", rb_eRuntimeError), "%s: the handle is closed", what);
    }
    return handle->ref;
}

static void ref_add_dep(abc_rb_ref *ref, abc_rb_ref *dep) {
    if (ref->dep_count == ref->dep_capacity) {
        size_t capacity = ref->dep_capacity ? ref->dep_capacity * 2 : 2;
        abc_rb_ref **deps = (abc_rb_ref **)realloc(ref->deps, capacity * sizeof(*deps));
        if (deps == NULL) rb_memerror();
        ref->deps = deps;
        ref->dep_capacity = capacity;
    }
    ref->deps[ref->dep_count++] = dep;
    ++dep->refs;
}

/* Handle#retain(other): this handle keeps `other` alive until this one is freed. */
static VALUE handle_retain(VALUE self, VALUE other) {
    abc_rb_ref *ref = open_ref(self, "retain");
    ref_add_dep(ref, open_ref(other, "retain"));
    return self;
}

static VALUE handle_inspect(VALUE self) {
    abc_rb_handle *handle = handle_of(self);
    if (handle->ref == NULL) return rb_str_new_cstr("#<AirbyteCloud::Native::Handle closed>");
    return rb_sprintf("#<AirbyteCloud::Native::Handle %s %p>", abc_rb_kinds[handle->ref->kind].name,
                      handle->ref->ptr);
}

/* Native.drain -> number of handles the collector had dropped that are freed now. */
static VALUE native_drain(VALUE self) {
    (void)self;
    return LONG2NUM(drain_pending());
}

/* Native.live_handles -> native handles not freed yet (for leak tests). */
static VALUE native_live_handles(VALUE self) {
    (void)self;
    return LONG2NUM(live_refs);
}

/* ============================================================================================ */
/* Values                                                                                        */
/* ============================================================================================ */

static ID id_call;

VALUE abc_rb_str(const char *text) { return text ? rb_utf8_str_new_cstr(text) : Qnil; }

/* The Hash's fields follow the header: one per abc_error getter (abc_rb_error_fields.h). */
#define ABC_RB_SET_FIELD(name, value) rb_hash_aset(hash, ID2SYM(rb_intern(#name)), value);

VALUE abc_rb_error_value(abc_status status, abc_error *error) {
    VALUE hash;
    if (status == ABC_OK) {
        abc_error_free(error);
        return Qnil;
    }
    hash = rb_hash_new();
    ABC_RB_SET_FIELD(status, INT2NUM(error ? (int)abc_error_status(error) : (int)status))
    ABC_RB_SET_FIELD(message, abc_rb_str(error ? abc_error_message(error) : abc_strerror(status)))
    ABC_RB_ERROR_FIELDS(ABC_RB_SET_FIELD)
    abc_error_free(error);
    return hash;
}

const char *abc_rb_cstr(VALUE value, volatile VALUE *keep, const char *argument) {
    VALUE copy;
    if (NIL_P(value)) return NULL;
    if (!RB_TYPE_P(value, T_STRING)) {
        rb_raise(rb_eTypeError, "%s must be a String, not %" PRIsVALUE, argument,
                 rb_obj_class(value));
    }
    if (rb_enc_get_index(value) != rb_utf8_encindex() && !rb_enc_str_asciionly_p(value)) {
        value = rb_str_export_to_enc(value, rb_utf8_encoding());
    }
    if (memchr(RSTRING_PTR(value), '\0', (size_t)RSTRING_LEN(value)) != NULL) {
        rb_raise(error_class("InvalidArgumentError", rb_eArgError),
                 "%s must not contain a NUL character", argument);
    }
    /* An independent, NUL-terminated copy no other thread can change while the call runs. */
    copy = rb_utf8_str_new(RSTRING_PTR(value), RSTRING_LEN(value));
    rb_obj_freeze(copy);
    *keep = copy;
    return RSTRING_PTR(copy);
}

/* ============================================================================================ */
/* Calls without the GVL                                                                         */
/* ============================================================================================ */

typedef struct abc_rb_nogvl_call {
    void *(*body)(void *);
    void *data;
    int ran;
} abc_rb_nogvl_call;

static void *nogvl_trampoline(void *data) {
    abc_rb_nogvl_call *call = (abc_rb_nogvl_call *)data;
    call->ran = 1;
    return call->body(call->data);
}

/* Ruby's tag for Thread#kill (vm_core.h TAG_FATAL; not in the public headers, stable since 1.9). */
#define ABC_RB_TAG_FATAL 8

static VALUE check_interrupts(VALUE unused) {
    (void)unused;
    rb_thread_check_ints();
    return Qnil;
}

/* Runs the interrupts pending for this thread (thread switches, postponed jobs, signal handlers,
 * Thread#raise...) in a protected frame. Returns 0, or the state of a non-local exit one of them
 * took, with its errinfo in *error, to be continued later with resume_jump(). */
static int run_pending_interrupts(VALUE *error) {
    int state = 0;
    rb_protect(check_interrupts, Qnil, &state);
    if (state) {
        *error = rb_errinfo();
        if (rb_obj_is_kind_of(*error, rb_eException)) rb_set_errinfo(Qnil);
    }
    return state;
}

/* Continues a non-local exit (exception, Thread#kill, break, throw) taken in Ruby code we ran
 * inside a call, now that the call has cleaned up. */
static void resume_jump(int state, VALUE error) {
    if (rb_obj_is_kind_of(error, rb_eException)) rb_exc_raise(error);
    if (state == ABC_RB_TAG_FATAL) rb_funcall(rb_thread_current(), rb_intern("kill"), 0);
    rb_jump_tag(state);
}

static ID id_pending_jump;
static __thread int has_pending_jump;

int abc_rb_call_without_gvl(void *(*body)(void *), void *data) {
    for (;;) {
        abc_rb_nogvl_call call = {body, data, 0};
        VALUE error = Qnil;
        int state;
        /* RB_NOGVL_INTR_FAIL: never raise on the way in or back, so the wrapper always gets to
         * wrap what the call returned and to release its handles. */
        rb_nogvl(nogvl_trampoline, &call, NULL, NULL, RB_NOGVL_INTR_FAIL);
        if (call.ran) return 1;
        /* Not run: an interrupt was pending. Most are harmless (a thread switch, a postponed
         * job); one that raises is kept until the wrapper is done (abc_rb_raise_pending). */
        state = run_pending_interrupts(&error);
        if (state) {
            rb_thread_local_aset(rb_thread_current(), id_pending_jump,
                                 rb_ary_new_from_args(2, INT2NUM(state),
                                                      rb_obj_is_kind_of(error, rb_eException) || FIXNUM_P(error)
                                                          ? error : Qnil));
            has_pending_jump = 1;
            return 0;
        }
    }
}

void abc_rb_raise_pending(void) {
    VALUE thread, pending;
    if (!has_pending_jump) return;
    has_pending_jump = 0;
    thread = rb_thread_current();
    pending = rb_thread_local_aref(thread, id_pending_jump);
    if (NIL_P(pending)) return;
    rb_thread_local_aset(thread, id_pending_jump, Qnil);
    resume_jump(NUM2INT(rb_ary_entry(pending, 0)), rb_ary_entry(pending, 1));
}

/* ============================================================================================ */
/* Options: log sink                                                                             */
/* ============================================================================================ */

/* Native.options_set_logger(options, callable_or_nil, max_level) -> [status, error] */
static VALUE native_options_set_logger(VALUE self, VALUE options, VALUE callable, VALUE max_level) {
    abc_rb_ref *ref = abc_rb_handle_ref(options, ABC_RB_KIND_abc_options, "options");
    abc_rb_logger *logger = NIL_P(callable) ? NULL : logger_new(callable);
    abc_error *error = NULL;
    abc_status status;
    int level = NUM2INT(max_level);
    (void)self;
    status = abc_options_set_log_callback((abc_options *)abc_rb_ref_ptr(ref),
                                          logger ? log_bridge : NULL, logger,
                                          (abc_log_level)level, &error);
    if (status == ABC_OK && ref && logger) {
        /* Workspaces made from these options copied the earlier sinks: keep every one until the
         * options go (a workspace made from them holds them). */
        logger->next = ref->loggers;
        ref->loggers = logger;
    } else {
        logger_release(logger);
    }
    return rb_ary_new_from_args(2, INT2NUM(status), abc_rb_error_value(status, error));
}

/* ============================================================================================ */
/* Waits                                                                                         */
/* ============================================================================================ */

enum { WAIT_RUN_SYNC, WAIT_JOB, WAIT_WAITER_NEXT, WAIT_JOB_LOGS };

typedef struct abc_rb_wait {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    int op;
    /* inputs */
    abc_workspace *workspace;
    const char *connection_id;
    abc_sync_options *options;
    abc_job *job;
    abc_waiter *waiter;
    int64_t timeout_ms;
    abc_cancel_token *token;
    int deliver_progress;
    int64_t job_id, attempt; /* job logs */
    int follow;
    /* results */
    abc_status status;
    abc_job *out_job;
    size_t out_index;
    int64_t lines_read;
    abc_error *error;
    /* events, under the mutex */
    int done;
    int woken; /* the unblocking function ran: Ruby has an interrupt for this thread */
    int stop;
    int progress_pending;
    int progress_acked;
    int progress_state;
    int64_t progress_elapsed_ms, progress_rows, progress_bytes, progress_job_id;
    const char *line; /* a log line (WAIT_JOB_LOGS), valid until the event is acknowledged */
    size_t line_length;
    abc_rb_log_queue logs;
} abc_rb_wait;

static void wait_queue_log(abc_rb_wait *wait, abc_rb_log_entry *entry) {
    pthread_mutex_lock(&wait->mutex);
    log_queue_push(&wait->logs, entry);
    pthread_cond_broadcast(&wait->cond);
    pthread_mutex_unlock(&wait->mutex);
}

/* On the helper thread, with wait->mutex held and the event's fields set: hands the event to the
 * Ruby thread and waits until its block has run (so the block sees a job nobody else is changing,
 * and a log line that is still valid). Releases the mutex; returns whether to stop. */
static int deliver_event(abc_rb_wait *wait) {
    int stop;
    if (!wait->stop && wait->deliver_progress) {
        wait->progress_pending = 1;
        wait->progress_acked = 0;
        pthread_cond_broadcast(&wait->cond);
        while (!wait->progress_acked && !wait->stop) pthread_cond_wait(&wait->cond, &wait->mutex);
    }
    stop = wait->stop;
    pthread_mutex_unlock(&wait->mutex);
    return stop;
}

/* After every poll of a wait: the figures for the progress block. */
static int progress_bridge(const abc_job *job, abc_job_state state, int64_t elapsed_ms,
                           int64_t rows_synced, int64_t bytes_synced, void *user_data) {
    abc_rb_wait *wait = (abc_rb_wait *)user_data;
    pthread_mutex_lock(&wait->mutex);
    wait->progress_state = (int)state;
    wait->progress_elapsed_ms = elapsed_ms;
    wait->progress_rows = rows_synced;
    wait->progress_bytes = bytes_synced;
    wait->progress_job_id = abc_job_id(job);
    return deliver_event(wait);
}

/* Each line of a job log read: the line for the block. */
static int log_line_bridge(const char *line, size_t length, void *user_data) {
    abc_rb_wait *wait = (abc_rb_wait *)user_data;
    pthread_mutex_lock(&wait->mutex);
    wait->line = line;
    wait->line_length = length;
    return deliver_event(wait);
}

static void *wait_worker(void *data) {
    abc_rb_wait *wait = (abc_rb_wait *)data;
    current_wait = wait;
    switch (wait->op) {
    case WAIT_RUN_SYNC:
        wait->status = abc_run_sync(&wait->out_job, wait->workspace, wait->connection_id,
                                    wait->options, &wait->error);
        break;
    case WAIT_JOB:
        wait->status = abc_job_wait(wait->job, wait->options, &wait->error);
        break;
    case WAIT_JOB_LOGS:
        wait->status = abc_job_logs_read(&wait->lines_read, wait->workspace, wait->job_id,
                                         wait->attempt, wait->follow, wait->token, log_line_bridge,
                                         wait, &wait->error);
        break;
    default:
        wait->status = abc_waiter_next(&wait->out_index, wait->waiter, wait->timeout_ms,
                                       wait->token, &wait->error);
        break;
    }
    current_wait = NULL;
    pthread_mutex_lock(&wait->mutex);
    wait->done = 1;
    pthread_cond_broadcast(&wait->cond);
    pthread_mutex_unlock(&wait->mutex);
    return NULL;
}

static void *wait_for_event(void *data) {
    abc_rb_wait *wait = (abc_rb_wait *)data;
    pthread_mutex_lock(&wait->mutex);
    while (!wait->done && !wait->woken && !wait->progress_pending && wait->logs.head == NULL) {
        pthread_cond_wait(&wait->cond, &wait->mutex);
    }
    pthread_mutex_unlock(&wait->mutex);
    return NULL;
}

static void wait_request_stop(abc_rb_wait *wait) {
    pthread_mutex_lock(&wait->mutex);
    wait->stop = 1;
    pthread_cond_broadcast(&wait->cond);
    pthread_mutex_unlock(&wait->mutex);
    abc_cancel_token_cancel(wait->token);
}

/* Unblocking function: Ruby wants this thread back (Thread#raise, #kill, #wakeup, a signal). The
 * thread looks at its interrupts with the GVL; only one that raises stops the wait. */
static void wait_unblock(void *data) {
    abc_rb_wait *wait = (abc_rb_wait *)data;
    pthread_mutex_lock(&wait->mutex);
    wait->woken = 1;
    pthread_cond_broadcast(&wait->cond);
    pthread_mutex_unlock(&wait->mutex);
}

typedef struct {
    VALUE callable;
    VALUE argument;
} call_args;

static VALUE call_callable(VALUE data) {
    call_args *args = (call_args *)data;
    if (NIL_P(args->argument)) return rb_funcall(args->callable, id_call, 0);
    return rb_funcall(args->callable, id_call, 1, args->argument);
}

/* Runs the wait on a helper thread and returns with the helper joined. Progress blocks and log
 * sinks run here, on the Ruby thread. A non-local exit from them, or an interrupt that raises
 * (Thread#raise, #kill, Ctrl-C, Timeout), stops the wait (through the cancel token) and is
 * recorded in *jump_state / *jump_error, for the caller to continue once it has cleaned up. */
static void run_wait(abc_rb_wait *wait, VALUE progress, VALUE on_logs, int *jump_state,
                     VALUE *jump_error) {
    pthread_t thread;
    if (pthread_create(&thread, NULL, wait_worker, wait) != 0) {
        wait->status = ABC_ERROR_OUT_OF_MEMORY;
        return;
    }
    for (;;) {
        abc_rb_nogvl_call call = {wait_for_event, wait, 0};
        abc_rb_log_queue logs = {NULL, NULL};
        int done, woken, has_progress, state = 0;
        VALUE figures = Qnil;

        rb_nogvl(nogvl_trampoline, &call, wait_unblock, wait, RB_NOGVL_INTR_FAIL);

        pthread_mutex_lock(&wait->mutex);
        woken = wait->woken || !call.ran;
        wait->woken = 0;
        log_queue_append(&logs, &wait->logs);
        done = wait->done;
        has_progress = wait->progress_pending;
        if (has_progress && wait->op == WAIT_JOB_LOGS) {
            figures = rb_utf8_str_new(wait->line, (long)wait->line_length);
        } else if (has_progress) {
            figures = rb_ary_new_from_args(5, INT2NUM(wait->progress_state),
                                           LL2NUM(wait->progress_elapsed_ms),
                                           LL2NUM(wait->progress_rows),
                                           LL2NUM(wait->progress_bytes),
                                           LL2NUM(wait->progress_job_id));
        }
        pthread_mutex_unlock(&wait->mutex);
        log_queue_append(&thread_logs, &logs);

        if (woken) state = run_pending_interrupts(jump_error);
        if (state == 0 && !NIL_P(on_logs) && thread_logs.head) {
            call_args args = {on_logs, Qnil};
            rb_protect(call_callable, (VALUE)&args, &state);
            if (state) *jump_error = rb_errinfo();
        }
        if (state == 0 && has_progress && !NIL_P(progress)) {
            call_args args = {progress, figures};
            VALUE result = rb_protect(call_callable, (VALUE)&args, &state);
            if (state) *jump_error = rb_errinfo();
            else if (RTEST(result)) wait_request_stop(wait);
        }
        if (has_progress) {
            pthread_mutex_lock(&wait->mutex);
            wait->progress_pending = 0;
            wait->progress_acked = 1;
            pthread_cond_broadcast(&wait->cond);
            pthread_mutex_unlock(&wait->mutex);
        }
        if (state) {
            /* Stop, and wait for the helper with the GVL held: no Ruby code may run (and change
             * the pending exit) before the caller continues it. The cancel token ends the wait
             * at once, or after the request in flight. */
            *jump_state = state;
            wait_request_stop(wait);
            pthread_join(thread, NULL);
            return;
        }
        if (done) {
            pthread_join(thread, NULL);
            return;
        }
    }
}

static void wait_init(abc_rb_wait *wait, int op) {
    memset(wait, 0, sizeof(*wait));
    pthread_mutex_init(&wait->mutex, NULL);
    pthread_cond_init(&wait->cond, NULL);
    wait->op = op;
    wait->status = ABC_ERROR_INTERNAL;
}

static void wait_destroy(abc_rb_wait *wait) {
    /* Messages still queued (none once the helper is joined, normally) go to this thread. */
    log_queue_append(&thread_logs, &wait->logs);
    pthread_mutex_destroy(&wait->mutex);
    pthread_cond_destroy(&wait->cond);
}

typedef struct {
    abc_rb_ref *refs[4];
    int count;
} pin_set;

static void pin(pin_set *pins, abc_rb_ref *ref) {
    abc_rb_ref_pin(ref);
    pins->refs[pins->count++] = ref;
}

static void unpin_all(pin_set *pins) {
    while (pins->count > 0) abc_rb_ref_unpin(pins->refs[--pins->count]);
}

/* What one wait works on: its C call (op) and the handle it waits on (a workspace, a job or a
 * waiter), plus the op's own inputs. */
typedef struct {
    int op;
    abc_rb_ref *target;
    const char *connection_id;
    int64_t timeout_ms;
    int64_t job_id, attempt; /* job logs */
    int follow;
} wait_request;

/* The one body of the three waits: pins the handles, bridges the cancel token and the progress
 * callback, runs the wait (run_wait) and releases everything. A non-local exit of a block, or an
 * interrupt, is continued here once all is released. Otherwise it returns with the results in
 * *wait and the target still pinned (the caller unpins it once it has used the results). */
static void wait_call(abc_rb_wait *wait, const wait_request *request, VALUE options, VALUE token,
                      VALUE progress, VALUE on_logs) {
    pin_set pins = {{NULL}, 0};
    VALUE jump_error = Qnil;
    int jump_state = 0;
    int uses_options = request->op == WAIT_RUN_SYNC || request->op == WAIT_JOB;
    abc_rb_ref *options_ref =
        uses_options ? abc_rb_handle_ref(options, ABC_RB_KIND_abc_sync_options, "options") : NULL;
    abc_rb_ref *token_ref = abc_rb_handle_ref(token, ABC_RB_KIND_abc_cancel_token, "cancel_token");
    if (token_ref == NULL || (uses_options && options_ref == NULL)) {
        rb_raise(rb_eArgError, "sync options and a cancel token are required");
    }
    wait_init(wait, request->op);
    wait->workspace = (abc_workspace *)abc_rb_ref_ptr(request->target);
    wait->job = (abc_job *)abc_rb_ref_ptr(request->target);
    wait->waiter = (abc_waiter *)abc_rb_ref_ptr(request->target);
    wait->connection_id = request->connection_id;
    wait->timeout_ms = request->timeout_ms;
    wait->job_id = request->job_id;
    wait->attempt = request->attempt;
    wait->follow = request->follow;
    wait->options = (abc_sync_options *)abc_rb_ref_ptr(options_ref);
    wait->token = (abc_cancel_token *)abc_rb_ref_ptr(token_ref);
    wait->deliver_progress = !NIL_P(progress);
    pin(&pins, options_ref);
    pin(&pins, token_ref);
    abc_rb_ref_pin(request->target);
    if (uses_options) {
        abc_sync_options_set_cancel_token(wait->options, wait->token, NULL);
        abc_sync_options_set_progress_callback(wait->options, progress_bridge, wait, NULL);
    }

    run_wait(wait, progress, on_logs, &jump_state, &jump_error);

    if (uses_options) {
        abc_sync_options_set_progress_callback(wait->options, NULL, NULL, NULL);
        abc_sync_options_set_cancel_token(wait->options, NULL, NULL);
    }
    wait_destroy(wait);
    unpin_all(&pins);
    if (jump_state) {
        abc_job_free(wait->out_job);
        abc_error_free(wait->error);
        abc_rb_ref_unpin(request->target);
        resume_jump(jump_state, jump_error);
    }
}

/* Native.run_sync(workspace, connection_id, sync_options, cancel_token, progress, on_logs)
 *   -> [status, job_handle_or_nil, error] */
static VALUE native_run_sync(VALUE self, VALUE workspace, VALUE connection_id, VALUE options,
                             VALUE token, VALUE progress, VALUE on_logs) {
    abc_rb_wait wait;
    volatile VALUE keep = Qnil;
    wait_request request = {WAIT_RUN_SYNC, NULL, NULL, 0, 0, 0, 0};
    VALUE job;
    (void)self;
    request.target = abc_rb_handle_ref(workspace, ABC_RB_KIND_abc_workspace, "workspace");
    request.connection_id = abc_rb_cstr(connection_id, &keep, "connection_id");
    wait_call(&wait, &request, options, token, progress, on_logs);
    job = abc_rb_handle_new(wait.out_job, ABC_RB_KIND_abc_job);
    if (!NIL_P(job) && request.target) ref_add_dep(handle_of(job)->ref, request.target);
    abc_rb_ref_unpin(request.target);
    RB_GC_GUARD(keep);
    return rb_ary_new_from_args(3, INT2NUM(wait.status), job, abc_rb_error_value(wait.status, wait.error));
}

/* Native.job_wait(job, sync_options, cancel_token, progress, on_logs) -> [status, error] */
static VALUE native_job_wait(VALUE self, VALUE job, VALUE options, VALUE token, VALUE progress,
                             VALUE on_logs) {
    abc_rb_wait wait;
    wait_request request = {WAIT_JOB, NULL, NULL, 0, 0, 0, 0};
    (void)self;
    request.target = abc_rb_handle_ref(job, ABC_RB_KIND_abc_job, "job");
    wait_call(&wait, &request, options, token, progress, on_logs);
    abc_rb_ref_unpin(request.target);
    return rb_ary_new_from_args(2, INT2NUM(wait.status), abc_rb_error_value(wait.status, wait.error));
}

/* Native.waiter_next(waiter, timeout_ms, cancel_token, on_logs) -> [status, index_or_nil, error] */
static VALUE native_waiter_next(VALUE self, VALUE waiter, VALUE timeout_ms, VALUE token,
                                VALUE on_logs) {
    abc_rb_wait wait;
    wait_request request = {WAIT_WAITER_NEXT, NULL, NULL, 0, 0, 0, 0};
    (void)self;
    request.timeout_ms = NUM2LL(timeout_ms);
    request.target = abc_rb_handle_ref(waiter, ABC_RB_KIND_abc_waiter, "waiter");
    wait_call(&wait, &request, Qnil, token, Qnil, on_logs);
    abc_rb_ref_unpin(request.target);
    return rb_ary_new_from_args(3, INT2NUM(wait.status),
                                wait.status == ABC_OK ? SIZET2NUM(wait.out_index) : Qnil,
                                abc_rb_error_value(wait.status, wait.error));
}

/* Native.job_logs_read(workspace, job_id, attempt, follow, cancel_token, on_line, on_logs)
 *   -> [status, lines_read, error]. The read runs on the helper thread like a wait: on_line gets
 * each line (a String) on this thread; an interrupt, or a non-local exit of on_line (break),
 * stops the read through the cancel token (and the line callback's answer). */
static VALUE native_job_logs_read(VALUE self, VALUE workspace, VALUE job_id, VALUE attempt,
                                  VALUE follow, VALUE token, VALUE on_line, VALUE on_logs) {
    abc_rb_wait wait;
    wait_request request = {WAIT_JOB_LOGS, NULL, NULL, 0, 0, 0, 0};
    (void)self;
    request.job_id = NUM2LL(job_id);
    request.attempt = NUM2LL(attempt);
    request.follow = RTEST(follow);
    request.target = abc_rb_handle_ref(workspace, ABC_RB_KIND_abc_workspace, "workspace");
    wait_call(&wait, &request, Qnil, token, on_line, on_logs);
    abc_rb_ref_unpin(request.target);
    return rb_ary_new_from_args(3, INT2NUM(wait.status), LL2NUM(wait.lines_read),
                                abc_rb_error_value(wait.status, wait.error));
}

/* ============================================================================================ */
/* Init                                                                                          */
/* ============================================================================================ */

void abc_rb_init(VALUE native_module) {
    abc_rb_mNative = native_module;
    id_call = rb_intern("call");
    id_pending_jump = rb_intern("__airbyte_cloud_pending_jump");
#ifdef HAVE_RB_POSTPONED_JOB_PREREGISTER
    drain_job_handle = rb_postponed_job_preregister(0, drain_pending_job, NULL);
#endif

    abc_rb_cHandle = rb_define_class_under(native_module, "Handle", rb_cObject);
    rb_undef_alloc_func(abc_rb_cHandle);
    rb_define_method(abc_rb_cHandle, "close", handle_close, 0);
    rb_define_method(abc_rb_cHandle, "closed?", handle_closed_p, 0);
    rb_define_method(abc_rb_cHandle, "kind", handle_kind, 0);
    rb_define_method(abc_rb_cHandle, "retain", handle_retain, 1);
    rb_define_method(abc_rb_cHandle, "inspect", handle_inspect, 0);

    rb_define_module_function(native_module, "take_logs", native_take_logs, 0);
    rb_define_module_function(native_module, "drain", native_drain, 0);
    rb_define_module_function(native_module, "live_handles", native_live_handles, 0);
    rb_define_module_function(native_module, "options_set_logger", native_options_set_logger, 3);
    rb_define_module_function(native_module, "run_sync", native_run_sync, 6);
    rb_define_module_function(native_module, "job_wait", native_job_wait, 5);
    rb_define_module_function(native_module, "waiter_next", native_waiter_next, 4);
    rb_define_module_function(native_module, "job_logs_read", native_job_logs_read, 7);
    rb_define_const(native_module, "KIND_COUNT", INT2NUM(ABC_RB_KIND_COUNT));
}
