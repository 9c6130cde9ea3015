# frozen_string_literal: true

require "json"
require "monitor"

module AirbyteCloud
  # Plumbing shared by the classes; not part of the API.
  module Internal
    LOG_LEVELS = { 1 => :error, 2 => :warning, 3 => :info, 4 => :debug }.freeze
    LOG_LEVEL_NUMBERS = LOG_LEVELS.invert.merge(warn: 2).freeze
    # ::Logger severities, for logger objects that respond to #add.
    LOGGER_SEVERITIES = { error: 3, warning: 2, info: 1, debug: 0 }.freeze

    module_function

    # Unpacks a native call's [status, out..., error]: raises the mapped Error on failure, else
    # returns the single out value, an Array of several, or nil.
    def check(result, job: nil)
      deliver_logs
      status = result[0]
      raise Error.from_native(status, result[-1], job: job) unless status.zero?

      outs = result[1...-1]
      outs.size <= 1 ? outs.first : outs
    end

    # Hands the log messages queued on this thread to their sinks.
    def deliver_logs
      logs = Native.take_logs
      logs&.each { |sink, level, message| sink.call(LOG_LEVELS.fetch(level, :debug), message) }
      nil
    end

    DELIVER_LOGS = -> { Internal.deliver_logs }

    # A callable taking (level, message) for a logger argument: a callable is used as is; an object
    # with #add (Ruby's ::Logger and friends) gets the message at the matching severity.
    def log_sink(logger)
      return nil if logger.nil?
      return logger if logger.respond_to?(:call)

      if logger.respond_to?(:add)
        return ->(level, message) { logger.add(LOGGER_SEVERITIES.fetch(level, 0), message, "airbyte_cloud") }
      end

      raise TypeError, "logger must respond to #call(level, message) or be a Logger (#add)"
    end

    def log_level(level)
      LOG_LEVEL_NUMBERS.fetch(level) do
        raise InvalidArgumentError, "log_level must be one of #{LOG_LEVELS.values.inspect}, not #{level.inspect}"
      end
    end

    # Seconds (Numeric) as whole milliseconds; nil stays nil.
    def ms(seconds, name)
      return nil if seconds.nil?
      raise TypeError, "#{name} must be a number of seconds, not #{seconds.class}" unless seconds.is_a?(Numeric)

      (seconds * 1000).round
    end

    def flag(value) = value ? 1 : 0

    # A String id from a String or an object with #id (Connection, Source...); nil stays nil so the
    # C API reports the missing argument.
    def id_of(value)
      value.respond_to?(:id) && !value.is_a?(String) ? value.id : value
    end

    def json_text(value, name)
      case value
      when nil, String then value
      when Hash, Array then JSON.generate(value)
      else raise TypeError, "#{name} must be a Hash, an Array or JSON text, not #{value.class}"
      end
    end

    def time_or_nil(seconds) = seconds.to_i.positive? ? Time.at(seconds).utc : nil

    # A Ruby index (negative counts from the end) checked against size, or nil when outside.
    def index(value, size)
      raise TypeError, "index must be an Integer, not #{value.class}" unless value.is_a?(Integer)

      value += size if value.negative?
      value.between?(0, size - 1) ? value : nil
    end

    # Runs the block with a cancel token for one wait: its own, so that an interrupt of this
    # thread (which cancels it) never cancels the caller's CancelToken, which is linked to it.
    def with_wait_token(cancel)
      unless cancel.nil? || cancel.is_a?(CancelToken)
        raise TypeError, "cancel must be an AirbyteCloud::CancelToken, not #{cancel.class}"
      end

      token = check(Native.abc_cancel_token_new)
      begin
        cancel&.attach(token)
        yield token
      ensure
        cancel&.detach(token)
        token.close
      end
    end

    # A progress block as the native wait calls it: figures in, "stop?" out.
    def progress_callable(block)
      return nil unless block

      lambda do |figures|
        state, elapsed_ms, rows, bytes, job_id = figures
        block.call(Progress.new(job_id: job_id, state: AirbyteCloud.job_state_symbol(state),
                                elapsed_ms: elapsed_ms, rows_synced: rows, bytes_synced: bytes)) == :stop
      end
    end

    # Sync options for one call, from keyword arguments; the caller closes them.
    def sync_options(wait: nil, timeout: nil, fail_on_sync_failure: nil, fail_on_timeout: nil,
                     attach_if_running: nil, job_type: nil, cancel_job: nil)
      options = check(Native.abc_sync_options_new)
      begin
        check(Native.abc_sync_options_set_job_type(options, job_type.to_s)) if job_type
        check(Native.abc_sync_options_set_wait(options, flag(wait))) unless wait.nil?
        timeout_ms = ms(timeout, "timeout")
        check(Native.abc_sync_options_set_timeout_ms(options, timeout_ms)) if timeout_ms
        check(Native.abc_sync_options_set_fail_on_sync_failure(options, flag(fail_on_sync_failure))) unless fail_on_sync_failure.nil?
        check(Native.abc_sync_options_set_fail_on_timeout(options, flag(fail_on_timeout))) unless fail_on_timeout.nil?
        check(Native.abc_sync_options_set_attach_if_running(options, flag(attach_if_running))) unless attach_if_running.nil?
        check(Native.abc_sync_options_set_cancel_job_on_cancel(options, flag(cancel_job))) unless cancel_job.nil?
      rescue StandardError
        options.close
        raise
      end
      options
    end

    # Walks a native iterator: yields each new item handle until the end.
    def iterate(iterator, next_function)
      loop do
        item = check(Native.public_send(next_function, iterator))
        break if item.nil?

        yield item
      end
    ensure
      iterator.close
    end

    # Enters the monitors of all `objects` (in a fixed order, so two threads never deadlock on
    # them) for the duration of the block.
    def synchronize_all(objects, &block)
      monitors = objects.map { |o| o.instance_variable_get(:@lock) }.compact.uniq.sort_by(&:object_id)
      enter = monitors.reverse.inject(block) { |inner, monitor| -> { monitor.synchronize(&inner) } }
      enter.call
    end
  end

  # Base of every object that owns a native handle.
  #
  # #close frees the handle now (idempotent); otherwise the garbage collector does. A closed object
  # raises ClosedError when used, never crashes. Objects that are not safe to share between
  # threads (all but Workspace and CancelToken) serialise their calls with a Monitor, so sharing
  # one between threads is safe too.
  # Enumerable over an indexed native list: the includer defines size and [](index).
  module IndexedList
    include Enumerable

    def length = size

    def each
      return enum_for(:each) { size } unless block_given?

      size.times { |i| yield self[i] }
      self
    end
  end

  class HandleObject
    def initialize(handle, lock: true)
      @handle = handle
      @lock = lock ? Monitor.new : nil
    end

    def close
      @handle&.close
      nil
    end

    def closed? = @handle.nil? || @handle.closed?

    # The native handle (for the library's own classes). Raises ClosedError when closed.
    def native_handle
      handle = @handle
      raise ClosedError, "#{self.class.name} is closed" if handle.nil? || handle.closed?

      handle
    end

    # Defines one reader per C function on the object's handle: `get:` for getters without a
    # status, `call:` for fallible ones (they raise). A new getter is one entry:
    #   native_readers get: { id: :abc_x_id }, call: { name: :abc_x_name }
    # Defined as source at the caller's line, so that backtraces (and error messages, see
    # MethodNames) show each reader's own name.
    def self.native_readers(get: {}, call: {})
      where = caller_locations(1, 1).first
      { get: get, call: call }.each do |kind, readers|
        readers.each do |name, function|
          raise ArgumentError, "bad reader #{name}" unless "#{name}#{function}".match?(/\A[a-z0-9_?]+\z/)

          class_eval("def #{name} = #{kind}(:#{function})", where.path, where.lineno)
        end
      end
    end

    # Calls block with the object, then closes it (also when the block raises).
    def self.open(*args, **kwargs)
      object = new(*args, **kwargs)
      return object unless block_given?

      begin
        yield object
      ensure
        object.close
      end
    end

    private

    def synchronize(&block)
      @lock ? @lock.synchronize(&block) : block.call
    end

    # Native call on this object's handle; raises on failure, returns the out value(s).
    def call(function, *args)
      synchronize { Internal.check(Native.public_send(function, native_handle, *args)) }
    end

    # Native getter on this object's handle (no status).
    def get(function, *args)
      synchronize { Native.public_send(function, native_handle, *args) }
    end
  end
end
