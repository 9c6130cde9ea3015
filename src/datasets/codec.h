// Small text codecs the readers share: base64 (standard and URL-safe), hex, JSON string escaping,
// and the calendar arithmetic that turns warehouse wire values (epoch seconds, day numbers,
// microseconds) into ISO-8601 text and back. Pure functions, no dependencies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace airbyte_cloud::datasets {

// RFC 4648 §4, with '=' padding.
std::string base64_encode(std::string_view bytes);
// RFC 4648 §5 (URL- and filename-safe), without padding, as JWS uses it.
std::string base64url_encode(std::string_view bytes);
// Accepts both alphabets, with or without padding; nullopt on anything else, including a last
// character whose unused bits are not zero (a non-canonical encoding).
std::optional<std::string> base64_decode(std::string_view text);
// Two hex digits per byte, either case; nullopt on odd length or a non-hex character.
std::optional<std::string> hex_decode(std::string_view text);

// Appends `text` as a quoted JSON string (escaping quotes, backslashes and control characters;
// other bytes, UTF-8 included, pass through).
void append_json_string(std::string &out, std::string_view text);
// Whether `text` is a number in JSON's grammar ("-12.5e3" yes; "NaN", "+1", "01", ".5" no).
bool is_json_number(std::string_view text);

// A random RFC 4122 version-4 UUID in lower-case text.
std::string new_uuid();

// Proleptic Gregorian calendar; day 0 is 1970-01-01.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);
void civil_from_days(std::int64_t days, std::int64_t &year, unsigned &month, unsigned &day);

// "YYYY-MM-DD" for a day number.
std::string format_date(std::int64_t days);
// "HH:MM:SS[.fraction]" for nanoseconds since midnight; the fraction keeps up to 9 digits with
// trailing zeros removed.
std::string format_time_of_day(std::int64_t nanoseconds);
// "YYYY-MM-DDTHH:MM:SS[.fraction]" for a point `seconds` + `nanos` (0 <= nanos < 1e9) after the
// epoch, followed by `suffix` ("Z", "+08:00" or "" for a wall-clock time without zone).
std::string format_timestamp(std::int64_t seconds, std::int64_t nanos, std::string_view suffix);
// The same three texts appended to `out` (no allocation): "YYYY-MM-DD"; "HH:MM:SS[.fraction]"
// for a second of the day and nanoseconds; "YYYY-MM-DDTHH:MM:SS[.fraction]" for microseconds
// since the epoch (no zone suffix).
void append_date(std::string &out, std::int64_t days);
void append_clock(std::string &out, std::int64_t seconds, std::int64_t nanos);
void append_timestamp_micros(std::string &out, std::int64_t micros);
// A float8 (float4 when `single`) as Postgres prints it with extra_float_digits > 0: the shortest
// text that reads back as the same value, in fixed notation for decimal exponents -4..14 (-4..5
// for float4) and "1.5e-07" / "1e+20" otherwise; "NaN", "Infinity", "-Infinity".
void append_shortest_float(std::string &out, double value, bool single);
// "+HH:MM" / "-HH:MM" for an offset in minutes ("Z" is not used here: offsets stay explicit).
std::string format_offset(std::int64_t minutes);

// Parses "[-]SECONDS[.FRACTION]" (the Snowflake and BigQuery epoch forms) into whole seconds
// (floor) and nanoseconds in [0, 1e9); fraction digits after the ninth are dropped.
bool parse_epoch_seconds(std::string_view text, std::int64_t &seconds, std::int64_t &nanos);

// ISO-8601 readers for the canonical texts the readers produce (and the usual variants):
// "YYYY-MM-DD", "HH:MM:SS[.f]", "YYYY-MM-DD[T ]HH:MM:SS[.f][Z|±HH[:MM]]" (no zone = UTC).
std::optional<std::int64_t> parse_date_days(std::string_view text);
std::optional<std::int64_t> parse_time_micros(std::string_view text);
std::optional<std::int64_t> parse_timestamp_micros(std::string_view text);

// `text` with a-z in upper case (other bytes, UTF-8 included, unchanged).
std::string upper_ascii(std::string_view text);

// Decimal integer text (optional sign, digits only) that fits int64.
std::optional<std::int64_t> parse_int64(std::string_view text);
// A finite or infinite number in decimal text, including "NaN", "Infinity", "-Infinity", "inf".
std::optional<double> parse_double(std::string_view text);

}  // namespace airbyte_cloud::datasets
