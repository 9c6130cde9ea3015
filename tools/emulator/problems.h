// RFC 9457 problem bodies as the Airbyte public API sends them (problems.yaml). Handlers throw
// ApiError; the HTTP layer renders it.
#pragma once

#include "json.h"

#include <stdexcept>
#include <string>

namespace emulator {

class ApiError : public std::runtime_error {
public:
    ApiError(int status, std::string type, std::string title, std::string detail, Json data = Json());
    int status;
    std::string type;
    std::string title;
    std::string detail;
    Json data;  // may be empty
};

namespace problem {
ApiError bad_request(const std::string &message);
ApiError invalid_api_key(const std::string &detail = "The API key in the Authorization header is invalid.");
ApiError forbidden(const std::string &message);
ApiError not_found(const std::string &resource_type, const std::string &resource_id);
ApiError route_not_found(const std::string &method, const std::string &path);
ApiError unprocessable(const std::string &message);
ApiError value_not_found(const std::string &value);
ApiError try_again_later(const std::string &message);
ApiError state_conflict(const std::string &message);
ApiError unexpected(const std::string &message);
ApiError service_unavailable();
// Statuses with no Airbyte problem type of their own (gateway errors) still get a problem body.
ApiError for_status(int status);
}  // namespace problem

// The body; status_as_string reproduces the real server's occasional "status": "401".
std::string render_problem(const ApiError &error, bool status_as_string);

}  // namespace emulator
