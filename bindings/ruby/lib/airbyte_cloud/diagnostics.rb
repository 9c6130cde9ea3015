# frozen_string_literal: true

module AirbyteCloud
  # Why a sync failed and what it left: job attempts and their failures, attempt logs, connection
  # state, the configured catalog, connector checks (airbyte_cloud/diagnostics.h). These use
  # Airbyte's Config API (Options' config_api_url:), which is not covered by the public API's
  # stability promise. Times are UTC Times; JSON comes as text (json) and parsed (Hash).

  # One attempt of a job; failures: AttemptFailure, none for an attempt that did not fail.
  Attempt = Struct.new(:number, :status, :created_at, :ended_at, :rows_synced, :bytes_synced, :failures,
                       keyword_init: true) do
    def failed? = status == "failed"
  end

  # origin: "source", "destination", "replication"...; type: "config_error", "system_error"...;
  # retryable: true, false or nil (not known).
  AttemptFailure = Struct.new(:origin, :type, :external_message, :internal_message, :retryable, :time,
                              keyword_init: true)

  # json: the whole state (Workspace#set_connection_state takes it back); type: "stream",
  # "global", "legacy" or "not_set"; shared_state: a global state's shared part (Hash) or nil.
  ConnectionState = Struct.new(:json, :type, :shared_state, :streams, keyword_init: true)
  # state: the stream's state (Hash) or nil.
  StreamState = Struct.new(:name, :namespace, :state, keyword_init: true)

  # json: the syncCatalog; streams: ConfiguredStream (field paths joined with ".").
  ConfiguredCatalog = Struct.new(:json, :streams, keyword_init: true)
  ConfiguredStream = Struct.new(:name, :namespace, :selected, :sync_mode, :destination_sync_mode, :cursor_field,
                                :primary_key, :selected_fields, keyword_init: true) do
    def selected? = selected
  end

  # A connector check's outcome (a failed check is not an error).
  CheckResult = Struct.new(:succeeded, :message, keyword_init: true) do
    def succeeded? = succeeded
  end

  # The log of one attempt of a job, line by line (Strings without the line end): Enumerable, read
  # again from the server on every #each, streamed (a log of any size takes memory for one line).
  # follow: true keeps reading new lines until the job is final. #lines_read after an #each.
  #
  #   workspace.job_log(job).grep(/ERROR/)
  #   workspace.job_log(job, follow: true).each { |line| puts line }
  class JobLog
    include Enumerable

    attr_reader :lines_read

    def initialize(workspace, job_id, attempt: nil, follow: false, cancel: nil)
      @workspace = workspace
      @job_id = job_id
      @attempt = attempt
      @follow = follow
      @cancel = cancel
    end

    # Yields each line; breaking out of the block (or an interrupt, or the cancel: token) stops
    # the reading.
    def each(&block)
      return enum_for(:each) unless block

      @lines_read = @workspace.send(:read_job_log, @job_id, @attempt, @follow, @cancel, block)
      self
    end
  end

  # Workspace methods over airbyte_cloud/diagnostics.h.
  module Diagnostics
    # The attempts of a job (a Job or its id), oldest first.
    def job_attempts(job)
      read_closing(call(:abc_job_attempts_get, Internal.id_of(job))) do |h|
        Array.new(Native.abc_attempt_list_count(h)) do |i|
          Attempt.new(number: Native.abc_attempt_number(h, i), status: Native.abc_attempt_status(h, i),
                      created_at: Internal.time_or_nil(Native.abc_attempt_created_at(h, i)),
                      ended_at: Internal.time_or_nil(Native.abc_attempt_ended_at(h, i)),
                      rows_synced: Native.abc_attempt_rows_synced(h, i), bytes_synced: Native.abc_attempt_bytes_synced(h, i),
                      failures: Array.new(Native.abc_attempt_failure_count(h, i)) { |f| failure(h, i, f) })
        end
      end
    end

    # The log of one attempt of a job (attempt: nil for the last), a JobLog (Enumerable).
    def job_log(job, attempt: nil, follow: false, cancel: nil)
      JobLog.new(self, Internal.id_of(job), attempt: attempt, follow: follow, cancel: cancel)
    end

    # The state of a connection (a Connection or its id).
    def connection_state(connection)
      read_closing(call(:abc_connection_state_get, Internal.id_of(connection))) { |h| state_of(h) }
    end

    # Replaces a connection's state with `state` (a ConnectionState, a Hash or JSON text); returns
    # the state as stored. Do not run it while a sync of the connection runs.
    def set_connection_state(connection, state)
      state = state.json if state.is_a?(ConnectionState)
      read_closing(call(:abc_connection_state_set, Internal.id_of(connection), Internal.json_text(state, "state"))) do |h|
        state_of(h)
      end
    end

    # The configured catalog of a connection: the streams it syncs and how.
    def configured_catalog(connection)
      read_closing(call(:abc_configured_catalog_get, Internal.id_of(connection))) do |h|
        ConfiguredCatalog.new(json: Native.abc_configured_catalog_json(h),
                              streams: Array.new(Native.abc_configured_catalog_count(h)) { |i| configured_stream(h, i) })
      end
    end

    # Runs the connector's check against its stored configuration.
    def check_source(source) = run_check(:abc_source_check, source)
    def check_destination(destination) = run_check(:abc_destination_check, destination)

    private

    # Yields the handle, then closes it.
    def read_closing(handle)
      yield handle
    ensure
      handle&.close
    end

    def run_check(function, actor)
      succeeded, message = call(function, Internal.id_of(actor))
      CheckResult.new(succeeded: succeeded == 1, message: message)
    end

    def failure(h, attempt, index)
      retryable = Native.abc_attempt_failure_retryable(h, attempt, index)
      AttemptFailure.new(origin: Native.abc_attempt_failure_origin(h, attempt, index),
                         type: Native.abc_attempt_failure_type(h, attempt, index),
                         external_message: Native.abc_attempt_failure_external_message(h, attempt, index),
                         internal_message: Native.abc_attempt_failure_internal_message(h, attempt, index),
                         retryable: retryable.negative? ? nil : retryable == 1,
                         time: Time.at(Native.abc_attempt_failure_timestamp_ms(h, attempt, index) / 1000.0).utc)
    end

    def parsed(text) = text.to_s.empty? ? nil : JSON.parse(text)

    def state_of(h)
      ConnectionState.new(
        json: Native.abc_connection_state_json(h), type: Native.abc_connection_state_type(h),
        shared_state: parsed(Native.abc_connection_state_shared_state(h)),
        streams: Array.new(Native.abc_connection_state_stream_count(h)) do |i|
          StreamState.new(name: Native.abc_connection_state_stream_name(h, i),
                          namespace: Native.abc_connection_state_stream_namespace(h, i),
                          state: parsed(Native.abc_connection_state_stream_state(h, i)))
        end
      )
    end

    def configured_stream(h, i)
      ConfiguredStream.new(
        name: Native.abc_configured_catalog_name(h, i), namespace: Native.abc_configured_catalog_namespace(h, i),
        selected: Native.abc_configured_catalog_selected(h, i) == 1,
        sync_mode: Native.abc_configured_catalog_sync_mode(h, i),
        destination_sync_mode: Native.abc_configured_catalog_destination_sync_mode(h, i),
        cursor_field: Native.abc_configured_catalog_cursor_field(h, i),
        primary_key: Array.new(Native.abc_configured_catalog_primary_key_count(h, i)) do |k|
          Native.abc_configured_catalog_primary_key(h, i, k)
        end,
        selected_fields: Array.new(Native.abc_configured_catalog_selected_field_count(h, i)) do |k|
          Native.abc_configured_catalog_selected_field(h, i, k)
        end
      )
    end

    # JobLog#each: the read runs like a wait (a helper thread; the block on this thread).
    def read_job_log(job_id, attempt, follow, cancel, block)
      raise TypeError, "job id must be an Integer, not #{job_id.class}" unless job_id.is_a?(Integer)

      Internal.with_wait_token(cancel) do |token|
        on_line = lambda do |line|
          block.call(line)
          false
        end
        status, lines, error = Native.job_logs_read(native_handle, job_id, attempt || -1, follow, token, on_line,
                                                    Internal::DELIVER_LOGS)
        Internal.deliver_logs
        raise Error.from_native(status, error) unless status.zero?

        lines
      end
    end
  end

  class Workspace
    include Diagnostics
  end

  class Job
    # This job's attempts (Workspace#job_attempts).
    def attempts = workspace.job_attempts(self)
    # This job's log (Workspace#job_log).
    def log(**options) = workspace.job_log(self, **options)
  end
end
