# frozen_string_literal: true

require_relative "test_helper"

# Managing sources, destinations, connections and workspaces; stream catalogs; config builders.
class ResourcesTest < Minitest::Test
  include EmulatorTest

  def unique(prefix) = "#{prefix}-#{SecureRandom.hex(4)}"

  # A failing call's message names the Ruby method called, not the C function behind it.
  def test_errors_name_the_ruby_method
    ws = workspace
    connection = ws.connection("11111111-2222-4333-8444-555555555555")
    error = assert_raises(AirbyteCloud::NotFoundError) { connection.name }
    assert error.message.start_with?("AirbyteCloud::Connection#name: "), error.message
    error = assert_raises(AirbyteCloud::NotFoundError) { ws.job(987_654_321) }
    assert error.message.start_with?("AirbyteCloud::Workspace#job: "), error.message
    error = assert_raises(AirbyteCloud::InvalidArgumentError) { ws.connection("not-a-uuid") }
    assert error.message.start_with?("AirbyteCloud::Workspace#connection: "), error.message
    error = assert_raises(AirbyteCloud::InvalidArgumentError) { workspace(api_url: "ftp://nope") }
    assert error.message.start_with?("AirbyteCloud::Workspace.new: api_url "), error.message
    [error, assert_raises(AirbyteCloud::UnsupportedError) { workspace(api_url: "http://127.0.0.1:9/x").job_attempts(1) }]
      .each { |e| refute_includes e.message, "abc_" }
  end

  def test_sources
    ws = workspace
    name = unique("rb-src")
    source = ws.create_source(name: name, type: "faker", configuration: { count: 10, seed: 3 })
    assert_equal name, source.name
    assert_equal "faker", source.type
    assert_equal emulator.workspace_id, source.workspace_id
    refute_empty source.definition_id
    assert_equal 10, source.configuration["count"]
    assert_kind_of Time, source.created_at

    fetched = ws.source(source.id)
    assert_equal source.id, fetched.id
    assert_same fetched, fetched.rename("#{name}-renamed")
    assert_equal "#{name}-renamed", fetched.name
    fetched.update_configuration(count: 20)
    assert_equal 20, fetched.configuration["count"]
    assert_equal 3, fetched.configuration["seed"]
    fetched.replace(name: name, configuration: '{"count": 5}')
    assert_equal [name, 5, nil], [fetched.name, fetched.configuration["count"], fetched.configuration["seed"]]
    assert_equal name, source.refresh.name

    assert_equal [source.id], ws.sources(name: name).map(&:id)
    assert_includes ws.each_source(name_contains: name.upcase).map(&:id), source.id
    assert_kind_of Enumerator, ws.each_source
    assert_equal 0, ws.sources(name: "no such #{name}").size

    error = assert_raises(AirbyteCloud::RefusedError) { source.delete(safe_mode: :on) }
    assert_includes error.message, name
    source.delete
    assert_raises(AirbyteCloud::NotFoundError) { source.refresh }
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.create_source(name: "", type: "faker", configuration: {}) }
    error = assert_raises(AirbyteCloud::InvalidArgumentError) do
      ws.create_source(name: "x", type: "faker", configuration: "{not json")
    end
    assert_includes error.message, "configuration"
  end

  def test_destinations_and_config_builders
    ws = workspace
    config = AirbyteCloud::DestinationConfig.postgres(host: "127.0.0.1", database: "db", username: "u",
                                                      password: "secret", ssl_mode: "disable")
    assert_equal "postgres", JSON.parse(config)["destinationType"]
    name = unique("rb-dst-deleteme")
    destination = ws.create_destination(name: name, type: "postgres", configuration: config)
    assert_equal "postgres", destination.type
    assert_equal "**********", destination.configuration["password"]
    assert_equal destination.id, ws.destination(destination.id).id
    assert_equal [destination.id], ws.destinations(name: name).map(&:id)
    assert_equal [destination.id], ws.each_destination(name: name).map(&:id)
    destination.rename("#{name}-2").update_configuration(port: 5433)
    assert_equal 5433, destination.configuration["port"]
    destination.replace(name: name, configuration: JSON.parse(config))
    assert_equal 5432, destination.refresh.configuration["port"]
    destination.delete(safe_mode: :on) # the name marks it as disposable
    assert_raises(AirbyteCloud::NotFoundError) { ws.destination(destination.id) }

    builders = AirbyteCloud::DestinationConfig
    assert_equal "snowflake", JSON.parse(builders.snowflake(host: "a.snowflakecomputing.com", role: "r", warehouse: "w",
                                                            database: "d", schema: "s", username: "u",
                                                            password: "p"))["destinationType"]
    key_pair = JSON.parse(builders.snowflake(host: "a.snowflakecomputing.com", role: "r", warehouse: "w",
                                             database: "d", schema: "s", username: "u",
                                             private_key: "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----"))
    assert_equal "snowflake", key_pair["destinationType"]
    assert_equal "bigquery", JSON.parse(builders.bigquery(project_id: "p", dataset_id: "d", dataset_location: "US",
                                                          credentials_json: { type: "service_account" }))["destinationType"]
    assert_equal "duckdb", JSON.parse(builders.duckdb(destination_path: "/local/x.duckdb"))["destinationType"]
    assert_equal "motherduck", JSON.parse(builders.motherduck(api_key: "k"))["destinationType"]
    assert_raises(AirbyteCloud::InvalidArgumentError) { builders.postgres(host: "", database: "d", username: "u") }
    assert_raises(AirbyteCloud::InvalidArgumentError) { builders.postgres(host: "h", port: 0, database: "d", username: "u") }
  end

  def test_connections_as_resources_and_streams
    ws = workspace
    source = ws.create_source(name: unique("rb-deleteme-src"), type: "faker", configuration: { count: 5 })
    destination = ws.create_destination(name: unique("rb-deleteme-dst"), type: "duckdb",
                                        configuration: AirbyteCloud::DestinationConfig.duckdb(destination_path: "/local/x.duckdb"))
    catalog = ws.streams(source)
    assert_equal %w[users products purchases], catalog.names
    users = catalog["users"]
    assert_equal "users", users.name
    assert_includes users.sync_modes, "full_refresh_overwrite"
    assert_kind_of Array, users.primary_key
    assert_kind_of Array, users.default_cursor
    assert_includes [true, false], users.source_defined_cursor?
    assert_equal catalog[0], catalog["users"]
    assert_equal 1, catalog.index_of("products")
    assert catalog.supports_sync_mode?("users", "full_refresh_overwrite")
    assert_nil catalog["nope"]
    assert_raises(AirbyteCloud::NotFoundError) { catalog.index_of("nope") }
    assert_equal 3, catalog.count
    assert_operator ws.streams(source, destination: destination).size, :>, 0

    name = unique("rb-conn-deleteme")
    spec = AirbyteCloud::ConnectionSpec.new(name: name, source: source, destination: destination,
                                            streams: ["users", { name: "products", sync_mode: :full_refresh_append,
                                                                 primary_key: [["id"]] }],
                                            prefix: "rb_", schedule: :manual, status: :active)
    assert_equal name, JSON.parse(spec.to_json)["name"]
    spec.close
    connection = ws.create_connection(name: name, source: source.id, destination: destination.id,
                                      streams: ["users", { name: "products", sync_mode: "full_refresh_append" }],
                                      prefix: "rb_", schedule: "0 0 12 * * ?", namespace: "destination")
    assert_equal [name, "rb_", "cron", "0 0 12 * * ?", "destination"],
                 [connection.name, connection.prefix, connection.schedule_type, connection.cron_expression,
                  connection.namespace_definition]
    assert_equal %w[users products], connection.streams
    connection.update(name: "#{name}-2", schedule: :manual, status: :inactive, streams: ["purchases"])
    assert_equal ["#{name}-2", "manual", "inactive", ["purchases"]],
                 [connection.name, connection.schedule_type, connection.status, connection.streams]
    assert_equal [connection.id], ws.connections(name_contains: name).map(&:id)
    assert_equal [connection.id], ws.each_connection(name: "#{name}-2").map(&:id)
    assert_raises(AirbyteCloud::InvalidArgumentError) { connection.update }
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.create_connection(name: name) }

    connection.delete(cascade: true)
    assert_raises(AirbyteCloud::NotFoundError) { ws.source(source.id) }
    assert_raises(AirbyteCloud::NotFoundError) { ws.destination(destination.id) }
  end

  def test_safe_mode_refuses_a_cascade_on_names_not_disposable
    ws = workspace
    id = new_connection
    error = assert_raises(AirbyteCloud::RefusedError) { ws.delete_connection(id, cascade: true) }
    assert_equal :refused, error.status
    assert_equal id, ws.connection(id).refresh.id
  end

  def test_workspaces_and_list_options
    ws = workspace
    infos = ws.workspaces
    assert_includes infos.map(&:id), emulator.workspace_id
    info = ws.each_workspace.find { |i| i.id == emulator.workspace_id }
    refute_empty info.name
    refute_empty info.data_residency
    assert_equal info.name, ws.name
    assert_equal info.name, ws.info(emulator.workspace_id).name

    options = AirbyteCloud::ListOptions.new(name_contains: "Sync")
    assert options.matches?("daily sync")
    refute options.matches?("other")
    options.close
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.sources(page_size: 101) }
    assert AirbyteCloud.disposable_name?("test-DeleteMe-1")
    refute AirbyteCloud.disposable_name?("production")
  end

  def test_paging_past_one_page
    ws = workspace
    tag = unique("rb-page")
    7.times { |i| ws.create_source(name: "#{tag}-#{i}", type: "faker", configuration: { count: 1 }) }
    assert_equal 7, ws.sources(name_contains: tag, page_size: 3).size
    assert_equal 7, ws.each_source(name_contains: tag, page_size: 2).count
    assert_equal 7, ws.sources(name_contains: tag, page_size: 3).map(&:name).uniq.size
  end
end
