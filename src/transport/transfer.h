// One attempt of one request on one curl easy handle: the options it sets, what it captures
// from the response, and how its result is classified. Shared by HttpClient::send and send_all.
// Internal to the transport.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <string>

#include "base/status.h"
#include "transport/http_client.h"
#include "transport/http_types.h"
#include "transport/retry_policy.h"

namespace airbyte_cloud::transport {

// What one attempt produced.
struct TransferResult {
    CURLcode code = CURLE_OK;
    long http_status = 0;
    std::string body;
    std::string content_type;
    std::string retry_after;  // the raw header value; "" when absent
    std::string location;     // the raw Location header; "" when absent
    std::string date;         // the raw Date header; "" when absent
    // The connection was ready and libcurl was about to send the request (the PREREQ callback
    // ran). Until then the server provably has not seen the request.
    bool request_started = false;
    bool body_too_large = false;  // aborted by us: over max_response_bytes
    bool out_of_memory = false;   // aborted by us: a buffer could not grow
    std::size_t streamed_bytes = 0;  // body bytes handed to HttpRequest::body_sink
    bool sink_stopped = false;       // the body sink asked to stop
    std::string curl_error;       // curl_easy_strerror, plus the error buffer when it adds detail
    std::chrono::milliseconds timeout{0};  // the time limit this attempt ran with
    std::chrono::milliseconds elapsed{0};
    long connections_opened = 0;
};

// Failures that another attempt cannot fix: a bad URL, a TLS configuration or verification
// problem, or an abort that this library caused on purpose.
bool is_permanent_failure(const TransferResult &result);

// Reduces an attempt to what the retry policy needs.
AttemptOutcome classify_transfer(const TransferResult &result);

// Sets up `handle` for one attempt and collects the result after it. Lives (at a stable address)
// from configure() until finish(): libcurl calls back into it during the transfer.
class Transfer {
  public:
    Transfer(const HttpSettings &settings, const HttpRequest &request,
             const std::string &user_agent);
    ~Transfer();
    Transfer(const Transfer &) = delete;
    Transfer &operator=(const Transfer &) = delete;

    // Applies every option for this attempt. `bearer_token` is empty for unauthenticated
    // requests. Fails with kInvalidArgument when a header value would contain a line break, and
    // with kInternal when libcurl refuses an option (out of memory, or too old a libcurl).
    Status configure(CURL *handle, const std::string &bearer_token,
                     std::chrono::milliseconds timeout);

    // Collects the result once the transfer ended with `code`.
    TransferResult finish(CURL *handle, CURLcode code);

  private:
    struct Options;
    void set_connection_options(Options &options, std::chrono::milliseconds timeout);
    void set_callbacks(Options &options);
    void set_method_and_body(Options &options);
    Status set_headers(Options &options, const std::string &bearer_token);

    static size_t on_body(char *data, size_t size, size_t count, void *transfer);
    static size_t on_header(char *data, size_t size, size_t count, void *transfer);
    static int on_request_ready(void *transfer, char *, char *, int, int);

    const HttpSettings &settings_;
    const HttpRequest &request_;
    const std::string &user_agent_;
    CURL *handle_ = nullptr;
    curl_slist *headers_ = nullptr;
    char error_buffer_[CURL_ERROR_SIZE];
    std::chrono::steady_clock::time_point started_;
    TransferResult result_;
};

}  // namespace airbyte_cloud::transport
