package airbytecloud_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// TestQuickStart builds the quick start of docs/BINDINGS.md (section Go) exactly as written, in a
// module of its own, and runs it against the emulator: a sync that succeeds, then one that
// fails. ABC_BINDINGS_DOC overrides the document's path.
func TestQuickStart(t *testing.T) {
	e := needEmulator(t)
	doc := os.Getenv("ABC_BINDINGS_DOC")
	if doc == "" {
		doc = filepath.Join("..", "..", "docs", "BINDINGS.md")
	}
	text, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)<!-- go-quickstart:begin[^\n]*-->\n```go\n(.*?)```\n<!-- go-quickstart:end -->").FindSubmatch(text)
	if block == nil {
		t.Fatalf("no go-quickstart block in %s", doc)
	}
	binding, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	goMod := "module quickstart\n\ngo 1.19\n\nrequire github.com/airbyte-cloud/libairbyte_cloud/bindings/go v0.0.0\n\n" +
		"replace github.com/airbyte-cloud/libairbyte_cloud/bindings/go => " + binding + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), block[1], 0o644); err != nil {
		t.Fatal(err)
	}
	goTool := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goTool); err != nil {
		goTool = "go"
	}
	program := filepath.Join(dir, "quickstart")
	build := exec.Command(goTool, "build", "-o", program, ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build of the quick start: %v\n%s", err, out)
	}
	vet := exec.Command(goTool, "vet", ".")
	vet.Dir = dir
	if out, err := vet.CombinedOutput(); err != nil {
		t.Fatalf("go vet of the quick start: %v\n%s", err, out)
	}

	env := append(os.Environ(), "AIRBYTE_CLOUD_WORKSPACE_ID="+e.WorkspaceID, "AIRBYTE_CLOUD_API_URL="+e.APIURL,
		"AIRBYTE_CLOUD_API_KEY="+e.APIKey)
	runIt := func(connectionID string) (string, string, int) {
		cmd := exec.Command(program, connectionID)
		cmd.Env = env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			code = exit.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return stdout.String(), stderr.String(), code
	}

	good := e.createConnection(t, uniqueName(t))
	e.behave(t, good, "succeeded", 300)
	stdout, stderr, code := runIt(good)
	if code != 0 || !regexp.MustCompile(`(?m)^job [0-9]+ succeeded: [1-9][0-9]* rows, [1-9][0-9]* bytes$`).MatchString(stdout) {
		t.Fatalf("quick start exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "rows") || !regexp.MustCompile(`(?m)^  [0-9]+ succeeded `).MatchString(stdout) {
		t.Fatalf("no progress or history:\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
	t.Logf("quick start output:\n%s", stdout)

	bad := e.createConnection(t, uniqueName(t))
	e.behave(t, bad, "failed", 200)
	stdout, stderr, code = runIt(bad)
	if code != 1 || !regexp.MustCompile(`job [0-9]+ on `+bad+` ended failed`).MatchString(stderr) {
		t.Fatalf("failing quick start exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}
