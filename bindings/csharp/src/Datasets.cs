// Datasets: reading what a sync wrote, table by table, as a stream of rows.
using System;
using System.Collections;
using System.Collections.Generic;

namespace AirbyteCloud {

/// <summary>Portable type of a column. Values match the C API.</summary>
public enum ValueKind {
    Unknown = (int)abc_value_type.ABC_VALUE_UNKNOWN,
    /// <summary>bigint, FIXED with scale 0, INT64.</summary>
    Integer = (int)abc_value_type.ABC_VALUE_INTEGER,
    /// <summary>numeric, FIXED with scale &gt; 0, NUMERIC/BIGNUMERIC.</summary>
    Decimal = (int)abc_value_type.ABC_VALUE_DECIMAL,
    Float = (int)abc_value_type.ABC_VALUE_FLOAT,
    Boolean = (int)abc_value_type.ABC_VALUE_BOOLEAN,
    Text = (int)abc_value_type.ABC_VALUE_TEXT,
    /// <summary>Canonical text is base64.</summary>
    Bytes = (int)abc_value_type.ABC_VALUE_BYTES,
    Date = (int)abc_value_type.ABC_VALUE_DATE,
    Time = (int)abc_value_type.ABC_VALUE_TIME,
    /// <summary>An instant.</summary>
    Timestamp = (int)abc_value_type.ABC_VALUE_TIMESTAMP,
    /// <summary>Wall clock without zone.</summary>
    DateTime = (int)abc_value_type.ABC_VALUE_DATETIME,
    Json = (int)abc_value_type.ABC_VALUE_JSON,
    Array = (int)abc_value_type.ABC_VALUE_ARRAY,
    Record = (int)abc_value_type.ABC_VALUE_RECORD,
}

public static class ValueKindExtensions {
    /// <summary>The kind's name ("integer", "timestamp"...).</summary>
    public static string TypeName(this ValueKind kind) { return Native.abc_value_type_name((abc_value_type)kind); }
}

/// <summary>A secret the Airbyte API masks and the dataset readers need.</summary>
public enum DatasetSecret {
    /// <summary>Postgres password (default variable AIRBYTE_CLOUD_POSTGRES_PASSWORD).</summary>
    Password = (int)abc_dataset_secret.ABC_DATASET_SECRET_PASSWORD,
    /// <summary>Snowflake key-pair private key, PEM (AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY).</summary>
    PrivateKey = (int)abc_dataset_secret.ABC_DATASET_SECRET_PRIVATE_KEY,
    PrivateKeyPassphrase = (int)abc_dataset_secret.ABC_DATASET_SECRET_PRIVATE_KEY_PASSPHRASE,
    OAuthToken = (int)abc_dataset_secret.ABC_DATASET_SECRET_OAUTH_TOKEN,
    ProgrammaticAccessToken = (int)abc_dataset_secret.ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN,
    /// <summary>BigQuery service-account key file content (JSON).</summary>
    ServiceAccountJson = (int)abc_dataset_secret.ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON,
    SslClientKey = (int)abc_dataset_secret.ABC_DATASET_SECRET_SSL_CLIENT_KEY,
    SslClientKeyPassword = (int)abc_dataset_secret.ABC_DATASET_SECRET_SSL_CLIENT_KEY_PASSWORD,
}

/// <summary>
/// Settings for reading datasets. Defaults: secrets from the configuration and the default
/// environment variables; 10000 rows per page; queries may run 10 minutes.
/// </summary>
public sealed class DatasetOptions {
    private enum SecretSource { Value, Environment, File }

    private readonly List<KeyValuePair<DatasetSecret, KeyValuePair<SecretSource, string>>> secrets =
        new List<KeyValuePair<DatasetSecret, KeyValuePair<SecretSource, string>>>();

    /// <summary>Gives a secret as a value (never logged or put into error messages).</summary>
    public DatasetOptions SetSecret(DatasetSecret secret, string value) { return Add(secret, SecretSource.Value, value); }
    /// <summary>Gives a secret as the name of an environment variable, read when the datasets are made.</summary>
    public DatasetOptions SetSecretFromEnvironment(DatasetSecret secret, string variable) {
        return Add(secret, SecretSource.Environment, variable);
    }
    /// <summary>Gives a secret as the path of a file holding it.</summary>
    public DatasetOptions SetSecretFromFile(DatasetSecret secret, string path) { return Add(secret, SecretSource.File, path); }

    /// <summary>Snowflake account URL, e.g. "https://myorg-myacct.snowflakecomputing.com".</summary>
    public string SnowflakeUrl { get; set; }
    /// <summary>BigQuery API root.</summary>
    public string BigQueryUrl { get; set; }
    /// <summary>Where the BigQuery service-account assertion is exchanged for a token.</summary>
    public string TokenUrl { get; set; }
    /// <summary>Rows per BigQuery page, 1..1000000 (Postgres streams rows without pages).</summary>
    public long? PageSize { get; set; }
    /// <summary>Longest time one warehouse query may run (1 s .. 7 days).</summary>
    public TimeSpan? QueryTimeout { get; set; }
    /// <summary>Snowflake status polls: first after this, each interval ×1.5 up to PollMaxInterval.</summary>
    public TimeSpan? PollInitialInterval { get; set; }
    public TimeSpan? PollMaxInterval { get; set; }

    private DatasetOptions Add(DatasetSecret secret, SecretSource source, string text) {
        if (text == null) throw new ArgumentNullException(source == SecretSource.Value ? "value" : source == SecretSource.File ? "path" : "variable");
        secrets.Add(new KeyValuePair<DatasetSecret, KeyValuePair<SecretSource, string>>(
            secret, new KeyValuePair<SecretSource, string>(source, text)));
        return this;
    }

    // null for null (the C API's defaults).
    internal static DatasetOptionsHandle ToNative(DatasetOptions options) {
        if (options == null) return null;
        DatasetOptionsHandle native;
        Native.abc_dataset_options_new(out native);
        try {
            foreach (var entry in options.secrets) {
                var secret = (abc_dataset_secret)entry.Key;
                switch (entry.Value.Key) {
                case SecretSource.Value: Native.abc_dataset_options_set_secret(native, secret, entry.Value.Value); break;
                case SecretSource.Environment: Native.abc_dataset_options_set_secret_env(native, secret, entry.Value.Value); break;
                default: Native.abc_dataset_options_set_secret_file(native, secret, entry.Value.Value); break;
                }
            }
            if (options.SnowflakeUrl != null) Native.abc_dataset_options_set_snowflake_url(native, options.SnowflakeUrl);
            if (options.BigQueryUrl != null) Native.abc_dataset_options_set_bigquery_url(native, options.BigQueryUrl);
            if (options.TokenUrl != null) Native.abc_dataset_options_set_token_url(native, options.TokenUrl);
            if (options.PageSize.HasValue) Native.abc_dataset_options_set_page_size(native, options.PageSize.Value);
            if (options.QueryTimeout.HasValue) {
                Native.abc_dataset_options_set_query_timeout_ms(native, Time.ToMilliseconds(options.QueryTimeout.Value));
            }
            if (options.PollInitialInterval.HasValue || options.PollMaxInterval.HasValue) {
                TimeSpan initial = options.PollInitialInterval ?? TimeSpan.FromMilliseconds(100);
                TimeSpan max = options.PollMaxInterval ?? (initial > TimeSpan.FromSeconds(2) ? initial : TimeSpan.FromSeconds(2));
                Native.abc_dataset_options_set_poll_interval(native, Time.ToMilliseconds(initial), Time.ToMilliseconds(max));
            }
            return native;
        } catch {
            native.Dispose();
            throw;
        }
    }
}

/// <summary>
/// Where a connection's synced data is: the destination, and one Dataset per selected stream.
/// Each Dataset read from it is a new object the caller owns; the set is disposable too.
/// </summary>
public sealed class DatasetSet : IReadOnlyList<Dataset>, IDisposable {
    internal readonly DatasetSetHandle Handle;

    internal DatasetSet(DatasetSetHandle handle) { Handle = handle; }

    /// <summary>Number of streams (datasets).</summary>
    public int Count { get { return (int)Native.abc_dataset_set_count(Handle); } }
    /// <summary>Stream names in the connection's order.</summary>
    public IReadOnlyList<string> StreamNames {
        get {
            int count = Count;
            var names = new List<string>(count);
            for (int index = 0; index < count; index++) names.Add(Native.abc_dataset_set_stream_name(Handle, (uint)index));
            return names.AsReadOnly();
        }
    }
    /// <summary>"postgres", "snowflake" or "bigquery".</summary>
    public string DestinationType { get { return Native.abc_dataset_set_destination_type(Handle); } }
    public string DestinationId { get { return Native.abc_dataset_set_destination_id(Handle); } }
    /// <summary>Database (Postgres, Snowflake) or project (BigQuery).</summary>
    public string Database { get { return Native.abc_dataset_set_database(Handle); } }
    /// <summary>The destination's default schema or dataset.</summary>
    public string Schema { get { return Native.abc_dataset_set_schema(Handle); } }
    /// <summary>Connection URI without password, for your own driver.</summary>
    public string ConnectionUri { get { return Native.abc_dataset_set_connection_uri(Handle); } }

    /// <summary>The dataset of stream `index`.</summary>
    public Dataset this[int index] {
        get {
            if (index < 0) throw new ArgumentOutOfRangeException("index");
            DatasetHandle dataset;
            Native.abc_dataset_set_at(out dataset, Handle, (uint)index);
            return new Dataset(dataset);
        }
    }

    /// <summary>The dataset of the stream named `streamName` (NotFoundException when none).</summary>
    public Dataset this[string streamName] {
        get {
            if (streamName == null) throw new ArgumentNullException("streamName");
            DatasetHandle dataset;
            Native.abc_dataset_set_get(out dataset, Handle, streamName);
            return new Dataset(dataset);
        }
    }

    public IEnumerator<Dataset> GetEnumerator() {
        int count = Count;
        for (int index = 0; index < count; index++) yield return this[index];
    }

    IEnumerator IEnumerable.GetEnumerator() { return GetEnumerator(); }

    public void Dispose() { Handle.Dispose(); }
}

/// <summary>A column of a dataset's table.</summary>
public sealed class DatasetColumn {
    internal DatasetColumn(string name, string warehouseType, ValueKind kind) {
        Name = name;
        WarehouseType = warehouseType;
        Kind = kind;
    }

    public string Name { get; private set; }
    /// <summary>The warehouse's type name ("bigint", "timestamp with time zone", "FIXED"...).</summary>
    public string WarehouseType { get; private set; }
    public ValueKind Kind { get; private set; }
}

/// <summary>One row read by Dataset.ReadRows(): canonical text per column (null for SQL NULL).</summary>
public sealed class DatasetRow {
    private readonly IReadOnlyList<string> columns;
    private readonly string[] values;

    internal DatasetRow(IReadOnlyList<string> columns, string[] values, string json) {
        this.columns = columns;
        this.values = values;
        Json = json;
    }

    public IReadOnlyList<string> Columns { get { return columns; } }
    /// <summary>The row as one JSON object, {"column": value, ...} in column order.</summary>
    public string Json { get; private set; }
    public string this[int column] { get { return values[column]; } }
    public string this[string column] {
        get {
            for (int index = 0; index < columns.Count; index++) if (columns[index] == column) return values[index];
            throw new KeyNotFoundException("no column " + column);
        }
    }
}

/// <summary>
/// One stream's table in the destination. Independent of the set it came from: dispose it on its
/// own. Use from one thread at a time.
/// </summary>
public sealed partial class Dataset : IDisposable {
    internal readonly DatasetHandle Handle;

    internal Dataset(DatasetHandle handle) { Handle = handle; }

    public bool IsDisposed { get { return Handle.IsDisposed; } }
    public string StreamName { get { return Native.abc_dataset_stream_name(Handle); } }
    public string DestinationType { get { return Native.abc_dataset_destination_type(Handle); } }
    public string Database { get { return Native.abc_dataset_database(Handle); } }
    /// <summary>Schema (Postgres, Snowflake) or dataset (BigQuery) holding the table.</summary>
    public string Schema { get { return Native.abc_dataset_schema(Handle); } }
    /// <summary>The normalised table name (prefix + stream).</summary>
    public string TableName { get { return Native.abc_dataset_table_name(Handle); } }
    /// <summary>The table's name as SQL in the destination's dialect.</summary>
    public string QualifiedName { get { return Native.abc_dataset_qualified_name(Handle); } }
    public string ConnectionUri { get { return Native.abc_dataset_connection_uri(Handle); } }

    /// <summary>The table's columns, Airbyte's _airbyte_* included (the first use queries the
    /// warehouse; NotFoundException when the table does not exist).</summary>
    public IReadOnlyList<DatasetColumn> Columns {
        get {
            long count;
            Native.abc_dataset_column_count(out count, Handle);
            var columns = new List<DatasetColumn>((int)count);
            for (int index = 0; index < count; index++) {
                string name, type;
                abc_value_type kind;
                Native.abc_dataset_column_name(out name, Handle, (uint)index);
                Native.abc_dataset_column_type(out type, Handle, (uint)index);
                Native.abc_dataset_column_value_type(out kind, Handle, (uint)index);
                columns.Add(new DatasetColumn(name, type, (ValueKind)kind));
            }
            return columns.AsReadOnly();
        }
    }

    /// <summary>The number of rows now (a query each call).</summary>
    public long CountRows() {
        long rows;
        Native.abc_dataset_row_count(out rows, Handle);
        return rows;
    }

    /// <summary>Starts reading every row of the table; the first batch is fetched now.</summary>
    public DatasetCursor OpenCursor() {
        DatasetCursorHandle cursor;
        Native.abc_dataset_cursor_open(out cursor, Handle);
        return new DatasetCursor(cursor);
    }

    /// <summary>Every row, streamed a batch at a time as the enumeration goes.</summary>
    public IEnumerable<DatasetRow> ReadRows() {
        using (DatasetCursor cursor = OpenCursor()) {
            IReadOnlyList<string> columns = cursor.ColumnNames;
            while (cursor.Read()) {
                var values = new string[columns.Count];
                for (int index = 0; index < values.Length; index++) values[index] = cursor.GetText(index);
                yield return new DatasetRow(columns, values, cursor.RecordJson);
            }
        }
    }

    /// <summary>Every row as one JSON object, streamed.</summary>
    public IEnumerable<string> ReadRecords() {
        using (DatasetCursor cursor = OpenCursor()) {
            while (cursor.Read()) yield return cursor.RecordJson;
        }
    }

    public void Dispose() { Handle.Dispose(); }

    public override string ToString() { return IsDisposed ? "Dataset (disposed)" : "Dataset " + QualifiedName; }
}

/// <summary>A forward-only read of a dataset's rows, like a DbDataReader. Use from one thread at a time.</summary>
public sealed partial class DatasetCursor : IDisposable {
    internal readonly DatasetCursorHandle Handle;

    internal DatasetCursor(DatasetCursorHandle handle) { Handle = handle; }

    /// <summary>Moves to the next row; false after the last one. On failure the cursor is finished.</summary>
    public bool Read() {
        int hasRow;
        Native.abc_dataset_cursor_next(out hasRow, Handle);
        return hasRow != 0;
    }

    public int ColumnCount { get { return (int)Native.abc_dataset_cursor_column_count(Handle); } }
    public IReadOnlyList<string> ColumnNames {
        get {
            int count = ColumnCount;
            var names = new List<string>(count);
            for (int index = 0; index < count; index++) names.Add(GetName(index));
            return names.AsReadOnly();
        }
    }
    /// <summary>Rows returned by Read() so far.</summary>
    public long RowsRead { get { return Native.abc_dataset_cursor_rows_read(Handle); } }
    /// <summary>The current row as one JSON object.</summary>
    public string RecordJson {
        get { string json; Native.abc_dataset_cursor_record_json(out json, Handle); return json; }
    }

    public string GetName(int column) { return Native.abc_dataset_cursor_column_name(Handle, Index(column)); }
    public ValueKind GetKind(int column) { return (ValueKind)Native.abc_dataset_cursor_column_value_type(Handle, Index(column)); }

    public bool IsNull(int column) {
        int isNull;
        Native.abc_dataset_cursor_is_null(out isNull, Handle, Index(column));
        return isNull != 0;
    }

    /// <summary>Integers, booleans, whole numbers, integer text; dates as days, times and timestamps as
    /// microseconds (InvalidArgumentException for NULL or a value that does not convert).</summary>
    public long GetInt64(int column) {
        long value;
        Native.abc_dataset_cursor_int64(out value, Handle, Index(column));
        return value;
    }

    /// <summary>Numbers, booleans, numeric text; timestamps as seconds since the epoch.</summary>
    public double GetDouble(int column) {
        double value;
        Native.abc_dataset_cursor_double(out value, Handle, Index(column));
        return value;
    }

    /// <summary>The canonical text, or null for SQL NULL.</summary>
    public string GetText(int column) {
        string text;
        Native.abc_dataset_cursor_text(out text, Handle, Index(column));
        return text;
    }

    public void Dispose() { Handle.Dispose(); }

    private static uint Index(int column) {
        if (column < 0) throw new ArgumentOutOfRangeException("column");
        return (uint)column;
    }
}

public sealed partial class Connection {
    /// <summary>The datasets of the connection's selected streams (secrets are resolved now).
    /// UnsupportedException for a destination without a reader.</summary>
    public DatasetSet GetDatasets(DatasetOptions options = null) {
        DatasetSetHandle set;
        using (DatasetOptionsHandle native = DatasetOptions.ToNative(options)) Native.abc_connection_datasets(out set, Handle, native);
        return new DatasetSet(set);
    }
}

public sealed partial class Job {
    /// <summary>The datasets of the connection this job ran on: what a sync wrote.</summary>
    public DatasetSet GetDatasets(DatasetOptions options = null) {
        DatasetSetHandle set;
        using (DatasetOptionsHandle native = DatasetOptions.ToNative(options)) Native.abc_job_datasets(out set, Handle, native);
        return new DatasetSet(set);
    }
}

}
