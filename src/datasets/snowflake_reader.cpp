// Snowflake reader over the SQL API v2 (../shared/specs/snowflake/sqlapi.yaml, notes in
// WAREHOUSES.md §1). A statement is submitted once with a fixed requestId (so retries of the POST
// are idempotent), a 202 is polled at its statementStatusUrl, and the result's partitions are
// fetched one at a time as the cursor reaches them: memory holds one partition.
#include <chrono>
#include <thread>

#include "datasets/codec.h"
#include "datasets/readers.h"
#include "datasets/warehouse_rest.h"
#include "datasets/warehouse_values.h"
#include "json/json.h"
#include "transport/url.h"

namespace airbyte_cloud::datasets {
namespace {

using Clock = std::chrono::steady_clock;

// A failed response's body: {code, sqlState, message, statementHandle} when Snowflake sent one.
WarehouseErrorBody read_error(json::Value root) {
    return {json::optional_string(root, "code"), json::optional_string(root, "message")};
}

StatusCode code_for_error(const std::string &code, StatusCode from_http) {
    // 002003: "Object ... does not exist or not authorized."
    return code == "002003" ? StatusCode::kNotFound : from_http;
}

constexpr WarehouseDialect kSnowflake{"Snowflake", "snowflake:", "code ", read_error, code_for_error};

Status failure(const std::string &what, const transport::HttpResponse &response) {
    Status status = warehouse_failure(what, response, kSnowflake);
    if (response.status != 408) return status;
    return Status(status.code(), status.message() + " (the statement exceeded its timeout and was cancelled)",
                  status.detail());
}

}  // namespace

class SnowflakeEndpoint {
public:
    SnowflakeEndpoint(SnowflakeSettings settings, std::shared_ptr<transport::HttpClient> http)
        : settings_(std::move(settings)), http_(std::move(http)) {
        while (!settings_.account_url.empty() && settings_.account_url.back() == '/') settings_.account_url.pop_back();
    }

    // Runs `sql` to completion; the document is the first ResultSet (partition 0 inline).
    StatusOr<json::Document> execute(const std::string &sql, const std::string &what) {
        json::ObjectBuilder body;
        body.add("statement", sql);
        body.add("timeout", static_cast<std::int64_t>((settings_.query_timeout.count() + 999) / 1000));
        if (!settings_.warehouse.empty()) body.add("warehouse", settings_.warehouse);
        if (!settings_.role.empty()) body.add("role", settings_.role);

        transport::HttpRequest request = base_request(transport::HttpMethod::kPost, "/api/v2/statements",
                                                      {{"requestId", new_uuid()}, {"retry", "true"}});
        request.body = body.dump();
        // The fixed requestId with retry=true makes a resent POST return the first submission's
        // statement instead of running it twice.
        request.idempotency = transport::Idempotency::kIdempotent;

        const Clock::time_point deadline = Clock::now() + settings_.query_timeout;
        std::chrono::milliseconds delay = settings_.poll_initial;
        for (;;) {
            StatusOr<transport::HttpResponse> response = send_for(*http_, request, what);
            if (!response.ok()) return response.status();
            if (response->status == 200) {
                StatusOr<json::Document> document = parse_for(response->body, "Snowflake result set", what);
                if (!document.ok()) return document;
                if (!document->root().get("resultSetMetaData").is_object()) {
                    return ProtocolError(what + ": the Snowflake result set has no resultSetMetaData");
                }
                return document;
            }
            if (response->status != 202) return failure(what, *response);

            // Still running: poll the statement's status URL.
            StatusOr<json::Document> status = parse_for(response->body, "Snowflake query status", what);
            if (!status.ok()) return status;
            std::string url = json::optional_string(status->root(), "statementStatusUrl");
            const std::string handle = json::optional_string(status->root(), "statementHandle");
            if (url.empty() && handle.empty()) {
                return ProtocolError(what + ": a 202 from Snowflake without statementStatusUrl or statementHandle");
            }
            if (url.empty()) url = "/api/v2/statements/" + transport::escape_path_segment(handle);
            if (Clock::now() + delay > deadline) {
                ErrorDetail detail;
                detail.timeout_ms = settings_.query_timeout.count();
                return Status(StatusCode::kRequestTimeout,
                              what + ": the statement " + handle + " was still running after " +
                                  std::to_string(settings_.query_timeout.count()) + " ms",
                              std::move(detail));
            }
            std::this_thread::sleep_for(delay);
            delay = std::min(settings_.poll_max, std::chrono::milliseconds(delay.count() * 3 / 2 + 1));
            request = base_request(transport::HttpMethod::kGet, "", {});
            request.url = absolute(url);
        }
    }

    // GET /api/v2/statements/{handle}?partition=N
    StatusOr<json::Document> partition(const std::string &handle, std::size_t index, const std::string &what) {
        transport::HttpRequest request =
            base_request(transport::HttpMethod::kGet, "/api/v2/statements/" + transport::escape_path_segment(handle),
                         {{"partition", std::to_string(index)}});
        StatusOr<transport::HttpResponse> response = send_for(*http_, request, what);
        if (!response.ok()) return response.status();
        if (response->status != 200) return failure(what + " (partition " + std::to_string(index) + ")", *response);
        return parse_for(response->body, "Snowflake result partition", what);
    }

    // For SqlDataset.
    StatusOr<json::Document> run_sql(const TableLocation &, const std::string &sql, const std::string &what) {
        return execute(sql, what);
    }
    static StatusOr<std::vector<Column>> result_columns(const json::Document &result);
    static std::optional<std::string> result_count(const json::Document &result) {
        return result.root().get("data").at(0).at(0).string();
    }
    static StatusOr<std::unique_ptr<RowSource>> open_rows(std::shared_ptr<SnowflakeEndpoint> endpoint,
                                                          json::Document first, std::string what);

private:
    transport::HttpRequest base_request(transport::HttpMethod method, const std::string &path,
                                        const std::vector<std::pair<std::string, std::string>> &query) const {
        transport::HttpRequest request;
        request.method = method;
        request.url = settings_.account_url + path + transport::build_query(query);
        request.headers.emplace_back("X-Snowflake-Authorization-Token-Type", settings_.token_type);
        request.accept_compressed = true;  // partitions may come gzip'd
        return request;
    }

    // statementStatusUrl is relative ("/api/v2/statements/<handle>?requestId=..."): resolve it
    // against the account URL; an absolute URL must stay on that host (it carries the token).
    std::string absolute(const std::string &url) const {
        if (!url.empty() && url[0] == '/') return settings_.account_url + url;
        if (url.compare(0, settings_.account_url.size() + 1, settings_.account_url + "/") == 0) return url;
        return settings_.account_url + "/" + url;
    }

    SnowflakeSettings settings_;
    std::shared_ptr<transport::HttpClient> http_;
};

namespace {

std::vector<Column> columns_of(const std::vector<SnowflakeColumn> &wire) {
    std::vector<Column> columns;
    for (const SnowflakeColumn &column : wire) columns.push_back(Column{column.name, column.type, column.kind});
    return columns;
}

class SnowflakeRowSource final : public RowSource {
public:
    SnowflakeRowSource(std::shared_ptr<SnowflakeEndpoint> endpoint, json::Document first, std::string what)
        : endpoint_(std::move(endpoint)), current_(std::move(first)), what_(std::move(what)) {}

    Status start() {
        const json::Value root = current_.root();
        const json::Value meta = root.get("resultSetMetaData");
        StatusOr<std::vector<SnowflakeColumn>> columns = parse_snowflake_row_type(meta.get("rowType"));
        if (!columns.ok()) return prefixed(columns.status(), what_);
        wire_columns_ = std::move(*columns);
        columns_ = columns_of(wire_columns_);
        handle_ = json::optional_string(root, "statementHandle");
        partitions_ = meta.get("partitionInfo").size();
        if (partitions_ == 0) partitions_ = 1;  // no partitionInfo: everything is inline
        return Status();
    }

    const std::vector<Column> &columns() const override { return columns_; }

    StatusOr<bool> next(std::vector<Cell> &row) override {
        json::Value data = current_.root().get("data");
        while (row_in_partition_ >= data.size()) {
            if (partition_ + 1 >= partitions_) return false;
            ++partition_;
            row_in_partition_ = 0;
            current_ = json::Document();  // drop the previous partition before fetching the next
            StatusOr<json::Document> next = endpoint_->partition(handle_, partition_, what_);
            if (!next.ok()) return next.status();
            current_ = std::move(*next);
            data = current_.root().get("data");
        }
        const json::Value values = data.at(row_in_partition_++);
        if (!values.is_array() || values.size() != wire_columns_.size()) {
            return ProtocolError(what_ + ": a row of partition " + std::to_string(partition_) + " has " +
                                 std::to_string(values.size()) + " values for " + std::to_string(wire_columns_.size()) +
                                 " columns");
        }
        ABC_RETURN_STATUS(decode_row(row, wire_columns_.size(), what_, [&](std::size_t i, Cell &cell) {
            return decode_snowflake_value(wire_columns_[i], values.at(i), cell);
        }));
        return true;
    }

private:
    std::shared_ptr<SnowflakeEndpoint> endpoint_;
    json::Document current_;
    std::string what_;
    std::vector<SnowflakeColumn> wire_columns_;
    std::vector<Column> columns_;
    std::string handle_;
    std::size_t partitions_ = 1;
    std::size_t partition_ = 0;
    std::size_t row_in_partition_ = 0;
};

}  // namespace

StatusOr<std::vector<Column>> SnowflakeEndpoint::result_columns(const json::Document &result) {
    StatusOr<std::vector<SnowflakeColumn>> wire =
        parse_snowflake_row_type(result.root().get("resultSetMetaData").get("rowType"));
    if (!wire.ok()) return wire.status();
    return columns_of(*wire);
}

StatusOr<std::unique_ptr<RowSource>> SnowflakeEndpoint::open_rows(std::shared_ptr<SnowflakeEndpoint> endpoint,
                                                                  json::Document first, std::string what) {
    return started_rows<SnowflakeRowSource>(std::move(endpoint), std::move(first), std::move(what));
}

StatusOr<std::shared_ptr<SnowflakeEndpoint>> make_snowflake_endpoint(SnowflakeSettings settings,
                                                                      std::shared_ptr<transport::HttpClient> http) {
    ABC_RETURN_STATUS(check_base_url(settings.account_url, "the Snowflake account URL"));
    if (settings.token_type.empty()) settings.token_type = "KEYPAIR_JWT";
    return std::make_shared<SnowflakeEndpoint>(std::move(settings), std::move(http));
}

std::shared_ptr<Dataset> make_snowflake_dataset(TableLocation location, std::shared_ptr<SnowflakeEndpoint> endpoint) {
    return std::make_shared<SqlDataset<SnowflakeEndpoint>>(std::move(location), std::move(endpoint));
}

bool has_snowflake_reader() { return true; }

}  // namespace airbyte_cloud::datasets
