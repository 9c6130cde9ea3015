package airbytecloud_test

import (
	"context"
	"errors"
	"testing"
	"time"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

// requireCancelled checks that a call stopped by its context says so both ways, and that it
// returned promptly although the server had not answered yet.
func requireCancelled(t *testing.T, what string, err error, took time.Duration) {
	t.Helper()
	if !errors.Is(err, context.Canceled) || !errors.Is(err, airbytecloud.ErrCancelled) {
		t.Fatalf("%s: %T %v (want context.Canceled and ErrCancelled)", what, err, err)
	}
	if took > time.Second {
		t.Fatalf("%s returned after %v, not at once", what, took)
	}
}

// cancelSoon cancels the context 100 ms from now, while the delayed request is in flight.
func cancelSoon() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	return ctx, cancel
}

// A listing cancelled mid-way: the iterator has handed out its first page, the next page's
// request hangs on the server, the context is cancelled, and Next returns false at once with
// context.Canceled (the request finishes in the background).
func TestContextCancelListing(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	name := uniqueName(t)
	for i := 0; i < 3; i++ {
		source, err := ws.CreateSource(ctx, airbytecloud.SourceSpec{Name: name, Type: "faker", Configuration: `{"count": 1}`})
		if err != nil {
			t.Fatal(err)
		}
		defer ws.DeleteSource(context.Background(), source.ID(), airbytecloud.SafeModeOff)
		source.Close()
	}

	listCtx, cancel := context.WithCancel(context.Background())
	defer cancel()
	it, err := ws.IterateSources(listCtx, &airbytecloud.ListOptions{Name: name, PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	if !it.Next() {
		t.Fatalf("first page: %v", it.Err())
	}
	it.Value().Close()

	e.fault(t, "GET", "/v1/sources", "delay", map[string]interface{}{"delayMs": 3000}, 1)
	defer e.clearFaults(t)
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	if it.Next() {
		t.Fatal("Next went on after the context was cancelled")
	}
	requireCancelled(t, "Next of a cancelled listing", it.Err(), time.Since(start))
	if it.Next() || !errors.Is(it.Err(), context.Canceled) {
		t.Fatalf("Next after the cancel: %v", it.Err())
	}

	// The same for a whole listing and a get.
	e.fault(t, "GET", "/v1/sources", "delay", map[string]interface{}{"delayMs": 3000}, 1)
	listAll, cancelAll := cancelSoon()
	defer cancelAll()
	start = time.Now()
	sources, err := ws.Sources(listAll, &airbytecloud.ListOptions{Name: name})
	if sources != nil {
		t.Fatal("Sources gave a result after the cancel")
	}
	requireCancelled(t, "Sources", err, time.Since(start))

	_, err = ws.Sources(listAll, nil)
	requireCancelled(t, "Sources with a done context", err, 0)
	var nilCtx context.Context
	if _, err := ws.Sources(nilCtx, nil); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("nil context: %v", err)
	}
}
