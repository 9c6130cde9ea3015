# frozen_string_literal: true

require_relative "test_helper"

# Waits: progress blocks, cancel tokens, interrupts, other threads running meanwhile, the
# multi-job waiter, attaching to a running job.
class WaitsTest < Minitest::Test
  include EmulatorTest

  def test_progress_block_sees_every_poll
    id = new_connection(outcome: "succeeded", duration_ms: 300)
    seen = []
    job = workspace.run_sync(id, timeout: 30) { |progress| seen << progress }
    refute_empty seen
    assert(seen.all? { |p| p.job_id == job.id })
    assert_equal :succeeded, seen.last.state
    assert_equal job.rows_synced, seen.last.rows_synced
    assert_operator seen.last.elapsed_ms, :>, 0
    assert_in_delta seen.last.elapsed_ms / 1000.0, seen.last.elapsed
  end

  def test_progress_block_can_read_the_job_and_stop_the_wait
    id = new_connection(outcome: "running", duration_ms: 60_000)
    job = workspace.run_sync(id, wait: false)
    polls = 0
    error = assert_raises(AirbyteCloud::CancelledError) do
      job.wait(timeout: 30) do |progress|
        polls += 1
        assert_equal job.id, progress.job_id
        assert_equal progress.state, job.state # the job is readable from the block
        :stop if polls == 3
      end
    end
    assert_equal 3, polls
    assert_equal job.id, error.job_id
    refute job.complete?
    job.cancel
  end

  def test_exception_in_progress_block_propagates_and_stops_the_wait
    id = new_connection(outcome: "running", duration_ms: 60_000)
    ws = workspace
    error = assert_raises(ArgumentError) { ws.run_sync(id, timeout: 30) { raise ArgumentError, "from the block" } }
    assert_equal "from the block", error.message
    ws.connection(id).latest_job.cancel
  end

  def test_break_and_throw_leave_the_wait
    id = new_connection(outcome: "running", duration_ms: 60_000)
    job = workspace.run_sync(id, wait: false)
    result = job.wait(timeout: 30) { |progress| break progress.state }
    assert_includes %i[pending running], result
    thrown = catch(:done) { job.wait(timeout: 30) { throw :done, :thrown } }
    assert_equal :thrown, thrown
    job.cancel
    assert_raises(AirbyteCloud::SyncFailedError) { job.wait(timeout: 10) } # the job is usable after
  end

  def test_cancel_token_from_another_thread
    id = new_connection(outcome: "running", duration_ms: 60_000)
    job = workspace.run_sync(id, wait: false)
    token = AirbyteCloud::CancelToken.new
    refute token.cancelled?
    Thread.new { sleep 0.2; token.cancel }
    took = elapsed do
      error = assert_raises(AirbyteCloud::CancelledError) { job.wait(timeout: 30, cancel: token) }
      assert_equal job.id, error.job_id
    end
    assert_operator took, :<, 5
    assert token.cancelled?
    # Cancelled for good: the next wait using it stops at once.
    assert_raises(AirbyteCloud::CancelledError) { job.wait(timeout: 30, cancel: token) }
    token.close
    assert_raises(AirbyteCloud::ClosedError) { token.cancel }
    assert_raises(TypeError) { job.wait(cancel: "token") }
    job.cancel
  end

  def test_interrupts_stop_a_wait_at_once
    id = new_connection(outcome: "running", duration_ms: 60_000)
    job = workspace.run_sync(id, wait: false)
    took = elapsed { assert_raises(Timeout::Error) { Timeout.timeout(0.3) { job.wait(timeout: 60) } } }
    assert_operator took, :<, 5

    waiter = Thread.new do
      Thread.current.report_on_exception = false
      job.wait(timeout: 60)
    end
    sleep 0.2
    waiter.raise(Interrupt)
    assert_raises(Interrupt) { waiter.join(10) }

    killed = Thread.new { job.wait(timeout: 60) }
    sleep 0.2
    killed.kill
    assert killed.join(10), "a killed waiting thread ends"

    # A wakeup is not an interrupt: the wait goes on.
    sleeper = Thread.new { job.wait(timeout: 0.6, fail_on_timeout: false) }
    sleep 0.2
    sleeper.wakeup
    assert_same job, sleeper.value
    job.cancel
  end

  def test_other_threads_run_during_a_wait
    id = new_connection(outcome: "succeeded", duration_ms: 600)
    ticks = 0
    ticker = Thread.new { loop { ticks += 1; sleep 0.01 } }
    workspace.run_sync(id, timeout: 30)
    ticker.kill
    assert_operator ticks, :>, 20, "the GVL is released while waiting"
  end

  def test_cancel_a_job_from_another_thread_while_waiting
    id = new_connection(outcome: "running", duration_ms: 60_000)
    job = workspace.run_sync(id, wait: false)
    Thread.new { sleep 0.2; job.cancel }
    error = assert_raises(AirbyteCloud::SyncFailedError) { job.wait(timeout: 30) }
    assert_equal :cancelled, error.job_state
    assert job.cancelled?
  end

  def test_cancel_from_the_progress_block
    id = new_connection(outcome: "running", duration_ms: 60_000)
    job = workspace.run_sync(id, wait: false)
    cancelled = false
    error = assert_raises(AirbyteCloud::SyncFailedError) do
      job.wait(timeout: 30) do
        unless cancelled
          job.cancel
          cancelled = true
        end
      end
    end
    assert_equal :cancelled, error.job_state
    assert_raises(AirbyteCloud::Error) { job.wait { job.refresh } } # no re-entry into the handle
  end

  def test_waiter
    ws = workspace
    slow = ws.run_sync(new_connection(outcome: "succeeded", duration_ms: 600), wait: false)
    failed = ws.run_sync(new_connection(outcome: "failed", duration_ms: 50), wait: false)
    fast = ws.run_sync(new_connection(outcome: "succeeded", duration_ms: 150), wait: false)
    ws.waiter do |waiter|
      assert_equal 0, waiter.add(slow)
      waiter << failed << fast
      assert_equal [slow, failed, fast], waiter.jobs
      assert_equal 3, waiter.pending_count
      order = waiter.each(timeout: 30).to_a
      assert_equal [failed, fast, slow], order
      assert_equal %i[failed succeeded succeeded], order.map(&:state)
      assert_equal 0, waiter.pending_count
      assert_nil waiter.next(timeout: 1)
      assert_raises(TypeError) { waiter.add("job") }
      assert_raises(AirbyteCloud::InvalidArgumentError) { waiter.add(nil) }
    end
  end

  def test_waiter_timeout_and_cancel
    ws = workspace
    job = ws.run_sync(new_connection(outcome: "running", duration_ms: 60_000), wait: false)
    waiter = ws.waiter
    waiter << job
    error = assert_raises(AirbyteCloud::TimeoutError) { waiter.next(timeout: 0.2) }
    assert_equal :wait_timeout, error.status
    token = AirbyteCloud::CancelToken.new
    Thread.new { sleep 0.2; token.cancel }
    assert_raises(AirbyteCloud::CancelledError) { waiter.next(timeout: 30, cancel: token) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { waiter.next(timeout: nil) }
    # Jobs added to a waiter stay usable even if closed first; the waiter keeps them alive.
    job.close
    assert_raises(AirbyteCloud::TimeoutError) { waiter.next(timeout: 0.1) }
    waiter.close
    assert_raises(AirbyteCloud::ClosedError) { waiter.next(timeout: 0.1) }
  end

  def test_already_running_and_attach
    id = new_connection(outcome: "succeeded", duration_ms: 500)
    ws = workspace
    first = ws.run_sync(id, wait: false)
    error = assert_raises(AirbyteCloud::SyncAlreadyRunningError) { ws.run_sync(id) }
    assert_kind_of AirbyteCloud::ConflictError, error
    assert_equal 409, error.http_status
    attached = ws.run_sync(id, attach_if_running: true, timeout: 30)
    assert_equal first.id, attached.id
    assert attached.succeeded?
  end

  def test_logger_gets_messages
    messages = []
    ws = workspace(logger: ->(level, message) { messages << [level, message] }, log_level: :debug)
    ws.connect
    id = new_connection(outcome: "succeeded", duration_ms: 50)
    ws.run_sync(id, timeout: 30)
    refute_empty messages
    assert(messages.all? { |level, text| AirbyteCloud::Internal::LOG_LEVELS.value?(level) && text.is_a?(String) })
    refute(messages.any? { |_, text| text.include?(emulator.api_key) }, "no secrets in log messages")

    # A ::Logger-like object works too.
    sink = Class.new do
      attr_reader :lines

      def initialize = @lines = []
      def add(severity, message, progname) = @lines << [severity, message, progname]
    end.new
    workspace(logger: sink, log_level: :debug).connect
    refute_empty sink.lines
    assert_equal "airbyte_cloud", sink.lines.first[2]
  end
end
