// Package emulatortest runs an airbyte-cloud-emulator (the project's fake Airbyte API) for tests
// and benchmarks: Start launches one on a free loopback port and reads its address and
// credentials from its ready file; the methods drive its admin API (behaviours, faults) and
// create connections over plain HTTP, without the library under test.
package emulatortest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// Emulator is one emulator child process. The fields come from its ready file.
type Emulator struct {
	cmd          *exec.Cmd
	dir          string
	URL          string `json:"url"`
	APIURL       string `json:"apiUrl"`
	WorkspaceID  string `json:"workspaceId"`
	APIKey       string `json:"apiKey"`
	ClientID     string `json:"clientId"`
	ClientSecret string `json:"clientSecret"`
}

// Start runs the emulator binary at path and waits (up to 10 s) for its ready file. Its output
// goes to a log file, not to this process's stdout/stderr (go test waits for those to close);
// it ends with this process, even when that crashes.
func Start(path string, args ...string) (*Emulator, error) {
	dir, err := os.MkdirTemp("", "abc-go-emulator-")
	if err != nil {
		return nil, err
	}
	ready := filepath.Join(dir, "ready.json")
	cmd := exec.Command(path, append([]string{"--port", "0", "--quiet", "--ready-file", ready}, args...)...)
	log, err := os.Create(filepath.Join(dir, "emulator.log"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	defer log.Close()
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
	if err := cmd.Start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	e := &Emulator{cmd: cmd, dir: dir}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		data, err := os.ReadFile(ready)
		if err == nil && len(data) > 0 && json.Unmarshal(data, e) == nil && e.APIURL != "" {
			return e, nil
		}
		if time.Now().After(deadline) {
			e.Stop()
			return nil, fmt.Errorf("no ready file %s after 10 s", ready)
		}
	}
}

// Stop ends the emulator (SIGTERM, then SIGKILL after 5 s) and removes its files.
func (e *Emulator) Stop() {
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

// Request sends body (nil for none) as JSON with the emulator's API key and decodes the JSON
// answer (an empty map when there is none). A status outside 2xx is an error.
func (e *Emulator) Request(method, path string, body interface{}) (map[string]interface{}, error) {
	var reader io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		reader = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.URL+path, reader)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+e.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode < 200 || resp.StatusCode >= 300 {
		return nil, fmt.Errorf("%s %s -> %d: %s", method, path, resp.StatusCode, data)
	}
	out := map[string]interface{}{}
	if len(bytes.TrimSpace(data)) > 0 {
		_ = json.Unmarshal(data, &out)
	}
	return out, nil
}

// CreateConnection makes a faker source, a duckdb destination and a connection named name with
// the streams users and products (prefix "test_"); gives the connection id.
func (e *Emulator) CreateConnection(name string) (string, error) {
	source, err := e.Request("POST", "/v1/sources", map[string]interface{}{
		"name": name + "-source", "workspaceId": e.WorkspaceID,
		"configuration": map[string]interface{}{"sourceType": "faker", "count": 50, "seed": 7},
	})
	if err != nil {
		return "", err
	}
	destination, err := e.Request("POST", "/v1/destinations", map[string]interface{}{
		"name": name + "-destination", "workspaceId": e.WorkspaceID,
		"configuration": map[string]interface{}{"destinationType": "duckdb", "destination_path": "/local/test.duckdb"},
	})
	if err != nil {
		return "", err
	}
	connection, err := e.Request("POST", "/v1/connections", map[string]interface{}{
		"name": name, "sourceId": source["sourceId"], "destinationId": destination["destinationId"], "prefix": "test_",
		"configurations": map[string]interface{}{"streams": []interface{}{
			map[string]interface{}{"name": "users", "syncMode": "full_refresh_overwrite"},
			map[string]interface{}{"name": "products", "syncMode": "full_refresh_overwrite"},
		}},
	})
	if err != nil {
		return "", err
	}
	id, _ := connection["connectionId"].(string)
	if id == "" {
		return "", fmt.Errorf("no connectionId in %v", connection)
	}
	return id, nil
}

// Behave sets how the connection's next jobs end ("succeeded", "failed", "running"...) and how
// long they take.
func (e *Emulator) Behave(connectionID, outcome string, durationMS int) error {
	_, err := e.Request("POST", "/_emulator/connections/"+connectionID+"/behaviour",
		map[string]interface{}{"outcome": outcome, "durationMs": durationMS})
	return err
}
