#include "transport/http_types.h"

namespace airbyte_cloud::transport {

const char *http_method_name(HttpMethod method) {
    switch (method) {
        case HttpMethod::kGet:
            return "GET";
        case HttpMethod::kPost:
            return "POST";
        case HttpMethod::kPatch:
            return "PATCH";
        case HttpMethod::kPut:
            return "PUT";
        case HttpMethod::kDelete:
            return "DELETE";
    }
    return "GET";
}

}  // namespace airbyte_cloud::transport
