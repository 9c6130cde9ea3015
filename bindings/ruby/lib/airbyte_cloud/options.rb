# frozen_string_literal: true

module AirbyteCloud
  # Settings for a Workspace (abc_options). Usually built for you from Workspace.new's keyword
  # arguments; build one yourself to share settings between workspaces.
  #
  # Durations are seconds (Numeric). Every argument is optional; nil keeps the library's default:
  # API root https://api.airbyte.com/v1, connect timeout 10 s, request timeout 30 s, 4 attempts
  # with backoff 0.25 s doubling to 10 s within 60 s, TLS verified, polls every 0.25 s growing to
  # 2 s, 16 connections, responses up to 64 MiB, no logging.
  class Options < HandleObject
    RETRY_KEYS = %i[max_attempts initial_backoff max_backoff multiplier deadline].freeze

    # api_url:: API root, e.g. "https://api.airbyte.com/v1" or "https://host/api/public/v1".
    # api_key:: static API key / bearer token (alias bearer_token:).
    # client_id:, client_secret:: application credentials, exchanged for tokens at token_url:.
    # environment:: true fills unset settings from AIRBYTE_CLOUD_API_URL,
    #   AIRBYTE_CLOUD_BEARER_TOKEN (or _API_KEY), AIRBYTE_CLOUD_CLIENT_ID, _CLIENT_SECRET.
    # retry_policy:: { max_attempts:, initial_backoff:, max_backoff:, multiplier:, deadline: }.
    # poll_interval:: [initial, max] or initial..max, seconds.
    # logger:: a callable (level, message) or a ::Logger; log_level: :error, :warning, :info, :debug.
    # config_api_url:: the root of Airbyte's Config API (diagnostics), derived from api_url: by
    #   default.
    # request_rate:: requests per second for the workspace, shared with every workspace of this
    #   process with the same api_url and credential (nil or 0: no cap). See Workspace#request_budget.
    def initialize(api_url: nil, api_key: nil, bearer_token: nil, client_id: nil, client_secret: nil,
                   token_url: nil, environment: false, connect_timeout: nil, request_timeout: nil,
                   retry_policy: nil, ca_bundle: nil, verify_tls: nil, user_agent: nil,
                   poll_interval: nil, max_connections: nil, max_response_bytes: nil, logger: nil,
                   log_level: :info, config_api_url: nil, request_rate: nil)
      super(Internal.check(Native.abc_options_new))
      @logger = Internal.log_sink(logger)
      set(:abc_options_set_api_url, api_url) if api_url
      token = api_key || bearer_token
      set(:abc_options_set_bearer_token, token) if token
      set(:abc_options_set_client_credentials, client_id, client_secret) if client_id || client_secret
      set(:abc_options_set_token_url, token_url) if token_url
      set(:abc_options_set_config_api_url, config_api_url) if config_api_url
      set_timeouts(connect_timeout, request_timeout)
      set_retry_policy(retry_policy) if retry_policy
      set(:abc_options_set_ca_bundle, ca_bundle) if ca_bundle
      set(:abc_options_set_verify_tls, Internal.flag(verify_tls)) unless verify_tls.nil?
      set(:abc_options_set_user_agent, user_agent) if user_agent
      set_poll_interval(poll_interval) if poll_interval
      set(:abc_options_set_max_connections, max_connections) if max_connections
      set(:abc_options_set_max_response_bytes, max_response_bytes) if max_response_bytes
      set(:abc_options_set_request_rate, Float(request_rate)) if request_rate
      self.logger = [@logger, log_level] if @logger
      call(:abc_options_load_environment) if environment
    rescue StandardError
      close
      raise
    end

    # The log sink (a callable) or nil.
    attr_reader :logger

    # options.logger = callable_or_logger, or [sink, level]; nil turns logging off.
    def logger=(value)
      sink, level = value.is_a?(Array) ? value : [value, :info]
      sink = Internal.log_sink(sink)
      synchronize do
        Internal.check(Native.options_set_logger(native_handle, sink, Internal.log_level(level)))
      end
      @logger = sink
    end

    private

    def set(function, *args) = call(function, *args)

    def set_timeouts(connect, request)
      connect_ms = Internal.ms(connect, "connect_timeout")
      request_ms = Internal.ms(request, "request_timeout")
      set(:abc_options_set_connect_timeout_ms, connect_ms) if connect_ms
      set(:abc_options_set_request_timeout_ms, request_ms) if request_ms
    end

    def set_retry_policy(policy)
      raise TypeError, "retry_policy must be a Hash" unless policy.is_a?(Hash)

      unknown = policy.keys - RETRY_KEYS
      raise InvalidArgumentError, "retry_policy: unknown keys #{unknown.inspect}" unless unknown.empty?

      set(:abc_options_set_retry_policy,
          policy.fetch(:max_attempts, 4),
          Internal.ms(policy.fetch(:initial_backoff, 0.25), "initial_backoff"),
          Internal.ms(policy.fetch(:max_backoff, 10), "max_backoff"),
          Float(policy.fetch(:multiplier, 2.0)),
          Internal.ms(policy.fetch(:deadline, 60), "deadline"))
    end

    def set_poll_interval(interval)
      initial, max = interval.is_a?(Range) ? [interval.begin, interval.end] : Array(interval)
      max ||= initial
      set(:abc_options_set_poll_interval, Internal.ms(initial, "poll_interval"), Internal.ms(max, "poll_interval"))
    end
  end
end
