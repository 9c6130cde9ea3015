// Turns an Airbyte API error response (an RFC 9457 problem body, or anything else a proxy may
// send) into a Status with the right code and the problem's type and detail.
#pragma once

#include <string_view>

#include "base/status.h"
#include "transport/http_types.h"

namespace airbyte_cloud::domain {

// `action` names what was attempted, e.g. "get connection 1234": it starts the message.
Status status_from_error_response(const transport::HttpResponse &response, std::string_view action);

// Prefixes a Status's message with the action, keeping code and detail.
Status with_action(Status status, std::string_view action);

}  // namespace airbyte_cloud::domain
