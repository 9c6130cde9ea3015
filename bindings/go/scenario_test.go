package airbytecloud_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

func TestVersion(t *testing.T) {
	if got := airbytecloud.Version(); got != airbytecloud.HeaderVersion {
		t.Fatalf("Version() = %q, header %q", got, airbytecloud.HeaderVersion)
	}
	if airbytecloud.VersionNumber() <= 0 && airbytecloud.Version() != "0.0.0" {
		t.Fatalf("VersionNumber() = %d", airbytecloud.VersionNumber())
	}
	if err := airbytecloud.Init(); err != nil {
		t.Fatalf("Init: %v", err)
	}
	airbytecloud.Shutdown()
	airbytecloud.Shutdown() // an extra call is ignored
}

func TestStatusAndStateText(t *testing.T) {
	if s := airbytecloud.StatusNotFound.String(); s == "" {
		t.Fatal("empty status text")
	}
	if airbytecloud.JobStateSucceeded.String() != "succeeded" || !airbytecloud.JobStateSucceeded.IsFinal() {
		t.Fatalf("succeeded: %q final=%v", airbytecloud.JobStateSucceeded, airbytecloud.JobStateSucceeded.IsFinal())
	}
	if airbytecloud.JobStateRunning.IsFinal() || airbytecloud.JobStateIncomplete.IsFinal() {
		t.Fatal("running/incomplete reported final")
	}
	if !errors.Is(airbytecloud.ErrNotFound, airbytecloud.StatusNotFound) {
		t.Fatal("sentinel is not its status")
	}
}

// The scenario: connect, get a connection, run a sync and wait, read status, rows and bytes,
// list the history.
func TestSyncScenario(t *testing.T) {
	e, ws, connectionID := behaving(t, "succeeded", 300)
	if err := ws.Connect(ctx); err != nil {
		t.Fatalf("Connect: %v", err)
	}
	if ws.ID() != e.WorkspaceID || ws.APIURL() != e.APIURL || !strings.Contains(ws.URL(), e.WorkspaceID) {
		t.Fatalf("workspace id %q api %q url %q", ws.ID(), ws.APIURL(), ws.URL())
	}

	conn, err := ws.Connection(connectionID)
	if err != nil {
		t.Fatalf("Connection: %v", err)
	}
	defer conn.Close()
	if conn.ID() != connectionID || !strings.Contains(conn.URL(), connectionID) || conn.JobHistoryURL() == "" {
		t.Fatalf("connection id %q url %q history %q", conn.ID(), conn.URL(), conn.JobHistoryURL())
	}
	name, err := conn.Name(ctx)
	if err != nil || !strings.HasPrefix(name, "TestSyncScenario") {
		t.Fatalf("Name = %q, %v", name, err)
	}
	source, err := conn.SourceID(ctx)
	if err != nil || source == "" {
		t.Fatalf("SourceID = %q, %v", source, err)
	}
	destination, err := conn.DestinationID(ctx)
	if err != nil || destination == "" || destination == source {
		t.Fatalf("DestinationID = %q (source %q), %v", destination, source, err)
	}
	if prefix, err := conn.Prefix(ctx); err != nil || prefix != "test_" {
		t.Fatalf("Prefix = %q, %v", prefix, err)
	}
	if status, err := conn.Status(ctx); err != nil || status == "" {
		t.Fatalf("Status = %q, %v", status, err)
	}
	if err := conn.Refresh(ctx); err != nil {
		t.Fatalf("Refresh: %v", err)
	}
	streams, err := conn.Streams(ctx)
	if err != nil || strings.Join(streams, ",") != "users,products" {
		t.Fatalf("Streams = %v, %v", streams, err)
	}
	if job, err := conn.LatestJob(ctx); err != nil || job != nil {
		t.Fatalf("LatestJob before any sync = %v, %v", job, err)
	}

	var polls int
	job, err := conn.RunSync(context.Background(), &airbytecloud.SyncOptions{
		Timeout:  time.Minute,
		Progress: func(p airbytecloud.Progress) bool { polls++; return true },
	})
	if err != nil {
		t.Fatalf("RunSync: %v", err)
	}
	defer job.Close()
	if job.State() != airbytecloud.JobStateSucceeded || !job.IsComplete() {
		t.Fatalf("state %v complete %v", job.State(), job.IsComplete())
	}
	if job.ID() <= 0 || job.ConnectionID() != connectionID || job.Type() != "sync" {
		t.Fatalf("id %d connection %q type %q", job.ID(), job.ConnectionID(), job.Type())
	}
	if job.RowsSynced() <= 0 || job.BytesSynced() <= 0 {
		t.Fatalf("rows %d bytes %d", job.RowsSynced(), job.BytesSynced())
	}
	if job.StartTime().IsZero() || job.StartTimeText() == "" || job.URL() == "" {
		t.Fatalf("start %v %q url %q", job.StartTime(), job.StartTimeText(), job.URL())
	}
	if job.LastUpdated().IsZero() || job.Duration() < 0 {
		t.Fatalf("last updated %v duration %v", job.LastUpdated(), job.Duration())
	}
	if polls == 0 {
		t.Fatal("the progress function was never called")
	}
	if err := job.CheckFailure(); err != nil {
		t.Fatalf("CheckFailure: %v", err)
	}
	info := job.Info()
	if info.ID != job.ID() || info.State != airbytecloud.JobStateSucceeded || info.RowsSynced != job.RowsSynced() {
		t.Fatalf("Info = %+v", info)
	}

	// A second sync, then the history: newest first.
	second, err := ws.RunSync(context.Background(), connectionID, nil)
	if err != nil {
		t.Fatalf("second RunSync: %v", err)
	}
	defer second.Close()
	history, err := conn.History(ctx, 10, 0)
	if err != nil {
		t.Fatalf("History: %v", err)
	}
	if len(history) != 2 || history[0].ID != second.ID() || history[1].ID != job.ID() {
		t.Fatalf("History = %+v (want %d then %d)", history, second.ID(), job.ID())
	}
	if history[1].State != airbytecloud.JobStateSucceeded || history[1].RowsSynced != job.RowsSynced() {
		t.Fatalf("history entry %+v", history[1])
	}
	if page, err := conn.History(ctx, 1, 1); err != nil || len(page) != 1 || page[0].ID != job.ID() {
		t.Fatalf("History(1, 1) = %+v, %v", page, err)
	}
	latest, err := conn.LatestJob(ctx)
	if err != nil || latest == nil || latest.ID() != second.ID() {
		t.Fatalf("LatestJob = %v, %v", latest, err)
	}
	latest.Close()

	// A job fetched by id, refreshed.
	fetched, err := ws.Job(ctx, job.ID())
	if err != nil {
		t.Fatalf("Job: %v", err)
	}
	defer fetched.Close()
	if err := fetched.Refresh(ctx); err != nil || fetched.State() != airbytecloud.JobStateSucceeded {
		t.Fatalf("Refresh: %v state %v", err, fetched.State())
	}
	// Waiting for a final job returns at once.
	if err := fetched.Wait(context.Background(), nil); err != nil {
		t.Fatalf("Wait on a final job: %v", err)
	}
}

// A failed sync returns the job and a *SyncError with its job id.
func TestFailedSync(t *testing.T) {
	_, ws, connectionID := behaving(t, "failed", 200)

	job, err := ws.RunSync(context.Background(), connectionID, nil)
	if err == nil {
		t.Fatal("RunSync of a failing job succeeded")
	}
	if job == nil {
		t.Fatal("no job with the sync error")
	}
	defer job.Close()
	var syncErr *airbytecloud.SyncError
	if !errors.As(err, &syncErr) {
		t.Fatalf("error %T %v is not a *SyncError", err, err)
	}
	if syncErr.JobID != job.ID() || syncErr.JobID <= 0 || syncErr.ConnectionID != connectionID ||
		syncErr.JobState != airbytecloud.JobStateFailed {
		t.Fatalf("SyncError %+v (job %d)", syncErr, job.ID())
	}
	if !errors.Is(err, airbytecloud.ErrSyncFailed) {
		t.Fatal("errors.Is(err, ErrSyncFailed) is false")
	}
	var detail *airbytecloud.Error
	if !errors.As(err, &detail) || detail.Status != airbytecloud.StatusSyncFailed || detail.JobID != job.ID() || detail.Message == "" {
		t.Fatalf("*Error %+v", detail)
	}
	if job.State() != airbytecloud.JobStateFailed {
		t.Fatalf("job state %v", job.State())
	}
	if err := job.CheckFailure(); !errors.As(err, &syncErr) || syncErr.JobID != job.ID() {
		t.Fatalf("CheckFailure = %v", err)
	}

	// AllowFailure: no error, the caller reads the state.
	again, err := ws.RunSync(context.Background(), connectionID, &airbytecloud.SyncOptions{AllowFailure: true})
	if err != nil || again == nil || again.State() != airbytecloud.JobStateFailed {
		t.Fatalf("AllowFailure: %v, %v", again, err)
	}
	again.Close()
}

// A wait that exceeds its timeout gives a *TimeoutError; the job goes on and can be cancelled.
func TestWaitTimeoutAndJobCancel(t *testing.T) {
	e, ws, connectionID := behaving(t, "running", 0)

	start := time.Now()
	job, err := ws.RunSync(context.Background(), connectionID, &airbytecloud.SyncOptions{Timeout: 300 * time.Millisecond})
	if job == nil {
		t.Fatalf("no job with the timeout (err %v)", err)
	}
	defer job.Close()
	var timeoutErr *airbytecloud.TimeoutError
	if !errors.As(err, &timeoutErr) {
		t.Fatalf("error %T %v is not a *TimeoutError", err, err)
	}
	if timeoutErr.Timeout != 300*time.Millisecond || timeoutErr.JobID != job.ID() || !errors.Is(err, airbytecloud.ErrWaitTimeout) {
		t.Fatalf("TimeoutError %+v (job %d)", timeoutErr, job.ID())
	}
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Fatalf("the wait took %v", elapsed)
	}
	if job.IsComplete() {
		t.Fatalf("job is %v after a timeout", job.State())
	}

	// AllowTimeout: no error, the job still running.
	if err := job.Wait(context.Background(), &airbytecloud.SyncOptions{Timeout: 100 * time.Millisecond, AllowTimeout: true}); err != nil {
		t.Fatalf("Wait with AllowTimeout: %v", err)
	}

	// A second sync while one runs: the server answers 409 try-again-later (injected, so that
	// the test does not depend on how the emulator counts running jobs).
	e.fault(t, "POST", "/v1/jobs", "status", map[string]interface{}{"status": 409}, 1)
	if _, err := ws.RunSync(context.Background(), connectionID, &airbytecloud.SyncOptions{NoWait: true}); !errors.Is(err, airbytecloud.ErrSyncAlreadyRunning) {
		t.Fatalf("second sync: %v", err)
	}
	e.fault(t, "POST", "/v1/jobs", "status", map[string]interface{}{"status": 409}, 1)
	attached, err := ws.RunSync(context.Background(), connectionID, &airbytecloud.SyncOptions{
		AttachIfRunning: true, Timeout: 100 * time.Millisecond, AllowTimeout: true})
	if err != nil || attached == nil || attached.ID() != job.ID() {
		t.Fatalf("AttachIfRunning: %v, %v (want job %d)", attached, err, job.ID())
	}
	attached.Close()

	// Job cancel.
	if err := job.Cancel(context.Background()); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	if err := job.Wait(context.Background(), &airbytecloud.SyncOptions{Timeout: 10 * time.Second}); !errors.Is(err, airbytecloud.ErrSyncFailed) {
		t.Fatalf("Wait after cancel: %v", err)
	}
	if job.State() != airbytecloud.JobStateCancelled {
		t.Fatalf("state after cancel %v", job.State())
	}
}

// A request that exceeds the request timeout gives a *TimeoutError with ErrRequestTimeout.
func TestRequestTimeout(t *testing.T) {
	e := needEmulator(t)
	connectionID := e.createConnection(t, uniqueName(t))
	ws := e.workspace(t, airbytecloud.WithRequestTimeout(200*time.Millisecond),
		airbytecloud.WithRetryPolicy(airbytecloud.RetryPolicy{MaxAttempts: 1, InitialBackoff: time.Millisecond,
			MaxBackoff: time.Millisecond, Multiplier: 1, Deadline: 5 * time.Second}))
	e.fault(t, "GET", "/v1/connections/"+connectionID, "delay", map[string]interface{}{"delayMs": 1500}, 1)
	defer e.clearFaults(t)
	conn, err := ws.Connection(connectionID)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, err = conn.Name(ctx)
	var timeoutErr *airbytecloud.TimeoutError
	if !errors.As(err, &timeoutErr) || !errors.Is(err, airbytecloud.ErrRequestTimeout) {
		t.Fatalf("Name with a slow server: %T %v", err, err)
	}
	if timeoutErr.Timeout != 200*time.Millisecond {
		t.Fatalf("Timeout = %v", timeoutErr.Timeout)
	}
}

// Cancelling the context stops the wait at once (not the job).
func TestContextCancel(t *testing.T) {
	e := needEmulator(t)
	connectionID := e.createConnection(t, uniqueName(t))
	e.behave(t, connectionID, "running", 0)
	ws := e.workspace(t, airbytecloud.WithPollInterval(2*time.Second, 2*time.Second))

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(300 * time.Millisecond)
		cancel()
	}()
	start := time.Now()
	job, err := ws.RunSync(ctx, connectionID, nil)
	elapsed := time.Since(start)
	if job == nil {
		t.Fatalf("no job after a cancelled wait (err %v)", err)
	}
	defer job.Close()
	if !errors.Is(err, context.Canceled) || !errors.Is(err, airbytecloud.ErrCancelled) {
		t.Fatalf("error %T %v", err, err)
	}
	if elapsed > 1500*time.Millisecond {
		t.Fatalf("cancelling took %v (the poll interval is 2 s: the token must wake the wait)", elapsed)
	}
	if job.IsComplete() {
		t.Fatalf("the job is %v: cancelling the context must not cancel the job", job.State())
	}

	// A deadline.
	ctx2, cancel2 := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel2()
	if err := job.Wait(ctx2, nil); !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, airbytecloud.ErrCancelled) {
		t.Fatalf("Wait past the deadline: %v", err)
	}

	// A context already done: nothing starts.
	done, cancel3 := context.WithCancel(context.Background())
	cancel3()
	other := e.createConnection(t, uniqueName(t))
	if j, err := ws.RunSync(done, other, nil); j != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("RunSync with a done context: %v, %v", j, err)
	}
	if latest, err := mustConnection(t, ws, other).LatestJob(context.Background()); err != nil || latest != nil {
		t.Fatalf("a job started with a done context: %v, %v", latest, err)
	}

	// The progress function stops the wait.
	if err := job.Wait(context.Background(), &airbytecloud.SyncOptions{Progress: func(airbytecloud.Progress) bool { return false }}); !errors.Is(err, airbytecloud.ErrCancelled) {
		t.Fatalf("stopped by progress: %v", err)
	}
	if err := job.Cancel(context.Background()); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
}

func mustConnection(t *testing.T, ws *airbytecloud.Workspace, id string) *airbytecloud.Connection {
	t.Helper()
	conn, err := ws.Connection(id)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// A panic in the progress function stops the wait and is raised again on the caller's
// goroutine, after the native call returned.
func TestProgressPanic(t *testing.T) {
	_, ws, connectionID := behaving(t, "running", 0)
	var job *airbytecloud.Job
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Fatalf("recovered %v, want boom", r)
			}
		}()
		job, _ = ws.RunSync(context.Background(), connectionID, &airbytecloud.SyncOptions{
			Progress: func(airbytecloud.Progress) bool { panic("boom") },
		})
		t.Fatal("no panic")
	}()
	// The job handle was lost to the panic; the finalizer frees it. Cancel through a new one.
	conn := mustConnection(t, ws, connectionID)
	latest, err := conn.LatestJob(ctx)
	if err != nil || latest == nil {
		t.Fatalf("LatestJob: %v, %v", latest, err)
	}
	defer latest.Close()
	if err := latest.Cancel(ctx); err != nil {
		t.Fatalf("Cancel: %v", err)
	}
	_ = job
}

// The multi-job waiter reports each job once as it ends.
func TestWaiter(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	outcomes := []struct {
		outcome  string
		duration int
		want     airbytecloud.JobState
	}{
		{"succeeded", 900, airbytecloud.JobStateSucceeded},
		{"failed", 100, airbytecloud.JobStateFailed},
		{"succeeded", 400, airbytecloud.JobStateSucceeded},
	}
	waiter := mustWaiter(t, ws)
	var jobs []*airbytecloud.Job
	for i, o := range outcomes {
		id := e.createConnection(t, uniqueName(t))
		e.behave(t, id, o.outcome, o.duration)
		job, err := ws.RunSync(context.Background(), id, &airbytecloud.SyncOptions{NoWait: true})
		if err != nil {
			t.Fatalf("RunSync %d: %v", i, err)
		}
		defer job.Close()
		index, err := waiter.Add(job)
		if err != nil || index != i {
			t.Fatalf("Add = %d, %v", index, err)
		}
		jobs = append(jobs, job)
	}
	if n := waiter.Pending(); n < 1 || n > 3 {
		t.Fatalf("Pending = %d", n)
	}
	seen := map[int]bool{}
	for range outcomes {
		index, job, err := waiter.Next(context.Background(), 30*time.Second)
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		if seen[index] || job != jobs[index] {
			t.Fatalf("index %d reported twice or wrong job", index)
		}
		seen[index] = true
		if job.State() != outcomes[index].want {
			t.Fatalf("job %d ended %v, want %v", index, job.State(), outcomes[index].want)
		}
	}
	if waiter.Pending() != 0 {
		t.Fatalf("Pending = %d after all", waiter.Pending())
	}
	if _, _, err := waiter.Next(context.Background(), time.Second); !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Fatalf("Next after all: %v", err)
	}

	// A timeout and a context cancel on a waiter with a running job.
	running := e.createConnection(t, uniqueName(t))
	e.behave(t, running, "running", 0)
	job, err := ws.RunSync(context.Background(), running, &airbytecloud.SyncOptions{NoWait: true})
	if err != nil {
		t.Fatal(err)
	}
	defer job.Close()
	second := mustWaiter(t, ws)
	if _, err := second.Add(job); err != nil {
		t.Fatal(err)
	}
	var timeoutErr *airbytecloud.TimeoutError
	if _, _, err := second.Next(context.Background(), 200*time.Millisecond); !errors.As(err, &timeoutErr) {
		t.Fatalf("Next with a running job: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if _, _, err := second.Next(ctx, 0); !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, airbytecloud.ErrCancelled) {
		t.Fatalf("Next past the deadline: %v", err)
	}
	// Closing the job while the waiter holds it is safe; cancelling ends it.
	if err := job.Cancel(context.Background()); err != nil {
		t.Fatal(err)
	}
	job.Close()
	if index, _, err := second.Next(context.Background(), 10*time.Second); err != nil || index != 0 {
		t.Fatalf("Next after cancel: %d, %v", index, err)
	}
}
