// Identifiers, clock and text helpers shared by every part of the emulator.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace emulator {

// Random version-4 UUID in lower-case canonical form.
std::string new_uuid();
// Random URL-safe token of `bytes` random bytes (hex encoded).
std::string random_hex(size_t bytes);
// Canonical 8-4-4-4-12 hex form, any case (what the server's UUID parser accepts).
bool is_uuid(std::string_view text);
std::string to_lower(std::string_view text);
// Stable name-based UUID (version 5 layout, FNV-derived bits): same name, same id, every run.
std::string name_based_uuid(std::string_view name_space, std::string_view name);
std::string base64url(std::string_view bytes);

// Milliseconds since the Unix epoch: the wall clock plus the shift set by set_clock_offset_ms()
// (POST /_emulator/clock), so tests can play a server whose clock differs from the client's.
int64_t now_ms();
void set_clock_offset_ms(int64_t offset_ms);
int64_t clock_offset_ms();
// "Sun, 06 Nov 1994 08:49:37 GMT": the HTTP Date header's form (RFC 9110 IMF-fixdate).
std::string http_date(int64_t epoch_ms);
// "2023-03-25T01:30:50Z": what the real server prints for job startTime/lastUpdatedAt.
std::string iso8601_seconds(int64_t epoch_ms);
// "2021-04-23T10:15:30+00:00": source-faker's timestamp format.
std::string iso8601_faker(int64_t epoch_seconds);
// Accepts RFC 3339 date-times (Z or ±hh:mm, optional fraction) and bare epoch milliseconds.
std::optional<int64_t> parse_date_time_ms(std::string_view text);
// java.time.Duration.toString() format, e.g. PT8H6M12S, PT2.5S, PT0S.
std::string iso8601_duration(int64_t milliseconds);

// Whole-string glob: '*' matches any run of characters (including '/'), everything else literally.
bool glob_match(std::string_view pattern, std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
// Strict decimal integer parse (optional leading '-'); nullopt on anything else or overflow.
std::optional<int64_t> parse_int64(std::string_view text);
std::string url_encode(std::string_view text);
std::string url_decode(std::string_view text);

}  // namespace emulator
