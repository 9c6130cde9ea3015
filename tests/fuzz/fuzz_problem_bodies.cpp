// Error responses: any HTTP status, any body (problem documents, load-shed bodies, HTML pages),
// any Location and attempt count, turned into a Status as every failed API call does.
#include "domain/api_errors.h"
#include "fuzz_support.h"

using namespace airbyte_cloud;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    if (size < 3)
        return 0;
    transport::HttpResponse response;
    response.status = 100 + (data[0] | (data[1] << 8)) % 500;
    response.attempts = 1 + data[2] % 6;
    const std::string_view rest(reinterpret_cast<const char *>(data) + 3, size - 3);
    const std::size_t split = rest.find('\n');
    if (split != std::string_view::npos) {
        response.location = std::string(rest.substr(0, split));
        response.body = std::string(rest.substr(split + 1));
    } else {
        response.body = std::string(rest);
    }
    Status status = domain::status_from_error_response(response, "fuzz action");
    if (status.ok())
        __builtin_trap();  // an error response never maps to success
    return 0;
}
