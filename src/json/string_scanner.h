// Reads a JSON document fed in pieces of any size and reports each string value with its path,
// without ever holding the document: memory stays at the nesting depth plus one string. Used
// where a response is too large to parse whole (an attempt's log, which may be hundreds of MB).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace airbyte_cloud::json {

class StringScanner {
  public:
    // The path of a value: member names for objects, "[]" for array elements. Returning false
    // stops the scan (feed() then returns kCancelled).
    using StringFunction =
        std::function<bool(const std::vector<std::string> &path, std::string_view value)>;

    // `max_string_bytes` bounds one string (a log line): longer ones are a protocol error.
    StringScanner(StringFunction on_string, std::string_view what,
                  std::size_t max_string_bytes = 16u * 1024u * 1024u);

    // Consumes the next piece. kProtocol names the byte offset when the text is not JSON.
    Status feed(std::string_view piece);
    // Ends the document: fails when it stopped inside a value.
    Status finish();

  private:
    enum class Mode {
        kValue,
        kAfterValue,
        kKeyOrEnd,
        kColon,
        kString,
        kEscape,
        kUnicode,
        kLiteral
    };
    Status step(char c);
    Status begin_value(char c);
    Status end_string();
    Status after_value(char c);
    void close_value();
    bool append_code_point(std::uint32_t code_point);
    Status error(std::string_view problem) const;

    StringFunction on_string_;
    std::string what_;
    std::size_t max_string_bytes_;
    Mode mode_ = Mode::kValue;
    std::vector<char> containers_;  // '{' or '['
    std::vector<std::string> path_;
    std::string text_;  // the string being read
    bool reading_key_ = false;
    std::uint32_t unicode_ = 0;  // the \u escape being read
    int unicode_digits_ = 0;
    std::uint32_t high_surrogate_ = 0;
    bool done_ = false;  // the top-level value ended
    std::uint64_t offset_ = 0;
};

}  // namespace airbyte_cloud::json
