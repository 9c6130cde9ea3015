#include "problems.h"

namespace emulator {

namespace {
const std::string errors_base = "https://reference.airbyte.com/reference/errors";

Json message_data(const std::string &message) {
    Json data = Json::object();
    data.set_string("message", message);
    return data;
}
}  // namespace

ApiError::ApiError(int status_code, std::string problem_type, std::string problem_title, std::string problem_detail,
                   Json problem_data)
    : std::runtime_error(problem_title + ": " + problem_detail),
      status(status_code),
      type(std::move(problem_type)),
      title(std::move(problem_title)),
      detail(std::move(problem_detail)),
      data(std::move(problem_data)) {}

namespace problem {

ApiError bad_request(const std::string &message) {
    return ApiError(400, errors_base + "#bad-request", "bad-request",
                    "The request could not be understood by the server due to malformed syntax.",
                    message_data(message));
}

ApiError invalid_api_key(const std::string &detail) {
    return ApiError(401, errors_base + "#invalid-api-key", "invalid-api-key", detail);
}

ApiError forbidden(const std::string &message) {
    return ApiError(403, errors_base + "#forbidden", "forbidden", "The request is forbidden.", message_data(message));
}

ApiError not_found(const std::string &resource_type, const std::string &resource_id) {
    Json data = Json::object();
    data.set_string("resourceType", resource_type);
    data.set_string("resourceId", resource_id);
    return ApiError(404, errors_base + "#resource-not-found", "resource-not-found",
                    "The requested resource could not be found.", std::move(data));
}

ApiError route_not_found(const std::string &method, const std::string &path) {
    Json data = Json::object();
    data.set_string("resourceType", "route");
    data.set_string("resourceId", method + " " + path);
    return ApiError(404, errors_base + "#resource-not-found", "resource-not-found",
                    "The requested resource could not be found.", std::move(data));
}

ApiError unprocessable(const std::string &message) {
    return ApiError(422, errors_base + "#unprocessable-entity", "unprocessable-entity",
                    "The body of the request was not understood", message_data(message));
}

ApiError value_not_found(const std::string &value) {
    Json data = Json::object();
    data.set_string("value", value);
    return ApiError(400, errors_base, "value-not-found", "The submitted value could not be found.", std::move(data));
}

ApiError try_again_later(const std::string &message) {
    return ApiError(409, errors_base + "#try-again-later", "try-again-later", "Please try again later.",
                    message_data(message));
}

ApiError state_conflict(const std::string &message) {
    return ApiError(409, errors_base + "#409-state-conflict", "state-conflict", "State conflict",
                    message_data(message));
}

ApiError unexpected(const std::string &message) {
    return ApiError(500, errors_base, "unexpected-problem",
                    "An unexpected problem has occurred. If this is an error that needs to be addressed, please "
                    "submit a pull request or github issue.",
                    message_data(message));
}

ApiError service_unavailable() {
    return ApiError(503, errors_base, "service-unavailable", "The server is currently unable to handle the request.");
}

ApiError for_status(int status) {
    switch (status) {
    case 400: return bad_request("Injected fault");
    case 401: return invalid_api_key();
    case 403: return forbidden("Injected fault");
    case 404: return not_found("fault", "injected");
    case 409: return try_again_later("Injected fault");
    case 422: return unprocessable("Injected fault");
    case 500: return unexpected("Injected fault");
    case 503: return service_unavailable();
    case 502:
        return ApiError(502, errors_base, "bad-gateway", "The gateway received an invalid response from upstream.");
    case 504:
        return ApiError(504, errors_base, "gateway-timeout", "The gateway timed out waiting for upstream.");
    case 408:
        return ApiError(408, "error:request-timeout-exceeded", "Request timeout exceeded",
                        "The request has exceeded the timeout associated with this endpoint.");
    default:
        return ApiError(status, errors_base, "unexpected-problem", "Injected fault.");
    }
}

}  // namespace problem

std::string render_problem(const ApiError &error, bool status_as_string) {
    Json body = Json::object();
    if (status_as_string) {
        body.set_string("status", std::to_string(error.status));
    } else {
        body.set_integer("status", error.status);
    }
    body.set_string("type", error.type);
    body.set_string("title", error.title);
    body.set_string("detail", error.detail);
    if (error.data) body.set("data", error.data);
    return body.dump();
}

}  // namespace emulator
