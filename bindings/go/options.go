package airbytecloud

import (
	"runtime/cgo"
	"time"

	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/internal/capi"
)

// Option is a workspace setting for NewWorkspace and NewWorkspaceFromEnvironment. Settings
// not given keep the library's defaults: API root https://api.airbyte.com/v1; connect timeout
// 10 s; request timeout 30 s; 4 attempts with backoff 250 ms doubling to 10 s within 60 s; TLS
// verified with the system CAs; polling every 250 ms growing ×1.25 to 2 s; 16 connections per
// host; responses up to 64 MiB; no logging.
type Option func(*config)

// config collects the settings; NewWorkspace applies them to an abc_options in order.
type config struct {
	builder[capi.Options]
	log   *cgo.Handle
	level LogLevel
}

// fail records the first invalid setting.
func (c *config) fail(err error) {
	if c.err == nil {
		c.err = err
	}
}

func (c *config) int(name string, value int) (int, bool) {
	v, err := cInt(name, value)
	if err != nil {
		c.fail(err)
		return 0, false
	}
	return v, true
}

// set is an Option passing one value to a setter of abc_options: each With... is one call of it.
func set[V any](value V, setter func(capi.Options, V, *capi.Error) capi.Enum_SS_abc_status) Option {
	return func(c *config) {
		c.step(func(o capi.Options, e *capi.Error) capi.Enum_SS_abc_status { return setter(o, value, e) })
	}
}

// setText is set for a text value, refused (as the option's error) when C would cut it short.
func setText(name, value string, setter func(capi.Options, string, *capi.Error) capi.Enum_SS_abc_status) Option {
	return func(c *config) {
		c.text(name, value)
		set(value, setter)(c)
	}
}

// WithAPIURL sets the API root, e.g. "https://api.airbyte.com/v1" (Cloud) or
// "https://host/api/public/v1" (self-managed). It must start with http:// or https://.
func WithAPIURL(url string) Option {
	return setText("api url", url, capi.Abc_options_set_api_url)
}

// WithConfigAPIURL sets the root of Airbyte's Config API, which the diagnostics use (attempts,
// logs, state, catalog, checks), e.g. "https://airbyte.example.com/api/v1". By default it is
// derived from the API root; see ConfigAPIURL.
func WithConfigAPIURL(url string) Option {
	return setText("config api url", url, capi.Abc_options_set_config_api_url)
}

// WithBearerToken authenticates with a static API key or bearer token (replacing client
// credentials).
func WithBearerToken(token string) Option {
	return setText("bearer token", token, capi.Abc_options_set_bearer_token)
}

// WithClientCredentials authenticates with an application's client id and secret, exchanged
// for access tokens that are cached and renewed (replacing a bearer token).
func WithClientCredentials(clientID, clientSecret string) Option {
	return func(c *config) {
		c.text("client id", clientID)
		c.text("client secret", clientSecret)
		c.step(func(o capi.Options, e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_options_set_client_credentials(o, clientID, clientSecret, e)
		})
	}
}

// WithTokenURL overrides the token endpoint (default {api url}/applications/token).
func WithTokenURL(url string) Option {
	return setText("token url", url, capi.Abc_options_set_token_url)
}

// WithEnvironment fills the settings not given by other options from AIRBYTE_CLOUD_API_URL,
// AIRBYTE_CLOUD_BEARER_TOKEN (or AIRBYTE_CLOUD_API_KEY), AIRBYTE_CLOUD_CLIENT_ID and
// AIRBYTE_CLOUD_CLIENT_SECRET. Explicit options win whatever their order.
func WithEnvironment() Option { return func(c *config) { c.step(capi.Abc_options_load_environment) } }

// WithConnectTimeout bounds establishing a connection (1 ms .. 10 min).
func WithConnectTimeout(d time.Duration) Option {
	return set(durationMS(d), capi.Abc_options_set_connect_timeout_ms)
}

// WithRequestTimeout bounds one HTTP request, connect included (1 ms .. 1 h).
func WithRequestTimeout(d time.Duration) Option {
	return set(durationMS(d), capi.Abc_options_set_request_timeout_ms)
}

// RetryPolicy says how failed requests are retried (connection failures, 429, 502, 503, 504,
// and 500 on reads), with exponential backoff and jitter, honouring Retry-After.
type RetryPolicy struct {
	MaxAttempts    int           // 1..100; 1 means no retries
	InitialBackoff time.Duration // >= 1 ms
	MaxBackoff     time.Duration // >= InitialBackoff
	Multiplier     float64       // 1.0..10.0
	Deadline       time.Duration // total time for all attempts of one call
}

// WithRetryPolicy sets the retry policy.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) {
		attempts, ok := c.int("max attempts", p.MaxAttempts)
		if !ok {
			return
		}
		c.step(func(o capi.Options, e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_options_set_retry_policy(o, attempts, durationMS(p.InitialBackoff),
				durationMS(p.MaxBackoff), p.Multiplier, durationMS(p.Deadline), e)
		})
	}
}

// WithCABundle verifies TLS with the CA certificates in this PEM file.
func WithCABundle(path string) Option {
	return setText("ca bundle", path, capi.Abc_options_set_ca_bundle)
}

// WithVerifyTLS turns verification of the server certificate and host name on (the default)
// or off (testing only).
func WithVerifyTLS(verify bool) Option { return set(flag(verify), capi.Abc_options_set_verify_tls) }

// WithUserAgent sets the User-Agent header.
func WithUserAgent(userAgent string) Option {
	return setText("user agent", userAgent, capi.Abc_options_set_user_agent)
}

// WithPollInterval sets how often waits poll a job: first after initial, each interval ×1.25
// up to max (1 ms <= initial <= max <= 1 h).
func WithPollInterval(initial, max time.Duration) Option {
	return func(c *config) {
		c.step(func(o capi.Options, e *capi.Error) capi.Enum_SS_abc_status {
			return capi.Abc_options_set_poll_interval(o, durationMS(initial), durationMS(max), e)
		})
	}
}

// WithRequestRate caps the requests per second of the workspace, shared with every other
// workspace of this process with the same API URL and credential (0, the default: no cap; a
// 429 pauses the whole workspace for its Retry-After either way). See Workspace.RequestBudget.
func WithRequestRate(perSecond float64) Option {
	return set(perSecond, capi.Abc_options_set_request_rate)
}

// WithMaxConnections sets the keep-alive connections kept per host (1..1024).
func WithMaxConnections(n int) Option {
	return func(c *config) {
		if v, ok := c.int("max connections", n); ok {
			set(v, capi.Abc_options_set_max_connections)(c)
		}
	}
}

// WithMaxResponseBytes sets the largest accepted response body (>= 1024 bytes); larger ones
// fail with ErrProtocol.
func WithMaxResponseBytes(n int64) Option { return set(n, capi.Abc_options_set_max_response_bytes) }

// WithLogger passes the library's log lines up to maxLevel to fn. Lines never contain
// secrets. fn runs on the goroutine of the call that logs (so it must not call back into the
// same Connection, Job or Waiter); a panic in fn is recovered and the line dropped. A nil fn
// turns logging off.
func WithLogger(fn func(level LogLevel, message string), maxLevel LogLevel) Option {
	return func(c *config) {
		if c.log != nil {
			c.log.Delete()
			c.log = nil
		}
		c.level = maxLevel
		if fn != nil {
			h := cgo.NewHandle(capi.LogFunc(func(level int, message string) {
				defer func() { _ = recover() }()
				fn(LogLevel(level), message)
			}))
			c.log = &h
		}
		c.step(func(o capi.Options, e *capi.Error) capi.Enum_SS_abc_status {
			var handle uintptr
			if c.log != nil {
				handle = uintptr(*c.log)
			}
			return capi.Abc_options_set_log_callback(o, handle, capi.Enum_SS_abc_log_level(c.level), e)
		})
	}
}

// build makes the abc_options for the settings. On success the caller owns both the options
// and the log handle (if any); on failure everything is released.
func (c *config) build() (capi.Options, error) {
	opts, err := c.make(capi.Abc_options_new, capi.Abc_options_free)
	if err != nil {
		c.dropLog()
	}
	return opts, err
}

func (c *config) dropLog() {
	if c.log != nil {
		c.log.Delete()
		c.log = nil
	}
}

// newConfig applies the options; a nil Option is an invalid argument.
func newConfig(opts []Option) *config {
	c := &config{}
	for i, o := range opts {
		if o == nil {
			c.fail(invalid("option " + itoa(int64(i)) + " is nil"))
			continue
		}
		o(c)
	}
	return c
}
