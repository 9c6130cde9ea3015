package airbytecloud_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/emulatortest"
)

// ctx is the context of the calls that do not test cancellation.
var ctx = context.Background()

// emulator is the emulatortest.Emulator started by TestMain, with helpers that fail the test.
type emulator struct{ *emulatortest.Emulator }

var emu *emulator

func TestMain(m *testing.M) {
	path := os.Getenv("ABC_EMULATOR")
	if path == "" {
		fmt.Println("SKIP: ABC_EMULATOR is not set (path of airbyte-cloud-emulator): tests that need it skip")
		os.Exit(m.Run())
	}
	started, err := emulatortest.Start(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "could not start the emulator:", err)
		os.Exit(1)
	}
	emu = &emulator{started}
	code := m.Run()
	emu.Stop()
	os.Exit(code)
}

func needEmulator(t *testing.T) *emulator {
	t.Helper()
	if emu == nil {
		t.Skip("ABC_EMULATOR is not set")
	}
	return emu
}

// request sends a JSON body to the emulator with its API key and decodes the JSON answer.
func (e *emulator) request(t *testing.T, method, path string, body interface{}) map[string]interface{} {
	t.Helper()
	out, err := e.Request(method, path, body)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// createConnection makes a faker source, a destination and a connection with streams users
// and products; gives the connection id.
func (e *emulator) createConnection(t *testing.T, name string) string {
	t.Helper()
	id, err := e.CreateConnection(name)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// behave sets how the connection's next jobs end ("succeeded", "failed", "running"...) and how
// long they take.
func (e *emulator) behave(t *testing.T, connectionID, outcome string, durationMS int) {
	t.Helper()
	if err := e.Behave(connectionID, outcome, durationMS); err != nil {
		t.Fatal(err)
	}
}

// fault queues count faults of kind on requests matching method and path.
func (e *emulator) fault(t *testing.T, method, path, kind string, extra map[string]interface{}, count int) {
	t.Helper()
	body := map[string]interface{}{"method": method, "path": path, "kind": kind, "count": count}
	for k, v := range extra {
		body[k] = v
	}
	e.request(t, "POST", "/_emulator/faults", body)
}

func (e *emulator) clearFaults(t *testing.T) {
	t.Helper()
	e.request(t, "DELETE", "/_emulator/faults", nil)
}

// workspace is a Workspace on the emulator with its API key, fast polling and short retries.
func (e *emulator) workspace(t *testing.T, opts ...airbytecloud.Option) *airbytecloud.Workspace {
	t.Helper()
	all := append([]airbytecloud.Option{
		airbytecloud.WithAPIURL(e.APIURL),
		airbytecloud.WithBearerToken(e.APIKey),
		airbytecloud.WithPollInterval(20*time.Millisecond, 100*time.Millisecond),
		airbytecloud.WithRetryPolicy(airbytecloud.RetryPolicy{MaxAttempts: 4, InitialBackoff: 20 * time.Millisecond,
			MaxBackoff: 200 * time.Millisecond, Multiplier: 2, Deadline: 20 * time.Second}),
	}, opts...)
	ws, err := airbytecloud.NewWorkspace(e.WorkspaceID, all...)
	if err != nil {
		t.Fatalf("NewWorkspace: %v", err)
	}
	t.Cleanup(func() { ws.Close() })
	return ws
}

func uniqueName(t *testing.T) string {
	return strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()) + fmt.Sprintf("-%d", time.Now().UnixNano()%1000000)
}

// offlineWorkspace is a Workspace on an address nothing listens on (no emulator needed).
func offlineWorkspace(t *testing.T) *airbytecloud.Workspace {
	t.Helper()
	ws, err := airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithAPIURL("http://127.0.0.1:9/v1"))
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// behaving is a new connection whose jobs end with outcome after durationMS, and a workspace.
func behaving(t *testing.T, outcome string, durationMS int) (*emulator, *airbytecloud.Workspace, string) {
	t.Helper()
	e := needEmulator(t)
	connectionID := e.createConnection(t, uniqueName(t))
	e.behave(t, connectionID, outcome, durationMS)
	return e, e.workspace(t), connectionID
}

// mustWaiter is a new Waiter of ws, closed when the test ends.
func mustWaiter(t *testing.T, ws *airbytecloud.Workspace) *airbytecloud.Waiter {
	t.Helper()
	waiter, err := ws.NewWaiter()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { waiter.Close() })
	return waiter
}
