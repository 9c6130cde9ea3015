package airbytecloud_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

func strptr(s string) *string { return &s }

// Sources, destinations, stream catalogs and connections: create, read, change, list, iterate,
// delete with safe mode.
func TestManageResources(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	base := uniqueName(t)

	source, err := ws.CreateSource(ctx, airbytecloud.SourceSpec{
		Name: base + "-source", Type: "faker",
		Configuration: map[string]interface{}{"count": 20, "seed": 3},
	})
	if err != nil {
		t.Fatalf("CreateSource: %v", err)
	}
	defer source.Close()
	if source.ID() == "" || source.Name() != base+"-source" || source.Type() != "faker" || source.WorkspaceID() != e.WorkspaceID {
		t.Fatalf("source %q %q %q %q", source.ID(), source.Name(), source.Type(), source.WorkspaceID())
	}
	var config map[string]interface{}
	if err := json.Unmarshal(source.Configuration(), &config); err != nil || config["count"] != float64(20) {
		t.Fatalf("Configuration %s (%v)", source.Configuration(), err)
	}
	_ = source.DefinitionID()
	_ = source.CreatedAt()
	if err := source.Rename(ctx, base+"-renamed"); err != nil || source.Name() != base+"-renamed" {
		t.Fatalf("Rename: %v, name %q", err, source.Name())
	}
	if err := source.UpdateConfiguration(ctx, `{"count": 30}`); err != nil {
		t.Fatalf("UpdateConfiguration: %v", err)
	}
	if err := source.Replace(ctx, base+"-source", []byte(`{"sourceType":"faker","count":40,"seed":3}`)); err != nil {
		t.Fatalf("Replace: %v", err)
	}
	if err := source.Refresh(ctx); err != nil || source.Name() != base+"-source" || !strings.Contains(string(source.Configuration()), "40") {
		t.Fatalf("Refresh: %v %q %s", err, source.Name(), source.Configuration())
	}
	fetched, err := ws.Source(ctx, source.ID())
	if err != nil || fetched.Name() != source.Name() {
		t.Fatalf("Source(id): %v", err)
	}
	fetched.Close()
	if _, err := ws.CreateSource(ctx, airbytecloud.SourceSpec{Name: "x", Type: "faker", Configuration: "{not json"}); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("bad configuration JSON: %v", err)
	}

	destination, err := ws.CreateDestination(ctx, airbytecloud.DestinationSpec{
		Name: base + "-destination", Type: "duckdb",
		Configuration: airbytecloud.DuckDBConfig{DestinationPath: "/local/go.duckdb"},
	})
	if err != nil {
		t.Fatalf("CreateDestination: %v", err)
	}
	defer destination.Close()
	if destination.Type() != "duckdb" || destination.Name() != base+"-destination" || destination.WorkspaceID() != e.WorkspaceID {
		t.Fatalf("destination %q %q", destination.Type(), destination.Name())
	}
	_, _ = destination.DefinitionID(), destination.CreatedAt()
	if err := destination.Rename(ctx, base+"-destination-2"); err != nil {
		t.Fatalf("destination Rename: %v", err)
	}
	if err := destination.UpdateConfiguration(ctx, map[string]string{"destination_path": "/local/go2.duckdb"}); err != nil {
		t.Fatalf("destination UpdateConfiguration: %v", err)
	}
	if err := destination.Replace(ctx, base+"-destination", airbytecloud.DuckDBConfig{DestinationPath: "/local/go.duckdb"}); err != nil {
		t.Fatalf("destination Replace: %v", err)
	}
	if err := destination.Refresh(ctx); err != nil || !strings.Contains(string(destination.Configuration()), "go.duckdb") {
		t.Fatalf("destination Refresh: %v %s", err, destination.Configuration())
	}
	if got, err := ws.Destination(ctx, destination.ID()); err != nil || got.ID() != destination.ID() {
		t.Fatalf("Destination(id): %v", err)
	} else {
		got.Close()
	}

	catalog, err := ws.StreamCatalog(ctx, source.ID(), destination.ID())
	if err != nil {
		t.Fatalf("StreamCatalog: %v", err)
	}
	defer catalog.Close()
	streams, err := catalog.Streams()
	if err != nil || len(streams) == 0 || catalog.Len() != len(streams) {
		t.Fatalf("Streams = %+v, %v", streams, err)
	}
	users, err := catalog.Find("users")
	if err != nil {
		t.Fatalf("Find(users): %v", err)
	}
	if s, err := catalog.Stream(users); err != nil || s.Name != "users" || len(s.SyncModes) == 0 {
		t.Fatalf("Stream(users) = %+v, %v", s, err)
	}
	if ok, err := catalog.SupportsSyncMode(users, "full_refresh_overwrite"); err != nil || !ok {
		t.Fatalf("SupportsSyncMode = %v, %v", ok, err)
	}
	if _, err := catalog.Find("no-such-stream"); !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Fatalf("Find(missing) = %v", err)
	}

	spec := airbytecloud.ConnectionSpec{
		Name: base + "-connection", SourceID: source.ID(), DestinationID: destination.ID(),
		Streams:  []airbytecloud.StreamSpec{{Name: "users", SyncMode: "full_refresh_overwrite"}},
		Prefix:   strptr("go_"),
		Schedule: &airbytecloud.Schedule{},
		Status:   "active",
	}
	if body, err := spec.JSON(); err != nil || !strings.Contains(string(body), base+"-connection") {
		t.Fatalf("spec JSON = %s, %v", body, err)
	}
	if _, err := (&airbytecloud.ConnectionSpec{SourceID: source.ID()}).JSON(); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("spec without a name: %v", err)
	}
	conn, err := ws.CreateConnection(ctx, spec)
	if err != nil {
		t.Fatalf("CreateConnection: %v", err)
	}
	defer conn.Close()
	if name, err := conn.Name(ctx); err != nil || name != base+"-connection" {
		t.Fatalf("Name = %q, %v", name, err)
	}
	if prefix, err := conn.Prefix(ctx); err != nil || prefix != "go_" {
		t.Fatalf("Prefix = %q, %v", prefix, err)
	}
	if kind, err := conn.ScheduleType(ctx); err != nil || kind != "manual" {
		t.Fatalf("ScheduleType = %q, %v", kind, err)
	}
	if def, err := conn.NamespaceDefinition(ctx); err != nil || def == "" {
		t.Fatalf("NamespaceDefinition = %q, %v", def, err)
	}
	if body, err := conn.JSON(ctx); err != nil || !json.Valid(body) {
		t.Fatalf("JSON = %s, %v", body, err)
	}
	if err := conn.Update(ctx, airbytecloud.ConnectionSpec{Schedule: &airbytecloud.Schedule{Cron: "0 0 12 * * ?"},
		Namespace: &airbytecloud.Namespace{Definition: "destination"}}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if cron, err := conn.CronExpression(ctx); err != nil || cron != "0 0 12 * * ?" {
		t.Fatalf("CronExpression = %q, %v", cron, err)
	}
	if err := conn.Update(ctx, airbytecloud.ConnectionSpec{}); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("Update with nothing: %v", err)
	}

	// Lists and iterations, with name filters.
	filter := &airbytecloud.ListOptions{NameContains: strings.ToUpper(base), PageSize: 1}
	if !filter.Matches(base+"-source") || filter.Matches("other") {
		t.Fatal("ListOptions.Matches")
	}
	sources, err := ws.Sources(ctx, filter)
	if err != nil || len(sources) != 1 || sources[0].ID() != source.ID() {
		t.Fatalf("Sources = %d, %v", len(sources), err)
	}
	sources[0].Close()
	destinations, err := ws.Destinations(ctx, &airbytecloud.ListOptions{Name: base + "-destination"})
	if err != nil || len(destinations) != 1 {
		t.Fatalf("Destinations = %d, %v", len(destinations), err)
	}
	destinations[0].Close()
	connections, err := ws.Connections(ctx, filter)
	if err != nil || len(connections) != 1 || connections[0].ID() != conn.ID() {
		t.Fatalf("Connections = %d, %v", len(connections), err)
	}
	connections[0].Close()
	all, err := ws.Sources(ctx, nil)
	if err != nil || len(all) < 1 {
		t.Fatalf("Sources(nil) = %d, %v", len(all), err)
	}
	for _, s := range all {
		s.Close()
	}

	it, err := ws.IterateSources(ctx, &airbytecloud.ListOptions{PageSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for it.Next() {
		s := it.Value()
		if s.ID() == "" {
			t.Fatal("empty source from the iterator")
		}
		s.Close()
		seen++
	}
	if err := it.Err(); err != nil || seen != len(all) {
		t.Fatalf("IterateSources saw %d of %d: %v", seen, len(all), err)
	}
	it.Close()
	if it.Next() {
		t.Fatal("Next on a closed iterator")
	}
	if !errors.Is(it.Err(), airbytecloud.ErrClosed) {
		t.Fatalf("Err after Close = %v", it.Err())
	}
	dit, err := ws.IterateDestinations(ctx, filter)
	if err != nil {
		t.Fatal(err)
	}
	for dit.Next() {
		dit.Value().Close()
	}
	if dit.Err() != nil {
		t.Fatal(dit.Err())
	}
	dit.Close()
	cit, err := ws.IterateConnections(ctx, filter)
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	for cit.Next() {
		cit.Value().Close()
		count++
	}
	if cit.Err() != nil || count != 1 {
		t.Fatalf("IterateConnections: %d, %v", count, cit.Err())
	}
	cit.Close()

	// Deletes: safe mode refuses names that are not disposable.
	if err := ws.DeleteConnection(ctx, conn.ID(), true, airbytecloud.SafeModeDefault); !errors.Is(err, airbytecloud.ErrRefused) {
		t.Fatalf("cascading delete of non-disposable resources: %v", err)
	}
	if err := conn.Update(ctx, airbytecloud.ConnectionSpec{Name: base + "-deleteme"}); err != nil {
		t.Fatal(err)
	}
	if err := ws.DeleteConnection(ctx, conn.ID(), false, airbytecloud.SafeModeOn); err != nil {
		t.Fatalf("DeleteConnection: %v", err)
	}
	if err := ws.DeleteSource(ctx, source.ID(), airbytecloud.SafeModeOn); !errors.Is(err, airbytecloud.ErrRefused) {
		t.Fatalf("safe delete of a non-disposable source: %v", err)
	}
	if err := ws.DeleteSource(ctx, source.ID(), airbytecloud.SafeModeOff); err != nil {
		t.Fatalf("DeleteSource: %v", err)
	}
	if err := ws.DeleteDestination(ctx, destination.ID(), airbytecloud.SafeModeDefault); err != nil {
		t.Fatalf("DeleteDestination: %v", err)
	}
	if _, err := ws.Source(ctx, source.ID()); !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Fatalf("deleted source: %v", err)
	}
}

func TestWorkspaceInfo(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	info, err := ws.Info(ctx, "")
	if err != nil || info.ID != e.WorkspaceID || info.Name == "" {
		t.Fatalf("Info = %+v, %v", info, err)
	}
	if same, err := ws.Info(ctx, e.WorkspaceID); err != nil || same != info {
		t.Fatalf("Info(id) = %+v, %v", same, err)
	}
	if name, err := ws.Name(ctx); err != nil || name != info.Name {
		t.Fatalf("Name = %q, %v", name, err)
	}
	list, err := ws.Workspaces(ctx, nil)
	if err != nil || len(list) == 0 {
		t.Fatalf("Workspaces = %v, %v", list, err)
	}
	it, err := ws.IterateWorkspaces(ctx, &airbytecloud.ListOptions{Name: info.Name})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var found []airbytecloud.WorkspaceInfo
	for it.Next() {
		found = append(found, it.Value())
	}
	if it.Err() != nil || len(found) != 1 || found[0].ID != info.ID {
		t.Fatalf("IterateWorkspaces = %+v, %v", found, it.Err())
	}
}

func TestConfigBuildersAndNames(t *testing.T) {
	pg, err := airbytecloud.PostgresConfig{Host: "db", Port: 5432, Database: "d", Schema: "public", Username: "u", Password: "p", SSLMode: "prefer"}.JSON()
	if err != nil || !strings.Contains(string(pg), `"destinationType":"postgres"`) {
		t.Fatalf("PostgresConfig = %s, %v", pg, err)
	}
	if _, err := (airbytecloud.PostgresConfig{Host: "db", Port: 70000, Database: "d", Schema: "s", Username: "u"}).JSON(); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("port 70000: %v", err)
	}
	if _, err := (airbytecloud.PostgresConfig{Host: "db", Port: 1 << 40, Database: "d", Schema: "s", Username: "u"}).JSON(); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("port 2^40: %v", err)
	}
	builders := []interface {
		JSON() (json.RawMessage, error)
	}{
		airbytecloud.SnowflakePasswordConfig{Host: "acct.snowflakecomputing.com", Role: "R", Warehouse: "W", Database: "D", Schema: "S", Username: "U", Password: "P"},
		airbytecloud.SnowflakeKeyPairConfig{Host: "acct.snowflakecomputing.com", Role: "R", Warehouse: "W", Database: "D", Schema: "S", Username: "U",
			PrivateKey: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n"},
		airbytecloud.BigQueryConfig{ProjectID: "p", DatasetID: "d", DatasetLocation: "US"},
		airbytecloud.DuckDBConfig{DestinationPath: "/local/x.duckdb"},
		airbytecloud.MotherDuckConfig{APIKey: "k", Database: "db"},
	}
	for i, b := range builders {
		if data, err := b.JSON(); err != nil || !json.Valid(data) || !strings.Contains(string(data), "destinationType") {
			t.Errorf("builder %d: %s, %v", i, data, err)
		}
	}
	if _, err := (airbytecloud.BigQueryConfig{ProjectID: "p", DatasetID: "d", DatasetLocation: "US", CredentialsJSON: "{oops"}).JSON(); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("bad credentials JSON: %v", err)
	}
	if !airbytecloud.IsDisposableName("my-DeleteMe-source") || airbytecloud.IsDisposableName("prod") || airbytecloud.IsDisposableName("") {
		t.Fatal("IsDisposableName")
	}
	if airbytecloud.MotherDuckDefinitionID == "" {
		t.Fatal("no MotherDuck definition id")
	}
}

// Closed and nil resource handles: errors or zero values, never a crash.
func TestClosedResourceHandles(t *testing.T) {
	var s *airbytecloud.Source
	if s.ID() != "" || s.Configuration() != nil || !s.CreatedAt().IsZero() || s.Close() != nil {
		t.Fatal("nil source getters")
	}
	requireClosed(t, "Rename on a nil source", s.Rename(ctx, "x"))
	var d *airbytecloud.Destination
	requireClosed(t, "Refresh on a nil destination", d.Refresh(ctx))
	var it *airbytecloud.Iterator[*airbytecloud.Source]
	if it.Next() || it.Value() != nil || it.Close() != nil {
		t.Fatal("nil iterator")
	}
	requireClosed(t, "Err of a nil iterator", it.Err())
	var c *airbytecloud.StreamCatalog
	if c.Len() != 0 || c.Close() != nil {
		t.Fatal("nil catalog")
	}
	_, err := c.Stream(0)
	requireClosed(t, "Stream on a nil catalog", err)
	var ws *airbytecloud.Workspace
	_, err = ws.CreateSource(ctx, airbytecloud.SourceSpec{Name: "x", Type: "faker", Configuration: "{}"})
	requireClosed(t, "CreateSource on a nil workspace", err)
	_, err = ws.Sources(ctx, nil)
	requireClosed(t, "Sources on a nil workspace", err)
	_, err = ws.Info(ctx, "")
	requireClosed(t, "Info on a nil workspace", err)
	live := offlineWorkspace(t)
	defer live.Close()
	_, err = live.CreateSource(ctx, airbytecloud.SourceSpec{Name: "x", Type: "faker"})
	requireInvalid(t, "nil configuration", err)
	_, err = live.CreateConnection(ctx, airbytecloud.ConnectionSpec{Name: "x"})
	requireInvalid(t, "connection without source", err)
	_, err = live.Sources(ctx, &airbytecloud.ListOptions{PageSize: 1000})
	requireInvalid(t, "page size 1000", err)
	_, err = live.Source(ctx, "")
	requireInvalid(t, "empty source id", err)
}
