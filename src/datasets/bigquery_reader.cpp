// BigQuery reader over REST v2 (../shared/specs/bigquery/bigquery-v2.yaml, notes in
// WAREHOUSES.md §2): jobs.query with standard SQL, int64 timestamps and a requestId (so a resent
// POST is idempotent), getQueryResults until the job is complete, then page by pageToken.
// Memory holds one page.
#include <chrono>

#include "datasets/codec.h"
#include "datasets/readers.h"
#include "datasets/warehouse_values.h"
#include "json/json.h"
#include "transport/url.h"

namespace airbyte_cloud::datasets {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::size_t kLongestQuotedMessage = 400;

// Google's error envelope: {"error":{"code","message","status","errors":[{"reason","message"}]}}.
Status failure(const std::string &what, const transport::HttpResponse &response) {
    ErrorDetail detail;
    detail.http_status = static_cast<int>(response.status);
    detail.retry_after_ms = response.retry_after_ms;
    StatusCode code = transport::status_code_for_http_status(response.status);
    std::string message = what + ": BigQuery answered HTTP " + std::to_string(response.status);
    StatusOr<json::Document> body = json::Document::parse(response.body, "BigQuery error");
    if (body.ok()) {
        const json::Value error = body->root().get("error");
        std::string reason = json::optional_string(error.get("errors").at(0), "reason");
        if (reason.empty()) reason = json::optional_string(error, "status");
        std::string text = json::optional_string(error, "message");
        if (text.size() > kLongestQuotedMessage) text = text.substr(0, kLongestQuotedMessage) + "...";
        detail.problem_type = reason.empty() ? "" : "bigquery:" + reason;
        detail.problem_detail = text;
        if (!reason.empty()) message += " (" + reason + ")";
        if (!text.empty()) message += ": " + text;
        if (reason == "rateLimitExceeded") code = StatusCode::kRateLimited;
        if (reason == "notFound") code = StatusCode::kNotFound;
        if (reason == "accessDenied") code = StatusCode::kPermissionDenied;
    }
    message += transport::response_circumstances(response);
    return Status(code, std::move(message), std::move(detail));
}

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

private:
    StatusOr<json::Document> send(const transport::HttpRequest &request, const std::string &what) {
        StatusOr<transport::HttpResponse> response = http_->send(request);
        if (!response.ok()) return Status(response.status().code(), what + ": " + response.status().message(),
                                          response.status().detail());
        if (response->status < 200 || response->status >= 300) return failure(what, *response);
        StatusOr<json::Document> document = json::Document::parse(response->body, "BigQuery response");
        if (!document.ok()) return Status(document.status().code(), what + ": " + document.status().message());
        if (!document->root().is_object()) return ProtocolError(what + ": the BigQuery response is not a JSON object");
        return document;
    }

    BigQuerySettings settings_;
    std::shared_ptr<transport::HttpClient> http_;
};

namespace {

class BigQueryRowSource final : public RowSource {
public:
    BigQueryRowSource(std::shared_ptr<BigQueryEndpoint> endpoint, json::Document first, std::string what)
        : endpoint_(std::move(endpoint)), page_(std::move(first)), what_(std::move(what)) {}

    Status start() {
        StatusOr<std::vector<BigQueryField>> fields = parse_bigquery_schema(page_.root().get("schema"));
        if (!fields.ok()) return Status(fields.status().code(), what_ + ": " + fields.status().message());
        fields_ = std::move(*fields);
        for (const BigQueryField &field : fields_) {
            columns_.push_back(Column{field.name, bigquery_type_name(field), bigquery_kind(field)});
        }
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
        row.resize(fields_.size());
        for (std::size_t i = 0; i < fields_.size(); ++i) {
            Status decoded = decode_bigquery_value(fields_[i], cells.at(i).get("v"), row[i]);
            if (!decoded.ok()) return Status(decoded.code(), what_ + ": " + decoded.message());
        }
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

class BigQueryDataset final : public Dataset {
public:
    BigQueryDataset(TableLocation location, std::shared_ptr<BigQueryEndpoint> endpoint)
        : Dataset(std::move(location)), endpoint_(std::move(endpoint)) {}

protected:
    StatusOr<std::vector<Column>> load_columns() override {
        const std::string what = "reading the columns of " + location().qualified_name;
        StatusOr<json::Document> page =
            endpoint_->query(location().database, "SELECT * FROM " + location().qualified_name + " LIMIT 0", what);
        if (!page.ok()) return page.status();
        StatusOr<std::vector<BigQueryField>> fields = parse_bigquery_schema(page->root().get("schema"));
        if (!fields.ok()) return Status(fields.status().code(), what + ": " + fields.status().message());
        std::vector<Column> columns;
        for (const BigQueryField &field : *fields) {
            columns.push_back(Column{field.name, bigquery_type_name(field), bigquery_kind(field)});
        }
        return columns;
    }

    StatusOr<std::int64_t> count_rows() override {
        const std::string what = "counting the rows of " + location().qualified_name;
        StatusOr<json::Document> page =
            endpoint_->query(location().database, "SELECT COUNT(*) FROM " + location().qualified_name, what);
        if (!page.ok()) return page.status();
        std::optional<std::string> text = page->root().get("rows").at(0).get("f").at(0).get("v").string();
        std::optional<std::int64_t> count = text ? parse_int64(*text) : std::nullopt;
        if (!count) return ProtocolError(what + ": the result has no count");
        return *count;
    }

    StatusOr<std::unique_ptr<RowSource>> open_rows() override {
        const std::string what = "reading " + location().qualified_name;
        StatusOr<json::Document> page =
            endpoint_->query(location().database, "SELECT * FROM " + location().qualified_name, what);
        if (!page.ok()) return page.status();
        auto source = std::make_unique<BigQueryRowSource>(endpoint_, std::move(*page), what);
        ABC_RETURN_STATUS(source->start());
        return std::unique_ptr<RowSource>(std::move(source));
    }

private:
    std::shared_ptr<BigQueryEndpoint> endpoint_;
};

}  // namespace

StatusOr<std::shared_ptr<BigQueryEndpoint>> make_bigquery_endpoint(BigQuerySettings settings,
                                                                    std::shared_ptr<transport::HttpClient> http) {
    if (settings.base_url.compare(0, 7, "http://") != 0 && settings.base_url.compare(0, 8, "https://") != 0) {
        return InvalidArgument("the BigQuery base URL '" + settings.base_url + "' must start with http:// or https://");
    }
    if (settings.page_rows < 1) settings.page_rows = 10000;
    return std::make_shared<BigQueryEndpoint>(std::move(settings), std::move(http));
}

std::shared_ptr<Dataset> make_bigquery_dataset(TableLocation location, std::shared_ptr<BigQueryEndpoint> endpoint) {
    return std::make_shared<BigQueryDataset>(std::move(location), std::move(endpoint));
}

bool has_bigquery_reader() { return true; }

}  // namespace airbyte_cloud::datasets
