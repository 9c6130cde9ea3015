package airbytecloud_test

import (
	"bufio"
	"bytes"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestAPICoverage keeps the binding from lagging behind the C API: every function declared in
// include/airbyte_cloud.h must be called by the idiomatic layer (the non-test .go files of this
// package) or be listed in EXCLUDED.txt with a reason; every enumerator must be mapped; every
// handle type must have its typemaps in airbyte_cloud_go.i. ABC_HEADER overrides the header's
// path.
func TestAPICoverage(t *testing.T) {
	headerPath := os.Getenv("ABC_HEADER")
	if headerPath == "" {
		headerPath = filepath.Join("..", "..", "include", "airbyte_cloud.h")
	}
	header := readHeaderWithAreas(t, headerPath)
	functions := regexp.MustCompile(`(?m)^ABC_API\b[^;(]*?\b(abc_\w+)\s*\(`).FindAllSubmatch(header, -1)
	if len(functions) < 50 {
		t.Fatalf("found only %d functions in %s: the pattern is out of date", len(functions), headerPath)
	}
	enumerators := regexp.MustCompile(`(?m)^\s*(ABC_[A-Z0-9_]+)\s*=\s*[0-9]`).FindAllSubmatch(header, -1)
	handles := regexp.MustCompile(`(?m)^typedef struct (abc_\w+) abc_\w+;`).FindAllSubmatch(header, -1)

	source := layerSource(t)
	excluded := readExcluded(t)
	var missing, stale []string
	declared := map[string]bool{}
	for _, m := range functions {
		name := string(m[1])
		declared[name] = true
		used := regexp.MustCompile(`\bcapi\.` + swigName(name) + `\b`).MatchString(source)
		_, isExcluded := excluded[name]
		switch {
		case used && isExcluded:
			stale = append(stale, name+" is used but listed in EXCLUDED.txt")
		case !used && !isExcluded:
			missing = append(missing, name)
		}
	}
	for name := range excluded {
		if !declared[name] {
			stale = append(stale, name+" is listed in EXCLUDED.txt but not declared in the header")
		}
	}
	for _, m := range enumerators {
		name := string(m[1])
		if strings.HasPrefix(name, "ABC_VERSION_") {
			continue
		}
		if !regexp.MustCompile(`\bcapi\.` + name + `\b`).MatchString(source) {
			missing = append(missing, name+" (enumerator)")
		}
	}
	module, err := os.ReadFile("airbyte_cloud_go.i")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range handles {
		if !strings.Contains(string(module), "ABC_GO_HANDLE("+string(m[1])+",") {
			missing = append(missing, string(m[1])+" (handle type without ABC_GO_HANDLE in airbyte_cloud_go.i)")
		}
	}
	sort.Strings(missing)
	sort.Strings(stale)
	for _, name := range missing {
		t.Errorf("not wrapped and not in EXCLUDED.txt: %s", name)
	}
	for _, s := range stale {
		t.Errorf("%s", s)
	}
	t.Logf("%d functions, %d enumerators, %d handle types checked; %d excluded", len(functions), len(enumerators),
		len(handles), len(excluded))
}

// swigName is the Go name SWIG gives a C function: abc_job_id -> Abc_job_id.
func swigName(c string) string { return strings.ToUpper(c[:1]) + c[1:] }

// layerSource is the text of the idiomatic layer: the package's non-test Go files.
func layerSource(t *testing.T) string {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(data)
	}
	return b.String()
}

// readExcluded reads EXCLUDED.txt: "abc_name: reason" per line; # starts a comment.
func readExcluded(t *testing.T) map[string]string {
	f, err := os.Open("EXCLUDED.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	scanner := bufio.NewScanner(f)
	for line := 1; scanner.Scan(); line++ {
		text := strings.TrimSpace(scanner.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		name, reason, ok := strings.Cut(text, ":")
		name, reason = strings.TrimSpace(name), strings.TrimSpace(reason)
		if !ok || !strings.HasPrefix(name, "abc_") || reason == "" {
			t.Errorf("EXCLUDED.txt:%d: want \"abc_name: reason\", got %q", line, text)
			continue
		}
		out[name] = reason
	}
	if err := scanner.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFormatted fails for a Go file of the binding or of its benchmark that gofmt would change.
func TestFormatted(t *testing.T) {
	var files []string
	for _, pattern := range []string{"*.go", "internal/capi/*.go", "../../bench/bindings/go/*.go"} {
		matches, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		formatted, err := format.Source(src)
		if err != nil {
			t.Errorf("%s: %v", f, err)
		} else if !bytes.Equal(src, formatted) {
			t.Errorf("%s is not gofmt-formatted (run gofmt -w)", f)
		}
	}
}

// readHeaderWithAreas returns the umbrella header with each `#include "airbyte_cloud/<area>.h"`
// replaced by that area header, so every declaration is seen wherever it lives.
func readHeaderWithAreas(t *testing.T, path string) []byte {
	t.Helper()
	umbrella, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the header: %v", err)
	}
	include := regexp.MustCompile(`(?m)^#include "(airbyte_cloud/\w+\.h)"$`)
	var failure error
	expanded := include.ReplaceAllFunc(umbrella, func(line []byte) []byte {
		area, err := os.ReadFile(filepath.Join(filepath.Dir(path), string(include.FindSubmatch(line)[1])))
		if err != nil {
			failure = err
		}
		return area
	})
	if failure != nil {
		t.Fatalf("reading an area header: %v", failure)
	}
	return expanded
}
