package airbytecloud_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

// ctx is the context of the calls that do not test cancellation.
var ctx = context.Background()

// emulator is one airbyte-cloud-emulator child process, started by TestMain on a free loopback
// port. Tests never guess a port or a credential: they read the ready file.
type emulator struct {
	cmd          *exec.Cmd
	dir          string
	URL          string `json:"url"`
	APIURL       string `json:"apiUrl"`
	WorkspaceID  string `json:"workspaceId"`
	APIKey       string `json:"apiKey"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

var emu *emulator

func TestMain(m *testing.M) {
	path := os.Getenv("ABC_EMULATOR")
	if path == "" {
		fmt.Println("SKIP: ABC_EMULATOR is not set (path of airbyte-cloud-emulator): tests that need it skip")
		os.Exit(m.Run())
	}
	var err error
	emu, err = startEmulator(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "could not start the emulator:", err)
		os.Exit(1)
	}
	code := m.Run()
	emu.stop()
	os.Exit(code)
}

func startEmulator(path string) (*emulator, error) {
	dir, err := os.MkdirTemp("", "abc-go-emulator-")
	if err != nil {
		return nil, err
	}
	ready := filepath.Join(dir, "ready.json")
	cmd := exec.Command(path, "--port", "0", "--quiet", "--ready-file", ready)
	// Not the test's own stdout/stderr: go test waits for those pipes to close, and an emulator
	// left behind by a crashed test binary would hold them open.
	log, err := os.Create(filepath.Join(dir, "emulator.log"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	defer log.Close()
	cmd.Stdout, cmd.Stderr = log, log
	// The emulator ends with the test binary, even when that crashes.
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	e := &emulator{cmd: cmd, dir: dir}
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, err := os.ReadFile(ready)
		if err == nil && len(data) > 0 && json.Unmarshal(data, e) == nil && e.APIURL != "" {
			return e, nil
		}
		if time.Now().After(deadline) {
			e.stop()
			return nil, fmt.Errorf("no ready file %s after 10 s", ready)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (e *emulator) stop() {
	if e.cmd.Process != nil {
		_ = e.cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan struct{})
		go func() { _ = e.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = e.cmd.Process.Kill()
			<-done
		}
	}
	os.RemoveAll(e.dir)
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
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.URL+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+e.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		t.Fatalf("%s %s -> %d: %s", method, path, resp.StatusCode, data)
	}
	out := map[string]interface{}{}
	if len(bytes.TrimSpace(data)) > 0 {
		_ = json.Unmarshal(data, &out)
	}
	return out
}

// createConnection makes a faker source, a destination and a connection with streams users
// and products; gives the connection id.
func (e *emulator) createConnection(t *testing.T, name string) string {
	t.Helper()
	source := e.request(t, "POST", "/v1/sources", map[string]interface{}{
		"name": name + "-source", "workspaceId": e.WorkspaceID,
		"configuration": map[string]interface{}{"sourceType": "faker", "count": 50, "seed": 7},
	})
	destination := e.request(t, "POST", "/v1/destinations", map[string]interface{}{
		"name": name + "-destination", "workspaceId": e.WorkspaceID,
		"configuration": map[string]interface{}{"destinationType": "duckdb", "destination_path": "/local/test.duckdb"},
	})
	connection := e.request(t, "POST", "/v1/connections", map[string]interface{}{
		"name": name, "sourceId": source["sourceId"], "destinationId": destination["destinationId"], "prefix": "test_",
		"configurations": map[string]interface{}{"streams": []interface{}{
			map[string]interface{}{"name": "users", "syncMode": "full_refresh_overwrite"},
			map[string]interface{}{"name": "products", "syncMode": "full_refresh_overwrite"},
		}},
	})
	id, _ := connection["connectionId"].(string)
	if id == "" {
		t.Fatalf("no connectionId in %v", connection)
	}
	return id
}

// behave sets how the connection's next jobs end ("succeeded", "failed", "running"...) and how
// long they take.
func (e *emulator) behave(t *testing.T, connectionID, outcome string, durationMS int) {
	t.Helper()
	e.request(t, "POST", "/_emulator/connections/"+connectionID+"/behaviour",
		map[string]interface{}{"outcome": outcome, "durationMs": durationMS})
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
