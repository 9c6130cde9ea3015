# frozen_string_literal: true

require "minitest/autorun"
require "timeout"
require "airbyte_cloud"
require_relative "support/emulator"

# One emulator for the whole run; each test makes its own connections on it.
module EmulatorTest
  def self.emulator
    @emulator ||= Emulator.new.tap { |started| Minitest.after_run { started.stop } }
  end

  def emulator = EmulatorTest.emulator

  def setup
    super
    @to_close = []
  end

  def teardown
    @to_close.each(&:close)
    super
  end

  # Settings for a workspace on the emulator: its API key, fast polling, short retries.
  def settings
    { api_url: emulator.api_url, api_key: emulator.api_key, poll_interval: [0.02, 0.1],
      retry_policy: { max_attempts: 4, initial_backoff: 0.02, max_backoff: 0.2, multiplier: 2.0, deadline: 20 } }
  end

  def workspace(**overrides)
    opened = AirbyteCloud::Workspace.new(workspace_id: emulator.workspace_id, **settings, **overrides)
    @to_close << opened
    opened
  end

  def new_connection(outcome: nil, duration_ms: 100, count: 50)
    id = emulator.create_connection("rb-#{name}-#{SecureRandom.hex(3)}", count: count)
    emulator.set_behaviour(id, outcome, duration_ms: duration_ms) if outcome
    id
  end

  # Seconds the block took.
  def elapsed
    started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    yield
    Process.clock_gettime(Process::CLOCK_MONOTONIC) - started
  end
end
