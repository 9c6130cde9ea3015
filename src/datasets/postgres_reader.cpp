// Postgres reader over libpq. Rows stream with COPY (SELECT ...) TO STDOUT (FORMAT binary): one
// statement, no per-batch round trips, values decoded from their binary form straight into the
// cursor's cells (postgres_binary.h), and memory at one row whatever the table size. Columns of
// a type without a binary decoder here are selected as their text output. COPY TO needs only the
// SELECT privilege and runs on read-only standbys, so there is no second (FETCH) path. Session
// settings make the text output canonical (UTC, ISO dates, round-trip floats) and every
// transaction read-only.
#include <libpq-fe.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "datasets/codec.h"
#include "datasets/naming.h"
#include "datasets/postgres_binary.h"
#include "datasets/readers.h"

namespace airbyte_cloud::datasets {
namespace {

// libpq objects owned by unique_ptr, released with libpq's own function.
template <typename Object, void (*release)(Object *)>
struct Release {
    void operator()(Object *object) const { release(object); }
};
using PgConnection = std::unique_ptr<PGconn, Release<PGconn, PQfinish>>;
using PgResult = std::unique_ptr<PGresult, Release<PGresult, PQclear>>;

constexpr const char *kSessionSetup =
    "SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET IntervalStyle TO 'iso_8601'; "
    "SET extra_float_digits TO 3; SET bytea_output TO 'hex'; SET default_transaction_read_only TO "
    "on";

std::string trimmed(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
    return text;
}

ValueKind kind_for_oid(Oid oid) {
    const PgType *type = pg_type_for_oid(oid);
    return type != nullptr ? type->kind : ValueKind::kText;
}

std::string name_for_oid(Oid oid) {
    const PgType *type = pg_type_for_oid(oid);
    return type != nullptr ? type->name : "oid " + std::to_string(oid);
}

Status status_from_result(const PGresult *result, PGconn *connection, const std::string &what) {
    const char *state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const std::string sqlstate = state != nullptr ? state : "";
    std::string message = result != nullptr ? trimmed(PQresultErrorMessage(result)) : "";
    if (message.empty()) message = trimmed(PQerrorMessage(connection));
    ErrorDetail detail;
    detail.problem_type = sqlstate.empty() ? "" : "sqlstate:" + sqlstate;
    detail.problem_detail = message;
    StatusCode code = StatusCode::kApiError;
    if (sqlstate == "42P01" || sqlstate == "3F000") {
        code = StatusCode::kNotFound;
        message += " (has the stream been synced yet?)";
    } else if (sqlstate == "42501") {
        code = StatusCode::kPermissionDenied;
    } else if (sqlstate.rfind("08", 0) == 0 || (sqlstate.empty() && PQstatus(connection) != CONNECTION_OK)) {
        code = StatusCode::kTransport;
    } else if (sqlstate == "57014") {
        code = StatusCode::kRequestTimeout;
    } else if (sqlstate.rfind("53", 0) == 0 || sqlstate.rfind("57", 0) == 0 || sqlstate.rfind("58", 0) == 0 ||
               sqlstate.rfind("XX", 0) == 0) {
        code = StatusCode::kServerError;
    }
    return Status(code, what + ": " + message, std::move(detail));
}

// Runs a command that returns no rows (or rows nobody reads).
Status execute(PGconn *connection, const char *sql, const std::string &what) {
    PgResult result(PQexec(connection, sql));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        return status_from_result(result.get(), connection, what);
    }
    return Status();
}

StatusOr<PgResult> query(PGconn *connection, const std::string &sql, const std::vector<std::string> &parameters,
                         const std::string &what) {
    std::vector<const char *> values;
    values.reserve(parameters.size());
    for (const std::string &parameter : parameters) values.push_back(parameter.c_str());
    PgResult result(PQexecParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.empty() ? nullptr : values.data(), nullptr, nullptr, 0));
    if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        return status_from_result(result.get(), connection, what);
    }
    return result;
}

}  // namespace

class PostgresEndpoint {
public:
    explicit PostgresEndpoint(PostgresSettings settings) : settings_(std::move(settings)) {}
    ~PostgresEndpoint() {
        for (const std::string &file : files_) std::remove(file.c_str());
        if (!directory_.empty()) rmdir(directory_.c_str());
    }
    PostgresEndpoint(const PostgresEndpoint &) = delete;
    PostgresEndpoint &operator=(const PostgresEndpoint &) = delete;

    // Writes the PEM texts libpq wants as files into a private directory.
    Status prepare() {
        if (settings_.ssl_root_cert_pem.empty() && settings_.ssl_cert_pem.empty() && settings_.ssl_key_pem.empty()) {
            return Status();
        }
        const char *tmp = std::getenv("TMPDIR");
        std::string pattern = std::string(tmp != nullptr && tmp[0] != '\0' ? tmp : "/tmp") + "/abc-postgres-XXXXXX";
        std::vector<char> buffer(pattern.begin(), pattern.end());
        buffer.push_back('\0');
        if (mkdtemp(buffer.data()) == nullptr) {
            return Status(StatusCode::kInternal, "cannot create a private directory for the Postgres SSL files");
        }
        directory_ = buffer.data();
        ABC_RETURN_STATUS(write_file("root.crt", settings_.ssl_root_cert_pem, root_cert_path_));
        ABC_RETURN_STATUS(write_file("client.crt", settings_.ssl_cert_pem, cert_path_));
        ABC_RETURN_STATUS(write_file("client.key", settings_.ssl_key_pem, key_path_));
        return Status();
    }

    StatusOr<PgConnection> connect() const {
        std::vector<const char *> keywords;
        std::vector<const char *> values;
        const std::string port = std::to_string(settings_.port);
        const std::string timeout = std::to_string(settings_.connect_timeout_seconds);
        // The values must outlive PQconnectdbParams: only settings_ members and literals here.
        auto add = [&](const char *keyword, const char *value) {
            if (value == nullptr || value[0] == '\0') return;
            keywords.push_back(keyword);
            values.push_back(value);
        };
        add("host", settings_.host.c_str());
        add("port", port.c_str());
        add("dbname", settings_.database.c_str());
        add("user", settings_.user.c_str());
        add("password", settings_.password.c_str());
        add("sslmode", settings_.ssl_mode.c_str());
        add("sslrootcert", root_cert_path_.c_str());
        add("sslcert", cert_path_.c_str());
        add("sslkey", key_path_.c_str());
        add("sslpassword", settings_.ssl_key_password.c_str());
        add("connect_timeout", timeout.c_str());
        add("application_name", kApplicationName);
        add("client_encoding", kEncoding);
        keywords.push_back(nullptr);
        values.push_back(nullptr);
        PgConnection connection(PQconnectdbParams(keywords.data(), values.data(), 0));
        if (!connection) return Status(StatusCode::kOutOfMemory, "out of memory connecting to Postgres");
        if (PQstatus(connection.get()) != CONNECTION_OK) {
            std::string reason = trimmed(PQerrorMessage(connection.get()));
            StatusCode code = StatusCode::kTransport;
            if (reason.find("password authentication failed") != std::string::npos ||
                reason.find("no password supplied") != std::string::npos ||
                reason.find("authentication failed") != std::string::npos) {
                code = StatusCode::kUnauthenticated;
            } else if (reason.find("does not exist") != std::string::npos) {
                code = StatusCode::kNotFound;
            }
            ErrorDetail detail;
            detail.problem_detail = reason;
            return Status(code,
                          "cannot connect to Postgres at " + settings_.host + ":" + port + " database '" +
                              settings_.database + "' as '" + settings_.user + "': " + reason,
                          std::move(detail));
        }
        Status setup = execute(connection.get(), kSessionSetup, "setting up the Postgres session");
        if (!setup.ok()) return setup;
        return connection;
    }

    const PostgresSettings &settings() const { return settings_; }

private:
    static constexpr const char *kApplicationName = "libairbyte_cloud";
    static constexpr const char *kEncoding = "UTF8";

    Status write_file(const char *name, const std::string &content, std::string &path) {
        if (content.empty()) return Status();
        path = directory_ + "/" + name;
        FILE *file = std::fopen(path.c_str(), "wx");
        if (file == nullptr) return Status(StatusCode::kInternal, "cannot write " + path);
        chmod(path.c_str(), S_IRUSR | S_IWUSR);
        files_.push_back(path);
        const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
        const bool closed = std::fclose(file) == 0;
        if (!written || !closed) return Status(StatusCode::kInternal, "cannot write " + path);
        return Status();
    }

    PostgresSettings settings_;
    std::string directory_;
    std::vector<std::string> files_;
    std::string root_cert_path_;
    std::string cert_path_;
    std::string key_path_;
};

namespace {

class PostgresCopySource final : public RowSource {
public:
    PostgresCopySource(PgConnection connection, std::vector<Column> columns, std::vector<PgCopyColumn> wires,
                       std::string what)
        : connection_(std::move(connection)), columns_(std::move(columns)), parser_(std::move(wires)),
          what_(std::move(what)) {}

    const std::vector<Column> &columns() const override { return columns_; }

    StatusOr<bool> next(std::vector<Cell> &row) override {
        for (;;) {
            StatusOr<PgCopyParser::Step> step = parser_.next(row);
            if (!step.ok()) return prefixed(step.status(), what_);
            if (*step == PgCopyParser::Step::kRow) return true;
            // After the trailer, receive() reads how the COPY ended (and that nothing followed).
            ABC_RETURN_STATUS(receive());
            if (copy_over_) return false;
        }
    }

private:
    // Hands the next CopyData message to the parser, or checks how the COPY ended.
    Status receive() {
        char *data = nullptr;
        const int size = PQgetCopyData(connection_.get(), &data, 0);
        if (size > 0) {
            parser_.append(std::string_view(data, static_cast<std::size_t>(size)));
            message_.reset(data);  // the parser reads it in place until the next one arrives
            return Status();
        }
        if (size == -1) {
            copy_over_ = true;
            PgResult result(PQgetResult(connection_.get()));
            if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
                return status_from_result(result.get(), connection_.get(), what_);
            }
            while (PgResult(PQgetResult(connection_.get()))) {
            }
            Status finished = parser_.finish();
            return finished.ok() ? finished : prefixed(finished, what_);
        }
        return Status(StatusCode::kTransport, what_ + ": " + trimmed(PQerrorMessage(connection_.get())));
    }

    PgConnection connection_;
    std::vector<Column> columns_;
    PgCopyParser parser_;
    std::unique_ptr<char, Release<void, PQfreemem>> message_;  // the CopyData message being read
    std::string what_;
    bool copy_over_ = false;
};

// The COPY statement for `table` whose columns `shape` (a LIMIT 0 result) describes; fills in the
// cursor's columns and each column's binary form.
std::string copy_statement(const PGresult *shape, const std::string &table,
                           std::vector<Column> &columns, std::vector<PgCopyColumn> &wires) {
    std::string select;
    for (int i = 0; i < PQnfields(shape); ++i) {
        const Oid oid = PQftype(shape, i);
        const PgType *type = pg_type_for_oid(oid);
        const bool binary = type != nullptr && type->binary;
        const std::string quoted = quote_sql_identifier(PQfname(shape, i));
        if (i > 0)
            select += ", ";
        // concat() prints any type with its output function, as the text protocol would.
        select += binary ? quoted
                         : "CASE WHEN num_nulls(" + quoted + ") = 1 THEN NULL ELSE concat(" +
                               quoted + ") END";
        columns.push_back(Column{PQfname(shape, i), name_for_oid(oid), kind_for_oid(oid)});
        wires.push_back(PgCopyColumn{PQfname(shape, i), name_for_oid(oid),
                                     binary ? type->wire : PgWire::kText});
    }
    return "COPY (SELECT " + select + " FROM " + table + ") TO STDOUT (FORMAT binary)";
}

class PostgresDataset final : public Dataset {
public:
    PostgresDataset(TableLocation location, std::shared_ptr<PostgresEndpoint> endpoint)
        : Dataset(std::move(location)), endpoint_(std::move(endpoint)) {}

protected:
    StatusOr<std::vector<Column>> load_columns() override {
        StatusOr<PGconn *> connection = metadata_connection();
        if (!connection.ok()) return connection.status();
        const std::string what = "reading the columns of " + location().qualified_name;
        StatusOr<PgResult> exists =
            query(*connection, "SELECT to_regclass($1) IS NOT NULL", {location().qualified_name}, what);
        if (!exists.ok()) return exists.status();
        if (PQgetvalue(exists->get(), 0, 0)[0] != 't') {
            ErrorDetail detail;
            detail.problem_type = "sqlstate:42P01";
            return Status(StatusCode::kNotFound,
                          what + ": the table does not exist (has the stream been synced yet?)", detail);
        }
        StatusOr<PgResult> result =
            query(*connection,
                  "SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.atttypid "
                  "FROM pg_catalog.pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 "
                  "AND NOT a.attisdropped ORDER BY a.attnum",
                  {location().qualified_name}, what);
        if (!result.ok()) return result.status();
        std::vector<Column> columns;
        for (int row = 0; row < PQntuples(result->get()); ++row) {
            const Oid oid = static_cast<Oid>(std::strtoul(PQgetvalue(result->get(), row, 2), nullptr, 10));
            columns.push_back(Column{PQgetvalue(result->get(), row, 0), PQgetvalue(result->get(), row, 1),
                                     kind_for_oid(oid)});
        }
        return columns;
    }

    StatusOr<std::int64_t> count_rows() override {
        StatusOr<PGconn *> connection = metadata_connection();
        if (!connection.ok()) return connection.status();
        const std::string what = "counting the rows of " + location().qualified_name;
        StatusOr<PgResult> result = query(*connection, "SELECT count(*) FROM " + location().qualified_name, {}, what);
        if (!result.ok()) return result.status();
        std::optional<std::int64_t> count = parse_int64(PQgetvalue(result->get(), 0, 0));
        if (!count) return ProtocolError(what + ": count(*) is not a number");
        return *count;
    }

    StatusOr<std::unique_ptr<RowSource>> open_rows() override {
        StatusOr<PgConnection> connection = endpoint_->connect();
        if (!connection.ok()) return connection.status();
        const std::string what = "reading " + location().qualified_name;
        StatusOr<PgResult> shape = query(
            connection->get(), "SELECT * FROM " + location().qualified_name + " LIMIT 0", {}, what);
        if (!shape.ok())
            return shape.status();
        std::vector<Column> columns;
        std::vector<PgCopyColumn> wires;
        const std::string copy =
            copy_statement(shape->get(), location().qualified_name, columns, wires);
        PgResult started(PQexec(connection->get(), copy.c_str()));
        if (PQresultStatus(started.get()) != PGRES_COPY_OUT) {
            return status_from_result(started.get(), connection->get(), what);
        }
        return std::unique_ptr<RowSource>(std::make_unique<PostgresCopySource>(
            std::move(*connection), std::move(columns), std::move(wires), what));
    }

private:
    // One connection for metadata queries, opened on first use and again after it broke.
    StatusOr<PGconn *> metadata_connection() {
        if (metadata_ && PQstatus(metadata_.get()) == CONNECTION_OK) return metadata_.get();
        StatusOr<PgConnection> connection = endpoint_->connect();
        if (!connection.ok()) return connection.status();
        metadata_ = std::move(*connection);
        return metadata_.get();
    }

    std::shared_ptr<PostgresEndpoint> endpoint_;
    PgConnection metadata_;
};

}  // namespace

StatusOr<std::shared_ptr<PostgresEndpoint>> make_postgres_endpoint(PostgresSettings settings) {
    auto endpoint = std::make_shared<PostgresEndpoint>(std::move(settings));
    ABC_RETURN_STATUS(endpoint->prepare());
    return endpoint;
}

std::shared_ptr<Dataset> make_postgres_dataset(TableLocation location, std::shared_ptr<PostgresEndpoint> endpoint) {
    return std::make_shared<PostgresDataset>(std::move(location), std::move(endpoint));
}

bool has_postgres_reader() { return true; }

}  // namespace airbyte_cloud::datasets
