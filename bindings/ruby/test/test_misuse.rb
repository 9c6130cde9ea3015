# frozen_string_literal: true

require_relative "test_helper"

# Misuse gives Ruby errors, never a crash: closed handles used again, nil and wrong arguments,
# handles closed while in use, the garbage collector freeing in any order, threads sharing.
class MisuseTest < Minitest::Test
  include EmulatorTest

  def test_closed_handles_raise
    ws = workspace
    connection = ws.connection(new_connection(outcome: "succeeded", duration_ms: 20))
    job = connection.run_sync(timeout: 30)
    list = connection.jobs
    [job, connection, list, ws].each do |object|
      refute object.closed?
      assert_nil object.close
      assert object.closed?
      assert_nil object.close, "close is idempotent"
    end
    assert_raises(AirbyteCloud::ClosedError) { job.rows_synced }
    assert_raises(AirbyteCloud::ClosedError) { job.id }
    assert_raises(AirbyteCloud::ClosedError) { job.wait }
    assert_raises(AirbyteCloud::ClosedError) { job.cancel }
    assert_raises(AirbyteCloud::ClosedError) { connection.name }
    assert_raises(AirbyteCloud::ClosedError) { list.to_a }
    assert_raises(AirbyteCloud::ClosedError) { ws.connect }
    assert_raises(AirbyteCloud::ClosedError) { ws.run_sync("x") }
    error = assert_raises(AirbyteCloud::ClosedError) { ws.connection("x") }
    assert_kind_of AirbyteCloud::InvalidArgumentError, error
    assert_equal :invalid_argument, error.status
    assert_match(/closed/, job.inspect)
  end

  def test_handles_outlive_a_closed_workspace
    ws = workspace
    connection = ws.connection(new_connection(outcome: "succeeded", duration_ms: 20))
    ws.close
    assert_match(/\Arb-/, connection.name) # the connection keeps the native workspace alive
    job = connection.latest_job
    assert_nil job
    assert_raises(AirbyteCloud::ClosedError) { connection.run_sync } # that goes through the workspace
  end

  def test_the_native_layer_refuses_closed_and_wrong_handles
    native = AirbyteCloud::Native
    status, options, error = native.abc_options_new
    assert_equal 0, status
    assert_nil error
    assert_equal "abc_options", options.kind
    options.close
    assert_raises(AirbyteCloud::ClosedError) { native.abc_options_set_api_url(options, "http://x/v1") }
    _, token, = native.abc_cancel_token_new
    assert_raises(TypeError) { native.abc_options_set_api_url(token, "http://x/v1") }
    assert_raises(TypeError) { native.abc_options_set_api_url("options", "http://x/v1") }
    status, error = native.abc_options_set_api_url(nil, "http://x/v1")
    assert_equal AirbyteCloud::Status::INVALID_ARGUMENT, status
    assert_includes error[:message], "options"
    refute native.respond_to?(:abc_job_free), "free functions are not exposed"
    refute native.respond_to?(:abc_error_free)
    assert_raises(TypeError) { AirbyteCloud::Native::Handle.new } # only the extension makes them
  end

  def test_close_while_another_thread_waits
    job = workspace.run_sync(new_connection(outcome: "running", duration_ms: 60_000), wait: false)
    waiting = Thread.new { job.wait(timeout: 0.5, fail_on_timeout: false) }
    sleep 0.1
    job.close # the wait holds its own reference: no crash, it ends normally
    assert_same job, waiting.value
    assert_raises(AirbyteCloud::ClosedError) { job.state }
  end

  def test_threads_sharing_handles
    ws = workspace
    id = new_connection(outcome: "succeeded", duration_ms: 20)
    connection = ws.connection(id)
    job = ws.run_sync(id, timeout: 30)
    threads = Array.new(8) do
      Thread.new do
        50.times do
          connection.name
          connection.streams
          job.rows_synced
          job.refresh
          ws.connection(id).status
        end
      end
    end
    threads.each(&:join)
    assert job.succeeded?
  end

  def test_garbage_collector_frees_in_any_order
    id = new_connection(outcome: "succeeded", duration_ms: 20)
    ws = workspace
    ws.run_sync(id, timeout: 30)
    GC.start
    AirbyteCloud::Native.drain
    baseline = AirbyteCloud::Native.live_handles
    200.times do |i|
      # Unclosed workspaces hold keep-alive connections, and the emulator one thread for each:
      # collect now and then, as a long-running program's GC would.
      GC.start if (i % 20).zero?
      other = AirbyteCloud::Workspace.new(workspace_id: emulator.workspace_id, **settings)
      connection = other.connection(id)
      list = connection.jobs(limit: 5)
      list.to_a
      other.job(list[0].id).state
      other.waiter << other.job(list[0].id)
      # Nothing closed: the collector finds workspaces, connections, jobs, lists and waiters
      # unreachable together, in no particular order.
    end
    3.times do
      GC.start(full_mark: true, immediate_sweep: true)
      AirbyteCloud::Native.drain
    end
    assert_operator AirbyteCloud::Native.live_handles, :<=, baseline + 5
  end

  def test_log_sinks_outlive_their_options
    first = []
    second = []
    options = AirbyteCloud::Options.new(**settings, logger: ->(_l, m) { first << m }, log_level: :debug)
    ws = AirbyteCloud::Workspace.new(workspace_id: emulator.workspace_id, options: options)
    @to_close << ws
    options.logger = [->(_l, m) { second << m }, :debug] # the workspace keeps its copy of the first
    options.logger = nil
    options.close
    3.times do
      GC.start(full_mark: true, immediate_sweep: true)
      AirbyteCloud::Native.drain
    end
    ws.connect
    refute_empty first
    assert_empty second
  end

  def test_wrong_keywords_and_types
    ws = workspace
    assert_raises(ArgumentError) { ws.run_sync("x", wiat: true) }
    assert_raises(ArgumentError) { workspace(api_key: "k", options: AirbyteCloud::Options.new) }
    assert_raises(TypeError) { AirbyteCloud::Workspace.new(workspace_id: "w", options: {}) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { workspace(retry_policy: { tries: 3 }) }
    assert_raises(TypeError) { workspace(logger: Object.new) }
    assert_raises(TypeError) { ws.create_source(name: "s", type: "faker", configuration: 42) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.delete_source("x", safe_mode: :maybe) }
    job = ws.run_sync(new_connection(outcome: "succeeded", duration_ms: 20), timeout: 30)
    assert_raises(TypeError) { job.wait(timeout: "1") }
  end
end
