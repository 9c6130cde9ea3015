package airbytecloud_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

func requireInvalid(t *testing.T, what string, err error) {
	t.Helper()
	var detail *airbytecloud.Error
	if !errors.Is(err, airbytecloud.ErrInvalidArgument) || !errors.As(err, &detail) || detail.Message == "" {
		t.Fatalf("%s: %T %v, want an invalid-argument *Error", what, err, err)
	}
}

func requireClosed(t *testing.T, what string, err error) {
	t.Helper()
	requireInvalid(t, what, err)
	if !errors.Is(err, airbytecloud.ErrClosed) {
		t.Fatalf("%s: %v does not match ErrClosed", what, err)
	}
}

// Bad input: empty ids, NUL bytes, out-of-range numbers, nil options and contexts.
func TestBadInput(t *testing.T) {
	_, err := airbytecloud.NewWorkspace("")
	requireInvalid(t, "empty workspace id", err)
	_, err = airbytecloud.NewWorkspace("a\x00b")
	requireInvalid(t, "NUL in the workspace id", err)
	_, err = airbytecloud.NewWorkspace("ws")
	requireInvalid(t, "a workspace id that is not a UUID", err)
	_, err = airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", nil)
	requireInvalid(t, "nil option", err)
	_, err = airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithAPIURL("ftp://example.com"))
	requireInvalid(t, "api url not http", err)
	_, err = airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithMaxConnections(0))
	requireInvalid(t, "0 connections", err)
	_, err = airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithMaxConnections(1<<40))
	requireInvalid(t, "2^40 connections", err)
	_, err = airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithRequestTimeout(-1))
	requireInvalid(t, "negative timeout", err)
	_, err = airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithLogger(func(airbytecloud.LogLevel, string) {}, airbytecloud.LogDebug),
		airbytecloud.WithBearerToken(""))
	requireInvalid(t, "empty token after a logger", err)
	_, err = airbytecloud.Secret("")
	requireInvalid(t, "empty secret name", err)

	ws := offlineWorkspace(t)
	defer ws.Close()
	_, err = ws.Connection("")
	requireInvalid(t, "empty connection id", err)
	_, err = ws.RunSync(context.Background(), "", nil)
	requireInvalid(t, "empty connection id for RunSync", err)
	//lint:ignore SA1012 a nil context is the bad input under test
	_, err = ws.RunSync(nil, "00000000-0000-4000-8000-000000000000", nil) //nolint:staticcheck
	requireInvalid(t, "nil context", err)
	_, err = ws.RunSync(context.Background(), "00000000-0000-4000-8000-000000000000", &airbytecloud.SyncOptions{Timeout: -5})
	requireInvalid(t, "negative sync timeout", err)
	waiter := mustWaiter(t, ws)
	_, err = waiter.Add(nil)
	requireClosed(t, "Add(nil)", err)
	_, _, err = waiter.Next(context.Background(), 10)
	if !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Fatalf("Next on an empty waiter: %v", err)
	}
}

func TestErrorDetailFromServer(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	conn, err := ws.Connection("11111111-2222-3333-4444-555555555555")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, err = conn.Name(ctx)
	var detail *airbytecloud.Error
	if !errors.As(err, &detail) || !errors.Is(err, airbytecloud.ErrNotFound) || detail.HTTPStatus != 404 {
		t.Fatalf("unknown connection: %T %+v", err, detail)
	}
	if detail.Message == "" || !strings.Contains(err.Error(), detail.Message) {
		t.Fatalf("message %q, Error() %q", detail.Message, err.Error())
	}

	bad := e.workspace(t, airbytecloud.WithBearerToken("wrong-key"))
	err = bad.Connect(ctx)
	if !errors.As(err, &detail) || !errors.Is(err, airbytecloud.ErrAuth) || detail.HTTPStatus != 401 {
		t.Fatalf("wrong key: %T %v", err, err)
	}
	if strings.Contains(err.Error(), "wrong-key") {
		t.Fatalf("the error shows the credential: %v", err)
	}
	other := e.workspace(t)
	if _, err := other.Job(ctx, 987654321); !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Fatalf("unknown job: %v", err)
	}
}

// A failing call's message names the Go method called, not the C function behind it.
func TestErrorsNameTheGoMethod(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	requireMethod := func(what, method string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: no error", what)
		}
		var detail *airbytecloud.Error
		if !errors.As(err, &detail) || !strings.HasPrefix(detail.Message, method+": ") ||
			strings.Contains(err.Error(), "abc_") {
			t.Fatalf("%s: want a message starting %q without a C name, got %q", what, method+": ", err.Error())
		}
	}
	conn, err := ws.Connection("11111111-2222-4333-8444-555555555555")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, err = conn.Name(ctx)
	if !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Fatalf("unknown connection: %v", err)
	}
	requireMethod("unknown connection", "Connection.Name", err)
	cancellable, cancel := context.WithCancel(ctx) // the C call runs on a goroutine of its own
	defer cancel()
	_, err = conn.Name(cancellable)
	requireMethod("unknown connection, cancellable context", "Connection.Name", err)
	_, err = ws.Job(ctx, 987654321)
	requireMethod("unknown job", "Workspace.Job", err)
	_, err = ws.Connection("not-a-uuid")
	if !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("bad connection id: %v", err)
	}
	requireMethod("bad connection id", "Workspace.Connection", err)
}

func TestCredentialsAndEnvironment(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t, airbytecloud.WithClientCredentials(e.ClientID, e.ClientSecret))
	if err := ws.Connect(ctx); err != nil {
		t.Fatalf("client credentials: %v", err)
	}
	wrong := e.workspace(t, airbytecloud.WithClientCredentials(e.ClientID, "not-the-secret"))
	if err := wrong.Connect(ctx); !errors.Is(err, airbytecloud.ErrAuth) || strings.Contains(err.Error(), "not-the-secret") {
		t.Fatalf("wrong secret: %v", err)
	}

	t.Setenv("AIRBYTE_CLOUD_WORKSPACE_ID", e.WorkspaceID)
	t.Setenv("AIRBYTE_CLOUD_API_URL", e.APIURL)
	t.Setenv("AIRBYTE_CLOUD_API_KEY", e.APIKey)
	env, err := airbytecloud.NewWorkspaceFromEnvironment(airbytecloud.WithUserAgent("go-test"))
	if err != nil {
		t.Fatalf("NewWorkspaceFromEnvironment: %v", err)
	}
	defer env.Close()
	if env.ID() != e.WorkspaceID || env.APIURL() != e.APIURL {
		t.Fatalf("from the environment: %q %q", env.ID(), env.APIURL())
	}
	if err := env.Connect(ctx); err != nil {
		t.Fatalf("Connect from the environment: %v", err)
	}
	withEnv, err := airbytecloud.NewWorkspace(e.WorkspaceID, airbytecloud.WithEnvironment(),
		airbytecloud.WithConnectTimeout(2e9), airbytecloud.WithVerifyTLS(true), airbytecloud.WithMaxResponseBytes(1<<20),
		airbytecloud.WithMaxConnections(4), airbytecloud.WithTokenURL(e.APIURL+"/applications/token"))
	if err != nil {
		t.Fatalf("WithEnvironment: %v", err)
	}
	defer withEnv.Close()
	if err := withEnv.Connect(ctx); err != nil {
		t.Fatalf("Connect WithEnvironment: %v", err)
	}
	if _, err := airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithCABundle("/nonexistent/ca.pem")); err == nil {
		// The library may check the file only when it connects; either way no crash.
		t.Log("WithCABundle accepted a missing file at creation")
	}

	t.Setenv("ABC_GO_TEST_SECRET", "s3cr3t-value")
	if v, err := airbytecloud.Secret("ABC_GO_TEST_SECRET"); err != nil || v != "s3cr3t-value" {
		t.Fatalf("Secret = %q, %v", v, err)
	}
	os.Unsetenv("ABC_GO_TEST_SECRET_UNSET")
	if _, err := airbytecloud.Secret("ABC_GO_TEST_SECRET_UNSET"); !errors.Is(err, airbytecloud.ErrNotFound) ||
		!strings.Contains(err.Error(), "ABC_GO_TEST_SECRET_UNSET") {
		t.Fatalf("unset secret: %v", err)
	}
}

func TestLogger(t *testing.T) {
	e := needEmulator(t)
	var lines []string
	ws := e.workspace(t, airbytecloud.WithLogger(func(level airbytecloud.LogLevel, message string) {
		lines = append(lines, level.String()+": "+message)
		if strings.Contains(message, "never") {
			panic("a logger panic is contained")
		}
	}, airbytecloud.LogDebug))
	if err := ws.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 {
		t.Fatal("no log line at debug level")
	}
	for _, line := range lines {
		if strings.Contains(line, e.APIKey) {
			t.Fatalf("a log line shows the API key: %s", line)
		}
	}
}
