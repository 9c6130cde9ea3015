package airbytecloud_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

// Many goroutines, moving between OS threads, share one workspace; each call's error detail is
// its own (the error travels with the call: no thread-local "last error").
func TestGoroutinesShareAWorkspace(t *testing.T) {
	_, ws, connectionID := behaving(t, "succeeded", 50)
	const goroutines = 32
	const rounds = 10
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*rounds)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for r := 0; r < rounds; r++ {
				if r%2 == 1 {
					runtime.LockOSThread() // another thread for the next calls
				}
				missing := fmt.Sprintf("00000000-0000-0000-%04d-%012d", g, r)
				conn, err := ws.Connection(missing)
				if err != nil {
					errs <- err
					return
				}
				runtime.Gosched()
				_, err = conn.Name(ctx)
				conn.Close()
				var detail *airbytecloud.Error
				if !errors.As(err, &detail) || detail.Status != airbytecloud.StatusNotFound {
					errs <- fmt.Errorf("goroutine %d: %v", g, err)
				} else if !strings.Contains(detail.Message+detail.ProblemDetail, missing) {
					errs <- fmt.Errorf("goroutine %d got another call's error: %q (asked %s)", g, detail.Message, missing)
				}
				good := mustConnectionNoCleanup(ws, connectionID)
				if name, err := good.Name(ctx); err != nil || name == "" {
					errs <- fmt.Errorf("goroutine %d: Name = %q, %v", g, name, err)
				}
				good.Close()
				if r%2 == 1 {
					runtime.UnlockOSThread()
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func mustConnectionNoCleanup(ws *airbytecloud.Workspace, id string) *airbytecloud.Connection {
	conn, err := ws.Connection(id)
	if err != nil {
		return nil
	}
	return conn
}

// Syncs on several connections at once from several goroutines, and one Job shared by
// goroutines (calls on it are serialised).
func TestConcurrentSyncs(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	const n = 6
	ids := make([]string, n)
	for i := range ids {
		ids[i] = e.createConnection(t, uniqueName(t))
		outcome := "succeeded"
		if i%3 == 2 {
			outcome = "failed"
		}
		e.behave(t, ids[i], outcome, 200+50*i)
	}
	var wg sync.WaitGroup
	results := make([]error, n)
	jobs := make([]*airbytecloud.Job, n)
	for i := range ids {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			jobs[i], results[i] = ws.RunSync(context.Background(), ids[i], nil)
		}(i)
	}
	wg.Wait()
	for i, err := range results {
		if jobs[i] == nil {
			t.Fatalf("sync %d: no job (%v)", i, err)
		}
		defer jobs[i].Close()
		var syncErr *airbytecloud.SyncError
		if i%3 == 2 {
			if !errors.As(err, &syncErr) || syncErr.JobID != jobs[i].ID() || syncErr.ConnectionID != ids[i] {
				t.Fatalf("sync %d: %v", i, err)
			}
		} else if err != nil {
			t.Fatalf("sync %d: %v", i, err)
		}
	}
	shared := jobs[0]
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 0; r < 20; r++ {
				_ = shared.Refresh(ctx)
				_ = shared.Info()
				_ = shared.State()
			}
		}()
	}
	wg.Wait()
	if shared.State() != airbytecloud.JobStateSucceeded {
		t.Fatalf("shared job %v", shared.State())
	}
}
