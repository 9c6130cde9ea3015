package airbytecloud

import (
	"context"
	"encoding/json"
	"sort"
	"sync"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// DatasetSecret names a secret the Airbyte API masks and the dataset readers need. Each has a
// default environment variable, consulted when DatasetOptions does not give it and the
// configuration's value is masked or absent.
type DatasetSecret int

// Dataset secrets (values fixed by the C ABI).
const (
	SecretPassword                DatasetSecret = 1 // Postgres password (AIRBYTE_CLOUD_POSTGRES_PASSWORD)
	SecretPrivateKey              DatasetSecret = 2 // Snowflake private key, PEM (AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY)
	SecretPrivateKeyPassphrase    DatasetSecret = 3 // its passphrase
	SecretOAuthToken              DatasetSecret = 4 // Snowflake OAuth access token
	SecretProgrammaticAccessToken DatasetSecret = 5 // Snowflake programmatic access token
	SecretServiceAccountJSON      DatasetSecret = 6 // BigQuery service-account key file content
	SecretSSLClientKey            DatasetSecret = 7 // Postgres SSL client key, PEM
	SecretSSLClientKeyPassword    DatasetSecret = 8 // its password
)

// datasetSecrets gives, at the index of each Go constant, the value SWIG reads from the C header
// (TestEnumValuesMatchTheHeader compares them; TestAPICoverage finds every enumerator here).
var datasetSecrets = [...]capi.Enum_SS_abc_dataset_secret{
	SecretPassword:                capi.ABC_DATASET_SECRET_PASSWORD,
	SecretPrivateKey:              capi.ABC_DATASET_SECRET_PRIVATE_KEY,
	SecretPrivateKeyPassphrase:    capi.ABC_DATASET_SECRET_PRIVATE_KEY_PASSPHRASE,
	SecretOAuthToken:              capi.ABC_DATASET_SECRET_OAUTH_TOKEN,
	SecretProgrammaticAccessToken: capi.ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN,
	SecretServiceAccountJSON:      capi.ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON,
	SecretSSLClientKey:            capi.ABC_DATASET_SECRET_SSL_CLIENT_KEY,
	SecretSSLClientKeyPassword:    capi.ABC_DATASET_SECRET_SSL_CLIENT_KEY_PASSWORD,
}

// ValueType is the portable type of a column.
type ValueType int

// Value types (values fixed by the C ABI).
const (
	ValueUnknown   ValueType = 0
	ValueInteger   ValueType = 1
	ValueDecimal   ValueType = 2
	ValueFloat     ValueType = 3
	ValueBoolean   ValueType = 4
	ValueText      ValueType = 5
	ValueBytes     ValueType = 6 // canonical text is base64
	ValueDate      ValueType = 7
	ValueTime      ValueType = 8
	ValueTimestamp ValueType = 9  // an instant
	ValueDatetime  ValueType = 10 // wall clock without zone
	ValueJSON      ValueType = 11
	ValueArray     ValueType = 12
	ValueRecord    ValueType = 13
)

// valueTypes gives, at the index of each Go constant, the value SWIG reads from the C header
// (TestEnumValuesMatchTheHeader compares them; TestAPICoverage finds every enumerator here).
var valueTypes = [...]capi.Enum_SS_abc_value_type{
	ValueUnknown: capi.ABC_VALUE_UNKNOWN, ValueInteger: capi.ABC_VALUE_INTEGER,
	ValueDecimal: capi.ABC_VALUE_DECIMAL, ValueFloat: capi.ABC_VALUE_FLOAT,
	ValueBoolean: capi.ABC_VALUE_BOOLEAN, ValueText: capi.ABC_VALUE_TEXT,
	ValueBytes: capi.ABC_VALUE_BYTES, ValueDate: capi.ABC_VALUE_DATE,
	ValueTime: capi.ABC_VALUE_TIME, ValueTimestamp: capi.ABC_VALUE_TIMESTAMP,
	ValueDatetime: capi.ABC_VALUE_DATETIME, ValueJSON: capi.ABC_VALUE_JSON,
	ValueArray: capi.ABC_VALUE_ARRAY, ValueRecord: capi.ABC_VALUE_RECORD,
}

// String names the type ("integer", "timestamp", ...).
func (t ValueType) String() string { return capi.Abc_value_type_name(capi.Enum_SS_abc_value_type(t)) }

// DatasetOptions are the settings for reading datasets; nil or zero fields keep the defaults:
// secrets from the configuration and the default environment variables, 10000 rows per page,
// queries up to 10 minutes.
type DatasetOptions struct {
	Secrets     map[DatasetSecret]string // secret values (never logged)
	SecretEnv   map[DatasetSecret]string // names of environment variables holding secrets
	SecretFiles map[DatasetSecret]string // paths of files holding secrets
	// SnowflakeURL is the account URL ("https://myorg-myacct.snowflakecomputing.com").
	SnowflakeURL string
	// BigQueryURL is the API root (default "https://bigquery.googleapis.com/bigquery/v2").
	BigQueryURL string
	// TokenURL is where the BigQuery service-account assertion is exchanged for a token.
	TokenURL string
	// PageSize is the rows per BigQuery page, 1..1000000 (Postgres streams rows without pages).
	PageSize int64
	// QueryTimeout bounds one warehouse query (1 s .. 7 days).
	QueryTimeout time.Duration
	// PollInitial and PollMax set how often a running Snowflake statement is polled (both or
	// neither).
	PollInitial, PollMax time.Duration
}

// native builds the abc_dataset_options (0 for nil); the caller frees it.
func (o *DatasetOptions) native() (capi.DatasetOptions, error) {
	if o == nil {
		return 0, nil
	}
	type options = capi.DatasetOptions
	type status = capi.Enum_SS_abc_status
	var b builder[options]
	secrets := func(m map[DatasetSecret]string, set func(options, capi.Enum_SS_abc_dataset_secret, string, *capi.Error) status) {
		keys := make([]int, 0, len(m))
		for k := range m {
			keys = append(keys, int(k))
		}
		sort.Ints(keys)
		for _, k := range keys {
			k, v := k, m[DatasetSecret(k)]
			b.text("dataset option", v)
			b.step(func(p options, e *capi.Error) status { return set(p, capi.Enum_SS_abc_dataset_secret(k), v, e) })
		}
	}
	secrets(o.Secrets, capi.Abc_dataset_options_set_secret)
	secrets(o.SecretEnv, capi.Abc_dataset_options_set_secret_env)
	secrets(o.SecretFiles, capi.Abc_dataset_options_set_secret_file)
	for _, url := range []string{o.SnowflakeURL, o.BigQueryURL, o.TokenURL} {
		b.text("dataset option", url)
	}
	setIf(&b, o.SnowflakeURL, capi.Abc_dataset_options_set_snowflake_url)
	setIf(&b, o.BigQueryURL, capi.Abc_dataset_options_set_bigquery_url)
	setIf(&b, o.TokenURL, capi.Abc_dataset_options_set_token_url)
	setIf(&b, o.PageSize, capi.Abc_dataset_options_set_page_size)
	setIf(&b, durationMS(o.QueryTimeout), capi.Abc_dataset_options_set_query_timeout_ms)
	if o.PollInitial != 0 || o.PollMax != 0 {
		b.step(func(p options, e *capi.Error) status {
			return capi.Abc_dataset_options_set_poll_interval(p, durationMS(o.PollInitial), durationMS(o.PollMax), e)
		})
	}
	return b.make(capi.Abc_dataset_options_new, capi.Abc_dataset_options_free)
}

// makeDatasetSet runs f, which makes a dataset set from the locked handle h (a connection
// or a job), under ctx.
func makeDatasetSet[P ~uintptr](ctx context.Context, h *handle, kind string, opts *DatasetOptions,
	f func(*capi.DatasetSet, P, capi.DatasetOptions, *capi.Error) capi.Enum_SS_abc_status) (*DatasetSet, error) {
	native, err := opts.native()
	if err != nil {
		return nil, err
	}
	return await(ctx, func() (*DatasetSet, error) {
		if native != 0 {
			defer capi.Abc_dataset_options_free(native)
		}
		ptr, err := result(h, kind, func(out *capi.DatasetSet, p P, e *capi.Error) capi.Enum_SS_abc_status {
			return f(out, p, native, e)
		})
		if err != nil {
			return nil, err
		}
		s := &DatasetSet{}
		s.h.set("DatasetSet", nativeOf(ptr, capi.Abc_dataset_set_free))
		return finalized(s), nil
	})
}

// Datasets gives the datasets of the connection's selected streams: where the destination
// holds each stream's table, and cursors over its rows. No warehouse query is sent yet, but
// secrets are resolved now. opts may be nil. ErrUnsupported for a destination type without a
// reader (duckdb, s3, ...).
func (c *Connection) Datasets(ctx context.Context, opts *DatasetOptions) (*DatasetSet, error) {
	return makeDatasetSet(ctx, c.handle(), "Connection", opts, capi.Abc_connection_datasets)
}

// Datasets gives the datasets of the connection the job ran on: what a sync wrote, once the
// job succeeded.
func (j *Job) Datasets(ctx context.Context, opts *DatasetOptions) (*DatasetSet, error) {
	return makeDatasetSet(ctx, j.handle(), "Job", opts, capi.Abc_job_datasets)
}

// DatasetSet holds the datasets of a connection's streams. It, its datasets and their cursors
// are independent handles, closed in any order; none needs the workspace to stay open.
type DatasetSet struct{ h handle }

func (s *DatasetSet) handle() *handle {
	return handleOf(s, func(s *DatasetSet) *handle { return &s.h })
}

func (s *DatasetSet) text(f func(capi.DatasetSet) string) string {
	return get(s.handle(), "DatasetSet", f)
}

// Len is the number of streams (datasets).
func (s *DatasetSet) Len() int {
	return int(get(s.handle(), "DatasetSet", capi.Abc_dataset_set_count))
}

// StreamName is the name of stream index, in the connection's order ("" when out of range).
func (s *DatasetSet) StreamName(index int) string {
	if index < 0 {
		return ""
	}
	return s.text(func(p capi.DatasetSet) string { return capi.Abc_dataset_set_stream_name(p, int64(index)) })
}

// DestinationType is "postgres", "snowflake" or "bigquery".
func (s *DatasetSet) DestinationType() string { return s.text(capi.Abc_dataset_set_destination_type) }

// DestinationID is the destination's id.
func (s *DatasetSet) DestinationID() string { return s.text(capi.Abc_dataset_set_destination_id) }

// Database is the database (Postgres, Snowflake) or project (BigQuery).
func (s *DatasetSet) Database() string { return s.text(capi.Abc_dataset_set_database) }

// Schema is the destination's default schema (Postgres, Snowflake) or dataset (BigQuery).
func (s *DatasetSet) Schema() string { return s.text(capi.Abc_dataset_set_schema) }

// ConnectionURI is a connection URI without the password, for your own driver.
func (s *DatasetSet) ConnectionURI() string { return s.text(capi.Abc_dataset_set_connection_uri) }

// Dataset gives the dataset of the stream named streamName (ErrNotFound when there is none).
func (s *DatasetSet) Dataset(streamName string) (*Dataset, error) {
	if err := checkText("stream name", streamName); err != nil {
		return nil, err
	}
	return newDataset(result(s.handle(), "DatasetSet", func(out *capi.Dataset, p capi.DatasetSet, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_dataset_set_get(out, p, streamName, e)
	}))
}

// DatasetAt gives the dataset of stream index (< Len).
func (s *DatasetSet) DatasetAt(index int) (*Dataset, error) {
	if index < 0 {
		return nil, invalid("dataset index is negative")
	}
	return newDataset(result(s.handle(), "DatasetSet", func(out *capi.Dataset, p capi.DatasetSet, e *capi.Error) capi.Enum_SS_abc_status {
		return capi.Abc_dataset_set_at(out, p, int64(index), e)
	}))
}

// Close releases the set. Closing twice is a no-op.
func (s *DatasetSet) Close() error { return closeHandle(s, s.handle()) }

// Dataset is one stream's table in the destination.
type Dataset struct{ h handle }

// newDataset wraps the result of a call that makes a dataset.
func newDataset(ptr capi.Dataset, err error) (*Dataset, error) {
	if err != nil {
		return nil, err
	}
	d := &Dataset{}
	d.h.set("Dataset", nativeOf(ptr, capi.Abc_dataset_free))
	return finalized(d), nil
}

func (d *Dataset) handle() *handle { return handleOf(d, func(d *Dataset) *handle { return &d.h }) }

func (d *Dataset) text(f func(capi.Dataset) string) string {
	return get(d.handle(), "Dataset", f)
}

// StreamName is the stream name as the connection lists it.
func (d *Dataset) StreamName() string { return d.text(capi.Abc_dataset_stream_name) }

// DestinationType is "postgres", "snowflake" or "bigquery".
func (d *Dataset) DestinationType() string { return d.text(capi.Abc_dataset_destination_type) }

// Database is the database (Postgres, Snowflake) or project (BigQuery).
func (d *Dataset) Database() string { return d.text(capi.Abc_dataset_database) }

// Schema is the schema (Postgres, Snowflake) or dataset (BigQuery) holding the table.
func (d *Dataset) Schema() string { return d.text(capi.Abc_dataset_schema) }

// TableName is the normalised table name (prefix + stream).
func (d *Dataset) TableName() string { return d.text(capi.Abc_dataset_table_name) }

// QualifiedName is the table's name as SQL in the destination's dialect.
func (d *Dataset) QualifiedName() string { return d.text(capi.Abc_dataset_qualified_name) }

// ConnectionURI is a connection URI without the password.
func (d *Dataset) ConnectionURI() string { return d.text(capi.Abc_dataset_connection_uri) }

// Column describes a column of a dataset.
type Column struct {
	Name      string
	Type      string    // the warehouse's type name ("bigint", "FIXED", "ARRAY<INT64>", ...)
	ValueType ValueType // the portable type
}

// Columns gives the table's columns, Airbyte's _airbyte_* columns included. The first call
// queries the warehouse; ErrNotFound when the table does not exist (the stream was never
// synced).
func (d *Dataset) Columns(ctx context.Context) ([]Column, error) {
	return await(ctx, func() ([]Column, error) { return d.columns() })
}

func (d *Dataset) columns() ([]Column, error) {
	var columns []Column
	err := call(d.handle(), "Dataset", func(ds capi.Dataset, e *capi.Error) capi.Enum_SS_abc_status {
		var count int
		if st := capi.Abc_dataset_column_count(&count, ds, e); st != capi.ABC_OK {
			return st
		}
		columns = make([]Column, count)
		for i := range columns {
			// Results go through fresh variables: cgo refuses a pointer into memory that
			// holds Go pointers (such as a slice of strings already read).
			var name, typeName string
			var valueType int
			if st := capi.Abc_dataset_column_name(&name, ds, int64(i), e); st != capi.ABC_OK {
				return st
			}
			if st := capi.Abc_dataset_column_type(&typeName, ds, int64(i), e); st != capi.ABC_OK {
				return st
			}
			if st := capi.Abc_dataset_column_value_type(&valueType, ds, int64(i), e); st != capi.ABC_OK {
				return st
			}
			columns[i] = Column{Name: name, Type: typeName, ValueType: ValueType(valueType)}
		}
		return capi.ABC_OK
	})
	if err != nil {
		return nil, err
	}
	return columns, nil
}

// RowCount counts the rows now (SELECT COUNT(*), a query each call).
func (d *Dataset) RowCount(ctx context.Context) (int64, error) {
	return resultContext(ctx, d.handle(), "Dataset", capi.Abc_dataset_row_count)
}

// Open starts reading every row of the table; the first batch is fetched now. Each cursor is an
// independent read that holds one batch at a time; ctx governs the whole read (Cursor.Next).
func (d *Dataset) Open(ctx context.Context) (*Cursor, error) {
	return await(ctx, func() (*Cursor, error) {
		ptr, err := result(d.handle(), "Dataset", capi.Abc_dataset_cursor_open)
		if err != nil {
			return nil, err
		}
		c := &Cursor{ctx: ctx}
		c.h.set("Cursor", nativeOf(ptr, capi.Abc_dataset_cursor_free))
		return finalized(c), nil
	})
}

// Close releases the dataset. Closing twice is a no-op.
func (d *Dataset) Close() error { return closeHandle(d, d.handle()) }

// Cursor reads a dataset's rows, one batch at a time:
//
//	cursor, err := dataset.Open(ctx)
//	if err != nil { ... }
//	defer cursor.Close()
//	for cursor.Next() {
//		record, err := cursor.RecordJSON()
//		...
//	}
//	if err := cursor.Err(); err != nil { ... }
//
// After an error the cursor is finished: open a new one to read again.
type Cursor struct {
	h   handle
	ctx context.Context

	mu  sync.Mutex // guards err: Next may return before its fetch ends (ctx)
	err error
}

func (c *Cursor) handle() *handle { return handleOf(c, func(c *Cursor) *handle { return &c.h }) }

// Next moves to the next row; false after the last row or on an error (see Err).
func (c *Cursor) Next() bool {
	if c == nil || c.ctx == nil {
		return false
	}
	has, err := resultContext(c.ctx, c.handle(), "Cursor", capi.Abc_dataset_cursor_next)
	c.mu.Lock()
	c.err = err
	c.mu.Unlock()
	return err == nil && has != 0
}

// Err is the error that ended the read, nil at its normal end.
func (c *Cursor) Err() error {
	if c == nil || c.ctx == nil {
		return closedError("Cursor")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// Columns gives the rows' column names and portable types.
func (c *Cursor) Columns() []Column {
	return get(c.handle(), "Cursor", func(cur capi.DatasetCursor) []Column {
		n := capi.Abc_dataset_cursor_column_count(cur)
		columns := make([]Column, n)
		for i := range columns {
			columns[i].Name = capi.Abc_dataset_cursor_column_name(cur, int64(i))
			columns[i].ValueType = ValueType(capi.Abc_dataset_cursor_column_value_type(cur, int64(i)))
		}
		return columns
	})
}

// RowsRead is the number of rows Next has moved to so far.
func (c *Cursor) RowsRead() int64 {
	return get(c.handle(), "Cursor", capi.Abc_dataset_cursor_rows_read)
}

// RecordJSON gives the current row as one JSON object, {"column": value, ...} in column order.
func (c *Cursor) RecordJSON() (json.RawMessage, error) {
	out, err := result(c.handle(), "Cursor", capi.Abc_dataset_cursor_record_json)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(out), nil
}

func (c *Cursor) column(column int) (int64, error) {
	if column < 0 {
		return 0, invalid("column is negative")
	}
	return int64(column), nil
}

// value reads column of the current row with one typed accessor (ErrInvalidArgument when the
// column is negative).
func value[T any](c *Cursor, column int, f func(*T, capi.DatasetCursor, int64, *capi.Error) capi.Enum_SS_abc_status) (T, error) {
	col, err := c.column(column)
	if err != nil {
		var zero T
		return zero, err
	}
	return result(c.handle(), "Cursor", func(out *T, p capi.DatasetCursor, e *capi.Error) capi.Enum_SS_abc_status {
		return f(out, p, col, e)
	})
}

// IsNull reports whether the current row's value in column is SQL NULL.
func (c *Cursor) IsNull(column int) (bool, error) {
	out, err := value(c, column, capi.Abc_dataset_cursor_is_null)
	return out != 0, err
}

// Int64 gives the value as a 64-bit integer: integers; booleans (0/1); whole decimals and
// floats; integer text; dates as days since 1970-01-01; times as microseconds since midnight;
// timestamps and datetimes as microseconds since the epoch. ErrInvalidArgument for NULL or a
// value that does not convert.
func (c *Cursor) Int64(column int) (int64, error) {
	return value(c, column, capi.Abc_dataset_cursor_int64)
}

// Float64 gives the value as a float64: numbers, booleans, numeric text; timestamps and
// datetimes as seconds since the epoch. ErrInvalidArgument for NULL or a value that does not
// convert.
func (c *Cursor) Float64(column int) (float64, error) {
	return value(c, column, capi.Abc_dataset_cursor_double)
}

// Text gives the value's canonical text; valid is false for SQL NULL.
func (c *Cursor) Text(column int) (text string, valid bool, err error) {
	col, err := c.column(column)
	if err != nil {
		return "", false, err
	}
	var isNull int
	err = call(c.handle(), "Cursor", func(cur capi.DatasetCursor, e *capi.Error) capi.Enum_SS_abc_status {
		if st := capi.Abc_dataset_cursor_is_null(&isNull, cur, col, e); st != capi.ABC_OK || isNull != 0 {
			return st
		}
		return capi.Abc_dataset_cursor_text(&text, cur, col, e)
	})
	return text, err == nil && isNull == 0, err
}

// Close releases the cursor; a read in progress is abandoned. Closing twice is a no-op.
func (c *Cursor) Close() error { return closeHandle(c, c.handle()) }
