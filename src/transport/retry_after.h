// Reading the Retry-After response header (RFC 9110 section 10.2.3). Internal to the transport.
#pragma once

#include <chrono>
#include <cstdint>
#include <string_view>

namespace airbyte_cloud::transport {

// How long the server asks the client to wait, in milliseconds from `now`: the value is either
// delta-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT", also the obsolete
// RFC 850 and asctime forms). A date in the past gives 0; anything else unreadable gives -1.
// Very large values are capped at one day, which is far beyond any retry deadline.
std::int64_t parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now);

// An HTTP-date (any of the three forms) as Unix seconds; -1 when unreadable.
std::int64_t parse_http_date(std::string_view value);

}  // namespace airbyte_cloud::transport
