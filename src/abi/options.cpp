// abc_options, abc_sync_options and abc_cancel_token: plain settings objects with checked setters.
#include <cstdlib>
#include <cstring>
#include <limits>

#include "abi/handles.h"

using namespace airbyte_cloud;
using std::chrono::milliseconds;

namespace {

constexpr std::int64_t kNoUpperBound = std::numeric_limits<std::int64_t>::max();

std::string environment(const char *name) {
    const char *value = std::getenv(name);
    return value != nullptr ? value : "";
}

bool is_http_url(const char *text) {
    return std::strncmp(text, "http://", 7) == 0 || std::strncmp(text, "https://", 8) == 0;
}

// The shape every setter shares: check the handle, then apply.
template <typename Object, typename Apply>
abc_status set_option(Object *object, const char *function, abc_error **error, Apply &&apply) {
    return abi::guarded(error, function, [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(object, function, "options"));
        return apply(*object);
    });
}

// The URL setters: non-empty, http(s), stored without trailing slashes.
abc_status set_url_option(abc_options *options, const char *function, const char *argument, const char *url,
                          std::string domain::ClientSettings::*field, abc_error **error) {
    return set_option(options, function, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(url, function, argument));
        if (!is_http_url(url)) {
            return InvalidArgument(std::string(function) + ": " + argument + " must start with http:// or https://");
        }
        std::string &stored = o.settings.*field;
        stored = url;
        while (stored.size() > 8 && stored.back() == '/') stored.pop_back();
        return Status();
    });
}

}  // namespace

extern "C" {

ABC_API abc_status abc_options_new(abc_options **out, abc_error **error) {
    if (out != nullptr) *out = nullptr;
    return abi::guarded(error, "abc_options_new", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, "abc_options_new", "out"));
        *out = new abc_options();
        return Status();
    });
}

ABC_API void abc_options_free(abc_options *options) { delete options; }

ABC_API abc_status abc_options_set_api_url(abc_options *options, const char *api_url, abc_error **error) {
    return set_url_option(options, "abc_options_set_api_url", "api_url", api_url, &domain::ClientSettings::api_url,
                          error);
}

ABC_API abc_status abc_options_set_config_api_url(abc_options *options, const char *config_api_url,
                                                  abc_error **error) {
    return set_url_option(options, "abc_options_set_config_api_url", "config_api_url", config_api_url,
                          &domain::ClientSettings::config_api_url, error);
}

ABC_API abc_status abc_options_set_bearer_token(abc_options *options, const char *token, abc_error **error) {
    const char *fn = "abc_options_set_bearer_token";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(token, fn, "token"));
        o.settings.bearer_token = token;
        o.settings.client_id.clear();
        o.settings.client_secret.clear();
        return Status();
    });
}

ABC_API abc_status abc_options_set_client_credentials(abc_options *options, const char *client_id,
                                                      const char *client_secret, abc_error **error) {
    const char *fn = "abc_options_set_client_credentials";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(client_id, fn, "client_id"));
        ABC_RETURN_IF_ERROR(abi::require_text(client_secret, fn, "client_secret"));
        o.settings.client_id = client_id;
        o.settings.client_secret = client_secret;
        o.settings.bearer_token.clear();
        return Status();
    });
}

ABC_API abc_status abc_options_set_token_url(abc_options *options, const char *token_url, abc_error **error) {
    return set_url_option(options, "abc_options_set_token_url", "token_url", token_url,
                          &domain::ClientSettings::token_url, error);
}

ABC_API abc_status abc_options_load_environment(abc_options *options, abc_error **error) {
    const char *fn = "abc_options_load_environment";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        std::string api_url = environment("AIRBYTE_CLOUD_API_URL");
        if (!api_url.empty() && o.settings.api_url == domain::kDefaultApiUrl) {
            if (!is_http_url(api_url.c_str())) {
                return InvalidArgument(std::string(fn) +
                                       ": AIRBYTE_CLOUD_API_URL must start with http:// or https://");
            }
            o.settings.api_url = api_url;
        }
        std::string config_api_url = environment("AIRBYTE_CLOUD_CONFIG_API_URL");
        if (!config_api_url.empty() && o.settings.config_api_url.empty()) {
            if (!is_http_url(config_api_url.c_str())) {
                return InvalidArgument(std::string(fn) +
                                       ": AIRBYTE_CLOUD_CONFIG_API_URL must start with http:// or https://");
            }
            o.settings.config_api_url = config_api_url;
        }
        bool has_credentials = !o.settings.bearer_token.empty() || !o.settings.client_id.empty();
        if (!has_credentials) {
            std::string client_id = environment("AIRBYTE_CLOUD_CLIENT_ID");
            std::string client_secret = environment("AIRBYTE_CLOUD_CLIENT_SECRET");
            std::string token = environment("AIRBYTE_CLOUD_BEARER_TOKEN");
            if (token.empty()) token = environment("AIRBYTE_CLOUD_API_KEY");
            if (!client_id.empty() && !client_secret.empty()) {
                o.settings.client_id = client_id;
                o.settings.client_secret = client_secret;
            } else if (!token.empty()) {
                o.settings.bearer_token = token;
            } else if (!client_id.empty()) {
                return InvalidArgument(std::string(fn) +
                                       ": AIRBYTE_CLOUD_CLIENT_ID is set but AIRBYTE_CLOUD_CLIENT_SECRET is not");
            }
        }
        return Status();
    });
}

ABC_API abc_status abc_options_set_connect_timeout_ms(abc_options *options, int64_t timeout_ms,
                                                      abc_error **error) {
    const char *fn = "abc_options_set_connect_timeout_ms";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(timeout_ms, 1, 600000, fn, "timeout_ms"));
        o.settings.http.connect_timeout = milliseconds(timeout_ms);
        return Status();
    });
}

ABC_API abc_status abc_options_set_request_timeout_ms(abc_options *options, int64_t timeout_ms,
                                                      abc_error **error) {
    const char *fn = "abc_options_set_request_timeout_ms";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(timeout_ms, 1, 3600000, fn, "timeout_ms"));
        o.settings.http.request_timeout = milliseconds(timeout_ms);
        return Status();
    });
}

ABC_API abc_status abc_options_set_retry_policy(abc_options *options, int max_attempts,
                                                int64_t initial_backoff_ms, int64_t max_backoff_ms,
                                                double backoff_multiplier, int64_t deadline_ms,
                                                abc_error **error) {
    const char *fn = "abc_options_set_retry_policy";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(max_attempts, 1, 100, fn, "max_attempts"));
        ABC_RETURN_IF_ERROR(abi::require_range(initial_backoff_ms, 1, 3600000, fn, "initial_backoff_ms"));
        ABC_RETURN_IF_ERROR(abi::require_range(max_backoff_ms, initial_backoff_ms, 3600000, fn, "max_backoff_ms"));
        ABC_RETURN_IF_ERROR(abi::require_range(deadline_ms, 1, kNoUpperBound, fn, "deadline_ms"));
        if (!(backoff_multiplier >= 1.0 && backoff_multiplier <= 10.0)) {
            return InvalidArgument(std::string(fn) + ": backoff_multiplier must be between 1.0 and 10.0");
        }
        transport::RetrySettings &retry = o.settings.http.retry;
        retry.max_attempts = max_attempts;
        retry.initial_backoff = milliseconds(initial_backoff_ms);
        retry.max_backoff = milliseconds(max_backoff_ms);
        retry.backoff_multiplier = backoff_multiplier;
        retry.deadline = milliseconds(deadline_ms);
        return Status();
    });
}

ABC_API abc_status abc_options_set_ca_bundle(abc_options *options, const char *path, abc_error **error) {
    const char *fn = "abc_options_set_ca_bundle";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(path, fn, "path"));
        o.settings.http.ca_bundle_path = path;
        return Status();
    });
}

ABC_API abc_status abc_options_set_verify_tls(abc_options *options, int verify, abc_error **error) {
    const char *fn = "abc_options_set_verify_tls";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(verify, 0, 1, fn, "verify"));
        o.settings.http.verify_tls = verify == 1;
        return Status();
    });
}

ABC_API abc_status abc_options_set_user_agent(abc_options *options, const char *user_agent, abc_error **error) {
    const char *fn = "abc_options_set_user_agent";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(user_agent, fn, "user_agent"));
        o.settings.http.user_agent = user_agent;
        return Status();
    });
}

ABC_API abc_status abc_options_set_poll_interval(abc_options *options, int64_t initial_ms, int64_t max_ms,
                                                 abc_error **error) {
    const char *fn = "abc_options_set_poll_interval";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(initial_ms, 1, 3600000, fn, "initial_ms"));
        ABC_RETURN_IF_ERROR(abi::require_range(max_ms, initial_ms, 3600000, fn, "max_ms"));
        o.settings.poll_initial = milliseconds(initial_ms);
        o.settings.poll_max = milliseconds(max_ms);
        return Status();
    });
}

ABC_API abc_status abc_options_set_max_connections(abc_options *options, int max_connections,
                                                   abc_error **error) {
    const char *fn = "abc_options_set_max_connections";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(max_connections, 1, 1024, fn, "max_connections"));
        o.settings.http.max_connections = static_cast<std::size_t>(max_connections);
        return Status();
    });
}

ABC_API abc_status abc_options_set_max_response_bytes(abc_options *options, int64_t max_bytes,
                                                      abc_error **error) {
    const char *fn = "abc_options_set_max_response_bytes";
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(max_bytes, 1024, kNoUpperBound, fn, "max_bytes"));
        o.settings.http.max_response_bytes = static_cast<std::size_t>(max_bytes);
        return Status();
    });
}

ABC_API abc_status abc_options_set_log_callback(abc_options *options, abc_log_callback callback,
                                                void *user_data, abc_log_level max_level,
                                                abc_error **error) {
    const char *fn = "abc_options_set_log_callback";
    const int level = abi::enum_argument(max_level);
    return set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(level, ABC_LOG_ERROR, ABC_LOG_DEBUG, fn, "max_level"));
        o.log_callback = callback;
        o.log_user_data = user_data;
        o.log_level = static_cast<abc_log_level>(level);
        if (callback == nullptr) {
            o.settings.logger = Logger();
        } else {
            o.settings.logger = Logger(
                [callback, user_data](LogLevel level, const std::string &message) {
                    callback(static_cast<abc_log_level>(level), message.c_str(), user_data);
                },
                static_cast<LogLevel>(level));
        }
        return Status();
    });
}

ABC_API abc_status abc_sync_options_new(abc_sync_options **out, abc_error **error) {
    if (out != nullptr) *out = nullptr;
    return abi::guarded(error, "abc_sync_options_new", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, "abc_sync_options_new", "out"));
        *out = new abc_sync_options();
        return Status();
    });
}

ABC_API void abc_sync_options_free(abc_sync_options *options) { delete options; }

ABC_API abc_status abc_sync_options_set_wait(abc_sync_options *options, int wait, abc_error **error) {
    const char *fn = "abc_sync_options_set_wait";
    return set_option(options, fn, error, [&](abc_sync_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(wait, 0, 1, fn, "wait"));
        o.wait = wait == 1;
        return Status();
    });
}

ABC_API abc_status abc_sync_options_set_timeout_ms(abc_sync_options *options, int64_t timeout_ms,
                                                   abc_error **error) {
    const char *fn = "abc_sync_options_set_timeout_ms";
    return set_option(options, fn, error, [&](abc_sync_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(timeout_ms, 1, 30LL * 86400 * 1000, fn, "timeout_ms"));
        o.timeout_ms = timeout_ms;
        return Status();
    });
}

ABC_API abc_status abc_sync_options_set_fail_on_sync_failure(abc_sync_options *options, int fail,
                                                             abc_error **error) {
    const char *fn = "abc_sync_options_set_fail_on_sync_failure";
    return set_option(options, fn, error, [&](abc_sync_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(fail, 0, 1, fn, "fail"));
        o.fail_on_sync_failure = fail == 1;
        return Status();
    });
}

ABC_API abc_status abc_sync_options_set_fail_on_timeout(abc_sync_options *options, int fail,
                                                        abc_error **error) {
    const char *fn = "abc_sync_options_set_fail_on_timeout";
    return set_option(options, fn, error, [&](abc_sync_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(fail, 0, 1, fn, "fail"));
        o.fail_on_timeout = fail == 1;
        return Status();
    });
}

ABC_API abc_status abc_sync_options_set_attach_if_running(abc_sync_options *options, int attach,
                                                          abc_error **error) {
    const char *fn = "abc_sync_options_set_attach_if_running";
    return set_option(options, fn, error, [&](abc_sync_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(attach, 0, 1, fn, "attach"));
        o.attach_if_running = attach == 1;
        return Status();
    });
}

ABC_API abc_status abc_sync_options_set_progress_callback(abc_sync_options *options,
                                                          abc_progress_callback callback,
                                                          void *user_data, abc_error **error) {
    return set_option(options, "abc_sync_options_set_progress_callback", error,
                      [&](abc_sync_options &o) -> Status {
                          o.progress = callback;
                          o.progress_user_data = user_data;
                          return Status();
                      });
}

ABC_API abc_status abc_sync_options_set_cancel_token(abc_sync_options *options, abc_cancel_token *token,
                                                     abc_error **error) {
    return set_option(options, "abc_sync_options_set_cancel_token", error,
                      [&](abc_sync_options &o) -> Status {
                          o.cancel_token = token;
                          return Status();
                      });
}

ABC_API abc_status abc_cancel_token_new(abc_cancel_token **out, abc_error **error) {
    if (out != nullptr) *out = nullptr;
    return abi::guarded(error, "abc_cancel_token_new", [&]() -> Status {
        ABC_RETURN_IF_ERROR(abi::require_pointer(out, "abc_cancel_token_new", "out"));
        *out = new abc_cancel_token();
        return Status();
    });
}

ABC_API void abc_cancel_token_free(abc_cancel_token *token) { delete token; }

ABC_API void abc_cancel_token_cancel(abc_cancel_token *token) {
    if (token != nullptr) token->impl.cancel();
}

ABC_API int abc_cancel_token_is_cancelled(const abc_cancel_token *token) {
    return token != nullptr && token->impl.cancelled() ? 1 : 0;
}

}  // extern "C"

namespace airbyte_cloud::abi {

domain::WaitSettings wait_settings_from(const abc_sync_options *options, abc_job *job) {
    static const abc_sync_options defaults;
    const abc_sync_options &o = options != nullptr ? *options : defaults;
    domain::WaitSettings settings;
    settings.timeout = milliseconds(o.timeout_ms);
    settings.fail_on_sync_failure = o.fail_on_sync_failure;
    settings.fail_on_timeout = o.fail_on_timeout;
    settings.cancel_token = o.cancel_token != nullptr ? &o.cancel_token->impl : nullptr;
    if (o.progress != nullptr) {
        abc_progress_callback callback = o.progress;
        void *user_data = o.progress_user_data;
        // The callback reads the handle, so the handle's snapshot is updated before each call.
        settings.progress = [callback, user_data, job](const domain::JobInfo &info,
                                                       milliseconds elapsed) {
            if (job != nullptr) {
                job->info = info;
                update_job_url(*job);
            }
            return callback(job, static_cast<abc_job_state>(info.state), elapsed.count(),
                            info.rows_synced, info.bytes_synced, user_data) == 0;
        };
    }
    return settings;
}

}  // namespace airbyte_cloud::abi
