# frozen_string_literal: true

require_relative "test_helper"

# Library-level calls and the mapping tables, checked against the native layer.
class LibraryTest < Minitest::Test
  def test_versions
    assert_match(/\A\d+\.\d+\.\d+\z/, AirbyteCloud.library_version)
    major, minor, patch = AirbyteCloud.library_version.split(".").map(&:to_i)
    assert_equal (major << 16) | (minor << 8) | patch, AirbyteCloud.library_version_number
    assert_equal AirbyteCloud::Native::ABC_VERSION_STRING, AirbyteCloud.library_version
    assert_nil AirbyteCloud.library_init
    AirbyteCloud.library_shutdown
  end

  def test_status_codes_match_the_header
    AirbyteCloud::Status::NAMES.each do |code, name|
      constant = name == :ok ? :ABC_OK : :"ABC_ERROR_#{name.upcase}"
      assert_equal code, AirbyteCloud::Native.const_get(constant), constant
      refute_empty AirbyteCloud.strerror(code)
    end
    native = AirbyteCloud::Native.constants.grep(/\AABC_ERROR_/)
    assert_equal native.size, AirbyteCloud::Status::CLASSES.size, "every status has its exception class"
    assert_equal AirbyteCloud::NotFoundError, AirbyteCloud::Status::CLASSES[AirbyteCloud::Status::NOT_FOUND]
    error = AirbyteCloud::Error.from_native(99, { message: "from the future" })
    assert_instance_of AirbyteCloud::Error, error
    assert_equal :status_99, error.status
  end

  def test_job_states_and_value_types
    assert_equal %i[unknown pending queued running incomplete failed succeeded cancelled], AirbyteCloud::JOB_STATES
    assert AirbyteCloud.job_state_final?(:succeeded)
    assert AirbyteCloud.job_state_final?(AirbyteCloud::Native::ABC_JOB_STATE_FAILED)
    refute AirbyteCloud.job_state_final?(:running)
    refute AirbyteCloud.job_state_final?(:nonsense)
    assert_equal :running, AirbyteCloud.job_state_symbol(AirbyteCloud::Native::ABC_JOB_STATE_RUNNING)
    assert_equal :timestamp, AirbyteCloud.value_type_symbol(AirbyteCloud::Native::ABC_VALUE_TIMESTAMP)
  end

  def test_secrets_from_the_environment
    ENV["ABC_RUBY_TEST_SECRET"] = "s3cret"
    assert_equal "s3cret", AirbyteCloud.secret("ABC_RUBY_TEST_SECRET")
    ENV.delete("ABC_RUBY_TEST_SECRET")
    error = assert_raises(AirbyteCloud::NotFoundError) { AirbyteCloud.secret("ABC_RUBY_TEST_SECRET") }
    assert_includes error.message, "ABC_RUBY_TEST_SECRET"
    assert_raises(AirbyteCloud::InvalidArgumentError) { AirbyteCloud.secret(nil) }
  end

  def test_strings_are_utf8
    assert_equal Encoding::UTF_8, AirbyteCloud.library_version.encoding
    assert_equal Encoding::UTF_8, AirbyteCloud.strerror(1).encoding
  end

  def test_workspace_from_environment
    saved = ENV.to_h.slice("AIRBYTE_CLOUD_WORKSPACE_ID", "AIRBYTE_CLOUD_API_URL", "AIRBYTE_CLOUD_API_KEY")
    ENV["AIRBYTE_CLOUD_WORKSPACE_ID"] = "8b0f8a8e-0000-4000-8000-000000000001"
    ENV["AIRBYTE_CLOUD_API_URL"] = "http://127.0.0.1:1/v1"
    ENV["AIRBYTE_CLOUD_API_KEY"] = "key"
    AirbyteCloud::Workspace.from_environment do |ws|
      assert_equal "8b0f8a8e-0000-4000-8000-000000000001", ws.id
      assert_equal "http://127.0.0.1:1/v1", ws.api_url
    end
    opened = AirbyteCloud::Workspace.open(workspace_id: "9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f81", environment: true) do |ws|
      assert_equal "http://127.0.0.1:1/v1", ws.api_url
      ws
    end
    assert opened.closed?
    ENV.delete("AIRBYTE_CLOUD_WORKSPACE_ID")
    assert_raises(AirbyteCloud::Error) { AirbyteCloud::Workspace.from_environment }
  ensure
    %w[AIRBYTE_CLOUD_WORKSPACE_ID AIRBYTE_CLOUD_API_URL AIRBYTE_CLOUD_API_KEY].each { |name| ENV.delete(name) }
    saved&.each { |name, value| ENV[name] = value }
  end
end
