package airbytecloud_test

import (
	"context"
	"errors"
	"runtime"
	"testing"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

// An offline workspace with a connection handle (no request: the id is only checked) and a waiter.
func offlineHandles(t *testing.T) (*airbytecloud.Workspace, *airbytecloud.Connection, *airbytecloud.Waiter) {
	t.Helper()
	ws := offlineWorkspace(t)
	conn, err := ws.Connection("9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81")
	if err != nil {
		t.Fatal(err)
	}
	waiter, err := ws.NewWaiter()
	if err != nil {
		t.Fatal(err)
	}
	return ws, conn, waiter
}

// Closed handles used again, and nil handles: errors or zero values, never a crash.
func TestClosedAndNilHandles(t *testing.T) {
	ws, conn, waiter := offlineHandles(t)
	if err := ws.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ws.Close(); err != nil {
		t.Fatal("second Close:", err)
	}
	requireClosed(t, "Connect on a closed workspace", ws.Connect(ctx))
	_, err := ws.Connection("c-2")
	requireClosed(t, "Connection on a closed workspace", err)
	_, err = ws.Job(ctx, 1)
	requireClosed(t, "Job on a closed workspace", err)
	_, err = ws.RunSync(context.Background(), "c", nil)
	requireClosed(t, "RunSync on a closed workspace", err)
	_, err = ws.NewWaiter()
	requireClosed(t, "NewWaiter on a closed workspace", err)

	// Children keep the native workspace: still usable after the workspace was closed.
	if conn.ID() != "9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81" {
		t.Fatalf("connection id %q", conn.ID())
	}
	if _, err := conn.Name(ctx); err == nil || errors.Is(err, airbytecloud.ErrClosed) {
		t.Fatalf("Name on a live connection of a closed workspace: %v (want a transport error)", err)
	}
	if waiter.Pending() != 0 {
		t.Fatal("Pending on an empty waiter")
	}

	conn.Close()
	conn.Close()
	_, err = conn.Name(ctx)
	requireClosed(t, "Name on a closed connection", err)
	_, err = conn.Streams(ctx)
	requireClosed(t, "Streams on a closed connection", err)
	_, err = conn.History(ctx, 1, 0)
	requireClosed(t, "History on a closed connection", err)
	_, err = conn.LatestJob(ctx)
	requireClosed(t, "LatestJob on a closed connection", err)
	_, err = conn.RunSync(context.Background(), nil)
	requireClosed(t, "RunSync on a closed connection", err)
	requireClosed(t, "Refresh on a closed connection", conn.Refresh(ctx))

	waiter.Close()
	waiter.Close()
	_, err = waiter.Add(nil)
	requireClosed(t, "Add on a closed waiter", err)
	_, _, err = waiter.Next(context.Background(), 1)
	requireClosed(t, "Next on a closed waiter", err)
	if waiter.Pending() != 0 {
		t.Fatal("Pending on a closed waiter")
	}

	// Nil receivers.
	var nws *airbytecloud.Workspace
	requireClosed(t, "nil workspace", nws.Connect(ctx))
	if nws.ID() != "" || nws.URL() != "" || nws.APIURL() != "" || nws.Close() != nil {
		t.Fatal("nil workspace getters")
	}
	_, err = nws.RunSync(context.Background(), "c", nil)
	requireClosed(t, "RunSync on a nil workspace", err)
	var nconn *airbytecloud.Connection
	_, err = nconn.Name(ctx)
	requireClosed(t, "nil connection", err)
	if nconn.ID() != "" || nconn.Close() != nil {
		t.Fatal("nil connection getters")
	}
	var njob *airbytecloud.Job
	if njob.ID() != 0 || njob.State() != airbytecloud.JobStateUnknown || njob.Type() != "" || njob.IsComplete() ||
		njob.RowsSynced() != 0 || !njob.StartTime().IsZero() || njob.Info() != (airbytecloud.JobInfo{}) || njob.Close() != nil {
		t.Fatal("nil job getters")
	}
	requireClosed(t, "Refresh on a nil job", njob.Refresh(ctx))
	requireClosed(t, "Cancel on a nil job", njob.Cancel(ctx))
	requireClosed(t, "CheckFailure on a nil job", njob.CheckFailure())
	requireClosed(t, "Wait on a nil job", njob.Wait(context.Background(), nil))
	var nwaiter *airbytecloud.Waiter
	_, err = nwaiter.Add(njob)
	requireClosed(t, "Add on a nil waiter", err)
	if nwaiter.Close() != nil {
		t.Fatal("Close on a nil waiter")
	}
}

func TestClosedJob(t *testing.T) {
	_, ws, connectionID := behaving(t, "succeeded", 50)
	job, err := ws.RunSync(context.Background(), connectionID, nil)
	if err != nil {
		t.Fatal(err)
	}
	id := job.ID()
	job.Close()
	job.Close()
	if job.ID() != 0 || job.State() != airbytecloud.JobStateUnknown || job.URL() != "" {
		t.Fatal("getters on a closed job")
	}
	requireClosed(t, "Refresh on a closed job", job.Refresh(ctx))
	requireClosed(t, "Wait on a closed job", job.Wait(context.Background(), nil))
	requireClosed(t, "Cancel on a closed job", job.Cancel(ctx))
	waiter := mustWaiter(t, ws)
	_, err = waiter.Add(job)
	requireClosed(t, "Add of a closed job", err)
	again, err := ws.Job(ctx, id)
	if err != nil || again.State() != airbytecloud.JobStateSucceeded {
		t.Fatalf("Job(%d) = %v", id, err)
	}
	again.Close()
}

// Handles never closed are freed by their finalizers without crashing.
func TestFinalizers(t *testing.T) {
	for i := 0; i < 200; i++ {
		_, _, _ = offlineHandles(t)
	}
	for i := 0; i < 5; i++ {
		runtime.GC()
	}
}

// Zero values not made by this package behave as closed handles.
func TestZeroValueHandles(t *testing.T) {
	var ws airbytecloud.Workspace
	requireClosed(t, "zero Workspace", ws.Connect(ctx))
	if ws.Close() != nil || ws.Close() != nil {
		t.Fatal("Close of a zero Workspace")
	}
	var conn airbytecloud.Connection
	_, err := conn.Name(ctx)
	requireClosed(t, "zero Connection", err)
	_, err = conn.RunSync(context.Background(), nil)
	requireClosed(t, "RunSync on a zero Connection", err)
	if conn.Close() != nil {
		t.Fatal("Close of a zero Connection")
	}
	var job airbytecloud.Job
	if job.ID() != 0 || job.State() != airbytecloud.JobStateUnknown {
		t.Fatal("zero Job getters")
	}
	requireClosed(t, "zero Job", job.Refresh(ctx))
	job.Close()
	var waiter airbytecloud.Waiter
	_, err = waiter.Add(&job)
	requireClosed(t, "zero Waiter", err)
	waiter.Close()
	var source airbytecloud.Source
	if source.Name() != "" {
		t.Fatal("zero Source getter")
	}
	requireClosed(t, "zero Source", source.Rename(ctx, "x"))
	source.Close()
	var it airbytecloud.Iterator[*airbytecloud.Source]
	if it.Next() {
		t.Fatal("zero Iterator")
	}
	it.Close()
	var cursor airbytecloud.Cursor
	if cursor.Next() || cursor.RowsRead() != 0 {
		t.Fatal("zero Cursor")
	}
	requireClosed(t, "zero Cursor", cursor.Err())
	var set airbytecloud.DatasetSet
	_, err = set.Dataset("users")
	requireClosed(t, "zero DatasetSet", err)
	var catalog airbytecloud.StreamCatalog
	_, err = catalog.Find("users")
	requireClosed(t, "zero StreamCatalog", err)
}
