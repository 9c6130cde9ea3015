package capi

// #include <stddef.h>
// #include <stdint.h>
import "C"

import (
	"runtime/cgo"
)

// LogFunc receives the library's log lines. It is registered as a cgo.Handle whose value is
// passed as the uintptr of Abc_options_set_log_callback.
type LogFunc func(level int, message string)

// ProgressFunc receives progress while a wait polls; a non-zero result stops the wait. It is
// registered as a cgo.Handle whose value is passed to Abc_sync_options_set_progress_callback.
type ProgressFunc func(jobID int64, state int, elapsedMS, rows, bytes int64) int

// LogLineFunc receives one line of a job attempt's log; a non-zero result stops the reading. It
// is registered as a cgo.Handle whose value is passed to Abc_job_logs_read.
type LogLineFunc func(line string) int

// abcGoLog is called by the C trampoline on the thread of the call that logs. A panic must
// never unwind through C frames: it is contained here (the idiomatic layer's functions
// contain their own already; this is the last line).
//
//export abcGoLog
func abcGoLog(handle C.uintptr_t, level C.int, message *C.char) {
	defer func() { _ = recover() }()
	if handle == 0 {
		return
	}
	if fn, ok := cgo.Handle(handle).Value().(LogFunc); ok && fn != nil {
		fn(int(level), C.GoString(message))
	}
}

// abcGoProgress is called by the C trampoline after each poll of a wait. A panic stops the
// wait (result 1) instead of unwinding through C frames.
//
//export abcGoProgress
func abcGoProgress(handle C.uintptr_t, jobID C.int64_t, state C.int, elapsedMS, rows, bytes C.int64_t) (result C.int) {
	result = 1
	defer func() {
		if recover() != nil {
			result = 1
		}
	}()
	if handle == 0 {
		return 0
	}
	fn, ok := cgo.Handle(handle).Value().(ProgressFunc)
	if !ok || fn == nil {
		return 0
	}
	return C.int(fn(int64(jobID), int(state), int64(elapsedMS), int64(rows), int64(bytes)))
}

// abcGoLogLine is called by the C trampoline for each line Abc_job_logs_read reads. A panic stops
// the reading (result 1) instead of unwinding through C frames.
//
//export abcGoLogLine
func abcGoLogLine(handle C.uintptr_t, line *C.char, length C.size_t) (result C.int) {
	result = 1
	defer func() {
		if recover() != nil {
			result = 1
		}
	}()
	if fn, ok := cgo.Handle(handle).Value().(LogLineFunc); ok && fn != nil {
		return C.int(fn(C.GoStringN(line, C.int(length))))
	}
	return 1
}
