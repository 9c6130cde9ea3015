// Settings for a Workspace: a plain object, turned into abc_options when a Workspace is made
// (the C library copies them there, so changing a ClientOptions later affects no workspace).
using System;

namespace AirbyteCloud {

/// <summary>
/// How a Workspace reaches the API. Unset properties keep the library's defaults: API root
/// https://api.airbyte.com/v1, connect timeout 10 s, request timeout 30 s, 4 attempts, TLS
/// verified, polling from 250 ms up to 2 s, 16 connections, responses up to 64 MiB, no logging.
/// </summary>
public sealed class ClientOptions {
    /// <summary>API root, e.g. "https://api.airbyte.com/v1" or "https://host/api/public/v1".</summary>
    public string ApiUrl { get; set; }
    /// <summary>Static API key / bearer token.</summary>
    public string BearerToken { get; set; }
    /// <summary>Application client id (with ClientSecret); wins over BearerToken when both are set.</summary>
    public string ClientId { get; set; }
    public string ClientSecret { get; set; }
    /// <summary>Token endpoint for client credentials (default {ApiUrl}/applications/token).</summary>
    public string TokenUrl { get; set; }
    /// <summary>Root of Airbyte's Config API, which the diagnostics use (job attempts, logs, state,
    /// catalog, checks); null derives it from ApiUrl.</summary>
    public string ConfigApiUrl { get; set; }
    /// <summary>Fill unset settings from AIRBYTE_CLOUD_API_URL, AIRBYTE_CLOUD_BEARER_TOKEN (or
    /// AIRBYTE_CLOUD_API_KEY), AIRBYTE_CLOUD_CLIENT_ID and AIRBYTE_CLOUD_CLIENT_SECRET.</summary>
    public bool LoadEnvironment { get; set; }
    public TimeSpan? ConnectTimeout { get; set; }
    /// <summary>Timeout of one HTTP request, connect included.</summary>
    public TimeSpan? RequestTimeout { get; set; }
    public RetryPolicy Retry { get; set; }
    /// <summary>PEM CA bundle for TLS verification.</summary>
    public string CaBundle { get; set; }
    /// <summary>false disables certificate and host name checks (testing only).</summary>
    public bool? VerifyTls { get; set; }
    public string UserAgent { get; set; }
    /// <summary>First poll of a wait after this long; each interval ×1.25 up to PollMaxInterval.</summary>
    public TimeSpan? PollInitialInterval { get; set; }
    public TimeSpan? PollMaxInterval { get; set; }
    /// <summary>Keep-alive connections kept per host.</summary>
    public int? MaxConnections { get; set; }
    /// <summary>Largest accepted response body in bytes.</summary>
    public long? MaxResponseBytes { get; set; }
    /// <summary>
    /// Requests per second for the workspace, shared with every workspace of this process with
    /// the same API URL and credential (null or 0: no cap). See Workspace.RequestBudget.
    /// </summary>
    public double? RequestRate { get; set; }
    /// <summary>
    /// Log sink, called on the thread that made the call. Messages never contain secrets.
    /// Exceptions it throws are ignored.
    /// </summary>
    public Action<LogLevel, string> Log { get; set; }
    /// <summary>The most verbose level passed to Log (default Warning).</summary>
    public LogLevel LogLevel { get; set; }

    public ClientOptions() { LogLevel = LogLevel.Warning; }

    // A new abc_options with these settings. `logCallback` is the delegate C will call: the
    // caller keeps it alive as long as the workspace made from these options.
    internal OptionsHandle ToNative(out NativeMethods.LogCallback logCallback) {
        logCallback = null;
        OptionsHandle options;
        Native.abc_options_new(out options);
        try {
            if (ApiUrl != null) Native.abc_options_set_api_url(options, ApiUrl);
            if (BearerToken != null) Native.abc_options_set_bearer_token(options, BearerToken);
            if (ClientId != null || ClientSecret != null) {
                Native.abc_options_set_client_credentials(options, ClientId, ClientSecret);
            }
            if (TokenUrl != null) Native.abc_options_set_token_url(options, TokenUrl);
            if (ConfigApiUrl != null) Native.abc_options_set_config_api_url(options, ConfigApiUrl);
            if (LoadEnvironment) Native.abc_options_load_environment(options);
            if (ConnectTimeout.HasValue) {
                Native.abc_options_set_connect_timeout_ms(options, Time.ToMilliseconds(ConnectTimeout.Value));
            }
            if (RequestTimeout.HasValue) {
                Native.abc_options_set_request_timeout_ms(options, Time.ToMilliseconds(RequestTimeout.Value));
            }
            if (Retry != null) {
                Native.abc_options_set_retry_policy(options, Retry.MaxAttempts, Time.ToMilliseconds(Retry.InitialBackoff),
                                                    Time.ToMilliseconds(Retry.MaxBackoff), Retry.BackoffMultiplier,
                                                    Time.ToMilliseconds(Retry.Deadline));
            }
            if (CaBundle != null) Native.abc_options_set_ca_bundle(options, CaBundle);
            if (VerifyTls.HasValue) Native.abc_options_set_verify_tls(options, VerifyTls.Value ? 1 : 0);
            if (UserAgent != null) Native.abc_options_set_user_agent(options, UserAgent);
            if (PollInitialInterval.HasValue || PollMaxInterval.HasValue) {
                TimeSpan initial = PollInitialInterval ?? TimeSpan.FromMilliseconds(250);
                TimeSpan max = PollMaxInterval ?? (initial > TimeSpan.FromSeconds(2) ? initial : TimeSpan.FromSeconds(2));
                Native.abc_options_set_poll_interval(options, Time.ToMilliseconds(initial), Time.ToMilliseconds(max));
            }
            if (MaxConnections.HasValue) Native.abc_options_set_max_connections(options, MaxConnections.Value);
            if (MaxResponseBytes.HasValue) Native.abc_options_set_max_response_bytes(options, MaxResponseBytes.Value);
            if (RequestRate.HasValue) Native.abc_options_set_request_rate(options, RequestRate.Value);
            if (Log != null) {
                logCallback = new LogBridge(Log).Invoke;
                Native.abc_options_set_log_callback(options, logCallback, IntPtr.Zero, (abc_log_level)LogLevel);
            }
            return options;
        } catch {
            options.Dispose();
            throw;
        }
    }

    private sealed class LogBridge {
        private readonly Action<LogLevel, string> log;

        internal LogBridge(Action<LogLevel, string> log) { this.log = log; }

        internal void Invoke(int level, IntPtr message, IntPtr userData) {
            try {
                log((LogLevel)level, Utf8.Decode(message));
            } catch {
                // A logger must not break the call that logged (nor unwind through C).
            }
        }
    }
}

/// <summary>Retries of failed requests, with exponential backoff and jitter.</summary>
public sealed class RetryPolicy {
    /// <summary>1..100 (1 = no retries). Default 4.</summary>
    public int MaxAttempts { get; set; }
    public TimeSpan InitialBackoff { get; set; }
    public TimeSpan MaxBackoff { get; set; }
    /// <summary>1.0..10.0. Default 2.</summary>
    public double BackoffMultiplier { get; set; }
    /// <summary>Total time for all attempts of one call.</summary>
    public TimeSpan Deadline { get; set; }

    public RetryPolicy() {
        MaxAttempts = 4;
        InitialBackoff = TimeSpan.FromMilliseconds(250);
        MaxBackoff = TimeSpan.FromSeconds(10);
        BackoffMultiplier = 2.0;
        Deadline = TimeSpan.FromSeconds(60);
    }
}

}
