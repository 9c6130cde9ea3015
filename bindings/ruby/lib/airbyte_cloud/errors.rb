# frozen_string_literal: true

module AirbyteCloud
  # Every failure of a library call raises an AirbyteCloud::Error (or a subclass per status),
  # carrying the detail the C API reports.
  #
  #   begin
  #     workspace.run_sync(connection_id, timeout: 600)
  #   rescue AirbyteCloud::SyncFailedError => e
  #     warn "job #{e.job_id} on #{e.connection_id} ended #{e.job_state}"
  #   rescue AirbyteCloud::TimeoutError => e
  #     warn "still running after #{e.timeout_ms} ms; job #{e.job_id} goes on"
  #   end
  class Error < StandardError
    # The status as a Symbol (:not_found, :sync_failed...); #code is its number (abc_status).
    attr_reader :status, :code
    # HTTP status of the response behind the failure; 0 when there was none.
    attr_reader :http_status
    # The API problem's type URI and detail (or title); "" when none.
    attr_reader :problem_type, :problem_detail
    # For sync and wait failures: the connection id ("" otherwise), the job id (0 otherwise), and
    # the job's last known state as a Symbol (:failed, :running...).
    attr_reader :connection_id, :job_id, :job_state
    # For wait and request timeouts: the timeout that expired, in milliseconds (0 otherwise).
    attr_reader :timeout_ms
    # For a job that ended failed: the latest attempt's failure as Airbyte's Config API reports it
    # ("" when it could not be fetched): where it came from ("destination", "source"...), its type
    # ("system_error"...) and its message for users (the message includes it).
    attr_reader :failure_origin, :failure_type, :failure_message
    # The Job when the call produced one (run_sync whose wait failed: the job goes on).
    attr_reader :job

    def initialize(message = nil, code: nil, http_status: 0, problem_type: "", problem_detail: "",
                   connection_id: "", job_id: 0, job_state: :unknown, timeout_ms: 0, job: nil,
                   failure_origin: "", failure_type: "", failure_message: "")
      @code = code || self.class.default_code
      @status = Status.name(@code)
      @http_status = http_status
      @problem_type = problem_type
      @problem_detail = problem_detail
      @connection_id = connection_id
      @job_id = job_id
      @job_state = job_state
      @timeout_ms = timeout_ms
      @job = job
      @failure_origin = failure_origin
      @failure_type = failure_type
      @failure_message = failure_message
      super(message || AirbyteCloud.strerror(@code))
    end

    # The expired timeout in seconds (Float), or nil.
    def timeout
      timeout_ms.positive? ? timeout_ms / 1000.0 : nil
    end

    def self.default_code = Status::INTERNAL

    # The exception for a failed call's status and error Hash (from the native layer).
    def self.from_native(code, detail, job: nil)
      detail ||= {}
      klass = Status::CLASSES.fetch(code, Error)
      klass.new(MethodNames.ruby_message(detail[:message] || AirbyteCloud.strerror(code)),
                code: code,
                http_status: detail[:http_status] || 0,
                problem_type: detail[:problem_type] || "",
                problem_detail: detail[:problem_detail] || "",
                connection_id: detail[:connection_id] || "",
                job_id: detail[:job_id] || 0,
                job_state: AirbyteCloud.job_state_symbol(detail[:job_state] || 0),
                timeout_ms: detail[:timeout_ms] || 0,
                job: job,
                failure_origin: detail[:failure_origin] || "",
                failure_type: detail[:failure_type] || "",
                failure_message: detail[:failure_message] || "")
    end
  end

  # Status codes (abc_status) by name, and the exception class of each.
  module Status
    OK = 0
    INVALID_ARGUMENT = 1
    OUT_OF_MEMORY = 2
    TRANSPORT = 3
    REQUEST_TIMEOUT = 4
    AUTH = 5
    FORBIDDEN = 6
    NOT_FOUND = 7
    CONFLICT = 8
    SYNC_ALREADY_RUNNING = 9
    RATE_LIMITED = 10
    SERVER = 11
    API = 12
    PROTOCOL = 13
    SYNC_FAILED = 14
    WAIT_TIMEOUT = 15
    CANCELLED = 16
    UNSUPPORTED = 17
    INTERNAL = 18
    REFUSED = 19
    JOB_START_UNKNOWN = 20

    NAMES = constants.to_h { |name| [const_get(name), name.to_s.downcase.to_sym] }.freeze
    CLASSES = {} # filled below

    # :not_found for 7; :status_<n> for a status this version does not know.
    def self.name(code) = NAMES.fetch(code) { :"status_#{code}" }
  end

  # A NULL, empty or out-of-range argument, or bad JSON input.
  class InvalidArgumentError < Error
    def self.default_code = Status::INVALID_ARGUMENT
  end

  # A handle used after #close.
  class ClosedError < InvalidArgumentError; end

  class OutOfMemoryError < Error
    def self.default_code = Status::OUT_OF_MEMORY
  end

  # Could not get a response: DNS, connect, TLS, dropped connection.
  class TransportError < Error
    def self.default_code = Status::TRANSPORT
  end

  # One HTTP request exceeded the request timeout (#timeout_ms).
  class RequestTimeoutError < Error
    def self.default_code = Status::REQUEST_TIMEOUT
  end

  # 401, or the client-credentials token exchange failed.
  class AuthError < Error
    def self.default_code = Status::AUTH
  end

  # 403: the credentials lack access.
  class ForbiddenError < Error
    def self.default_code = Status::FORBIDDEN
  end

  # 404: no such workspace, connection, job, stream...
  class NotFoundError < Error
    def self.default_code = Status::NOT_FOUND
  end

  # 409 other than "sync already running".
  class ConflictError < Error
    def self.default_code = Status::CONFLICT
  end

  # The connection already has a running job (pass attach_if_running: true to attach to it).
  class SyncAlreadyRunningError < ConflictError
    def self.default_code = Status::SYNC_ALREADY_RUNNING
  end

  # 429, still after the configured retries.
  class RateLimitedError < Error
    def self.default_code = Status::RATE_LIMITED
  end

  # 5xx, still after the configured retries.
  class ServerError < Error
    def self.default_code = Status::SERVER
  end

  # Another 4xx (400, 422...): see #problem_type and #problem_detail.
  class ApiError < Error
    def self.default_code = Status::API
  end

  # A response that is not what the API promises.
  class ProtocolError < Error
    def self.default_code = Status::PROTOCOL
  end

  # The job ended failed or cancelled: #job_id, #connection_id, #job_state (and #job from run_sync),
  # and why: #failure_origin, #failure_type, #failure_message.
  class SyncFailedError < Error
    def self.default_code = Status::SYNC_FAILED
  end

  # Waiting for a job exceeded its timeout (#timeout_ms); the job goes on (#job_id, #job).
  class TimeoutError < Error
    def self.default_code = Status::WAIT_TIMEOUT
  end

  # A wait was cancelled (CancelToken, a progress block returning :stop, or an interrupt).
  class CancelledError < Error
    def self.default_code = Status::CANCELLED
  end

  # A feature this build or this server does not offer.
  class UnsupportedError < Error
    def self.default_code = Status::UNSUPPORTED
  end

  # A bug in the library; please report it.
  class InternalError < Error
    def self.default_code = Status::INTERNAL
  end

  # A safety check (safe mode) refused a destructive call.
  class RefusedError < Error
    def self.default_code = Status::REFUSED
  end

  # The answer to a sync start was lost and whether a job started could not be decided: a job may
  # be running on the connection the message names.
  class JobStartUnknownError < Error
    def self.default_code = Status::JOB_START_UNKNOWN
  end

  Status::CLASSES.merge!(
    Status::INVALID_ARGUMENT => InvalidArgumentError, Status::OUT_OF_MEMORY => OutOfMemoryError,
    Status::TRANSPORT => TransportError, Status::REQUEST_TIMEOUT => RequestTimeoutError,
    Status::AUTH => AuthError, Status::FORBIDDEN => ForbiddenError, Status::NOT_FOUND => NotFoundError,
    Status::CONFLICT => ConflictError, Status::SYNC_ALREADY_RUNNING => SyncAlreadyRunningError,
    Status::RATE_LIMITED => RateLimitedError, Status::SERVER => ServerError, Status::API => ApiError,
    Status::PROTOCOL => ProtocolError, Status::SYNC_FAILED => SyncFailedError,
    Status::WAIT_TIMEOUT => TimeoutError, Status::CANCELLED => CancelledError,
    Status::UNSUPPORTED => UnsupportedError, Status::INTERNAL => InternalError,
    Status::REFUSED => RefusedError, Status::JOB_START_UNKNOWN => JobStartUnknownError
  ).freeze
end
