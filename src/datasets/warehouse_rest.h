// What the two REST warehouse readers (Snowflake SQL API, BigQuery REST) share: sending with
// messages that say what was being done, reading a failed response's error body into a Status,
// and one Dataset over "run SQL, get a JSON document" (columns, row count, rows).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "datasets/codec.h"
#include "datasets/dataset.h"
#include "json/json.h"
#include "transport/http_client.h"

namespace airbyte_cloud::datasets {

// A warehouse's own code in an error body, and what it means.
struct WarehouseErrorBody {
    std::string code;  // "002003", "notFound"... ("" when the body has none)
    std::string text;  // the warehouse's message
};

struct WarehouseDialect {
    const char *name;            // "Snowflake": "<what>: Snowflake answered HTTP 404"
    const char *problem_prefix;  // "snowflake:": the error's problem type is prefix + code
    const char *code_label;      // shown before the code: "(code 002003)" or "(notFound)"
    WarehouseErrorBody (*read)(json::Value root);
    StatusCode (*code_for)(const std::string &code, StatusCode from_http);
};

// A response that is not a success: the HTTP status mapped once (transport), refined by the
// warehouse's code; the message quotes the warehouse's text (at most 400 characters).
Status warehouse_failure(const std::string &what, const transport::HttpResponse &response,
                         const WarehouseDialect &dialect);

// kInvalidArgument "<description> '<url>' must start with http:// or https://" unless it does.
Status check_base_url(const std::string &url, const std::string &description);

// http.send(request); a failure to get a response names `what`.
StatusOr<transport::HttpResponse> send_for(transport::HttpClient &http,
                                           const transport::HttpRequest &request,
                                           const std::string &what);
// A response body as JSON; a parse failure names `what`.
StatusOr<json::Document> parse_for(const std::string &body, const char *label,
                                   const std::string &what);

// Fills `row` with `count` cells from decode(i, cell); a failure names `what`.
template <typename Decode>
Status decode_row(std::vector<Cell> &row, std::size_t count, const std::string &what,
                  Decode &&decode) {
    row.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
        Status decoded = decode(i, row[i]);
        if (!decoded.ok())
            return prefixed(decoded, what);
    }
    return Status();
}

// A row source that reads its first document in start() before it is handed out.
template <typename Source, typename Endpoint>
StatusOr<std::unique_ptr<RowSource>> started_rows(std::shared_ptr<Endpoint> endpoint,
                                                  json::Document first, std::string what) {
    auto source = std::make_unique<Source>(std::move(endpoint), std::move(first), std::move(what));
    ABC_RETURN_STATUS(source->start());
    return std::unique_ptr<RowSource>(std::move(source));
}

// A table in a warehouse that answers SQL with JSON documents. `Endpoint` provides:
//   StatusOr<json::Document> run_sql(const TableLocation &, const std::string &sql, const
//   std::string &what); static StatusOr<std::vector<Column>> result_columns(const json::Document
//   &result); static std::optional<std::string> result_count(const json::Document &result); static
//   StatusOr<std::unique_ptr<RowSource>> open_rows(std::shared_ptr<Endpoint>, json::Document first,
//                                                          std::string what);
template <typename Endpoint>
class SqlDataset final : public Dataset {
  public:
    SqlDataset(TableLocation location, std::shared_ptr<Endpoint> endpoint)
        : Dataset(std::move(location)), endpoint_(std::move(endpoint)) {}

  protected:
    StatusOr<std::vector<Column>> load_columns() override {
        const std::string what = "reading the columns of " + location().qualified_name;
        StatusOr<json::Document> result =
            run("SELECT * FROM " + location().qualified_name + " LIMIT 0", what);
        if (!result.ok())
            return result.status();
        StatusOr<std::vector<Column>> columns = Endpoint::result_columns(*result);
        if (!columns.ok())
            return prefixed(columns.status(), what);
        return columns;
    }

    StatusOr<std::int64_t> count_rows() override {
        const std::string what = "counting the rows of " + location().qualified_name;
        StatusOr<json::Document> result =
            run("SELECT COUNT(*) FROM " + location().qualified_name, what);
        if (!result.ok())
            return result.status();
        std::optional<std::string> text = Endpoint::result_count(*result);
        std::optional<std::int64_t> count = text ? parse_int64(*text) : std::nullopt;
        if (!count)
            return ProtocolError(what + ": the result has no count");
        return *count;
    }

    StatusOr<std::unique_ptr<RowSource>> open_rows() override {
        const std::string what = "reading " + location().qualified_name;
        StatusOr<json::Document> result = run("SELECT * FROM " + location().qualified_name, what);
        if (!result.ok())
            return result.status();
        return Endpoint::open_rows(endpoint_, std::move(*result), what);
    }

  private:
    StatusOr<json::Document> run(const std::string &sql, const std::string &what) {
        return endpoint_->run_sql(location(), sql, what);
    }

    std::shared_ptr<Endpoint> endpoint_;
};

}  // namespace airbyte_cloud::datasets
