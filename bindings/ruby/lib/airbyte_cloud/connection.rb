# frozen_string_literal: true

module AirbyteCloud
  # A connection (abc_connection). Lazy: Workspace#connection sends no request; the first getter
  # that needs the details fetches them once (#refresh fetches again).
  class Connection < HandleObject
    attr_reader :workspace

    def initialize(handle, workspace)
      super(handle)
      @workspace = workspace
    end

    # id, url and job_history_url send no request. The others fetch the details once: prefix ("" when
    # none), status ("active", "inactive"...), schedule_type ("manual", "cron" or "basic"),
    # cron_expression ("" unless the schedule is cron), namespace_definition ("source",
    # "destination" or "custom_format"), json (the connection as the API returned it; #details
    # parses it).
    native_readers get: { id: :abc_connection_id, url: :abc_connection_url, job_history_url: :abc_connection_job_history_url },
                   call: { name: :abc_connection_name, source_id: :abc_connection_source_id,
                           destination_id: :abc_connection_destination_id, prefix: :abc_connection_prefix,
                           status: :abc_connection_status, schedule_type: :abc_connection_schedule_type,
                           cron_expression: :abc_connection_cron_expression,
                           namespace_definition: :abc_connection_namespace_definition, json: :abc_connection_json }

    # Fetches the details now. Returns self.
    def refresh
      call(:abc_connection_refresh)
      self
    end

    def details = JSON.parse(json)

    # Names of the selected streams.
    def streams
      synchronize do
        count = Internal.check(Native.abc_connection_stream_count(native_handle))
        Array.new(count) { |i| Internal.check(Native.abc_connection_stream_name(native_handle, i)) }
      end
    end

    # Starts a sync (see Workspace#run_sync for the keywords and the progress block).
    def run_sync(**options, &progress) = workspace.run_sync(id, **options, &progress)

    # One page of the sync history, newest first: a JobList (Enumerable of Job).
    # limit: 1..100, offset: jobs to skip.
    def jobs(limit: 20, offset: 0)
      JobList.new(workspace.child(call(:abc_connection_list_jobs, limit, offset)), workspace)
    end

    # The whole sync history, newest first, fetched page_size jobs at a time as the block needs
    # them. An Enumerator without a block.
    def history(page_size: 100)
      return enum_for(:history, page_size: page_size) unless block_given?

      offset = 0
      loop do
        count = 0
        jobs(limit: page_size, offset: offset).open do |page|
          count = page.size
          page.each { |job| yield job }
        end
        break if count < page_size

        offset += count
      end
      self
    end
    alias each_job history

    # The most recent sync job, or nil when there is none.
    def latest_job
      handle = call(:abc_connection_latest_job)
      handle && Job.new(workspace.child(handle), workspace)
    end

    # Changes the connection (PATCH) by the fields given: name:, streams:, prefix:, schedule:,
    # namespace:, status: (see ConnectionSpec). The details become the server's answer. Returns self.
    def update(**changes)
      ConnectionSpec.open(**changes) { |spec| call(:abc_connection_update, spec.native_handle) }
      self
    end

    # Deletes the connection; see Workspace#delete_connection.
    def delete(cascade: false, safe_mode: :default)
      workspace.delete_connection(id, cascade: cascade, safe_mode: safe_mode)
    end

    # The datasets of the selected streams (see DatasetSet); keywords as DatasetOptions.
    def datasets(**options)
      DatasetOptions.with(options) { |opts| DatasetSet.new(call(:abc_connection_datasets, opts&.native_handle)) }
    end

    def inspect = closed? ? "#<#{self.class.name} closed>" : "#<#{self.class.name} #{id}>"
  end

  # Figures a progress block gets after every poll of a wait.
  Progress = Struct.new(:job_id, :state, :elapsed_ms, :rows_synced, :bytes_synced, keyword_init: true) do
    def elapsed = elapsed_ms / 1000.0
  end

  # A sync job (abc_job): the latest snapshot of one job. Getters read the snapshot (no request);
  # #refresh and #wait update it.
  class Job < HandleObject
    attr_reader :workspace

    def initialize(handle, workspace)
      super(handle)
      @workspace = workspace
      @waiting = false
      @id = Native.abc_job_id(handle) # never changes; readable while another thread waits
    end

    def id
      native_handle
      @id
    end
    # :pending, :queued, :running, :incomplete, :failed, :succeeded, :cancelled or :unknown.
    def state = AirbyteCloud.job_state_symbol(get(:abc_job_status))
    alias status state
    # True once the state is final (failed, succeeded, cancelled).
    def complete? = get(:abc_job_is_complete) == 1
    alias final? complete?
    def succeeded? = state == :succeeded
    def failed? = state == :failed
    def cancelled? = state == :cancelled
    def running? = !complete?
    # "sync", "reset", "clear"...
    def type = get(:abc_job_type)
    def connection_id = get(:abc_job_connection_id)
    def rows_synced = get(:abc_job_rows_synced)
    def bytes_synced = get(:abc_job_bytes_synced)
    # Start time (a UTC Time, nil when unknown) and the API's ISO-8601 text.
    def start_time = Internal.time_or_nil(get(:abc_job_start_time))
    def start_time_text = get(:abc_job_start_time_text)
    # Last update (set by the API once the job is final), nil before.
    def last_updated_time = Internal.time_or_nil(get(:abc_job_last_updated_time))
    def duration_ms = get(:abc_job_duration_ms)
    def duration = duration_ms / 1000.0
    def url = get(:abc_job_url)

    # Fetches the job's current snapshot. Returns self.
    def refresh
      synchronize do
        not_while_waiting("refresh")
        Internal.check(Native.abc_job_refresh(native_handle))
      end
      self
    end

    # Raises SyncFailedError when the snapshot's state is failed or cancelled; returns self.
    def check_failure!
      synchronize { Internal.check(Native.abc_job_check_failure(native_handle), job: self) }
      self
    end

    # Polls until the job is final. Keywords as Workspace#run_sync (timeout:, fail_on_sync_failure:,
    # fail_on_timeout:, cancel:); the block gets a Progress after every poll (:stop stops the
    # wait). Returns self.
    def wait(timeout: nil, fail_on_sync_failure: true, fail_on_timeout: true, cancel: nil, &progress)
      options = Internal.sync_options(timeout: timeout, fail_on_sync_failure: fail_on_sync_failure,
                                      fail_on_timeout: fail_on_timeout)
      begin
        synchronize do
          not_while_waiting("wait")
          Internal.with_wait_token(cancel) do |token|
            @waiting = true
            begin
              status, error = Native.job_wait(native_handle, options, token, Internal.progress_callable(progress),
                                              Internal::DELIVER_LOGS)
            ensure
              @waiting = false
            end
            Internal.deliver_logs
            raise Error.from_native(status, error, job: self) unless status.zero?
          end
        end
      ensure
        options.close
      end
      self
    end

    # Asks the server to cancel the job and updates the snapshot. Works while another thread (or
    # this thread's progress block) waits for the job: then a second handle sends the request.
    # Returns self.
    def cancel
      if @lock.try_enter
        begin
          unless @waiting
            Internal.check(Native.abc_job_cancel(native_handle))
            return self
          end
        ensure
          @lock.exit
        end
      end
      other = Internal.check(Native.abc_job_get(workspace.native_handle, id))
      begin
        Internal.check(Native.abc_job_cancel(other))
      ensure
        other.close
      end
      self
    end

    # The datasets the sync wrote (see DatasetSet); keywords as DatasetOptions.
    def datasets(**options)
      DatasetOptions.with(options) { |opts| DatasetSet.new(call(:abc_job_datasets, opts&.native_handle)) }
    end

    def to_h
      synchronize do
        { id: id, state: state, type: type, connection_id: connection_id, rows_synced: rows_synced,
          bytes_synced: bytes_synced, start_time: start_time, duration_ms: duration_ms, url: url }
      end
    end

    def inspect
      closed? ? "#<#{self.class.name} closed>" : "#<#{self.class.name} #{id} #{state} rows=#{rows_synced}>"
    end

    private

    def not_while_waiting(what)
      raise Error.new("cannot #{what} job #{id} while it is being waited on", code: Status::INVALID_ARGUMENT) if @waiting
    end
  end

  # One page of a connection's history (abc_job_list): Enumerable over independent Job handles.
  class JobList < HandleObject
    include IndexedList

    def initialize(handle, workspace)
      super(handle)
      @workspace = workspace
    end

    def size = get(:abc_job_list_count)

    # Job `index` (negative counts from the end), or nil outside the list.
    def [](index)
      synchronize do
        i = Internal.index(index, Native.abc_job_list_count(native_handle))
        i && Job.new(@workspace.child(Internal.check(Native.abc_job_list_get(native_handle, i))), @workspace)
      end
    end


    # Yields self and closes it afterwards.
    def open
      yield self
    ensure
      close
    end
  end
end
