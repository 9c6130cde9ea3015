/**
 * @file airbyte_cloud/options.h
 * @brief Workspace options: credentials, timeouts, retries, polling, logging.
 *
 * Part of the public C API; include <airbyte_cloud.h> or this header alone.
 * The conventions and threading contract are in airbyte_cloud/common.h.
 */
#ifndef AIRBYTE_CLOUD_OPTIONS_H
#define AIRBYTE_CLOUD_OPTIONS_H

#include "common.h"

ABC_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/** @name Options
 * Settings for a workspace. Create, set, pass to abc_workspace_new() (which copies them), free.
 * Defaults: API root https://api.airbyte.com/v1; connect timeout 10 s; request timeout 30 s;
 * 4 attempts with backoff 250 ms doubling to 10 s within 60 s; TLS verified with the system CA
 * store; poll interval 250 ms growing ×1.25 to 2 s; at most 16 connections; responses up to
 * 64 MiB; no logging. */
/**@{*/

/** Log sink. `message` is valid only during the call and never contains secrets. */
typedef void (*abc_log_callback)(abc_log_level level, const char *message, void *user_data);

/** @param[out] out new options the caller frees with abc_options_free(). */
ABC_API abc_status abc_options_new(abc_options **out, abc_error **error);
ABC_API void abc_options_free(abc_options *options);

/** API root, e.g. "https://api.airbyte.com/v1" (Cloud) or "https://host/api/public/v1"
 * (self-managed). Must start with http:// or https://. */
ABC_API abc_status abc_options_set_api_url(abc_options *options, const char *api_url,
                                           abc_error **error);
/** Authenticate with a static API key / bearer token. Replaces client credentials. */
ABC_API abc_status abc_options_set_bearer_token(abc_options *options, const char *token,
                                                abc_error **error);
/** Authenticate with an application's client id and secret, exchanged for access tokens at
 * {api_url}/applications/token (cached, renewed before expiry and after a 401). Replaces a
 * bearer token. */
ABC_API abc_status abc_options_set_client_credentials(abc_options *options, const char *client_id,
                                                      const char *client_secret,
                                                      abc_error **error);
/** Overrides the token endpoint (default {api_url}/applications/token). */
ABC_API abc_status abc_options_set_token_url(abc_options *options, const char *token_url,
                                             abc_error **error);
/** Fills unset settings from AIRBYTE_CLOUD_API_URL, AIRBYTE_CLOUD_BEARER_TOKEN (or
 * AIRBYTE_CLOUD_API_KEY), AIRBYTE_CLOUD_CLIENT_ID, AIRBYTE_CLOUD_CLIENT_SECRET and
 * AIRBYTE_CLOUD_CONFIG_API_URL (airbyte_cloud/diagnostics.h). Settings
 * made with setters win. */
ABC_API abc_status abc_options_load_environment(abc_options *options, abc_error **error);

/** Timeout to establish a connection, 1..600000 ms. */
ABC_API abc_status abc_options_set_connect_timeout_ms(abc_options *options, int64_t timeout_ms,
                                                      abc_error **error);
/** Timeout of one HTTP request including connect, 1..3600000 ms. */
ABC_API abc_status abc_options_set_request_timeout_ms(abc_options *options, int64_t timeout_ms,
                                                      abc_error **error);
/** Retries of failed requests, with exponential backoff and jitter, honouring Retry-After:
 * requests never sent and 429s (refused before acting) are retried for every request; 500, 502,
 * 503, 504 and connections broken after sending only for requests safe to repeat (not
 * `POST /jobs`; see docs/RELIABILITY.md).
 * @param max_attempts 1..100 (1 = no retries).
 * @param initial_backoff_ms 1.. ; @param max_backoff_ms >= initial_backoff_ms.
 * @param backoff_multiplier 1.0..10.0.
 * @param deadline_ms total time for all attempts of one call, 1.. ms. */
ABC_API abc_status abc_options_set_retry_policy(abc_options *options, int max_attempts,
                                                int64_t initial_backoff_ms, int64_t max_backoff_ms,
                                                double backoff_multiplier, int64_t deadline_ms,
                                                abc_error **error);
/** CA bundle file for TLS verification (PEM). */
ABC_API abc_status abc_options_set_ca_bundle(abc_options *options, const char *path,
                                             abc_error **error);
/** 1 (default) verifies the server certificate and host name; 0 disables it (testing only). */
ABC_API abc_status abc_options_set_verify_tls(abc_options *options, int verify,
                                              abc_error **error);
/** User-Agent header (default "libairbyte_cloud/<version> libcurl/<version>"). */
ABC_API abc_status abc_options_set_user_agent(abc_options *options, const char *user_agent,
                                              abc_error **error);
/** How often a wait polls the job: the first poll after initial_ms, each interval ×1.25 up to
 * max_ms. 1 <= initial_ms <= max_ms <= 3600000. */
ABC_API abc_status abc_options_set_poll_interval(abc_options *options, int64_t initial_ms,
                                                 int64_t max_ms, abc_error **error);
/** Keep-alive connections kept per host, 1..1024. */
ABC_API abc_status abc_options_set_max_connections(abc_options *options, int max_connections,
                                                   abc_error **error);
/** Largest accepted response body, 1024.. bytes; larger ones give ::ABC_ERROR_PROTOCOL. */
ABC_API abc_status abc_options_set_max_response_bytes(abc_options *options, int64_t max_bytes,
                                                      abc_error **error);
/** Log sink and the most verbose level passed to it. callback NULL turns logging off. */
ABC_API abc_status abc_options_set_log_callback(abc_options *options, abc_log_callback callback,
                                                void *user_data, abc_log_level max_level,
                                                abc_error **error);
/**@}*/

ABC_END_DECLS

#endif /* AIRBYTE_CLOUD_OPTIONS_H */
