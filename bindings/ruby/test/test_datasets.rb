# frozen_string_literal: true

require_relative "test_helper"

# Reading synced data back. The Postgres round trip needs the test PostgreSQL (ABC_TEST_PG*, as
# scripts/postgres.sh exports them); without it that test is skipped, visibly.
class DatasetsTest < Minitest::Test
  include EmulatorTest

  PG = %w[ABC_TEST_PGHOST ABC_TEST_PGPORT ABC_TEST_PGUSER ABC_TEST_PGPASSWORD ABC_TEST_PGDATABASE].freeze

  def test_unsupported_destination_type
    connection = workspace.connection(new_connection) # a duckdb destination
    error = assert_raises(AirbyteCloud::UnsupportedError) { connection.datasets }
    assert_includes error.message, "duckdb"
    assert_raises(AirbyteCloud::InvalidArgumentError) { connection.datasets(secrets: { pin: "x" }) }
    assert_raises(AirbyteCloud::InvalidArgumentError) { connection.datasets(page_size: 0) }
  end

  def test_postgres_round_trip
    missing = PG.reject { |name| ENV[name] }
    skip "SKIP: no test PostgreSQL (#{missing.join(', ')} unset; eval \"$(scripts/postgres.sh start)\")" unless missing.empty?

    ws = workspace
    schema = "rb_#{SecureRandom.hex(4)}"
    source = ws.create_source(name: "rb-pg-src", type: "faker", configuration: { count: 25, seed: 11 })
    destination = ws.create_destination(
      name: "rb-pg-dst", type: "postgres",
      configuration: AirbyteCloud::DestinationConfig.postgres(host: ENV["ABC_TEST_PGHOST"], port: Integer(ENV["ABC_TEST_PGPORT"]),
                                                              database: ENV["ABC_TEST_PGDATABASE"], schema: schema,
                                                              username: ENV["ABC_TEST_PGUSER"],
                                                              password: ENV["ABC_TEST_PGPASSWORD"], ssl_mode: "disable")
    )
    connection = ws.create_connection(name: "rb-pg", source: source, destination: destination, prefix: "t_",
                                      streams: %w[users products])
    emulator.set_behaviour(connection.id, "succeeded", duration_ms: 50)
    job = connection.run_sync(timeout: 60)

    sets = [connection.datasets(secrets: { password: ENV["ABC_TEST_PGPASSWORD"] }),
            job.datasets(secret_env: { password: "ABC_TEST_PGPASSWORD" }, page_size: 7)]
    sets.each do |set|
      assert_equal %w[users products], set.stream_names
      assert_equal "postgres", set.destination_type
      assert_equal destination.id, set.destination_id
      assert_equal schema, set.schema
      refute_includes set.connection_uri, ENV["ABC_TEST_PGPASSWORD"]
      users = set["users"]
      assert_equal "t_users", users.table_name
      assert_includes users.qualified_name, schema
      assert_equal 25, users.row_count
      assert_includes users.columns.map(&:name), "id"
      records = users.to_a
      assert_equal 25, records.size
      assert(records.all? { |r| r["id"].is_a?(Integer) })
      assert_equal records.first["id"], JSON.parse(users.each_json.first)["id"]
      assert_equal job.rows_synced, set.sum(&:row_count)
      assert_nil set["nope"]
      assert_equal set[1].stream_name, "products"
    end

    expected = emulator.request("GET", "/_emulator/faker/users?count=25&seed=11")[1]
    sets.first["users"].cursor do |cursor|
      assert cursor.next
      assert_equal 1, cursor.rows_read
      id_column = cursor.column_names.index("id")
      assert_equal :integer, cursor.column_types[id_column]
      assert_equal cursor.integer("id"), cursor.value(id_column)
      assert_equal cursor.text("id"), cursor.integer("id").to_s
      assert_in_delta cursor.float("id"), cursor.integer("id")
      refute cursor.null?("id")
      assert_equal expected.first["id"], cursor.record["id"]
      assert_equal cursor.record["id"], cursor.values["id"]
      24.times { assert cursor.next }
      refute cursor.next
    end
    sets.each(&:close)
  ensure
    emulator.request("DELETE", "/v1/connections/#{connection.id}") if connection
  end
end
