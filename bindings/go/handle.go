package airbytecloud

import "sync"

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
