// Snowflake reader over the SQL API v2 (../shared/specs/snowflake/sqlapi.yaml, notes in
// WAREHOUSES.md §1). A statement is submitted once with a fixed requestId (so retries of the POST
// are idempotent), a 202 is polled at its statementStatusUrl, and the result's partitions are
// fetched one at a time as the cursor reaches them: memory holds one partition.
#include <chrono>
#include <thread>

#include "datasets/codec.h"
#include "datasets/readers.h"
#include "datasets/warehouse_values.h"
#include "json/json.h"
#include "transport/url.h"

namespace airbyte_cloud::datasets {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kLongestQuotedMessage = 400;

// A failed response: {code, sqlState, message, statementHandle} when Snowflake sent one.
Status failure(const std::string &what, const transport::HttpResponse &response) {
    ErrorDetail detail;
    detail.http_status = static_cast<int>(response.status);
    detail.retry_after_ms = response.retry_after_ms;
    StatusCode code = transport::status_code_for_http_status(response.status);
    std::string message = what + ": Snowflake answered HTTP " + std::to_string(response.status);
    StatusOr<json::Document> body = json::Document::parse(response.body, "Snowflake error");
    if (body.ok() && body->root().is_object()) {
        const std::string sf_code = json::optional_string(body->root(), "code");
        std::string text = json::optional_string(body->root(), "message");
        if (text.size() > kLongestQuotedMessage) text = text.substr(0, kLongestQuotedMessage) + "...";
        detail.problem_type = sf_code.empty() ? "" : "snowflake:" + sf_code;
        detail.problem_detail = text;
        if (!sf_code.empty()) message += " (code " + sf_code + ")";
        if (!text.empty()) message += ": " + text;
        // 002003: "Object ... does not exist or not authorized."
        if (sf_code == "002003") code = StatusCode::kNotFound;
    }
    if (response.status == 408) message += " (the statement exceeded its timeout and was cancelled)";
    message += transport::response_circumstances(response);
    return Status(code, std::move(message), std::move(detail));
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
            StatusOr<transport::HttpResponse> response = http_->send(request);
            if (!response.ok()) return Status(response.status().code(), what + ": " + response.status().message(),
                                              response.status().detail());
            if (response->status == 200) {
                StatusOr<json::Document> document = json::Document::parse(response->body, "Snowflake result set");
                if (!document.ok()) return Status(document.status().code(), what + ": " + document.status().message());
                if (!document->root().get("resultSetMetaData").is_object()) {
                    return ProtocolError(what + ": the Snowflake result set has no resultSetMetaData");
                }
                return document;
            }
            if (response->status != 202) return failure(what, *response);

            // Still running: poll the statement's status URL.
            StatusOr<json::Document> status = json::Document::parse(response->body, "Snowflake query status");
            if (!status.ok()) return Status(status.status().code(), what + ": " + status.status().message());
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
        StatusOr<transport::HttpResponse> response = http_->send(request);
        if (!response.ok()) return Status(response.status().code(), what + ": " + response.status().message(),
                                          response.status().detail());
        if (response->status != 200) return failure(what + " (partition " + std::to_string(index) + ")", *response);
        StatusOr<json::Document> document = json::Document::parse(response->body, "Snowflake result partition");
        if (!document.ok()) return Status(document.status().code(), what + ": " + document.status().message());
        return document;
    }

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

class SnowflakeRowSource final : public RowSource {
public:
    SnowflakeRowSource(std::shared_ptr<SnowflakeEndpoint> endpoint, json::Document first, std::string what)
        : endpoint_(std::move(endpoint)), current_(std::move(first)), what_(std::move(what)) {}

    Status start() {
        const json::Value root = current_.root();
        const json::Value meta = root.get("resultSetMetaData");
        StatusOr<std::vector<SnowflakeColumn>> columns = parse_snowflake_row_type(meta.get("rowType"));
        if (!columns.ok()) return Status(columns.status().code(), what_ + ": " + columns.status().message());
        wire_columns_ = std::move(*columns);
        for (const SnowflakeColumn &column : wire_columns_) {
            columns_.push_back(Column{column.name, column.type, column.kind});
        }
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
        row.resize(wire_columns_.size());
        for (std::size_t i = 0; i < wire_columns_.size(); ++i) {
            Status decoded = decode_snowflake_value(wire_columns_[i], values.at(i), row[i]);
            if (!decoded.ok()) return Status(decoded.code(), what_ + ": " + decoded.message());
        }
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

class SnowflakeDataset final : public Dataset {
public:
    SnowflakeDataset(TableLocation location, std::shared_ptr<SnowflakeEndpoint> endpoint)
        : Dataset(std::move(location)), endpoint_(std::move(endpoint)) {}

protected:
    StatusOr<std::vector<Column>> load_columns() override {
        const std::string what = "reading the columns of " + location().qualified_name;
        StatusOr<json::Document> result = endpoint_->execute("SELECT * FROM " + location().qualified_name + " LIMIT 0", what);
        if (!result.ok()) return result.status();
        StatusOr<std::vector<SnowflakeColumn>> wire =
            parse_snowflake_row_type(result->root().get("resultSetMetaData").get("rowType"));
        if (!wire.ok()) return Status(wire.status().code(), what + ": " + wire.status().message());
        std::vector<Column> columns;
        for (const SnowflakeColumn &column : *wire) columns.push_back(Column{column.name, column.type, column.kind});
        return columns;
    }

    StatusOr<std::int64_t> count_rows() override {
        const std::string what = "counting the rows of " + location().qualified_name;
        StatusOr<json::Document> result = endpoint_->execute("SELECT COUNT(*) FROM " + location().qualified_name, what);
        if (!result.ok()) return result.status();
        std::optional<std::string> text = result->root().get("data").at(0).at(0).string();
        std::optional<std::int64_t> count = text ? parse_int64(*text) : std::nullopt;
        if (!count) return ProtocolError(what + ": the result has no count");
        return *count;
    }

    StatusOr<std::unique_ptr<RowSource>> open_rows() override {
        const std::string what = "reading " + location().qualified_name;
        StatusOr<json::Document> result = endpoint_->execute("SELECT * FROM " + location().qualified_name, what);
        if (!result.ok()) return result.status();
        auto source = std::make_unique<SnowflakeRowSource>(endpoint_, std::move(*result), what);
        ABC_RETURN_STATUS(source->start());
        return std::unique_ptr<RowSource>(std::move(source));
    }

private:
    std::shared_ptr<SnowflakeEndpoint> endpoint_;
};

}  // namespace

StatusOr<std::shared_ptr<SnowflakeEndpoint>> make_snowflake_endpoint(SnowflakeSettings settings,
                                                                      std::shared_ptr<transport::HttpClient> http) {
    if (settings.account_url.compare(0, 7, "http://") != 0 && settings.account_url.compare(0, 8, "https://") != 0) {
        return InvalidArgument("the Snowflake account URL '" + settings.account_url +
                               "' must start with http:// or https://");
    }
    if (settings.token_type.empty()) settings.token_type = "KEYPAIR_JWT";
    return std::make_shared<SnowflakeEndpoint>(std::move(settings), std::move(http));
}

std::shared_ptr<Dataset> make_snowflake_dataset(TableLocation location, std::shared_ptr<SnowflakeEndpoint> endpoint) {
    return std::make_shared<SnowflakeDataset>(std::move(location), std::move(endpoint));
}

bool has_snowflake_reader() { return true; }

}  // namespace airbyte_cloud::datasets
