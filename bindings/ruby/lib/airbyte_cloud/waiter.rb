# frozen_string_literal: true

module AirbyteCloud
  # Lets another thread stop waits (abc_cancel_token): pass it as `cancel:` to Workspace#run_sync,
  # Job#wait or Waiter#next and call #cancel from anywhere. It cancels the waits, not the jobs, now
  # and later. Safe to share between threads.
  #
  #   token = AirbyteCloud::CancelToken.new
  #   Thread.new { sleep 5; token.cancel }
  #   job.wait(cancel: token) # raises CancelledError after 5 s
  #
  # Interrupting a waiting thread (Thread#raise, Thread#kill, Timeout.timeout, Ctrl-C) also stops
  # its wait at once, without a token.
  class CancelToken < HandleObject
    def initialize
      super(Internal.check(Native.abc_cancel_token_new), lock: false)
      @waits = {}
    end

    def cancel
      Native.abc_cancel_token_cancel(native_handle)
      @waits.keys.each do |token|
        Native.abc_cancel_token_cancel(token)
      rescue ClosedError
        nil # that wait just ended
      end
      self
    end

    def cancelled? = Native.abc_cancel_token_is_cancelled(native_handle) == 1

    # For the waits: links the per-wait token `token` to this one while the wait runs.
    def attach(token)
      @waits[token] = true
      Native.abc_cancel_token_cancel(token) if cancelled?
    end

    def detach(token)
      @waits.delete(token)
    end
  end

  # Waits for many jobs at once (abc_waiter): each round polls every unfinished job concurrently
  # over the workspace's keep-alive connections, and #next hands back each job as it becomes final.
  #
  #   workspace.waiter do |waiter|
  #     jobs.each { |job| waiter << job }
  #     waiter.each(timeout: 3600) { |job| puts "#{job.id}: #{job.state}" }
  #   end
  #
  # Failed jobs are reported like any other: read their #state. While #next runs, the added jobs
  # are in use by it (other threads using them wait).
  class Waiter < HandleObject
    include Enumerable

    attr_reader :workspace

    def initialize(workspace)
      raise TypeError, "workspace must be an AirbyteCloud::Workspace" unless workspace.is_a?(Workspace)

      super(workspace.child(Internal.check(Native.abc_waiter_new(workspace.native_handle))))
      @workspace = workspace
      @jobs = []
    end

    # Adds a job to wait for; returns its index (0, 1... in add order).
    def add(job)
      raise TypeError, "job must be an AirbyteCloud::Job, not #{job.class}" unless job.nil? || job.is_a?(Job)

      synchronize do
        index = Internal.check(Native.abc_waiter_add(native_handle, job&.native_handle))
        native_handle.retain(job.native_handle) # the waiter borrows the job: keep it alive
        @jobs[index] = job
        index
      end
    end

    def <<(job)
      add(job)
      self
    end

    # The added jobs, in add order.
    def jobs = @jobs.dup

    # Number of added jobs not yet final.
    def pending_count = get(:abc_waiter_pending_count)

    # Blocks until one more added job is final and returns it (each job once); nil when every job
    # was reported. Raises TimeoutError when none finished within `timeout` seconds, CancelledError
    # when `cancel` was cancelled.
    def next(timeout:, cancel: nil)
      timeout_ms = Internal.ms(timeout, "timeout") || 0 # 0: the C API reports the bad timeout
      synchronize do
        Internal.synchronize_all(@jobs) do
          Internal.with_wait_token(cancel) do |token|
            status, index, error = Native.waiter_next(native_handle, timeout_ms, token, Internal::DELIVER_LOGS)
            Internal.deliver_logs
            return nil if status == Status::NOT_FOUND

            raise Error.from_native(status, error) unless status.zero?

            @jobs[index]
          end
        end
      end
    end

    # Yields each job as it becomes final, until all were reported. `timeout` applies to each
    # wait for the next job.
    def each(timeout: 3600, cancel: nil)
      return enum_for(:each, timeout: timeout, cancel: cancel) unless block_given?

      while (job = self.next(timeout: timeout, cancel: cancel))
        yield job
      end
      self
    end
  end
end
