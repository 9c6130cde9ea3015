// Text the library builds URLs and messages from: path escaping, query building, URL joining
// and masking, message bounding and escaping, ids, Retry-After and ISO 8601 values.
#include <chrono>

#include "base/message.h"
#include "domain/resources.h"
#include "domain/time_format.h"
#include "fuzz_support.h"
#include "transport/retry_after.h"
#include "transport/url.h"

using namespace airbyte_cloud;

namespace {

void check_message(const std::string &message, std::size_t limit) {
    if (message.size() > limit + 64)
        __builtin_trap();
    for (unsigned char c : message) {
        if (c < 0x20 || c == 0x7f)
            __builtin_trap();  // no raw control character
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const fuzz::Input input = fuzz::split(data, size);
    const std::string text(input.rest);
    switch (input.selector % 6) {
        case 0: {
            const std::string escaped = transport::escape_path_segment(text);
            if (escaped.find_first_of("/?#") != std::string::npos)
                __builtin_trap();
            break;
        }
        case 1:
            (void)transport::build_query({{text, text}, {"limit", text}});
            (void)transport::join_url(text, "/jobs");
            break;
        case 2: {
            const std::string masked = transport::mask_url_user_information(text);
            (void)masked;
            break;
        }
        case 3:
            check_message(bounded_message(text), kMaxMessageBytes);
            check_message(printable_value(text), kMaxValueBytes);
            break;
        case 4:
            (void)domain::looks_like_uuid(text);
            (void)domain::check_name(text, "name");
            break;
        case 5:
            (void)transport::parse_retry_after(text, std::chrono::system_clock::now());
            (void)domain::parse_iso8601_timestamp(text);
            (void)domain::parse_iso8601_duration_ms(text);
            break;
    }
    return 0;
}
