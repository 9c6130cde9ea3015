# frozen_string_literal: true

# Ruby binding of libairbyte_cloud, a native client for the Airbyte API.
#
#   require "airbyte_cloud"
#
#   AirbyteCloud::Workspace.open(workspace_id: ENV["AIRBYTE_WORKSPACE_ID"],
#                                api_key: ENV["AIRBYTE_API_KEY"]) do |workspace|
#     workspace.connect
#     job = workspace.run_sync(ENV["AIRBYTE_CONNECTION_ID"], timeout: 3600) do |progress|
#       puts "#{progress.state} #{progress.rows_synced} rows"
#     end
#     puts "job #{job.id}: #{job.state}, #{job.rows_synced} rows, #{job.bytes_synced} bytes"
#   end
#
# Errors are AirbyteCloud::Error subclasses (see errors.rb). Objects holding native handles have
# #close (idempotent); the garbage collector frees the ones you do not close.
require_relative "airbyte_cloud/version"
require "airbyte_cloud/native" # the SWIG-generated extension (ext/airbyte_cloud)
require_relative "airbyte_cloud/errors"
require_relative "airbyte_cloud/method_names"
require_relative "airbyte_cloud/internal"

module AirbyteCloud
  JOB_STATES = (0..7).map { |state| Native.abc_job_state_name(state).to_sym }.freeze
  VALUE_TYPES = (0..13).map { |type| Native.abc_value_type_name(type).to_sym }.freeze

  module_function

  # The library's run-time version ("0.1.0") and number ((major << 16) | (minor << 8) | patch).
  def library_version = Native.abc_version_string
  def library_version_number = Native.abc_version_number

  # Process-wide initialisation (reference counted; optional: workspaces take their own).
  def library_init
    status = Native.abc_library_init # no error detail: just the status
    raise Error.from_native(status, nil) unless status.zero?
  end
  def library_shutdown = Native.abc_library_shutdown

  # Static English text for a status code ("invalid argument"...).
  def strerror(code) = Native.abc_strerror(code)

  # :pending, :succeeded... for a job state number (abc_job_state).
  def job_state_symbol(state) = JOB_STATES.fetch(state, :unknown)

  # Whether a job state (Symbol or number) is final (failed, succeeded, cancelled).
  def job_state_final?(state)
    number = state.is_a?(Symbol) ? JOB_STATES.index(state) : state
    !number.nil? && Native.abc_job_state_is_final(number) == 1
  end

  # :integer, :timestamp... for a value type number (abc_value_type).
  def value_type_symbol(type) = VALUE_TYPES.fetch(type, :unknown)

  # Reads a secret from the environment (e.g. "AIRBYTE_CLOUD_CLIENT_SECRET"); NotFoundError
  # (naming the variable, never its value) when unset or empty.
  def secret(name) = Internal.check(Native.abc_secret_get(name))
end

require_relative "airbyte_cloud/options"
require_relative "airbyte_cloud/workspace"
require_relative "airbyte_cloud/connection"
require_relative "airbyte_cloud/waiter"
require_relative "airbyte_cloud/resources"
require_relative "airbyte_cloud/datasets"
require_relative "airbyte_cloud/diagnostics"
require_relative "airbyte_cloud/records"
