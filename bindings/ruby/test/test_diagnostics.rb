# frozen_string_literal: true

require "socket"
require_relative "test_helper"

# Issue 14 through Ruby: a sync whose destination PostgreSQL is stopped fails with the PostgreSQL
# reason in the exception; its attempts and log lines; state, configured catalog, checks.
class DiagnosticsTest < Minitest::Test
  include EmulatorTest

  # A loopback port nothing listens on: a PostgreSQL that is stopped.
  def closed_port
    server = TCPServer.new("127.0.0.1", 0)
    server.addr[1]
  ensure
    server&.close
  end

  # A faker → PostgreSQL connection whose PostgreSQL is not running: [connection, destination].
  def stopped_postgres_connection(ws)
    name = "rb-#{self.name}-#{SecureRandom.hex(3)}"
    source = ws.create_source(name: name, type: "faker", configuration: { count: 20 })
    destination = ws.create_destination(
      name: name, type: "postgres",
      configuration: AirbyteCloud::DestinationConfig.postgres(host: "127.0.0.1", port: closed_port, database: "airbyte",
                                                              username: "tester", password: "secret-pw-123",
                                                              schema: "public")
    )
    connection = ws.create_connection(name: name, source: source, destination: destination)
    @to_close.push(source, destination, connection)
    [connection, destination]
  end

  def test_stopped_postgres_sync_fails_with_the_reason_and_its_log_is_read
    ws = workspace
    assert_equal "#{emulator.api_url.delete_suffix('/v1')}/api/v1", ws.config_api_url
    connection, destination = stopped_postgres_connection(ws)

    error = assert_raises(AirbyteCloud::SyncFailedError) { ws.run_sync(connection) }
    assert_includes error.message, "cannot connect to postgres"
    assert_includes error.message, "Connection refused"
    refute_includes error.message, "secret-pw-123"
    assert_equal "destination", error.failure_origin
    assert_equal "system_error", error.failure_type
    assert_includes error.failure_message, "Connection refused"
    job = error.job
    @to_close << job

    attempts = job.attempts
    assert_equal 1, attempts.size
    attempt = attempts.first
    assert attempt.failed?
    assert_kind_of Time, attempt.created_at
    failure = attempt.failures.fetch(0)
    assert_equal "destination", failure.origin
    assert_includes failure.external_message, "Connection refused"
    assert_equal true, failure.retryable

    log = ws.job_log(job)
    lines = log.to_a
    assert_operator lines.size, :>=, 4
    assert_equal lines.size, log.lines_read
    assert(lines.any? { |line| line.include?("ERROR cannot connect to postgres") }, lines.join("\n"))
    assert_equal lines.first(2), job.log(attempt: attempt.number).first(2) # break stops the read
    assert_equal lines.grep(/ERROR/), log.grep(/ERROR/)
    assert_raises(AirbyteCloud::NotFoundError) { ws.job_log(job, attempt: 5).to_a }

    # Following a running job's log until another thread cancels the token.
    running = ws.run_sync(new_connection(outcome: "running", duration_ms: 60_000), wait: false)
    @to_close << running
    token = AirbyteCloud::CancelToken.new
    canceller = Thread.new { sleep 0.3 and token.cancel }
    took = elapsed do
      assert_raises(AirbyteCloud::CancelledError) { ws.job_log(running, follow: true, cancel: token).to_a }
    end
    canceller.join
    assert_operator took, :<, 5
    running.cancel

    check = ws.check_destination(destination)
    refute check.succeeded?
    assert_includes check.message, "Connection refused"
  end

  def test_state_round_trip_catalog_and_source_check
    ws = workspace
    connection = ws.connection(new_connection)
    @to_close << connection
    ws.run_sync(connection).close

    state = ws.connection_state(connection)
    refute_empty state.json
    refute_empty state.type
    stored = ws.set_connection_state(connection, state)
    assert_equal state.json, stored.json
    assert_equal state.streams.map(&:name), stored.streams.map(&:name)
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.set_connection_state(connection, "{not json") }

    catalog = ws.configured_catalog(connection)
    refute_empty catalog.streams
    refute_empty catalog.streams.first.name
    refute_empty catalog.streams.first.sync_mode
    refute_empty catalog.json

    assert ws.check_source(connection.source_id).succeeded?
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.check_source("") }
  end

  def test_config_api_url_option
    ws = workspace(api_url: "http://127.0.0.1:9/custom/root")
    assert_equal "", ws.config_api_url
    error = assert_raises(AirbyteCloud::UnsupportedError) { ws.job_attempts(1) }
    assert_match(/config/i, error.message)
    set = workspace(api_url: "http://127.0.0.1:9/custom/root", config_api_url: "http://127.0.0.1:9/cfg/api/v1")
    assert_equal "http://127.0.0.1:9/cfg/api/v1", set.config_api_url
    assert_raises(AirbyteCloud::InvalidArgumentError) { workspace(config_api_url: "ftp://nope") }
  end
end
