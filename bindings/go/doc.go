// Package airbytecloud is the Go binding of libairbyte_cloud, a native client for the Airbyte
// API (Airbyte Cloud and self-managed Airbyte): run a sync on a connection and wait for it,
// inspect the job, list the connection's history, wait for many jobs at once.
//
// The package sits on a SWIG-generated layer (internal/capi) over the library's C API; cgo
// finds the library with pkg-config (`#cgo pkg-config: airbyte_cloud`).
//
// # Handles
//
// Workspace, Connection, Job and Waiter wrap native handles. Close each when done (Close is
// idempotent; a finalizer closes a forgotten handle as a safety net). A closed or nil handle
// never crashes: fallible methods return an error that matches ErrClosed (and
// ErrInvalidArgument), plain getters return the zero value. A connection, job or waiter keeps
// the native workspace alive, so closing a Workspace early is safe.
//
// # Errors
//
// Every failure is an error value of an exported type:
//
//   - *Error: the status, message, HTTP status, API problem type and detail;
//   - *SyncError (a job ended failed or cancelled): JobID, ConnectionID, JobState;
//   - *TimeoutError (a wait or a request timed out): Timeout, and JobID for a wait.
//
// *SyncError and *TimeoutError unwrap to their *Error, so errors.As finds either, and
// errors.Is matches the sentinel of the status (ErrNotFound, ErrSyncFailed, ...). A wait
// stopped by its context also matches context.Canceled or context.DeadlineExceeded.
//
// # Goroutines
//
// A Workspace may be used by any number of goroutines at once. Connection, Job and Waiter
// serialise their calls with a mutex, so sharing one is safe; a long call (a wait) holds it.
// Error details travel with each call (no thread-local state), so goroutines moving between OS
// threads are fine. Calls that wait (RunSync, Job.Wait, Waiter.Next) take a context:
// cancelling it stops the wait (not the job) at once.
package airbytecloud
