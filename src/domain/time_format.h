// ISO-8601 as the Airbyte API writes it: timestamps ("2023-03-25T01:30:50Z", with optional
// fraction and offset) and durations ("PT8H6M12S", "P1DT2H", "PT0.5S").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace airbyte_cloud::domain {

std::optional<std::int64_t> parse_iso8601_timestamp(std::string_view text);  // Unix seconds
std::optional<std::int64_t> parse_iso8601_duration_ms(std::string_view text);
// Unix seconds as "2023-03-25T01:30:50Z" (UTC, whatever the process time zone).
std::string format_iso8601_timestamp(std::int64_t seconds);

}  // namespace airbyte_cloud::domain
