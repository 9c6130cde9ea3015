/**
 * @file airbyte_cloud/datasets.h
 * @brief Datasets: reading synced data back from the destination.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_DATASETS_H
#define AIRBYTE_CLOUD_DATASETS_H

#include "common.h"

ABC_BEGIN_DECLS

/**
 * @name Datasets
 * Read what a sync wrote: for each stream of a connection, the destination table's SQL
 * coordinates and a streaming cursor over its rows. Postgres destinations are read with libpq,
 * Snowflake through its SQL API v2 and BigQuery through its REST API v2; no vendor SDK.
 *
 * - **Where the data is.** abc_connection_datasets() (or abc_job_datasets() for a sync's job)
 *   reads the connection and its destination from the Airbyte API and gives an ::abc_dataset_set:
 *   the destination type, database, schema, a connection URI without the password (for your own
 *   driver), and one ::abc_dataset per selected stream. A stream's table is the connection prefix
 *   plus the stream name, normalised as Airbyte's destinations do: lower-case, every character
 *   outside [a-z0-9] becomes `_`, a leading digit gets a `_` in front, and Postgres truncates to
 *   63 bytes. The connection's namespace setting decides the schema.
 * - **Secrets.** The API masks secrets ("**********"). Give the password, private key or
 *   service-account key with abc_dataset_options_set_secret() (a value),
 *   abc_dataset_options_set_secret_env() (the name of an environment variable) or
 *   abc_dataset_options_set_secret_file() (a file). Without an option, an unmasked configuration
 *   value is used, then the default environment variable of each ::abc_dataset_secret (listed
 *   there and in docs/DATASETS.md). A masked secret nothing provides is
 *   ::ABC_ERROR_INVALID_ARGUMENT with a message naming the option and the variable.
 * - **Unsupported.** A destination of another type (duckdb, s3...) gives ::ABC_ERROR_UNSUPPORTED
 *   naming the type; so does a reader this build was configured without (ABC_WITH_POSTGRES,
 *   ABC_WITH_SNOWFLAKE, ABC_WITH_BIGQUERY), naming the reader.
 * - **Values.** Every value has a portable ::abc_value_type and a canonical text form:
 *   integer/decimal/float as decimal text ("NaN", "Infinity" for non-finite floats), boolean
 *   "true"/"false", bytes as standard base64, date "YYYY-MM-DD", time "HH:MM:SS[.f]", timestamp
 *   "YYYY-MM-DDTHH:MM:SS[.f]Z" (or "+HH:MM" where the warehouse kept an offset), datetime the
 *   same without zone, json/array/record as JSON text. abc_dataset_cursor_record_json() builds
 *   one JSON object per row from these: numbers and booleans stay JSON numbers and booleans,
 *   json/array/record values are embedded, everything else is a JSON string, SQL NULL is null.
 * - **Streaming.** A cursor holds one row (Postgres, one binary COPY stream), partition
 *   (Snowflake) or page (BigQuery) at a time, so memory does not grow with the table.
 * - **Lifetimes.** A set, its datasets and their cursors are independent handles: each is freed
 *   on its own, in any order, and none needs the workspace, connection or job it came from to stay
 *   alive. Each handle is used by one thread at a time; different handles may be used at once.
 */
/**@{*/

typedef struct abc_dataset_options abc_dataset_options;
typedef struct abc_dataset_set abc_dataset_set;
typedef struct abc_dataset abc_dataset;
typedef struct abc_dataset_cursor abc_dataset_cursor;

/** A secret the Airbyte API masks and the readers need. Values are part of the ABI. Each has a
 * default environment variable, consulted when no option sets it and the configuration's value
 * is masked or absent. */
typedef enum abc_dataset_secret {
    /** Postgres password. Default variable AIRBYTE_CLOUD_POSTGRES_PASSWORD. */
    ABC_DATASET_SECRET_PASSWORD = 1,
    /** Snowflake key-pair private key, PEM (PKCS#8, encrypted PKCS#8 or PKCS#1). Default
     * variable AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY (the PEM text itself). */
    ABC_DATASET_SECRET_PRIVATE_KEY = 2,
    /** Passphrase of an encrypted Snowflake private key. Default variable
     * AIRBYTE_CLOUD_SNOWFLAKE_PRIVATE_KEY_PASSPHRASE. */
    ABC_DATASET_SECRET_PRIVATE_KEY_PASSPHRASE = 3,
    /** Snowflake OAuth access token (sent with token type OAUTH). Default variable
     * AIRBYTE_CLOUD_SNOWFLAKE_OAUTH_TOKEN. */
    ABC_DATASET_SECRET_OAUTH_TOKEN = 4,
    /** Snowflake programmatic access token (token type PROGRAMMATIC_ACCESS_TOKEN). Default
     * variable AIRBYTE_CLOUD_SNOWFLAKE_PAT. */
    ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN = 5,
    /** BigQuery service-account key file content (JSON). Default variable
     * AIRBYTE_CLOUD_BIGQUERY_CREDENTIALS_JSON, then the file named by
     * GOOGLE_APPLICATION_CREDENTIALS. */
    ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON = 6,
    /** Postgres SSL client key, PEM (ssl_mode verify-full). Default variable
     * AIRBYTE_CLOUD_POSTGRES_SSL_CLIENT_KEY. */
    ABC_DATASET_SECRET_SSL_CLIENT_KEY = 7,
    /** Password of the Postgres SSL client key. Default variable
     * AIRBYTE_CLOUD_POSTGRES_SSL_CLIENT_KEY_PASSWORD. */
    ABC_DATASET_SECRET_SSL_CLIENT_KEY_PASSWORD = 8
} abc_dataset_secret;

/** Portable type of a column. Values are part of the ABI. */
typedef enum abc_value_type {
    ABC_VALUE_UNKNOWN = 0,
    ABC_VALUE_INTEGER = 1,   /**< bigint, FIXED with scale 0, INT64 */
    ABC_VALUE_DECIMAL = 2,   /**< numeric, FIXED with scale > 0, NUMERIC/BIGNUMERIC */
    ABC_VALUE_FLOAT = 3,     /**< real/double precision, REAL, FLOAT64 */
    ABC_VALUE_BOOLEAN = 4,
    ABC_VALUE_TEXT = 5,      /**< character types, uuid, and anything without a closer match */
    ABC_VALUE_BYTES = 6,     /**< bytea, BINARY, BYTES: canonical text is base64 */
    ABC_VALUE_DATE = 7,
    ABC_VALUE_TIME = 8,
    ABC_VALUE_TIMESTAMP = 9, /**< an instant: timestamptz, TIMESTAMP_LTZ/_TZ, TIMESTAMP */
    ABC_VALUE_DATETIME = 10, /**< wall clock without zone: timestamp, TIMESTAMP_NTZ, DATETIME */
    ABC_VALUE_JSON = 11,     /**< json/jsonb, VARIANT/OBJECT/ARRAY, JSON */
    ABC_VALUE_ARRAY = 12,    /**< BigQuery REPEATED: a JSON array */
    ABC_VALUE_RECORD = 13    /**< BigQuery RECORD/STRUCT: a JSON object */
} abc_value_type;

/** Static name of a value type ("integer", "timestamp"...). Never NULL; never free it. */
ABC_API const char *abc_value_type_name(abc_value_type type);

/* ---- Options ---- */

/** Settings for reading datasets. Defaults: secrets from the configuration and the default
 * environment variables; Snowflake at https://<host from the configuration>; BigQuery at
 * https://bigquery.googleapis.com/bigquery/v2 with tokens from the key's token_uri; 10000 rows per
 * page; queries may run 10 minutes; Snowflake status polls from 100 ms growing to 2 s. HTTP
 * timeouts, retries and TLS settings are the workspace's.
 * @param[out] out new options, freed with abc_dataset_options_free(). */
ABC_API abc_status abc_dataset_options_new(abc_dataset_options **out, abc_error **error);
ABC_API void abc_dataset_options_free(abc_dataset_options *options);
/** Gives `secret` as a value (copied; never logged or put into error messages). */
ABC_API abc_status abc_dataset_options_set_secret(abc_dataset_options *options,
                                                  abc_dataset_secret secret, const char *value,
                                                  abc_error **error);
/** Gives `secret` as the name of an environment variable, read when the datasets are made. An
 * unset or empty variable then fails with ::ABC_ERROR_INVALID_ARGUMENT naming it. */
ABC_API abc_status abc_dataset_options_set_secret_env(abc_dataset_options *options,
                                                      abc_dataset_secret secret,
                                                      const char *variable, abc_error **error);
/** Gives `secret` as the path of a file holding it (a PEM key, a service-account key file),
 * read when the datasets are made. */
ABC_API abc_status abc_dataset_options_set_secret_file(abc_dataset_options *options,
                                                       abc_dataset_secret secret,
                                                       const char *path, abc_error **error);
/** Snowflake account URL, e.g. "https://myorg-myacct.snowflakecomputing.com" (http:// or
 * https://). Default: https:// + the destination's host. */
ABC_API abc_status abc_dataset_options_set_snowflake_url(abc_dataset_options *options,
                                                         const char *url, abc_error **error);
/** BigQuery API root. Default "https://bigquery.googleapis.com/bigquery/v2". */
ABC_API abc_status abc_dataset_options_set_bigquery_url(abc_dataset_options *options,
                                                        const char *url, abc_error **error);
/** Where the BigQuery service-account assertion is exchanged for an access token. Default: the
 * key's token_uri (https://oauth2.googleapis.com/token). The assertion's audience stays the
 * key's token_uri. */
ABC_API abc_status abc_dataset_options_set_token_url(abc_dataset_options *options,
                                                     const char *url, abc_error **error);
/** Rows per BigQuery page, 1..1000000 (default 10000). Snowflake decides its partition sizes
 * itself; Postgres streams every row with one COPY and has no pages (the value is accepted and
 * not used). */
ABC_API abc_status abc_dataset_options_set_page_size(abc_dataset_options *options, int64_t rows,
                                                     abc_error **error);
/** Longest time one warehouse query may run (Snowflake statement timeout, BigQuery and Snowflake
 * polling), 1000..604800000 ms (default 600000). */
ABC_API abc_status abc_dataset_options_set_query_timeout_ms(abc_dataset_options *options,
                                                            int64_t timeout_ms,
                                                            abc_error **error);
/** How often a running Snowflake statement is polled: first after initial_ms, each interval
 * x1.5 up to max_ms. 1 <= initial_ms <= max_ms <= 60000. */
ABC_API abc_status abc_dataset_options_set_poll_interval(abc_dataset_options *options,
                                                         int64_t initial_ms, int64_t max_ms,
                                                         abc_error **error);

/* ---- Dataset sets ---- */

/** The datasets of a connection's selected streams (GET /connections/{id}, then
 * GET /destinations/{destinationId}). No warehouse query is sent yet, but secrets are resolved
 * and keys loaded now, so a missing secret fails here.
 * @param options NULL for defaults.
 * @param[out] out new set, freed with abc_dataset_set_free().
 * @return ::ABC_ERROR_UNSUPPORTED for a destination type without a reader (naming the type) or a
 *         reader this build lacks; ::ABC_ERROR_INVALID_ARGUMENT for a masked secret nothing
 *         provides (naming the option and environment variable) or an unusable key. */
ABC_API abc_status abc_connection_datasets(abc_dataset_set **out, abc_connection *connection,
                                           const abc_dataset_options *options, abc_error **error);
/** The same for the connection a job ran on: what a sync wrote, once the job succeeded.
 * @param[out] out new set, freed with abc_dataset_set_free(). */
ABC_API abc_status abc_job_datasets(abc_dataset_set **out, abc_job *job,
                                    const abc_dataset_options *options, abc_error **error);
ABC_API void abc_dataset_set_free(abc_dataset_set *set);
/** Number of streams (datasets) in the set. */
ABC_API size_t abc_dataset_set_count(const abc_dataset_set *set);
/** Name of stream `index` (< count), in the connection's order; "" when out of range. Borrowed,
 * lives as long as the set. */
ABC_API const char *abc_dataset_set_stream_name(const abc_dataset_set *set, size_t index);
/** The dataset of the stream named `stream_name`.
 * @param[out] out new handle, freed with abc_dataset_free(); independent of the set.
 * @return ::ABC_ERROR_NOT_FOUND naming the stream when the connection has no such stream. */
ABC_API abc_status abc_dataset_set_get(abc_dataset **out, const abc_dataset_set *set,
                                       const char *stream_name, abc_error **error);
/** The dataset of stream `index` (< count).
 * @param[out] out new handle, freed with abc_dataset_free(); independent of the set. */
ABC_API abc_status abc_dataset_set_at(abc_dataset **out, const abc_dataset_set *set, size_t index,
                                      abc_error **error);
/** Destination type: "postgres", "snowflake" or "bigquery". Borrowed (lives as long as the set). */
ABC_API const char *abc_dataset_set_destination_type(const abc_dataset_set *set);
/** Destination id. Borrowed. */
ABC_API const char *abc_dataset_set_destination_id(const abc_dataset_set *set);
/** Database (Postgres, Snowflake) or project (BigQuery). Borrowed. */
ABC_API const char *abc_dataset_set_database(const abc_dataset_set *set);
/** The destination's default schema (Postgres, Snowflake) or dataset (BigQuery); a stream may
 * land elsewhere under the connection's namespace rules (see abc_dataset_schema()). Borrowed. */
ABC_API const char *abc_dataset_set_schema(const abc_dataset_set *set);
/** Connection URI without password: postgresql://user@host:port/db?sslmode=...,
 * snowflake://user@account/db/schema?warehouse=..&role=.., bigquery://project/dataset. Borrowed. */
ABC_API const char *abc_dataset_set_connection_uri(const abc_dataset_set *set);

/* ---- Datasets ---- */

ABC_API void abc_dataset_free(abc_dataset *dataset);
/** The stream name as the connection lists it. Borrowed (lives as long as the dataset). */
ABC_API const char *abc_dataset_stream_name(const abc_dataset *dataset);
/** "postgres", "snowflake" or "bigquery". Borrowed. */
ABC_API const char *abc_dataset_destination_type(const abc_dataset *dataset);
/** Database (Postgres, Snowflake) or project (BigQuery). Borrowed. */
ABC_API const char *abc_dataset_database(const abc_dataset *dataset);
/** Schema (Postgres, Snowflake) or dataset (BigQuery) holding the table. Borrowed. */
ABC_API const char *abc_dataset_schema(const abc_dataset *dataset);
/** The normalised table name (prefix + stream). Borrowed. */
ABC_API const char *abc_dataset_table_name(const abc_dataset *dataset);
/** The table's name as SQL in the destination's dialect: "schema"."table" (Postgres),
 * DATABASE.SCHEMA.TABLE (Snowflake), `project.dataset.table` (BigQuery). Borrowed. */
ABC_API const char *abc_dataset_qualified_name(const abc_dataset *dataset);
/** Connection URI without password (as abc_dataset_set_connection_uri()). Borrowed. */
ABC_API const char *abc_dataset_connection_uri(const abc_dataset *dataset);

/** Number of columns in the table, Airbyte's `_airbyte_*` columns included. The first column
 * call queries the warehouse (Postgres catalog, or a `LIMIT 0` query); later ones use that.
 * @return ::ABC_ERROR_NOT_FOUND when the table does not exist (the stream was never synced). */
ABC_API abc_status abc_dataset_column_count(size_t *out, abc_dataset *dataset, abc_error **error);
/** @param[out] out name of column `column` (< count). Borrowed, lives as long as the dataset. */
ABC_API abc_status abc_dataset_column_name(const char **out, abc_dataset *dataset, size_t column,
                                           abc_error **error);
/** @param[out] out the warehouse's type name of column `column` ("bigint", "timestamp with time
 * zone", "FIXED", "ARRAY<INT64>"...). Borrowed, lives as long as the dataset. */
ABC_API abc_status abc_dataset_column_type(const char **out, abc_dataset *dataset, size_t column,
                                           abc_error **error);
/** @param[out] out the portable type of column `column`. */
ABC_API abc_status abc_dataset_column_value_type(abc_value_type *out, abc_dataset *dataset,
                                                 size_t column, abc_error **error);
/** @param[out] out the number of rows now (SELECT COUNT(*); a query each call). */
ABC_API abc_status abc_dataset_row_count(int64_t *out, abc_dataset *dataset, abc_error **error);

/* ---- Cursors ---- */

/** Starts reading every row of the table (SELECT *; Postgres inside one read-only transaction).
 * The first batch / partition / page is fetched now. Each cursor is an independent read.
 * Postgres: the transaction, and its share lock on the table, lasts until the last row has been
 * read or the cursor is freed; a sync that replaces the table waits for it meanwhile.
 * @param[out] out new cursor, freed with abc_dataset_cursor_free(), before or after the dataset. */
ABC_API abc_status abc_dataset_cursor_open(abc_dataset_cursor **out, abc_dataset *dataset,
                                           abc_error **error);
/** Frees the cursor; a read in progress is abandoned (its Postgres connection closed). */
ABC_API void abc_dataset_cursor_free(abc_dataset_cursor *cursor);
/** Moves to the next row.
 * @param[out] out_has_row 1 when positioned on a row, 0 after the last row (and from then on).
 * On failure the cursor is finished: open a new one to read again. */
ABC_API abc_status abc_dataset_cursor_next(int *out_has_row, abc_dataset_cursor *cursor,
                                           abc_error **error);
/** Number of columns of the rows (0 for NULL). */
ABC_API size_t abc_dataset_cursor_column_count(const abc_dataset_cursor *cursor);
/** Name of column `column`; "" when out of range. Borrowed, lives as long as the cursor. */
ABC_API const char *abc_dataset_cursor_column_name(const abc_dataset_cursor *cursor, size_t column);
/** Portable type of column `column`; ::ABC_VALUE_UNKNOWN when out of range. */
ABC_API abc_value_type abc_dataset_cursor_column_value_type(const abc_dataset_cursor *cursor,
                                                            size_t column);
/** Rows returned by abc_dataset_cursor_next() so far. */
ABC_API int64_t abc_dataset_cursor_rows_read(const abc_dataset_cursor *cursor);
/** @param[out] out the current row as one JSON object, {"column": value, ...} in column order.
 * Borrowed: valid until the next abc_dataset_cursor_next() or abc_dataset_cursor_free(). */
ABC_API abc_status abc_dataset_cursor_record_json(const char **out, abc_dataset_cursor *cursor,
                                                  abc_error **error);
/** @param[out] out 1 when the current row's value in `column` is SQL NULL, else 0. */
ABC_API abc_status abc_dataset_cursor_is_null(int *out, const abc_dataset_cursor *cursor,
                                              size_t column, abc_error **error);
/** @param[out] out the value as a 64-bit integer: integers; booleans (0/1); decimals and floats
 * without a fractional part; text holding an integer; dates as days since 1970-01-01; times as
 * microseconds since midnight; timestamps and datetimes as microseconds since the epoch
 * (datetimes read as UTC).
 * @return ::ABC_ERROR_INVALID_ARGUMENT for NULL or a value that does not convert, naming the
 *         column. */
ABC_API abc_status abc_dataset_cursor_int64(int64_t *out, const abc_dataset_cursor *cursor,
                                            size_t column, abc_error **error);
/** @param[out] out the value as a double: numbers, booleans, numeric text; timestamps and
 * datetimes as seconds since the epoch.
 * @return ::ABC_ERROR_INVALID_ARGUMENT for NULL or a value that does not convert. */
ABC_API abc_status abc_dataset_cursor_double(double *out, const abc_dataset_cursor *cursor,
                                             size_t column, abc_error **error);
/** @param[out] out the value's canonical text (see the section introduction), or NULL (with
 * ::ABC_OK) for SQL NULL. Borrowed: valid until the next abc_dataset_cursor_next() or
 * abc_dataset_cursor_free(). */
ABC_API abc_status abc_dataset_cursor_text(const char **out, const abc_dataset_cursor *cursor,
                                           size_t column, abc_error **error);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_DATASETS_H */
