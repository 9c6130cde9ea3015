package airbytecloud_test

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

// closedPort is a loopback port nothing listens on: a PostgreSQL that is stopped.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// stoppedPostgresConnection is a faker → PostgreSQL connection whose PostgreSQL is not running.
func stoppedPostgresConnection(t *testing.T, ws *airbytecloud.Workspace) (connectionID, destinationID string) {
	t.Helper()
	name := uniqueName(t)
	source, err := ws.CreateSource(ctx, airbytecloud.SourceSpec{Name: name, Type: "faker", Configuration: `{"count":20}`})
	if err != nil {
		t.Fatal(err)
	}
	defer source.Close()
	destination, err := ws.CreateDestination(ctx, airbytecloud.DestinationSpec{Name: name, Type: "postgres",
		Configuration: airbytecloud.PostgresConfig{Host: "127.0.0.1", Port: closedPort(t), Database: "airbyte",
			Username: "tester", Password: "secret-pw-123", Schema: "public"}})
	if err != nil {
		t.Fatal(err)
	}
	defer destination.Close()
	connection, err := ws.CreateConnection(ctx, airbytecloud.ConnectionSpec{Name: name, SourceID: source.ID(),
		DestinationID: destination.ID()})
	if err != nil {
		t.Fatal(err)
	}
	defer connection.Close()
	return connection.ID(), destination.ID()
}

// TestStoppedPostgresSyncFailure: a sync whose destination PostgreSQL is stopped fails with the
// PostgreSQL reason in the error's text and fields; the attempt, its log, the connector check.
func TestStoppedPostgresSyncFailure(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	if ws.ConfigAPIURL() != strings.TrimSuffix(e.APIURL, "/v1")+"/api/v1" {
		t.Errorf("ConfigAPIURL %q derived from %q", ws.ConfigAPIURL(), e.APIURL)
	}
	connectionID, destinationID := stoppedPostgresConnection(t, ws)

	job, err := ws.RunSync(ctx, connectionID, nil)
	if job == nil {
		t.Fatalf("RunSync gave no job: %v", err)
	}
	defer job.Close()
	var syncErr *airbytecloud.SyncError
	if !errors.As(err, &syncErr) {
		t.Fatalf("want a *SyncError, got %v", err)
	}
	if !strings.Contains(err.Error(), "cannot connect to postgres") || !strings.Contains(err.Error(), "Connection refused") {
		t.Errorf("the error does not give the PostgreSQL reason: %v", err)
	}
	if strings.Contains(err.Error(), "secret-pw-123") {
		t.Errorf("the error shows the password: %v", err)
	}
	if syncErr.FailureOrigin != "destination" || !strings.Contains(syncErr.FailureMessage, "Connection refused") ||
		syncErr.Err.FailureType != "system_error" {
		t.Errorf("failure fields: origin %q type %q message %q", syncErr.FailureOrigin, syncErr.Err.FailureType, syncErr.FailureMessage)
	}

	attempts, err := ws.JobAttempts(ctx, job.ID())
	if err != nil || len(attempts) != 1 {
		t.Fatalf("JobAttempts: %v, %d attempts", err, len(attempts))
	}
	a := attempts[0]
	if a.Status != "failed" || a.CreatedAt.IsZero() || len(a.Failures) != 1 {
		t.Fatalf("attempt %+v", a)
	}
	f := a.Failures[0]
	if f.Origin != "destination" || !strings.Contains(f.ExternalMessage, "Connection refused") ||
		f.Retryable == nil || !*f.Retryable || f.Time.IsZero() {
		t.Errorf("failure %+v", f)
	}

	var lines []string
	n, err := ws.ReadJobLogs(ctx, job.ID(), airbytecloud.LastAttempt, false, func(line string) bool {
		lines = append(lines, line)
		return true
	})
	if err != nil || n != int64(len(lines)) || n < 4 {
		t.Fatalf("ReadJobLogs: %v, %d lines reported, %d received", err, n, len(lines))
	}
	if !strings.Contains(strings.Join(lines, "\n"), "ERROR cannot connect to postgres") {
		t.Errorf("the log has no PostgreSQL error line:\n%s", strings.Join(lines, "\n"))
	}
	// fn stops the reading; a missing attempt is ErrNotFound; a done context stops it.
	if n, err := ws.ReadJobLogs(ctx, job.ID(), a.Number, false, func(string) bool { return false }); err != nil || n != 1 {
		t.Errorf("stopping after one line: %d lines, %v", n, err)
	}
	if _, err := ws.ReadJobLogs(ctx, job.ID(), 5, false, func(string) bool { return true }); !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Errorf("attempt 5: want ErrNotFound, got %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ws.ReadJobLogs(cancelled, job.ID(), airbytecloud.LastAttempt, true, func(string) bool { return true }); !errors.Is(err, context.Canceled) {
		t.Errorf("done context: want context.Canceled, got %v", err)
	}
	// Following a running job's log until the context's deadline.
	_, _, runningID := behaving(t, "running", 60000)
	running, err := ws.RunSync(ctx, runningID, &airbytecloud.SyncOptions{NoWait: true})
	if err != nil {
		t.Fatal(err)
	}
	defer running.Cancel(ctx)
	defer running.Close()
	short, stop := context.WithTimeout(ctx, 300*time.Millisecond)
	defer stop()
	started := time.Now()
	if _, err := ws.ReadJobLogs(short, running.ID(), airbytecloud.LastAttempt, true, func(string) bool { return true }); !errors.Is(err, context.DeadlineExceeded) || time.Since(started) > 5*time.Second {
		t.Errorf("follow until the deadline: %v after %v", err, time.Since(started))
	}
	if _, err := ws.ReadJobLogs(ctx, job.ID(), airbytecloud.LastAttempt, false, nil); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Errorf("nil fn: want ErrInvalidArgument, got %v", err)
	}

	result, err := ws.CheckDestination(ctx, destinationID)
	if err != nil || result.Succeeded || !strings.Contains(result.Message, "Connection refused") {
		t.Errorf("CheckDestination: %+v, %v", result, err)
	}
}

// TestStateCatalogAndChecks: state round trip, the configured catalog, a source check.
func TestStateCatalogAndChecks(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	connectionID := e.createConnection(t, uniqueName(t))
	job, err := ws.RunSync(ctx, connectionID, nil)
	if err != nil {
		t.Fatal(err)
	}
	job.Close()

	state, err := ws.ConnectionState(ctx, connectionID)
	if err != nil {
		t.Fatal(err)
	}
	if state.Type == "" || len(state.JSON) == 0 {
		t.Errorf("state %+v", state)
	}
	stored, err := ws.SetConnectionState(ctx, connectionID, state)
	if err != nil {
		t.Fatal(err)
	}
	if string(stored.JSON) != string(state.JSON) || len(stored.Streams) != len(state.Streams) {
		t.Errorf("state did not round-trip:\n%s\n%s", state.JSON, stored.JSON)
	}
	if _, err := ws.SetConnectionState(ctx, connectionID, "{not json"); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Errorf("bad state JSON: want ErrInvalidArgument, got %v", err)
	}

	catalog, err := ws.ConfiguredCatalog(ctx, connectionID)
	if err != nil {
		t.Fatal(err)
	}
	if len(catalog.Streams) == 0 || len(catalog.JSON) == 0 || catalog.Streams[0].Name == "" || catalog.Streams[0].SyncMode == "" {
		t.Errorf("catalog %+v", catalog)
	}

	connection, err := ws.Connection(connectionID)
	if err != nil {
		t.Fatal(err)
	}
	defer connection.Close()
	sourceID, err := connection.SourceID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if result, err := ws.CheckSource(ctx, sourceID); err != nil || !result.Succeeded {
		t.Errorf("CheckSource: %+v, %v", result, err)
	}
	if _, err := ws.CheckSource(ctx, ""); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Errorf("empty source id: want ErrInvalidArgument, got %v", err)
	}
}

// TestConfigAPIURLOption: an API root the Config API root cannot be derived from needs
// WithConfigAPIURL, and the diagnostics say so.
func TestConfigAPIURLOption(t *testing.T) {
	ws, err := airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000",
		airbytecloud.WithAPIURL("http://127.0.0.1:9/custom/root"))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if ws.ConfigAPIURL() != "" {
		t.Errorf("ConfigAPIURL %q, want none", ws.ConfigAPIURL())
	}
	if _, err := ws.JobAttempts(ctx, 1); !errors.Is(err, airbytecloud.ErrUnsupported) || !strings.Contains(err.Error(), "WithConfigAPIURL") {
		t.Errorf("want ErrUnsupported naming the option, got %v", err)
	}
	set, err := airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000",
		airbytecloud.WithAPIURL("http://127.0.0.1:9/custom/root"), airbytecloud.WithConfigAPIURL("http://127.0.0.1:9/cfg/api/v1"))
	if err != nil {
		t.Fatal(err)
	}
	defer set.Close()
	if set.ConfigAPIURL() != "http://127.0.0.1:9/cfg/api/v1" {
		t.Errorf("ConfigAPIURL %q", set.ConfigAPIURL())
	}
	if _, err := airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithConfigAPIURL("ftp://nope")); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Errorf("bad config api url: want ErrInvalidArgument, got %v", err)
	}
}
