#include "postgres_writer.h"

#include "text.h"

#include <libpq-fe.h>

#include <cstdio>
#include <memory>

namespace emulator {

namespace {

// Owning libpq handles: the deleter calls libpq's own free function.
template <auto Free>
struct LibpqFree {
    template <typename Handle>
    void operator()(Handle *handle) const { Free(handle); }
};
using PgConnection = std::unique_ptr<PGconn, LibpqFree<PQfinish>>;
using PgResult = std::unique_ptr<PGresult, LibpqFree<PQclear>>;

std::string trimmed_error(PGconn *connection) {
    std::string message = PQerrorMessage(connection);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return message;
}

bool execute(PGconn *connection, const std::string &sql, std::string &error) {
    PgResult result(PQexec(connection, sql.c_str()));
    ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        error = trimmed_error(connection);
        return false;
    }
    return true;
}

std::string quote_identifier(PGconn *connection, const std::string &name) {
    char *quoted = PQescapeIdentifier(connection, name.c_str(), name.size());
    if (!quoted) return "\"" + name + "\"";
    std::string result(quoted);
    PQfreemem(quoted);
    return result;
}

std::string quote_literal(PGconn *connection, const std::string &text) {
    char *quoted = PQescapeLiteral(connection, text.c_str(), text.size());
    if (!quoted) return "''";
    std::string result(quoted);
    PQfreemem(quoted);
    return result;
}

const char *column_sql_type(ColumnType type, bool unconstrained_number) {
    switch (type) {
    case ColumnType::integer: return "bigint";
    case ColumnType::number: return unconstrained_number ? "decimal" : "decimal(38, 9)";
    case ColumnType::string: return "varchar";
    case ColumnType::timestamp: return "timestamp with time zone";
    case ColumnType::object: return "jsonb";
    }
    return "varchar";
}

// COPY text format: backslash escapes for the characters that delimit fields and rows.
void append_copy_text(std::string &line, const std::string &value) {
    for (char c : value) {
        switch (c) {
        case '\\': line += "\\\\"; break;
        case '\t': line += "\\t"; break;
        case '\n': line += "\\n"; break;
        case '\r': line += "\\r"; break;
        default: line.push_back(c);
        }
    }
}

void append_copy_value(std::string &line, const cJSON *value, ColumnType type) {
    if (!value || cJSON_IsNull(value)) {
        line += "\\N";
        return;
    }
    switch (type) {
    case ColumnType::integer: line += std::to_string(json_node_integer(value)); return;
    case ColumnType::number: {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.2f", value->valuedouble);
        line += buffer;
        return;
    }
    case ColumnType::string:
    case ColumnType::timestamp:
        append_copy_text(line, cJSON_IsString(value) ? value->valuestring : json_dump(value));
        return;
    case ColumnType::object: append_copy_text(line, json_dump(value)); return;
    }
}

std::string extracted_at_text(int64_t epoch_ms) {
    std::string seconds = iso8601_seconds(epoch_ms);  // ...SSZ
    char fraction[32];
    std::snprintf(fraction, sizeof fraction, ".%03lld", static_cast<long long>(epoch_ms % 1000));
    return seconds.substr(0, seconds.size() - 1) + fraction + "Z";
}

bool copy_rows(PGconn *connection, const DestinationWrite &write, const StreamWrite &stream_write,
               const std::string &qualified_table, std::string &error) {
    std::string sql = "COPY " + qualified_table +
                      " (\"_airbyte_raw_id\", \"_airbyte_extracted_at\", \"_airbyte_meta\", \"_airbyte_generation_id\"";
    for (size_t index : stream_write.columns)
        sql += ", " + quote_identifier(connection, stream_write.stream->columns[index].name);
    sql += ") FROM STDIN";
    PgResult started(PQexec(connection, sql.c_str()));
    if (PQresultStatus(started.get()) != PGRES_COPY_IN) {
        error = trimmed_error(connection);
        return false;
    }
    const std::string extracted_at = extracted_at_text(write.extracted_at_ms);
    const std::string meta = "{\"changes\": [], \"sync_id\": " + std::to_string(write.job_id) + "}";
    const std::string generation = std::to_string(write.generation);
    const int64_t rows = faker_row_count(*stream_write.stream, write.count);
    std::string buffer;
    bool ok = true;
    for (int64_t index = 0; index < rows && ok; ++index) {
        Json row = faker_row(*stream_write.stream, index, write.count, write.seed);
        buffer += new_uuid();
        buffer += '\t';
        buffer += extracted_at;
        buffer += '\t';
        append_copy_text(buffer, meta);
        buffer += '\t';
        buffer += generation;
        for (size_t column_index : stream_write.columns) {
            const FakerColumn &column = stream_write.stream->columns[column_index];
            buffer += '\t';
            append_copy_value(buffer, json_member(row.get(), column.name.c_str()), column.type);
        }
        buffer += '\n';
        if (buffer.size() > (1u << 16)) {
            ok = PQputCopyData(connection, buffer.data(), static_cast<int>(buffer.size())) == 1;
            buffer.clear();
        }
    }
    if (ok && !buffer.empty()) ok = PQputCopyData(connection, buffer.data(), static_cast<int>(buffer.size())) == 1;
    if (PQputCopyEnd(connection, ok ? nullptr : "emulator aborted the copy") != 1) ok = false;
    PgResult finished(PQgetResult(connection));
    if (PQresultStatus(finished.get()) != PGRES_COMMAND_OK) ok = false;
    // Drain whatever else the COPY produced so the connection is ready for the next command.
    while (PGresult *extra = PQgetResult(connection)) PQclear(extra);
    if (!ok) error = trimmed_error(connection);
    return ok;
}

}  // namespace

std::string normalise_identifier(const std::string &name) {
    std::string out;
    out.reserve(name.size() + 1);
    for (unsigned char c : name) {
        char lower = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        bool keep = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        out.push_back(keep ? lower : '_');
    }
    if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(out.begin(), '_');
    if (out.size() > 63) out.resize(63);
    return out;
}

namespace {

// Opens the connection to the destination; on failure says why in `error`.
PgConnection connect_target(const PostgresTarget &target, std::string &error) {
    const std::string port = std::to_string(target.port);
    const char *keywords[] = {"host",           "port",    "dbname",          "user",
                              "password",       "sslmode", "connect_timeout", "application_name",
                              "client_encoding", nullptr};
    const char *values[] = {target.host.c_str(),
                            port.c_str(),
                            target.database.c_str(),
                            target.user.c_str(),
                            target.password.empty() ? nullptr : target.password.c_str(),
                            target.ssl_mode.c_str(),
                            "10",
                            "airbyte-cloud-emulator",
                            "UTF8",
                            nullptr};
    // A null password would end the keyword list early; move it out of the way instead.
    if (!values[4]) {
        keywords[4] = "passfile";
        values[4] = "/dev/null";
    }
    PgConnection connection(PQconnectdbParams(keywords, values, 0));
    if (!connection || PQstatus(connection.get()) != CONNECTION_OK) {
        error = "cannot connect to postgres at " + target.host + ":" + port + " database " + target.database +
                " as " + target.user + ": " +
                (connection ? trimmed_error(connection.get()) : std::string("out of memory"));
    }
    return connection;
}

// One stream's table: emptied (clear_only) or (re)created and filled.
bool write_stream(PGconn *db, const DestinationWrite &write, const StreamWrite &stream_write,
                  const std::string &schema, std::string &error) {
    const std::string table = schema + "." + quote_identifier(db, stream_write.table);
    if (write.clear_only) {
        // Clearing keeps an existing table and empties it.
        PgResult exists(PQexec(db, ("SELECT to_regclass(" + quote_literal(db, table) + ") IS NOT NULL").c_str()));
        if (PQresultStatus(exists.get()) != PGRES_TUPLES_OK) {
            error = trimmed_error(db);
            return false;
        }
        return PQgetvalue(exists.get(), 0, 0)[0] != 't' || execute(db, "TRUNCATE TABLE " + table, error);
    }
    std::string columns = "\"_airbyte_raw_id\" uuid NOT NULL, \"_airbyte_extracted_at\" timestamp with time zone "
                          "NOT NULL, \"_airbyte_meta\" jsonb NOT NULL, \"_airbyte_generation_id\" bigint";
    for (size_t index : stream_write.columns) {
        const FakerColumn &column = stream_write.stream->columns[index];
        columns += ", " + quote_identifier(db, column.name) + " " + column_sql_type(column.type, write.unconstrained_number);
    }
    if (!stream_write.append && !execute(db, "DROP TABLE IF EXISTS " + table, error)) return false;
    if (!execute(db, "CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")", error)) return false;
    return copy_rows(db, write, stream_write, table, error);
}

}  // namespace

std::string check_postgres(const PostgresTarget &target) {
    std::string error;
    connect_target(target, error);
    return error;
}

std::string write_to_postgres(const DestinationWrite &write, const std::function<bool()> &may_commit) {
    std::string error;
    PgConnection connection = connect_target(write.target, error);
    if (!error.empty()) return error;
    PGconn *db = connection.get();
    // Server NOTICEs ("table does not exist, skipping") are expected; keep them off stderr.
    PQsetNoticeProcessor(db, [](void *, const char *) {}, nullptr);
    if (!execute(db, "BEGIN", error)) return error;
    const std::string schema = quote_identifier(db, write.schema);
    // Concurrent syncs into one schema would race on CREATE SCHEMA and DROP/CREATE TABLE; a
    // transaction-scoped advisory lock per schema name serialises them.
    if (!execute(db, "SELECT pg_advisory_xact_lock(hashtext(" + quote_literal(db, write.schema) + "))", error) ||
        !execute(db, "CREATE SCHEMA IF NOT EXISTS " + schema, error))
        return error;
    for (const StreamWrite &stream_write : write.streams) {
        if (!write_stream(db, write, stream_write, schema, error)) return error;
    }
    if (!may_commit()) {
        execute(db, "ROLLBACK", error);
        return "cancelled before commit";
    }
    if (!execute(db, "COMMIT", error)) return error;
    return "";
}

}  // namespace emulator
