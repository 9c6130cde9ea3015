package airbytecloud_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"testing"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
)

// A destination without a dataset reader gives ErrUnsupported naming the type.
func TestDatasetsUnsupported(t *testing.T) {
	e := needEmulator(t)
	ws := e.workspace(t)
	conn := mustConnection(t, ws, e.createConnection(t, uniqueName(t)))
	set, err := conn.Datasets(ctx, nil)
	if !errors.Is(err, airbytecloud.ErrUnsupported) || set != nil {
		t.Fatalf("Datasets of a duckdb destination: %v", err)
	}
	_, err = conn.Datasets(ctx, &airbytecloud.DatasetOptions{PageSize: -1})
	requireInvalid(t, "page size -1", err)
	if airbytecloud.ValueTimestamp.String() != "timestamp" {
		t.Fatalf("ValueTimestamp = %q", airbytecloud.ValueTimestamp)
	}
}

// A sync into a PostgreSQL destination (the emulator writes the rows), read back through the
// datasets: the set, a dataset's columns and row count, a cursor over its rows. Needs the test
// PostgreSQL (scripts/postgres.sh exports ABC_TEST_PG*).
func TestDatasetsPostgres(t *testing.T) {
	e := needEmulator(t)
	host := os.Getenv("ABC_TEST_PGHOST")
	if host == "" {
		t.Skip("SKIP: ABC_TEST_PGHOST is not set (scripts/postgres.sh start exports the test PostgreSQL)")
	}
	port, _ := strconv.Atoi(os.Getenv("ABC_TEST_PGPORT"))
	password := os.Getenv("ABC_TEST_PGPASSWORD")
	ws := e.workspace(t)
	name := uniqueName(t)
	source, err := ws.CreateSource(ctx, airbytecloud.SourceSpec{Name: name + "-source", Type: "faker",
		Configuration: map[string]interface{}{"count": 25, "seed": 11}})
	if err != nil {
		t.Fatal(err)
	}
	defer source.Close()
	destination, err := ws.CreateDestination(ctx, airbytecloud.DestinationSpec{Name: name + "-destination", Type: "postgres",
		Configuration: airbytecloud.PostgresConfig{Host: host, Port: port, Database: os.Getenv("ABC_TEST_PGDATABASE"),
			Schema: "go_datasets", Username: os.Getenv("ABC_TEST_PGUSER"), Password: password, SSLMode: "disable"}})
	if err != nil {
		t.Fatal(err)
	}
	defer destination.Close()
	conn, err := ws.CreateConnection(ctx, airbytecloud.ConnectionSpec{Name: name, SourceID: source.ID(), DestinationID: destination.ID(),
		Prefix:  strptr("go_"),
		Streams: []airbytecloud.StreamSpec{{Name: "users", SyncMode: "full_refresh_overwrite"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	e.behave(t, conn.ID(), "succeeded", 100)
	job, err := conn.RunSync(context.Background(), nil)
	if err != nil {
		t.Fatalf("sync into PostgreSQL: %v", err)
	}
	defer job.Close()

	// The password comes back masked from the API: without it, the set cannot be made.
	t.Setenv("AIRBYTE_CLOUD_POSTGRES_PASSWORD", "")
	if _, err := job.Datasets(ctx, nil); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("Datasets without the password: %v", err)
	}
	set, err := job.Datasets(ctx, &airbytecloud.DatasetOptions{Secrets: map[airbytecloud.DatasetSecret]string{airbytecloud.SecretPassword: password},
		PageSize: 7})
	if err != nil {
		t.Fatalf("Datasets: %v", err)
	}
	defer set.Close()
	if set.Len() != 1 || set.StreamName(0) != "users" || set.DestinationType() != "postgres" || set.DestinationID() != destination.ID() {
		t.Fatalf("set: %d %q %q %q", set.Len(), set.StreamName(0), set.DestinationType(), set.DestinationID())
	}
	if set.Database() == "" || set.Schema() == "" || set.ConnectionURI() == "" {
		t.Fatalf("set: %q %q %q", set.Database(), set.Schema(), set.ConnectionURI())
	}
	if _, err := set.Dataset("nope"); !errors.Is(err, airbytecloud.ErrNotFound) {
		t.Fatalf("Dataset(nope): %v", err)
	}
	dataset, err := set.Dataset("users")
	if err != nil {
		t.Fatal(err)
	}
	defer dataset.Close()
	if again, err := set.DatasetAt(0); err != nil || again.TableName() != dataset.TableName() {
		t.Fatalf("DatasetAt(0): %v", err)
	} else {
		again.Close()
	}
	if dataset.StreamName() != "users" || dataset.TableName() != "go_users" || dataset.DestinationType() != "postgres" ||
		dataset.Database() == "" || dataset.Schema() == "" || dataset.QualifiedName() == "" || dataset.ConnectionURI() == "" {
		t.Fatalf("dataset %q %q %q", dataset.StreamName(), dataset.TableName(), dataset.QualifiedName())
	}
	columns, err := dataset.Columns(ctx)
	if err != nil || len(columns) == 0 {
		t.Fatalf("Columns = %v, %v", columns, err)
	}
	rows, err := dataset.RowCount(ctx)
	if err != nil || rows != job.RowsSynced() || rows == 0 {
		t.Fatalf("RowCount = %d (synced %d), %v", rows, job.RowsSynced(), err)
	}
	cursor, err := dataset.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cursor.Close()
	read := int64(0)
	for cursor.Next() {
		read++
		record, err := cursor.RecordJSON()
		if err != nil || !json.Valid(record) {
			t.Fatalf("RecordJSON = %s, %v", record, err)
		}
		for i, column := range cursor.Columns() {
			null, err := cursor.IsNull(i)
			if err != nil {
				t.Fatal(err)
			}
			text, valid, err := cursor.Text(i)
			if err != nil || valid == null || (null && text != "") {
				t.Fatalf("Text(%s) = %q %v, null %v, %v", column.Name, text, valid, null, err)
			}
			switch column.ValueType {
			case airbytecloud.ValueInteger:
				if _, err := cursor.Int64(i); err != nil && !null {
					t.Fatalf("Int64(%s): %v", column.Name, err)
				}
			case airbytecloud.ValueFloat, airbytecloud.ValueDecimal:
				if _, err := cursor.Float64(i); err != nil && !null {
					t.Fatalf("Float64(%s): %v", column.Name, err)
				}
			}
		}
	}
	if err := cursor.Err(); err != nil || read != rows || cursor.RowsRead() != rows {
		t.Fatalf("read %d of %d rows (RowsRead %d): %v", read, rows, cursor.RowsRead(), err)
	}
	if cursor.Next() {
		t.Fatal("Next after the last row")
	}
	if _, err := cursor.Int64(-1); !errors.Is(err, airbytecloud.ErrInvalidArgument) {
		t.Fatalf("Int64(-1): %v", err)
	}
	cursor.Close()
	cursor.Close()
	if cursor.Next() || !errors.Is(cursor.Err(), airbytecloud.ErrClosed) {
		t.Fatalf("a closed cursor: %v", cursor.Err())
	}
	// The set from the connection is the same.
	fromConnection, err := conn.Datasets(ctx, &airbytecloud.DatasetOptions{SecretEnv: map[airbytecloud.DatasetSecret]string{
		airbytecloud.SecretPassword: "ABC_TEST_PGPASSWORD"}})
	if err != nil || fromConnection.Len() != 1 {
		t.Fatalf("connection Datasets: %v", err)
	}
	fromConnection.Close()
}
