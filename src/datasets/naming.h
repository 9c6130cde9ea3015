// Where a stream's rows land: the destination's name rules, SQL quoting per warehouse, and
// connection URIs (never with a password) for users who bring their own driver.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace airbyte_cloud::datasets {

// Postgres truncates identifiers to 63 bytes (NAMEDATALEN - 1).
inline constexpr std::size_t kPostgresIdentifierBytes = 63;

// Airbyte's name rule for tables and schemas: lower-case; every character outside [a-z0-9]
// becomes '_' (each byte of a multi-byte UTF-8 character too); a leading digit (or an empty
// name) gets a '_' in front; then at most `max_bytes` bytes (0 = no limit).
std::string normalise_identifier(std::string_view name, std::size_t max_bytes = 0);

// The table a stream is written to: normalise(prefix + stream).
std::string stream_table_name(std::string_view prefix, std::string_view stream, std::size_t max_bytes = 0);

// "name" with embedded quotes doubled (Postgres and Snowflake delimited identifiers).
std::string quote_sql_identifier(std::string_view name);
// Snowflake: a name that is a plain identifier ([A-Za-z_][A-Za-z0-9_$]*) stays unquoted so it
// resolves case-insensitively (Airbyte's Snowflake destination upper-cases), others are quoted.
std::string snowflake_identifier(std::string_view name);
// BigQuery: `project.dataset.table` in one backtick-quoted path (backticks and backslashes
// escaped).
std::string bigquery_table_path(std::string_view project, std::string_view dataset, std::string_view table);

// Percent-encodes everything outside RFC 3986 unreserved characters.
std::string uri_escape(std::string_view text);

// postgresql://user@host:port/database[?sslmode=mode] (no password; IPv6 hosts bracketed).
std::string postgres_uri(std::string_view host, int port, std::string_view database, std::string_view user,
                         std::string_view ssl_mode);
// snowflake://user@account/database/schema?warehouse=W&role=R (the SQLAlchemy form; no secret).
std::string snowflake_uri(std::string_view account_identifier, std::string_view user,
                          std::string_view database, std::string_view schema, std::string_view warehouse,
                          std::string_view role);
// bigquery://project/dataset[?location=L] (the SQLAlchemy form; credentials are separate).
std::string bigquery_uri(std::string_view project, std::string_view dataset, std::string_view location);

}  // namespace airbyte_cloud::datasets
