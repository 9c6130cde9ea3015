package airbytecloud

import (
	"context"
	"encoding/json"
	"errors"
	"sync"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

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

// safeModes gives, at the index of each Go constant, the value SWIG reads from the C header
// (TestEnumValuesMatchTheHeader compares them; TestAPICoverage finds every enumerator here).
var safeModes = [...]capi.Enum_SS_abc_safe_mode{
	SafeModeDefault: capi.ABC_SAFE_MODE_DEFAULT, SafeModeOn: capi.ABC_SAFE_MODE_ON,
	SafeModeOff: capi.ABC_SAFE_MODE_OFF,
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
	// The API's own filters, where a list takes them: workspaces, tags (connections), users and
	// emails (users).
	WorkspaceIDs, TagIDs, UserIDs, Emails []string
}

// native builds the abc_list_options (0 for nil options); the caller frees it.
func (o *ListOptions) native() (capi.ListOptions, error) {
	if o == nil {
		return 0, nil
	}
	var b builder[capi.ListOptions]
	b.text("name", o.Name)
	b.text("name contains", o.NameContains)
	pageSize, err := cInt("page size", o.PageSize)
	if err != nil {
		return 0, err
	}
	b.step(func(p capi.ListOptions, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_list_options_set_include_deleted(p, flag(o.IncludeDeleted), e)
	})
	setIf(&b, o.Name, capi.Abc_list_options_set_name)
	setIf(&b, o.NameContains, capi.Abc_list_options_set_name_contains)
	setIf(&b, pageSize, capi.Abc_list_options_set_page_size)
	for _, add := range []struct {
		values []string
		set    func(capi.ListOptions, string, *capi.Error) capi.Enum_SS_abc_status
	}{{o.WorkspaceIDs, capi.Abc_list_options_add_workspace_id}, {o.TagIDs, capi.Abc_list_options_add_tag_id},
		{o.UserIDs, capi.Abc_list_options_add_user_id}, {o.Emails, capi.Abc_list_options_add_email}} {
		for _, v := range add.values {
			b.text("list filter", v)
			setIf(&b, v, add.set)
		}
	}
	return b.make(capi.Abc_list_options_new, capi.Abc_list_options_free)
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

// listAPI is the C API of one kind of list: the whole list at once (all pages) and the lazy
// iterator over it.
type listAPI[L, I, P ~uintptr] struct {
	list         func(*L, capi.Workspace, capi.ListOptions, *capi.Error) capi.Enum_SS_abc_status
	count        func(L) int64
	at           func(*P, L, int64, *capi.Error) capi.Enum_SS_abc_status
	free         func(L)
	iterate      func(*I, capi.Workspace, capi.ListOptions, *capi.Error) capi.Enum_SS_abc_status
	next         func(*P, I, *capi.Error) capi.Enum_SS_abc_status
	freeIterator func(I)
}

// takeItems wraps every item of an owned C list, then frees the list; on a failure it closes
// the items already wrapped.
func takeItems[L, P ~uintptr, T any](list L, count func(L) int64, at func(*P, L, int64, *capi.Error) capi.Enum_SS_abc_status,
	free func(L), wrap func(P) T) ([]T, error) {
	defer free(list)
	n := count(list)
	out := make([]T, 0, n)
	for i := int64(0); i < n; i++ {
		var item P
		var e capi.Error
		if err := takeError(at(&item, list, i, &e), e, nil); err != nil {
			for _, v := range out {
				dispose(v)
			}
			return nil, err
		}
		out = append(out, wrap(item))
	}
	return out, nil
}

// listAll fetches every page of a workspace list now.
func listAll[L, I, P ~uintptr, T any](ctx context.Context, w *Workspace, opts *ListOptions, api *listAPI[L, I, P],
	wrap func(P, *native) T) ([]T, error) {
	return withWorkspace(ctx, w, func(n *native) ([]T, error) {
		var out []T
		err := withListOptions(opts, func(o capi.ListOptions) error {
			var list L
			var e capi.Error
			if err := takeError(api.list(&list, capi.Workspace(n.ptr), o, &e), e, nil); err != nil {
				return err
			}
			var err error
			out, err = takeItems(list, api.count, api.at, api.free, func(p P) T { return wrap(p, n) })
			return err
		})
		return out, err
	})
}

// iterate makes a lazy iterator over a workspace list (no request yet); ctx governs its walk.
func iterate[L, I, P ~uintptr, T any](ctx context.Context, w *Workspace, opts *ListOptions, api *listAPI[L, I, P],
	wrap func(P, *native) T) (*Iterator[T], error) {
	if err := checkContext(ctx); err != nil {
		return nil, err
	}
	n, err := w.acquire()
	if err != nil {
		return nil, err
	}
	defer n.release()
	var it *Iterator[T]
	err = withListOptions(opts, func(o capi.ListOptions) error {
		var ptr I
		var e capi.Error
		if err := takeError(api.iterate(&ptr, capi.Workspace(n.ptr), o, &e), e, nil); err != nil {
			return err
		}
		it = &Iterator[T]{ctx: ctx}
		it.h.set("Iterator", nativeOf(ptr, api.freeIterator, n))
		it.next = func(p uintptr) (T, bool, error) {
			var item P
			var e capi.Error
			if err := takeError(api.next(&item, I(p), &e), e, nil); err != nil || item == 0 {
				var zero T
				return zero, false, err
			}
			return wrap(item, n), true, nil
		}
		finalized(it)
		return nil
	})
	return it, err
}

// Iterator walks the sources, destinations, connections or workspaces of a workspace lazily,
// fetching one page at a time as Next needs it, under the context it was made with:
//
//	it, err := ws.IterateSources(ctx, nil)
//	if err != nil { ... }
//	defer it.Close()
//	for it.Next() {
//		source := it.Value()
//		...
//	}
//	if err := it.Err(); err != nil { ... }
//
// After an error Next returns false and Err says why; calling Next again retries the same page
// (unless the context is done). If the server's list changes during a walk, an item may be
// skipped or seen twice (the API pages by offset). Handles handed out by Value are the
// caller's to close.
type Iterator[T any] struct {
	h    handle // the C iterator: held by a page fetch in flight
	ctx  context.Context
	next func(it uintptr) (item T, ok bool, err error)

	mu   sync.Mutex // guards what follows: Next may return before its fetch ends (ctx)
	cur  T
	err  error
	done bool
}

// Next moves to the next item; false at the end or on an error (see Err).
func (it *Iterator[T]) Next() bool {
	if it == nil {
		return false
	}
	it.mu.Lock()
	defer it.mu.Unlock()
	var zero T
	it.cur, it.err = zero, nil
	if it.next == nil { // a zero Iterator
		it.err = closedError("Iterator")
		return false
	}
	done := it.done
	s, err := await(it.ctx, func() (outcome[T], error) {
		ptr, err := it.h.lock("Iterator")
		if err != nil {
			return outcome[T]{err: errEnd}, err
		}
		defer it.h.mu.Unlock()
		if done {
			return outcome[T]{err: errEnd}, nil
		}
		item, ok, err := it.next(ptr)
		if !ok {
			return outcome[T]{err: errEnd}, err
		}
		return outcome[T]{value: item}, err
	})
	ok := err == nil && s.err == nil
	it.cur, it.err = s.value, err
	it.done = it.done || (err == nil && !ok)
	return ok
}

// errEnd marks the end of a walk.
var errEnd = errors.New("end of the list")

// Value is the item Next moved to.
func (it *Iterator[T]) Value() T {
	var zero T
	if it == nil {
		return zero
	}
	it.mu.Lock()
	defer it.mu.Unlock()
	return it.cur
}

// Err is the error that ended the walk, nil at its normal end.
func (it *Iterator[T]) Err() error {
	if it == nil {
		return closedError("Iterator")
	}
	it.mu.Lock()
	defer it.mu.Unlock()
	return it.err
}

// Close releases the iterator. Closing twice is a no-op.
func (it *Iterator[T]) Close() error {
	if it == nil {
		return nil
	}
	return closeHandle(it, &it.h)
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
