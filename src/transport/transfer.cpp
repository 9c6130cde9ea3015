#include "transport/transfer.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <new>

namespace airbyte_cloud::transport {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = static_cast<char>(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

bool has_line_break(std::string_view text) {
    return text.find_first_of("\r\n") != std::string_view::npos;
}

bool sends_body(const HttpRequest &request) {
    switch (request.method) {
        case HttpMethod::kPost:
        case HttpMethod::kPut:
        case HttpMethod::kPatch:
            return true;
        case HttpMethod::kGet:
        case HttpMethod::kDelete:
            return !request.body.empty();
    }
    return false;
}

}  // namespace

bool is_permanent_failure(const TransferResult &result) {
    if (result.body_too_large || result.out_of_memory || result.sink_stopped ||
        result.streamed_bytes > 0)
        return true;
    switch (result.code) {
        case CURLE_UNSUPPORTED_PROTOCOL:
        case CURLE_URL_MALFORMAT:
        case CURLE_NOT_BUILT_IN:
        case CURLE_FAILED_INIT:
        case CURLE_OUT_OF_MEMORY:
        case CURLE_BAD_FUNCTION_ARGUMENT:
        case CURLE_UNKNOWN_OPTION:
        case CURLE_ABORTED_BY_CALLBACK:
        case CURLE_WRITE_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return true;
        default:
            return false;
    }
}

AttemptOutcome classify_transfer(const TransferResult &result) {
    if (result.code == CURLE_OK)
        return classify_http_status(result.http_status);
    // DNS and connect failures, connect-phase timeouts and TLS handshake failures all end
    // before libcurl is ready to send, so the server cannot have acted on the request. Once it
    // was ready to send, any failure may have come after the server received the request.
    return result.request_started ? AttemptOutcome::kTransferFailed : AttemptOutcome::kNotSent;
}

Transfer::Transfer(const HttpSettings &settings, const HttpRequest &request,
                   const std::string &user_agent)
    : settings_(settings), request_(request), user_agent_(user_agent) {
    error_buffer_[0] = '\0';
}

Transfer::~Transfer() {
    curl_slist_free_all(headers_);
}

// Sets curl options and header lines, remembering the first that failed.
struct Transfer::Options {
    CURL *handle;
    curl_slist *&headers;
    bool ok = true;
    const char *failed_option = nullptr;

    template <typename Value>
    void set(CURLoption option, Value value, const char *name) {
        if (ok && curl_easy_setopt(handle, option, value) != CURLE_OK) {
            ok = false;
            failed_option = name;
        }
    }
    void append_header(const std::string &line) {
        if (!ok)
            return;
        curl_slist *grown = curl_slist_append(headers, line.c_str());
        if (grown == nullptr) {
            ok = false;
            failed_option = "a request header (out of memory)";
            return;
        }
        headers = grown;
    }
};

Status Transfer::configure(CURL *handle, const std::string &bearer_token,
                           std::chrono::milliseconds timeout) {
    result_ = TransferResult{};
    result_.timeout = timeout;
    handle_ = handle;
    error_buffer_[0] = '\0';
    curl_slist_free_all(headers_);
    headers_ = nullptr;

    // Header values come from the caller and the token server: a line break would let them add
    // headers of their own.
    if (has_line_break(bearer_token)) {
        return InvalidArgument("the access token contains a line break");
    }
    if (has_line_break(request_.content_type)) {
        return InvalidArgument("the content type contains a line break");
    }

    Options options{handle, headers_};
    set_connection_options(options, timeout);
    set_callbacks(options);
    set_method_and_body(options);
    ABC_RETURN_IF_ERROR(set_headers(options, bearer_token));
    if (!options.ok)
        return InternalError(std::string("cannot set ") + options.failed_option);
    started_ = std::chrono::steady_clock::now();
    return Status();
}

void Transfer::set_connection_options(Options &options, std::chrono::milliseconds timeout) {
    const long connect_timeout_ms =
        static_cast<long>(std::min(settings_.connect_timeout, timeout).count());
    const bool verify = settings_.verify_tls;
    options.set(CURLOPT_URL, request_.url.c_str(), "CURLOPT_URL");
    options.set(CURLOPT_PROTOCOLS_STR, "http,https", "CURLOPT_PROTOCOLS_STR");
    // Redirects are never followed: the API does not redirect, and following one could carry
    // the bearer token to another host.
    options.set(CURLOPT_FOLLOWLOCATION, 0L, "CURLOPT_FOLLOWLOCATION");
    // The URL was built from escaped segments; send it exactly as built.
    options.set(CURLOPT_PATH_AS_IS, 1L, "CURLOPT_PATH_AS_IS");
    // Signals are process-wide and unsafe with threads; timeouts work without them.
    options.set(CURLOPT_NOSIGNAL, 1L, "CURLOPT_NOSIGNAL");
    options.set(CURLOPT_CONNECTTIMEOUT_MS, std::max(connect_timeout_ms, 1L),
                "CURLOPT_CONNECTTIMEOUT_MS");
    options.set(CURLOPT_TIMEOUT_MS, std::max(static_cast<long>(timeout.count()), 1L),
                "CURLOPT_TIMEOUT_MS");
    options.set(CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L, "CURLOPT_SSL_VERIFYPEER");
    options.set(CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L, "CURLOPT_SSL_VERIFYHOST");
    if (!settings_.ca_bundle_path.empty()) {
        options.set(CURLOPT_CAINFO, settings_.ca_bundle_path.c_str(), "CURLOPT_CAINFO");
    }
    options.set(CURLOPT_USERAGENT, user_agent_.c_str(), "CURLOPT_USERAGENT");
    // For curl_easy_perform: a pooled handle keeps one idle connection, and the pool keeps at
    // most max_connections handles. (Inside a multi handle its own limit applies instead.)
    options.set(CURLOPT_MAXCONNECTS, 1L, "CURLOPT_MAXCONNECTS");
    options.set(CURLOPT_TCP_KEEPALIVE, 1L, "CURLOPT_TCP_KEEPALIVE");
    if (request_.idempotency == Idempotency::kNonIdempotent) {
        // On a reused connection that the server closed meanwhile, libcurl silently sends the
        // request again on a new one. A new connection rules that out, so a non-idempotent
        // request goes out at most once per attempt this library decides on. It is closed
        // afterwards rather than pushing a reusable connection out of the cache.
        options.set(CURLOPT_FRESH_CONNECT, 1L, "CURLOPT_FRESH_CONNECT");
        options.set(CURLOPT_FORBID_REUSE, 1L, "CURLOPT_FORBID_REUSE");
    }
}

void Transfer::set_callbacks(Options &options) {
    options.set(CURLOPT_ERRORBUFFER, error_buffer_, "CURLOPT_ERRORBUFFER");
    options.set(CURLOPT_WRITEFUNCTION, &Transfer::on_body, "CURLOPT_WRITEFUNCTION");
    options.set(CURLOPT_WRITEDATA, this, "CURLOPT_WRITEDATA");
    options.set(CURLOPT_HEADERFUNCTION, &Transfer::on_header, "CURLOPT_HEADERFUNCTION");
    options.set(CURLOPT_HEADERDATA, this, "CURLOPT_HEADERDATA");
    options.set(CURLOPT_PREREQFUNCTION, &Transfer::on_request_ready, "CURLOPT_PREREQFUNCTION");
    options.set(CURLOPT_PREREQDATA, this, "CURLOPT_PREREQDATA");
}

void Transfer::set_method_and_body(Options &options) {
    const bool with_body = sends_body(request_);
    switch (request_.method) {
        case HttpMethod::kGet:
            options.set(CURLOPT_HTTPGET, 1L, "CURLOPT_HTTPGET");
            break;
        case HttpMethod::kPost:
            options.set(CURLOPT_POST, 1L, "CURLOPT_POST");
            break;
        case HttpMethod::kPut:
        case HttpMethod::kPatch:
        case HttpMethod::kDelete:
            if (!with_body)
                options.set(CURLOPT_HTTPGET, 1L, "CURLOPT_HTTPGET");
            options.set(CURLOPT_CUSTOMREQUEST, http_method_name(request_.method),
                        "CURLOPT_CUSTOMREQUEST");
            break;
    }
    if (with_body) {
        options.set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()),
                    "CURLOPT_POSTFIELDSIZE_LARGE");
        options.set(CURLOPT_POSTFIELDS, request_.body.data(), "CURLOPT_POSTFIELDS");
    }
}

Status Transfer::set_headers(Options &options, const std::string &bearer_token) {
    options.append_header("Accept: application/json");
    // No "Expect: 100-continue" round trip before larger bodies.
    options.append_header("Expect:");
    if (sends_body(request_) && !request_.content_type.empty()) {
        options.append_header("Content-Type: " + request_.content_type);
    }
    if (!bearer_token.empty())
        options.append_header("Authorization: Bearer " + bearer_token);
    for (const auto &[name, value] : request_.headers) {
        if (name.empty() || has_line_break(name) || has_line_break(value) ||
            name.find(':') != std::string::npos) {
            return InvalidArgument("the request header '" + name + "' is not a valid header");
        }
        options.append_header(name + ": " + value);
    }
    if (request_.accept_compressed)
        options.set(CURLOPT_ACCEPT_ENCODING, "", "CURLOPT_ACCEPT_ENCODING");
    else
        options.set(CURLOPT_ACCEPT_ENCODING, static_cast<const char *>(nullptr),
                    "CURLOPT_ACCEPT_ENCODING");
    options.set(CURLOPT_HTTPHEADER, headers_, "CURLOPT_HTTPHEADER");
    return Status();
}

TransferResult Transfer::finish(CURL *handle, CURLcode code) {
    result_.code = code;
    result_.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started_);
    long status = 0;
    if (curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status) == CURLE_OK) {
        result_.http_status = status;
    }
    long connects = 0;
    if (curl_easy_getinfo(handle, CURLINFO_NUM_CONNECTS, &connects) == CURLE_OK) {
        result_.connections_opened = connects;
    }
    if (code != CURLE_OK) {
        result_.curl_error = curl_easy_strerror(code);
        const std::string_view detail =
            trim_header_text(std::string_view(error_buffer_, strnlen(error_buffer_, sizeof error_buffer_)));
        if (!detail.empty() && detail != result_.curl_error) {
            result_.curl_error += ": ";
            result_.curl_error += detail;
        }
    }
    return std::move(result_);
}

size_t Transfer::on_body(char *data, size_t size, size_t count, void *transfer) {
    auto *self = static_cast<Transfer *>(transfer);
    const size_t length = size * count;
    TransferResult &result = self->result_;
    if (self->request_.body_sink) {
        long status = 0;
        curl_easy_getinfo(self->handle_, CURLINFO_RESPONSE_CODE, &status);
        if (status >= 200 && status < 300) {
            result.streamed_bytes += length;
            try {
                if (self->request_.body_sink(data, length))
                    return length;
                result.sink_stopped = true;
            } catch (const std::exception &) {
                result.out_of_memory = true;  // the sink's only failure that is not a return
            }
            return 0;
        }
    }
    const std::size_t limit = self->settings_.max_response_bytes;
    if (length > limit - std::min(result.body.size(), limit)) {
        result.body_too_large = true;
        return 0;  // any count other than `length` aborts the transfer
    }
    try {
        result.body.append(data, length);
    } catch (const std::bad_alloc &) {
        result.out_of_memory = true;
        return 0;
    }
    return length;
}

size_t Transfer::on_header(char *data, size_t size, size_t count, void *transfer) {
    auto *self = static_cast<Transfer *>(transfer);
    const size_t length = size * count;
    TransferResult &result = self->result_;
    const std::string_view line(data, length);
    try {
        if (line.size() >= 5 && line.substr(0, 5) == "HTTP/") {
            // A new response starts (after a 1xx, say): forget the previous one's headers.
            result.content_type.clear();
            result.retry_after.clear();
            result.location.clear();
            result.date.clear();
            return length;
        }
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            return length;
        const std::string_view name = trim_header_text(line.substr(0, colon));
        const std::string_view value = trim_header_text(line.substr(colon + 1));
        if (equals_ignoring_case(name, "Content-Type")) {
            result.content_type.assign(value.data(), value.size());
        } else if (equals_ignoring_case(name, "Retry-After")) {
            result.retry_after.assign(value.data(), value.size());
        } else if (equals_ignoring_case(name, "Location")) {
            result.location.assign(value.data(), value.substr(0, 4096).size());
        } else if (equals_ignoring_case(name, "Date")) {
            result.date.assign(value.data(), value.size());
        } else if (equals_ignoring_case(name, "Content-Length") && !self->request_.body_sink) {
            // Refuse an announced oversized body before any of it arrives.
            const std::size_t limit = self->settings_.max_response_bytes;
            std::size_t announced = 0;
            bool numeric = !value.empty();
            bool over_limit = false;
            for (char c : value) {
                if (c < '0' || c > '9') {
                    numeric = false;
                    break;
                }
                const auto digit = static_cast<std::size_t>(c - '0');
                if (announced > limit / 10 || digit > limit - announced * 10) {
                    over_limit = true;  // stop before the arithmetic could overflow
                    continue;
                }
                announced = announced * 10 + digit;
            }
            if (numeric && over_limit) {
                result.body_too_large = true;
                return 0;
            }
        }
    } catch (const std::bad_alloc &) {
        result.out_of_memory = true;
        return 0;
    }
    return length;
}

int Transfer::on_request_ready(void *transfer, char *, char *, int, int) {
    static_cast<Transfer *>(transfer)->result_.request_started = true;
    return CURL_PREREQFUNC_OK;
}

}  // namespace airbyte_cloud::transport
