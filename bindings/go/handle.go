package airbytecloud

import (
	"runtime"
	"sync"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// native is one reference-counted C object. The Go handle that made it holds one reference;
// whatever else needs the object alive holds another: a connection, job or waiter holds its
// workspace's, a waiter holds each added job's, a call in flight on a Workspace holds one for
// its duration. The C object is freed when the last reference goes, then the references it
// held on others (deps) are released. So closing (or finalizing) a Go handle never frees a
// C object that another live handle or a running call still uses.
type native struct {
	mu   sync.Mutex
	ptr  uintptr
	refs int
	free func(uintptr)
	deps []*native
}

// newNative takes a reference on each dep.
func newNative(ptr uintptr, free func(uintptr), deps ...*native) *native {
	for _, d := range deps {
		d.retain()
	}
	return &native{ptr: ptr, refs: 1, free: free, deps: deps}
}

// nativeOf is newNative for a typed C handle and its typed free function.
func nativeOf[P ~uintptr](ptr P, free func(P), deps ...*native) *native {
	return newNative(uintptr(ptr), func(p uintptr) { free(P(p)) }, deps...)
}

// retain takes one more reference. Only a holder of a reference may call it.
func (n *native) retain() {
	n.mu.Lock()
	n.refs++
	n.mu.Unlock()
}

// addDep makes n hold a reference on d until n is freed.
func (n *native) addDep(d *native) {
	d.retain()
	n.mu.Lock()
	n.deps = append(n.deps, d)
	n.mu.Unlock()
}

// release drops one reference; the last one frees the C object and releases the deps.
func (n *native) release() {
	n.mu.Lock()
	n.refs--
	last := n.refs == 0
	ptr, deps := n.ptr, n.deps
	if last {
		n.ptr, n.deps = 0, nil
	}
	n.mu.Unlock()
	if !last {
		return
	}
	if ptr != 0 && n.free != nil {
		n.free(ptr)
	}
	for _, d := range deps {
		d.release()
	}
}

// handle is the common part of every handle type but Workspace (which is shared between
// goroutines): a mutex serialises the calls, and the native object is reference counted.
// Each type has a method giving its *handle, nil for a nil receiver, so that every helper
// below turns a nil or closed handle into an error (or a zero value), never a panic.
type handle struct {
	mu     sync.Mutex
	closed bool
	n      *native
	kind   string // the Go type's name, for errors
}

// handleOf gives h(x), x's handle, or nil for a nil x: each type's handle() method.
func handleOf[T any](x *T, h func(*T) *handle) *handle {
	if x == nil {
		return nil
	}
	return h(x)
}

// fieldOf gives f(x), or the zero value for a nil x: the getters that read a Go field.
func fieldOf[T, V any](x *T, f func(*T) V) V {
	if x == nil {
		var zero V
		return zero
	}
	return f(x)
}

// set makes h hold a new native object.
func (h *handle) set(kind string, n *native) {
	h.kind, h.n = kind, n
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
func get[P ~uintptr, T any](h *handle, kind string, f func(P) T) T {
	ptr, err := h.lock(kind)
	if err != nil {
		return f(0)
	}
	defer h.mu.Unlock()
	return f(P(ptr))
}

// call runs a fallible C call under the lock.
func call[P ~uintptr](h *handle, kind string, f func(P, *capi.Error) capi.Enum_SS_abc_status) error {
	ptr, err := h.lock(kind)
	if err != nil {
		return err
	}
	defer h.mu.Unlock()
	var e capi.Error
	return takeError(f(P(ptr), &e), e, nil)
}

// result runs a fallible C call with one out parameter under the lock and gives the result.
func result[P ~uintptr, T any](h *handle, kind string, f func(*T, P, *capi.Error) capi.Enum_SS_abc_status) (T, error) {
	var out T
	err := call(h, kind, func(p P, e *capi.Error) capi.Enum_SS_abc_status { return f(&out, p, e) })
	return out, err
}

// close releases the handle's reference once.
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

// closer is every handle type.
type closer interface{ Close() error }

// finalized makes the collector close obj if the program forgets to.
func finalized[T closer](obj T) T {
	runtime.SetFinalizer(obj, func(o T) { o.Close() })
	return obj
}

// closeHandle is the Close of a handle type: it drops obj's finalizer and h's reference.
func closeHandle(obj closer, h *handle) error {
	if h == nil {
		return nil
	}
	runtime.SetFinalizer(obj, nil)
	return h.close()
}

// closeAll closes handles made before a later failure.
func closeAll[T closer](items []T) {
	for _, item := range items {
		item.Close()
	}
}

// flag is a C boolean.
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}
