# frozen_string_literal: true

require_relative "test_helper"

# The scenario every binding runs (issue 6): connect, get a connection, run a sync and wait, read
# status, records and bytes, list the history, a failed sync with its job id, a timeout, bad
# input, cancel.
class ScenarioTest < Minitest::Test
  include EmulatorTest

  def test_connect
    ws = workspace
    assert_same ws, ws.connect
    assert_equal emulator.workspace_id, ws.id
    assert_equal emulator.api_url, ws.api_url
    assert_includes ws.url, emulator.workspace_id
    refute_empty ws.name
    assert_equal emulator.workspace_id, ws.info.id
  end

  def test_connect_with_client_credentials
    ws = workspace(api_key: nil, client_id: emulator.client_id, client_secret: emulator.client_secret)
    ws.connect
    assert_equal emulator.workspace_id, ws.info.id
  end

  def test_connect_failures_carry_the_detail
    error = assert_raises(AirbyteCloud::AuthError) { workspace(api_key: "wrong-key").connect }
    assert_equal :auth, error.status
    assert_equal AirbyteCloud::Status::AUTH, error.code
    assert_equal 401, error.http_status
    assert_includes error.problem_type, "invalid-api-key"
    assert_kind_of AirbyteCloud::Error, error

    unknown = AirbyteCloud::Workspace.new(workspace_id: SecureRandom.uuid, **settings)
    @to_close << unknown
    error = assert_raises(AirbyteCloud::NotFoundError) { unknown.connect }
    assert_equal 404, error.http_status

    unreachable = workspace(api_url: "http://127.0.0.1:1/v1", request_timeout: 1,
                            retry_policy: { max_attempts: 1 })
    assert_raises(AirbyteCloud::TransportError) { unreachable.connect }
  end

  def test_connection_details
    id = new_connection
    connection = workspace.connection(id)
    assert_equal id, connection.id
    assert_includes connection.url, id
    assert_includes connection.job_history_url, id
    assert_match(/\Arb-/, connection.name)
    refute_empty connection.source_id
    refute_equal connection.source_id, connection.destination_id
    assert_equal "test_", connection.prefix
    assert_equal "active", connection.status
    assert_equal %w[users products], connection.streams
    assert_equal "manual", connection.schedule_type
    assert_equal id, connection.details["connectionId"]
    assert_same connection, connection.refresh
  end

  def test_sync_and_wait_reads_status_rows_and_bytes
    id = new_connection(outcome: "succeeded", duration_ms: 150, count: 40)
    job = workspace.run_sync(id, timeout: 30)
    assert_equal :succeeded, job.state
    assert job.complete?
    assert job.succeeded?
    assert_operator job.id, :>, 0
    assert_equal "sync", job.type
    assert_equal id, job.connection_id
    assert_operator job.rows_synced, :>, 0
    assert_operator job.bytes_synced, :>, 0
    assert_kind_of Time, job.start_time
    refute_empty job.start_time_text
    assert_operator job.duration_ms, :>=, 0
    assert_includes job.url, job.id.to_s
    assert_equal job.id, job.to_h[:id]

    again = workspace.job(job.id)
    assert_equal [job.id, :succeeded, job.rows_synced], [again.id, again.state, again.rows_synced]
  end

  def test_history
    id = new_connection(outcome: "succeeded", duration_ms: 20)
    ws = workspace
    connection = ws.connection(id)
    assert_nil connection.latest_job
    ids = Array.new(3) { ws.run_sync(connection).id }

    page = connection.jobs(limit: 2)
    assert_equal 2, page.size
    assert_equal ids.reverse.first(2), page.map(&:id)
    assert_equal ids.first(1), connection.jobs(limit: 2, offset: 2).map(&:id)
    assert_equal ids[-2], page[-1].id
    assert_nil page[5]
    assert_equal ids.reverse, connection.history(page_size: 2).map(&:id)
    assert_equal ids.reverse, connection.each_job.map(&:id)
    assert(connection.history.all?(&:succeeded?))
    assert_equal ids.last, connection.latest_job.id
    page.close
    assert_raises(AirbyteCloud::ClosedError) { page.size }
  end

  def test_failed_sync_raises_with_its_job
    id = new_connection(outcome: "failed", duration_ms: 50)
    error = assert_raises(AirbyteCloud::SyncFailedError) { workspace.run_sync(id, timeout: 30) }
    assert_operator error.job_id, :>, 0
    assert_equal id, error.connection_id
    assert_equal :failed, error.job_state
    assert_equal :sync_failed, error.status
    assert_equal error.job_id, error.job.id
    assert error.job.failed?

    job = workspace.run_sync(id, fail_on_sync_failure: false)
    assert_equal :failed, job.state
    error = assert_raises(AirbyteCloud::SyncFailedError) { job.check_failure! }
    assert_equal job.id, error.job_id
  end

  def test_wait_timeout
    id = new_connection(outcome: "running", duration_ms: 60_000)
    ws = workspace
    error = assert_raises(AirbyteCloud::TimeoutError) { ws.run_sync(id, timeout: 0.3) }
    assert_equal 300, error.timeout_ms
    assert_in_delta 0.3, error.timeout
    assert_equal :wait_timeout, error.status
    assert_operator error.job_id, :>, 0
    job = error.job
    assert_equal error.job_id, job.id
    refute job.complete?

    assert_raises(AirbyteCloud::TimeoutError) { job.wait(timeout: 0.2) }
    assert_same job, job.wait(timeout: 0.2, fail_on_timeout: false)
    refute job.complete?
    job.cancel
    job.wait(timeout: 10, fail_on_sync_failure: false)
    assert_equal :cancelled, job.state
  end

  def test_run_sync_without_waiting_then_job_wait
    id = new_connection(outcome: "succeeded", duration_ms: 200)
    job = workspace.run_sync(id, wait: false)
    refute job.complete?
    assert_same job, job.wait(timeout: 30)
    assert job.succeeded?
    assert_same job, job.refresh
  end

  def test_cancel_a_job
    id = new_connection(outcome: "running", duration_ms: 60_000)
    job = workspace.run_sync(id, wait: false)
    job.cancel
    job.refresh
    assert_equal :cancelled, job.state
    error = assert_raises(AirbyteCloud::SyncFailedError) { job.wait(timeout: 10) }
    assert_equal :cancelled, error.job_state
  end

  def test_bad_input
    ws = workspace
    error = assert_raises(AirbyteCloud::InvalidArgumentError) { ws.connection("") }
    assert_includes error.message, "connection_id"
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.connection(nil) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.run_sync(nil) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.run_sync("") }
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.run_sync("x", timeout: -1) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.job(0) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.connection("a\0b") }
    assert_raises(AirbyteCloud::InvalidArgumentError) { AirbyteCloud::Workspace.new(workspace_id: "", **settings) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { AirbyteCloud::Workspace.new(workspace_id: nil, **settings) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { workspace(api_url: "ftp://example.com") }
    assert_raises(AirbyteCloud::InvalidArgumentError) { workspace(request_timeout: 0) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { workspace(log_level: :loud, logger: ->(*) {}) }
    assert_raises(TypeError) { ws.connection(42) }
    assert_raises(TypeError) { workspace(request_timeout: "5") }
    assert_raises(ArgumentError) { AirbyteCloud::Workspace.new(**settings) } # workspace_id: missing

    connection = ws.connection(new_connection)
    assert_raises(AirbyteCloud::InvalidArgumentError) { connection.jobs(limit: 0) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { connection.jobs(limit: 101) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { connection.jobs(offset: -1) }
    missing = ws.connection(SecureRandom.uuid)
    assert_raises(AirbyteCloud::NotFoundError) { missing.name }
  end
end
