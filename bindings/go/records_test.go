package airbytecloud_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

const lowCodeManifest = `{"version":"6.0.0","type":"DeclarativeSource",` +
	`"check":{"type":"CheckStream","stream_names":["items"]},"streams":[],` +
	`"spec":{"type":"Spec","connection_specification":{"type":"object","properties":{}}}}`

// TestTagOnConnection: a tag created, attached to a connection, seen on it, listed, deleted.
func TestTagOnConnection(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	tag, err := ws.CreateTag(ctx, uniqueName(t), "FF5733")
	if err != nil {
		t.Fatal(err)
	}
	defer tag.Close()
	connection, err := ws.Connection(e.createConnection(t, uniqueName(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer connection.Close()
	if err := connection.Update(ctx, airbytecloud.ConnectionSpec{Tags: []*airbytecloud.Tag{tag}}); err != nil {
		t.Fatal(err)
	}
	if err := connection.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	details, err := connection.JSON(ctx)
	if err != nil || !strings.Contains(string(details), tag.ID()) {
		t.Fatalf("the connection does not show the tag %s: %s (%v)", tag.ID(), details, err)
	}
	if err := tag.Update(ctx, "", "00AAFF"); err != nil || tag.Color() != "00AAFF" {
		t.Errorf("Update: %v, colour %q", err, tag.Color())
	}
	tagged, err := ws.Connections(ctx, &airbytecloud.ListOptions{TagIDs: []string{tag.ID()}})
	if err != nil || len(tagged) != 1 || tagged[0].ID() != connection.ID() {
		t.Errorf("connections with the tag: %d, %v", len(tagged), err)
	}
	for _, c := range tagged {
		c.Close()
	}
	it, err := ws.IterateTags(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for it.Next() {
		found = found || it.Value().ID() == tag.ID()
		it.Value().Close()
	}
	it.Close()
	if !found || it.Err() != nil {
		t.Errorf("IterateTags: found %v, %v", found, it.Err())
	}
	if err := ws.DeleteTag(ctx, tag.ID()); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.Tag(ctx, tag.ID()); !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Errorf("deleted tag: want ErrNotFound, got %v", err)
	}
}

// TestResetJob: a job of type reset, found by the job filters.
func TestResetJob(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	connectionID := e.createConnection(t, uniqueName(t))
	job, err := ws.RunSync(ctx, connectionID, &airbytecloud.SyncOptions{JobType: "reset"})
	if err != nil {
		t.Fatal(err)
	}
	defer job.Close()
	if job.Type() != "reset" || job.State() != airbytecloud.JobStateSucceeded {
		t.Errorf("job type %q state %v", job.Type(), job.State())
	}
	jobs, err := ws.Jobs(ctx, &airbytecloud.JobFilter{ConnectionID: connectionID, JobType: "reset"})
	if err != nil || len(jobs) != 1 || jobs[0].ID() != job.ID() {
		t.Fatalf("Jobs(reset): %d, %v", len(jobs), err)
	}
	jobs[0].Close()
	it, err := ws.IterateJobs(ctx, &airbytecloud.JobFilter{ConnectionID: connectionID, Status: airbytecloud.JobStateSucceeded})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	if !it.Next() || it.Value().ID() != job.ID() {
		t.Errorf("IterateJobs: %v", it.Err())
	}
	if _, err := ws.RunSync(ctx, connectionID, &airbytecloud.SyncOptions{JobType: "bogus"}); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Errorf("bogus job type: want ErrInvalidArgument, got %v", err)
	}
}

// TestDeclarativeDefinition: create, get, update, list, delete; a bare manifest is refused.
func TestDeclarativeDefinition(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	created, err := ws.CreateDeclarativeDefinition(ctx, "go low-code", json.RawMessage(lowCodeManifest))
	if err != nil {
		t.Fatal(err)
	}
	if created.Version != 1 || created.ID == "" {
		t.Errorf("created %+v", created)
	}
	fetched, err := ws.DeclarativeDefinition(ctx, created.ID)
	if err != nil || fetched.Name != "go low-code" || !strings.Contains(string(fetched.Manifest), "DeclarativeSource") {
		t.Fatalf("fetched %+v, %v", fetched, err)
	}
	if updated, err := ws.UpdateDeclarativeDefinition(ctx, created.ID, lowCodeManifest); err != nil || updated.Version != 2 {
		t.Errorf("update: %+v, %v", updated, err)
	}
	if _, err := ws.CreateDeclarativeDefinition(ctx, "bare", `{"version":"6.0.0"}`); !errors.Is(err, airbytecloud.ErrAPI) {
		t.Errorf("bare manifest: want ErrAPI, got %v", err)
	}
	if err := ws.DeleteDeclarativeDefinition(ctx, created.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := ws.DeclarativeDefinition(ctx, created.ID); !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Errorf("deleted: want ErrNotFound, got %v", err)
	}
}

// TestOtherIssue13Areas: custom definitions, workspaces, organizations, users, permissions,
// health and the raw request.
func TestOtherIssue13Areas(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	if err := ws.CheckHealth(ctx); err != nil {
		t.Errorf("CheckHealth: %v", err)
	}
	status, body, err := ws.Request(ctx, "GET", "/workspaces", nil)
	if err != nil || status != 200 || !strings.Contains(string(body), "data") {
		t.Errorf("Request: %d %s %v", status, body, err)
	}
	if _, _, err := ws.Request(ctx, "GET", "/workspaces/00000000-0000-0000-0000-000000000000", nil); !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Errorf("Request 404: %v", err)
	}
	custom, err := ws.CreateDefinition(ctx, airbytecloud.DefinitionDestination, "go custom", "airbyte/destination-x", "1.0.0", "")
	if err != nil || custom.Kind != airbytecloud.DefinitionDestination {
		t.Fatalf("CreateDefinition: %+v, %v", custom, err)
	}
	if updated, err := ws.UpdateDefinition(ctx, custom.Kind, custom.ID, "", "1.0.1"); err != nil || updated.DockerImageTag != "1.0.1" || updated.Name != "go custom" {
		t.Errorf("UpdateDefinition: %+v, %v", updated, err)
	}
	if err := ws.DeleteDefinition(ctx, custom.Kind, custom.ID); err != nil {
		t.Errorf("DeleteDefinition: %v", err)
	}
	created, err := ws.CreateWorkspace(ctx, uniqueName(t)+"-deleteme", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if renamed, err := ws.UpdateWorkspace(ctx, created.ID, created.Name+"-2", nil); err != nil || renamed.Name != created.Name+"-2" {
		t.Errorf("UpdateWorkspace: %+v, %v", renamed, err)
	}
	if err := ws.DeleteWorkspace(ctx, created.ID, airbytecloud.SafeModeOn); err != nil {
		t.Errorf("DeleteWorkspace: %v", err)
	}
	orgs, err := ws.IterateOrganizations(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer orgs.Close()
	if !orgs.Next() || orgs.Value().ID == "" {
		t.Fatalf("no organization: %v", orgs.Err())
	}
	drain[airbytecloud.User](t, "IterateUsers")(ws.IterateUsers(ctx, orgs.Value().ID, nil))
	drain[airbytecloud.Permission](t, "IteratePermissions")(ws.IteratePermissions(ctx, "", orgs.Value().ID))
}

// drain walks an iterator to its end and fails the test on an error.
func drain[T any](t *testing.T, what string) func(*airbytecloud.Iterator[T], error) {
	return func(it *airbytecloud.Iterator[T], err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		defer it.Close()
		for it.Next() {
		}
		if it.Err() != nil {
			t.Errorf("%s: %v", what, it.Err())
		}
	}
}
