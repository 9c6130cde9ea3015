// Domain-private: any endpoint of the Airbyte API by method and path, for the domain's own typed
// calls (resources, paging, the Config API client). Only src/domain includes this header; the layering check
// (cmake/check_layering.cmake, ctest -R layering) fails on an include of it from anywhere else,
// so no other layer builds an API path.
#pragma once

#include <string>

#include "domain/api_client.h"

namespace airbyte_cloud::domain {

struct RawApi {
    // `path` starts with '/' and has its segments escaped already. A 2xx body is parsed as JSON
    // (an empty body, as from 204, gives a Document with no root); other answers become a Status
    // whose message starts with `action`.
    static StatusOr<json::Document> call(ApiClient &api, transport::HttpMethod method,
                                         const std::string &path, const QueryParameters &query,
                                         const std::string &body,
                                         transport::Idempotency idempotency,
                                         const std::string &action) {
        return api.call(method, path, query, body, idempotency, action);
    }

    // One request whose raw response the caller looks at before interpret() (e.g. a DELETE that
    // tolerates a 404 after a retry).
    static StatusOr<transport::HttpResponse> send(ApiClient &api, transport::HttpMethod method,
                                                  const std::string &path,
                                                  transport::Idempotency idempotency) {
        return api.http().send(api.make_request(method, path, {}, "", idempotency));
    }
    // With query parameters, for a caller that reads the response's headers (the change feed
    // reads the server's clock from Date).
    static StatusOr<transport::HttpResponse> send(ApiClient &api, transport::HttpMethod method,
                                                  const std::string &path,
                                                  const QueryParameters &query,
                                                  transport::Idempotency idempotency) {
        return api.http().send(api.make_request(method, path, query, "", idempotency));
    }
    // A request to the public API root, for a caller that sends it itself (e.g. a raw request
    // whose path already carries its query).
    static transport::HttpRequest request(const ApiClient &api, transport::HttpMethod method,
                                          const std::string &path, const std::string &body,
                                          transport::Idempotency idempotency) {
        return api.make_request(method, path, {}, body, idempotency);
    }
    // A request built by the caller (another root, e.g. the Config API; a streamed body).
    static StatusOr<transport::HttpResponse> send(ApiClient &api, const transport::HttpRequest &request) {
        return api.http().send(request);
    }
    static StatusOr<json::Document> interpret(const ApiClient &api,
                                              const StatusOr<transport::HttpResponse> &response,
                                              const std::string &action) {
        return api.interpret(response, action);
    }
};

}  // namespace airbyte_cloud::domain
