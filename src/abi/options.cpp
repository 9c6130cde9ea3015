// abc_options, abc_sync_options and abc_cancel_token: plain settings objects with checked setters.
#include <cstdlib>
#include <cstring>
#include <limits>

#include "abi/resource_handles.h"
#include "domain/platform_api.h"

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

// A text setting: checked (named `argument`), then stored.
template <typename Object, typename Store>
abc_status set_text(Object *object, const char *text, const char *function, const char *argument, abc_error **error,
                    Store &&store) {
    return abi::set_texts(object, function, error, {{argument, text}}, [&](Object &o) {
        store(o, text);
        return Status();
    });
}

// A 0/1 setting.
template <typename Object>
abc_status set_flag(Object *object, int value, bool Object::*field, const char *function, const char *argument,
                    abc_error **error) {
    return abi::set_number(object, value, 0, 1, function, argument, error,
                           [&](Object &o, std::int64_t flag) { o.*field = flag == 1; });
}

// The URL setters: non-empty, http(s), stored without trailing slashes.
abc_status set_url_option(abc_options *options, const char *function, const char *argument, const char *url,
                          std::string domain::ClientSettings::*field, abc_error **error) {
    return abi::set_option(options, function, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_http_url(url, function, argument));
        std::string &stored = o.settings.*field;
        stored = url;
        while (stored.size() > 8 && stored.back() == '/') stored.pop_back();
        return Status();
    });
}

}  // namespace

extern "C" {

ABC_API abc_status abc_options_new(abc_options **out, abc_error **error) {
    return abi::make_handle(out, __func__, error, [] { return new abc_options(); });
}

ABC_API void abc_options_free(abc_options *options) { delete options; }

ABC_API abc_status abc_options_set_api_url(abc_options *options, const char *api_url, abc_error **error) {
    return set_url_option(options, __func__, "api_url", api_url, &domain::ClientSettings::api_url,
                          error);
}

ABC_API abc_status abc_options_set_config_api_url(abc_options *options, const char *config_api_url,
                                                  abc_error **error) {
    return set_url_option(options, __func__, "config_api_url", config_api_url,
                          &domain::ClientSettings::config_api_url, error);
}

ABC_API abc_status abc_options_set_bearer_token(abc_options *options, const char *token, abc_error **error) {
    return set_text(options, token, __func__, "token", error, [](abc_options &o, const char *text) {
        o.settings.bearer_token = text;
        o.settings.client_id.clear();
        o.settings.client_secret.clear();
    });
}

ABC_API abc_status abc_options_set_client_credentials(abc_options *options, const char *client_id,
                                                      const char *client_secret, abc_error **error) {
    return abi::set_texts(options, __func__, error, {{"client_id", client_id}, {"client_secret", client_secret}},
                          [&](abc_options &o) {
                              o.settings.client_id = client_id;
                              o.settings.client_secret = client_secret;
                              o.settings.bearer_token.clear();
                              return Status();
                          });
}

ABC_API abc_status abc_options_set_token_url(abc_options *options, const char *token_url, abc_error **error) {
    return set_url_option(options, __func__, "token_url", token_url,
                          &domain::ClientSettings::token_url, error);
}

ABC_API abc_status abc_options_load_environment(abc_options *options, abc_error **error) {
    const char *fn = "abc_options_load_environment";
    return abi::set_option(options, fn, error, [&](abc_options &o) -> Status {
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
    return abi::set_number(options, timeout_ms, 1, 600000, __func__, "timeout_ms", error,
                           [](abc_options &o, std::int64_t ms) { o.settings.http.connect_timeout = milliseconds(ms); });
}

ABC_API abc_status abc_options_set_request_timeout_ms(abc_options *options, int64_t timeout_ms,
                                                      abc_error **error) {
    return abi::set_number(options, timeout_ms, 1, 3600000, __func__, "timeout_ms", error,
                           [](abc_options &o, std::int64_t ms) { o.settings.http.request_timeout = milliseconds(ms); });
}

ABC_API abc_status abc_options_set_retry_policy(abc_options *options, int max_attempts,
                                                int64_t initial_backoff_ms, int64_t max_backoff_ms,
                                                double backoff_multiplier, int64_t deadline_ms,
                                                abc_error **error) {
    const char *fn = "abc_options_set_retry_policy";
    return abi::set_option(options, fn, error, [&](abc_options &o) -> Status {
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
    return set_text(options, path, __func__, "path", error,
                    [](abc_options &o, const char *text) { o.settings.http.ca_bundle_path = text; });
}

ABC_API abc_status abc_options_set_verify_tls(abc_options *options, int verify, abc_error **error) {
    return abi::set_number(options, verify, 0, 1, __func__, "verify", error,
                           [](abc_options &o, std::int64_t flag) { o.settings.http.verify_tls = flag == 1; });
}

ABC_API abc_status abc_options_set_user_agent(abc_options *options, const char *user_agent, abc_error **error) {
    return set_text(options, user_agent, __func__, "user_agent", error,
                    [](abc_options &o, const char *text) { o.settings.http.user_agent = text; });
}

ABC_API abc_status abc_options_set_poll_interval(abc_options *options, int64_t initial_ms, int64_t max_ms,
                                                 abc_error **error) {
    const char *fn = "abc_options_set_poll_interval";
    return abi::set_option(options, fn, error, [&](abc_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_range(initial_ms, 1, 3600000, fn, "initial_ms"));
        ABC_RETURN_IF_ERROR(abi::require_range(max_ms, initial_ms, 3600000, fn, "max_ms"));
        o.settings.poll_initial = milliseconds(initial_ms);
        o.settings.poll_max = milliseconds(max_ms);
        return Status();
    });
}

ABC_API abc_status abc_options_set_max_connections(abc_options *options, int max_connections,
                                                   abc_error **error) {
    return abi::set_number(options, max_connections, 1, 1024, __func__, "max_connections", error,
                           [](abc_options &o, std::int64_t count) {
                               o.settings.http.max_connections = static_cast<std::size_t>(count);
                           });
}

ABC_API abc_status abc_options_set_max_response_bytes(abc_options *options, int64_t max_bytes,
                                                      abc_error **error) {
    return abi::set_number(options, max_bytes, 1024, kNoUpperBound, __func__, "max_bytes", error,
                           [](abc_options &o, std::int64_t bytes) {
                               o.settings.http.max_response_bytes = static_cast<std::size_t>(bytes);
                           });
}

ABC_API abc_status abc_options_set_log_callback(abc_options *options, abc_log_callback callback,
                                                void *user_data, abc_log_level max_level,
                                                abc_error **error) {
    const char *fn = "abc_options_set_log_callback";
    const int level = abi::enum_argument(max_level);
    return abi::set_option(options, fn, error, [&](abc_options &o) -> Status {
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
    return abi::make_handle(out, __func__, error, [] { return new abc_sync_options(); });
}

ABC_API void abc_sync_options_free(abc_sync_options *options) { delete options; }

ABC_API abc_status abc_sync_options_set_wait(abc_sync_options *options, int wait, abc_error **error) {
    return set_flag(options, wait, &abc_sync_options::wait, __func__, "wait", error);
}

ABC_API abc_status abc_sync_options_set_timeout_ms(abc_sync_options *options, int64_t timeout_ms,
                                                   abc_error **error) {
    return abi::set_number(options, timeout_ms, 1, 30LL * 86400 * 1000, __func__, "timeout_ms", error,
                           [](abc_sync_options &o, std::int64_t ms) { o.timeout_ms = ms; });
}

ABC_API abc_status abc_sync_options_set_fail_on_sync_failure(abc_sync_options *options, int fail,
                                                             abc_error **error) {
    return set_flag(options, fail, &abc_sync_options::fail_on_sync_failure, __func__, "fail", error);
}

ABC_API abc_status abc_sync_options_set_fail_on_timeout(abc_sync_options *options, int fail,
                                                        abc_error **error) {
    return set_flag(options, fail, &abc_sync_options::fail_on_timeout, __func__, "fail", error);
}

ABC_API abc_status abc_sync_options_set_attach_if_running(abc_sync_options *options, int attach,
                                                          abc_error **error) {
    return set_flag(options, attach, &abc_sync_options::attach_if_running, __func__, "attach", error);
}

ABC_API abc_status abc_sync_options_set_job_type(abc_sync_options *options, const char *job_type,
                                                 abc_error **error) {
    const char *fn = "abc_sync_options_set_job_type";
    return abi::set_option(options, fn, error, [&](abc_sync_options &o) -> Status {
        ABC_RETURN_IF_ERROR(abi::require_text(job_type, fn, "job_type"));
        ABC_RETURN_IF_ERROR(abi::in_function(fn, domain::check_job_type(job_type)));
        o.job_type = job_type;
        return Status();
    });
}

ABC_API abc_status abc_sync_options_set_progress_callback(abc_sync_options *options,
                                                          abc_progress_callback callback,
                                                          void *user_data, abc_error **error) {
    return abi::set_option(options, "abc_sync_options_set_progress_callback", error,
                      [&](abc_sync_options &o) -> Status {
                          o.progress = callback;
                          o.progress_user_data = user_data;
                          return Status();
                      });
}

ABC_API abc_status abc_sync_options_set_cancel_token(abc_sync_options *options, abc_cancel_token *token,
                                                     abc_error **error) {
    return abi::set_option(options, "abc_sync_options_set_cancel_token", error,
                      [&](abc_sync_options &o) -> Status {
                          o.cancel_token = token;
                          return Status();
                      });
}

ABC_API abc_status abc_cancel_token_new(abc_cancel_token **out, abc_error **error) {
    return abi::make_handle(out, __func__, error, [] { return new abc_cancel_token(); });
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
