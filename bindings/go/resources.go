package airbytecloud

import (
	"encoding/json"
	"runtime"
	"sync"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// handle is the common part of the handle types used by one goroutine at a time in C: a mutex
// serialises the calls, and the native object is reference counted (see native).
type handle struct {
	mu     sync.Mutex
	closed bool
	n      *native
}

// lock locks the handle and gives its C pointer, or fails on a closed or nil one. The caller
// unlocks h.mu.
func (h *handle) lock(kind string) (uintptr, error) {
	if h == nil {
		return 0, closedError(kind)
	}
	h.mu.Lock()
	if h.closed || h.n == nil { // n is nil in a zero value not made by this package
		h.mu.Unlock()
		return 0, closedError(kind)
	}
	return h.n.ptr, nil
}

// get runs a getter under the lock; a closed or nil handle gives the getter's value for NULL.
func get[T any](h *handle, kind string, f func(uintptr) T) T {
	ptr, err := h.lock(kind)
	if err != nil {
		return f(0)
	}
	defer h.mu.Unlock()
	return f(ptr)
}

// call runs a fallible C call under the lock.
func call(h *handle, kind string, f func(uintptr, *capi.Error) capi.Enum_SS_abc_status) error {
	ptr, err := h.lock(kind)
	if err != nil {
		return err
	}
	defer h.mu.Unlock()
	var e capi.Error
	return takeError(f(ptr, &e), e, nil)
}

func (h *handle) close() error {
	if h == nil {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	h.closed = true
	if h.n != nil {
		h.n.release()
	}
	return nil
}

// SafeMode says whether a delete first checks that each resource it removes is named as
// disposable: its name contains "deleteme" or "delete-me" in any letter case (see
// IsDisposableName). A refused delete deletes nothing and fails with ErrRefused.
type SafeMode int

// Safe modes (values fixed by the C ABI).
const (
	// SafeModeDefault is on for a cascading delete, off for the delete of the one resource named.
	SafeModeDefault SafeMode = 0
	SafeModeOn      SafeMode = 1 // check every resource the call deletes
	SafeModeOff     SafeMode = 2 // delete without checking names
)

var safeModes = []struct {
	mode SafeMode
	c    capi.Enum_SS_abc_safe_mode
}{
	{SafeModeDefault, capi.ABC_SAFE_MODE_DEFAULT},
	{SafeModeOn, capi.ABC_SAFE_MODE_ON},
	{SafeModeOff, capi.ABC_SAFE_MODE_OFF},
}

// MotherDuckDefinitionID is Airbyte's definition id of destination-motherduck, which
// CreateDestination sends for a "motherduck" destination.
const MotherDuckDefinitionID = capi.ABC_MOTHERDUCK_DEFINITION_ID

// IsDisposableName reports whether name marks a resource as disposable for safe mode (it
// contains "deleteme" or "delete-me", any letter case).
func IsDisposableName(name string) bool {
	return checkText("name", name) == nil && name != "" && capi.Abc_name_is_disposable(name) != 0
}

// ListOptions says which items a list or an iteration hands out and how it pages. nil (or the
// zero value) means every item, 100 per page, deleted ones left out. The API has no name filter:
// names are matched by the library, on each page as it arrives.
type ListOptions struct {
	Name           string // only items named exactly Name ("" for no such filter)
	NameContains   string // only items whose name contains this, ignoring ASCII case ("" for none)
	PageSize       int    // items per request, 1..100; 0 for the default, 100
	IncludeDeleted bool   // include deleted items
}

// native builds the abc_list_options (0 for nil options); the caller frees it.
func (o *ListOptions) native() (capi.ListOptions, error) {
	if o == nil {
		return 0, nil
	}
	if err := checkText("name", o.Name); err != nil {
		return 0, err
	}
	if err := checkText("name contains", o.NameContains); err != nil {
		return 0, err
	}
	pageSize, err := cInt("page size", o.PageSize)
	if err != nil {
		return 0, err
	}
	var opts capi.ListOptions
	var e capi.Error
	if err := takeError(capi.Abc_list_options_new(&opts, &e), e, nil); err != nil {
		return 0, err
	}
	steps := []func(*capi.Error) capi.Enum_SS_abc_status{
		func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_list_options_set_include_deleted(opts, flag(o.IncludeDeleted), e)
		},
	}
	if o.Name != "" {
		steps = append(steps, func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_list_options_set_name(opts, o.Name, e)
		})
	}
	if o.NameContains != "" {
		steps = append(steps, func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_list_options_set_name_contains(opts, o.NameContains, e)
		})
	}
	if pageSize != 0 {
		steps = append(steps, func(e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_list_options_set_page_size(opts, pageSize, e)
		})
	}
	for _, step := range steps {
		var e capi.Error
		if err := takeError(step(&e), e, nil); err != nil {
			capi.Abc_list_options_free(opts)
			return 0, err
		}
	}
	return opts, nil
}

// Matches reports whether an item named name passes the options' name filters (nil options:
// every name), the same test the lists apply. Options that are not valid match nothing.
func (o *ListOptions) Matches(name string) bool {
	if checkText("name", name) != nil {
		return false
	}
	opts, err := o.native()
	if err != nil {
		return false
	}
	defer capi.Abc_list_options_free(opts)
	return capi.Abc_list_options_matches(opts, name) != 0
}

// withListOptions runs f with the native options, then frees them.
func withListOptions(o *ListOptions, f func(capi.ListOptions) error) error {
	opts, err := o.native()
	if err != nil {
		return err
	}
	if opts != 0 {
		defer capi.Abc_list_options_free(opts)
	}
	return f(opts)
}

// Iterator walks the sources, destinations, connections or workspaces of a workspace lazily,
// fetching one page at a time as Next needs it:
//
//	it, err := ws.IterateSources(nil)
//	if err != nil { ... }
//	defer it.Close()
//	for it.Next() {
//		source := it.Value()
//		...
//	}
//	if err := it.Err(); err != nil { ... }
//
// After an error Next returns false and Err says why; calling Next again retries the same page.
// If the server's list changes during a walk, an item may be skipped or seen twice (the API
// pages by offset). Handles handed out by Value are the caller's to close.
type Iterator[T any] struct {
	h    handle
	kind string
	next func(it uintptr, e *capi.Error) (item uintptr, st capi.Enum_SS_abc_status)
	wrap func(item uintptr) T
	cur  T
	err  error
	done bool
}

func newIterator[T any](kind string, ptr uintptr, free func(uintptr), ws *native,
	next func(uintptr, *capi.Error) (uintptr, capi.Enum_SS_abc_status), wrap func(uintptr) T) *Iterator[T] {
	it := &Iterator[T]{kind: kind, next: next, wrap: wrap}
	it.h.n = newNative(ptr, free, ws)
	runtime.SetFinalizer(it, (*Iterator[T]).Close)
	return it
}

// Next moves to the next item; false at the end or on an error (see Err).
func (it *Iterator[T]) Next() bool {
	if it == nil {
		return false
	}
	ptr, err := it.h.lock(it.kind)
	if err != nil {
		it.err = err
		return false
	}
	defer it.h.mu.Unlock()
	var zero T
	it.cur, it.err = zero, nil
	if it.done || it.next == nil {
		return false
	}
	var e capi.Error
	item, st := it.next(ptr, &e)
	if err := takeError(st, e, nil); err != nil {
		it.err = err
		return false
	}
	if item == 0 {
		it.done = true
		return false
	}
	it.cur = it.wrap(item)
	return true
}

// Value is the item Next moved to.
func (it *Iterator[T]) Value() T {
	var zero T
	if it == nil {
		return zero
	}
	it.h.mu.Lock()
	defer it.h.mu.Unlock()
	return it.cur
}

// Err is the error that ended the walk, nil at its normal end.
func (it *Iterator[T]) Err() error {
	if it == nil {
		return closedError("Iterator")
	}
	it.h.mu.Lock()
	defer it.h.mu.Unlock()
	return it.err
}

// Close releases the iterator. Closing twice is a no-op.
func (it *Iterator[T]) Close() error {
	if it == nil {
		return nil
	}
	runtime.SetFinalizer(it, nil)
	return it.h.close()
}

// jsonConfig gives the JSON text of a configuration: a string, []byte or json.RawMessage is
// taken as JSON text; a value with a JSON() (json.RawMessage, error) method (PostgresConfig...)
// gives its own; anything else is marshalled with encoding/json.
func jsonConfig(name string, v any) (string, error) {
	var text string
	switch c := v.(type) {
	case nil:
		return "", invalid(name + " is nil")
	case string:
		text = c
	case []byte:
		text = string(c)
	case json.RawMessage:
		text = string(c)
	case interface {
		JSON() (json.RawMessage, error)
	}:
		data, err := c.JSON()
		if err != nil {
			return "", err
		}
		text = string(data)
	default:
		data, err := json.Marshal(v)
		if err != nil {
			return "", invalid(name + " cannot be marshalled: " + err.Error())
		}
		text = string(data)
	}
	return text, checkText(name, text)
}
