// BigQuery reader over REST v2 (../shared/specs/bigquery/bigquery-v2.yaml, notes in
// WAREHOUSES.md §2): jobs.query with standard SQL, int64 timestamps and a requestId (so a resent
// POST is idempotent), getQueryResults until the job is complete, then page by pageToken.
// Memory holds one page.
#include <chrono>

#include "datasets/codec.h"
#include "datasets/readers.h"
#include "datasets/warehouse_rest.h"
#include "datasets/warehouse_values.h"
#include "json/json.h"
#include "transport/url.h"

namespace airbyte_cloud::datasets {
namespace {

using Clock = std::chrono::steady_clock;

// Google's error envelope: {"error":{"code","message","status","errors":[{"reason","message"}]}}.
WarehouseErrorBody read_error(json::Value root) {
    const json::Value error = root.get("error");
    std::string reason = json::optional_string(error.get("errors").at(0), "reason");
    if (reason.empty()) reason = json::optional_string(error, "status");
    return {reason, json::optional_string(error, "message")};
}

StatusCode code_for_reason(const std::string &reason, StatusCode from_http) {
    if (reason == "rateLimitExceeded") return StatusCode::kRateLimited;
    if (reason == "notFound") return StatusCode::kNotFound;
    if (reason == "accessDenied") return StatusCode::kPermissionDenied;
    return from_http;
}

constexpr WarehouseDialect kBigQuery{"BigQuery", "bigquery:", "", read_error, code_for_reason};

struct JobReference {
    std::string project_id;
    std::string job_id;
    std::string location;
};

}  // namespace

class BigQueryEndpoint {
public:
    BigQueryEndpoint(BigQuerySettings settings, std::shared_ptr<transport::HttpClient> http)
        : settings_(std::move(settings)), http_(std::move(http)) {
        while (!settings_.base_url.empty() && settings_.base_url.back() == '/') settings_.base_url.pop_back();
    }

    // jobs.query, then getQueryResults until jobComplete: the first page, with schema.
    StatusOr<json::Document> query(const std::string &project, const std::string &sql, const std::string &what) {
        json::ObjectBuilder format;
        format.add("useInt64Timestamp", true);
        json::ObjectBuilder body;
        body.add("query", sql);
        body.add("useLegacySql", false);
        body.add("maxResults", settings_.page_rows);
        body.add("timeoutMs", static_cast<std::int64_t>(settings_.poll_timeout.count()));
        body.add("requestId", new_uuid());
        body.add("jobCreationMode", "JOB_CREATION_REQUIRED");
        body.add("formatOptions", std::move(format));
        if (!settings_.location.empty()) body.add("location", settings_.location);

        transport::HttpRequest request;
        request.method = transport::HttpMethod::kPost;
        request.url = settings_.base_url + "/projects/" + transport::escape_path_segment(project) + "/queries";
        request.body = body.dump();
        request.idempotency = transport::Idempotency::kIdempotent;  // requestId makes it so
        request.accept_compressed = true;

        StatusOr<json::Document> page = send(request, what);
        if (!page.ok()) return page;
        const Clock::time_point deadline = Clock::now() + settings_.query_timeout;
        while (!page->root().get("jobComplete").boolean().value_or(false)) {
            if (Clock::now() >= deadline) {
                ErrorDetail detail;
                detail.timeout_ms = settings_.query_timeout.count();
                return Status(StatusCode::kRequestTimeout,
                              what + ": the query job was still running after " +
                                  std::to_string(settings_.query_timeout.count()) + " ms",
                              std::move(detail));
            }
            StatusOr<JobReference> job = job_reference(*page, what);
            if (!job.ok()) return job.status();
            // getQueryResults waits server-side up to timeoutMs: no client-side sleep needed.
            page = results(*job, "", what);
            if (!page.ok()) return page;
        }
        if (!page->root().get("schema").is_object()) {
            return ProtocolError(what + ": the completed BigQuery query has no schema");
        }
        return page;
    }

    StatusOr<JobReference> job_reference(const json::Document &page, const std::string &what) const {
        const json::Value reference = page.root().get("jobReference");
        JobReference job;
        job.project_id = json::optional_string(reference, "projectId");
        job.job_id = json::optional_string(reference, "jobId");
        job.location = json::optional_string(reference, "location");
        if (job.job_id.empty() || job.project_id.empty()) {
            return ProtocolError(what + ": the BigQuery response has no jobReference to fetch more results with");
        }
        if (job.location.empty()) job.location = settings_.location;
        return job;
    }

    // getQueryResults for one page (page_token "" = the first / completion check).
    StatusOr<json::Document> results(const JobReference &job, const std::string &page_token, const std::string &what) {
        std::vector<std::pair<std::string, std::string>> query;
        if (!job.location.empty()) query.emplace_back("location", job.location);
        query.emplace_back("maxResults", std::to_string(settings_.page_rows));
        query.emplace_back("timeoutMs", std::to_string(settings_.poll_timeout.count()));
        query.emplace_back("formatOptions.useInt64Timestamp", "true");
        if (!page_token.empty()) query.emplace_back("pageToken", page_token);
        transport::HttpRequest request;
        request.method = transport::HttpMethod::kGet;
        request.url = settings_.base_url + "/projects/" + transport::escape_path_segment(job.project_id) + "/queries/" +
                      transport::escape_path_segment(job.job_id) + transport::build_query(query);
        request.accept_compressed = true;
        return send(request, what);
    }

    // For SqlDataset.
    StatusOr<json::Document> run_sql(const TableLocation &table, const std::string &sql, const std::string &what) {
        return query(table.database, sql, what);
    }
    static StatusOr<std::vector<Column>> result_columns(const json::Document &result);
    static std::optional<std::string> result_count(const json::Document &result) {
        return result.root().get("rows").at(0).get("f").at(0).get("v").string();
    }
    static StatusOr<std::unique_ptr<RowSource>> open_rows(std::shared_ptr<BigQueryEndpoint> endpoint,
                                                          json::Document first, std::string what);

private:
    StatusOr<json::Document> send(const transport::HttpRequest &request, const std::string &what) {
        StatusOr<transport::HttpResponse> response = send_for(*http_, request, what);
        if (!response.ok()) return response.status();
        if (response->status < 200 || response->status >= 300) return warehouse_failure(what, *response, kBigQuery);
        StatusOr<json::Document> document = parse_for(response->body, "BigQuery response", what);
        if (!document.ok()) return document;
        if (!document->root().is_object()) return ProtocolError(what + ": the BigQuery response is not a JSON object");
        return document;
    }

    BigQuerySettings settings_;
    std::shared_ptr<transport::HttpClient> http_;
};

namespace {

std::vector<Column> columns_of(const std::vector<BigQueryField> &fields) {
    std::vector<Column> columns;
    for (const BigQueryField &field : fields) {
        columns.push_back(Column{field.name, bigquery_type_name(field), bigquery_kind(field)});
    }
    return columns;
}

class BigQueryRowSource final : public RowSource {
public:
    BigQueryRowSource(std::shared_ptr<BigQueryEndpoint> endpoint, json::Document first, std::string what)
        : endpoint_(std::move(endpoint)), page_(std::move(first)), what_(std::move(what)) {}

    Status start() {
        StatusOr<std::vector<BigQueryField>> fields = parse_bigquery_schema(page_.root().get("schema"));
        if (!fields.ok()) return prefixed(fields.status(), what_);
        fields_ = std::move(*fields);
        columns_ = columns_of(fields_);
        page_token_ = json::optional_string(page_.root(), "pageToken");
        if (!page_token_.empty()) {
            StatusOr<JobReference> job = endpoint_->job_reference(page_, what_);
            if (!job.ok()) return job.status();
            job_ = std::move(*job);
        }
        return Status();
    }

    const std::vector<Column> &columns() const override { return columns_; }

    StatusOr<bool> next(std::vector<Cell> &row) override {
        json::Value rows = page_.root().get("rows");
        while (row_in_page_ >= rows.size()) {
            if (page_token_.empty()) return false;
            const std::string token = std::move(page_token_);
            page_ = json::Document();  // drop the previous page before fetching the next
            StatusOr<json::Document> next = endpoint_->results(job_, token, what_);
            if (!next.ok()) return next.status();
            page_ = std::move(*next);
            page_token_ = json::optional_string(page_.root(), "pageToken");
            if (page_token_ == token) return ProtocolError(what_ + ": BigQuery returned the same pageToken again");
            row_in_page_ = 0;
            rows = page_.root().get("rows");
        }
        const json::Value cells = rows.at(row_in_page_++).get("f");
        if (!cells.is_array() || cells.size() != fields_.size()) {
            return ProtocolError(what_ + ": a row has " + std::to_string(cells.size()) + " cells for " +
                                 std::to_string(fields_.size()) + " columns");
        }
        ABC_RETURN_STATUS(decode_row(row, fields_.size(), what_, [&](std::size_t i, Cell &cell) {
            return decode_bigquery_value(fields_[i], cells.at(i).get("v"), cell);
        }));
        return true;
    }

private:
    std::shared_ptr<BigQueryEndpoint> endpoint_;
    json::Document page_;
    std::string what_;
    std::vector<BigQueryField> fields_;
    std::vector<Column> columns_;
    std::string page_token_;
    JobReference job_;
    std::size_t row_in_page_ = 0;
};

}  // namespace

StatusOr<std::vector<Column>> BigQueryEndpoint::result_columns(const json::Document &result) {
    StatusOr<std::vector<BigQueryField>> fields = parse_bigquery_schema(result.root().get("schema"));
    if (!fields.ok()) return fields.status();
    return columns_of(*fields);
}

StatusOr<std::unique_ptr<RowSource>> BigQueryEndpoint::open_rows(std::shared_ptr<BigQueryEndpoint> endpoint,
                                                                 json::Document first, std::string what) {
    return started_rows<BigQueryRowSource>(std::move(endpoint), std::move(first), std::move(what));
}

StatusOr<std::shared_ptr<BigQueryEndpoint>> make_bigquery_endpoint(BigQuerySettings settings,
                                                                    std::shared_ptr<transport::HttpClient> http) {
    ABC_RETURN_STATUS(check_base_url(settings.base_url, "the BigQuery base URL"));
    if (settings.page_rows < 1) settings.page_rows = 10000;
    return std::make_shared<BigQueryEndpoint>(std::move(settings), std::move(http));
}

std::shared_ptr<Dataset> make_bigquery_dataset(TableLocation location, std::shared_ptr<BigQueryEndpoint> endpoint) {
    return std::make_shared<SqlDataset<BigQueryEndpoint>>(std::move(location), std::move(endpoint));
}

bool has_bigquery_reader() { return true; }

}  // namespace airbyte_cloud::datasets
