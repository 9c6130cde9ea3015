# frozen_string_literal: true

module AirbyteCloud
  # True when `name` marks a resource as disposable for safe mode (contains "deleteme" or
  # "delete-me", any letter case).
  def self.disposable_name?(name) = Native.abc_name_is_disposable(name) == 1

  # Which items a list hands out and how it pages (abc_list_options). The Workspace list methods
  # take these as keywords: name: (exact), name_contains: (ASCII case-insensitive), page_size:
  # (1..100), include_deleted:.
  class ListOptions < HandleObject
    # The API's filters: workspace_ids:, tag_ids:, user_ids:, emails: (Arrays).
    def initialize(name: nil, name_contains: nil, page_size: nil, include_deleted: nil, workspace_ids: [], tag_ids: [],
                   user_ids: [], emails: [])
      super(Internal.check(Native.abc_list_options_new))
      [[:abc_list_options_add_workspace_id, workspace_ids], [:abc_list_options_add_tag_id, tag_ids],
       [:abc_list_options_add_user_id, user_ids], [:abc_list_options_add_email, emails]].each do |function, values|
        Array(values).each { |value| call(function, value) }
      end
      call(:abc_list_options_set_name, name) if name
      call(:abc_list_options_set_name_contains, name_contains) if name_contains
      call(:abc_list_options_set_page_size, page_size) if page_size
      call(:abc_list_options_set_include_deleted, Internal.flag(include_deleted)) unless include_deleted.nil?
    rescue StandardError
      close
      raise
    end

    # Whether an item named `name` passes the name filters (the test the lists apply).
    def matches?(name) = get(:abc_list_options_matches, name) == 1
  end

  # What sources and destinations share (Airbyte calls both "actors"): a snapshot whose getters
  # send no request; #refresh, #rename, #update_configuration and #replace update it. Each kind
  # names its C functions in C_API, which Workspace also uses to create, fetch, delete and list.
  class Actor < HandleObject
    attr_reader :workspace

    def initialize(handle, workspace)
      super(handle)
      @workspace = workspace
    end

    def id = get(c_api(:id))
    def name = get(c_api(:name))
    # The connector type ("faker", "postgres", "snowflake", "duckdb"...).
    def type = get(c_api(:type))
    def definition_id = get(c_api(:definition_id))
    def workspace_id = get(c_api(:workspace_id))
    # The configuration, JSON text (secrets masked); #configuration parses it.
    def configuration_json = get(c_api(:configuration))
    def configuration = JSON.parse(configuration_json)
    # Creation time, a UTC Time (nil when unknown).
    def created_at = Internal.time_or_nil(get(c_api(:created_at)))

    def refresh = tap { call(c_api(:refresh)) }
    def rename(name) = tap { call(c_api(:rename), name) }
    # Changes the fields given (a Hash or JSON text); the others stay.
    def update_configuration(configuration)
      tap { call(c_api(:update), Internal.json_text(configuration, "configuration")) }
    end

    # Replaces name and the whole configuration; masked secrets sent back keep their values.
    def replace(name:, configuration:)
      tap { call(c_api(:replace), name, Internal.json_text(configuration, "configuration")) }
    end

    def delete(safe_mode: :default) = workspace.delete_actor(self.class, id, safe_mode)
    def inspect = closed? ? "#<#{self.class.name} closed>" : "#<#{self.class.name} #{id} #{name.inspect}>"

    private

    def c_api(name) = self.class::C_API.fetch(name)
  end

  # A source's snapshot (abc_source); see Actor.
  class Source < Actor
    C_API = { id: :abc_source_id, name: :abc_source_name, type: :abc_source_type,
              definition_id: :abc_source_definition_id, workspace_id: :abc_source_workspace_id,
              configuration: :abc_source_configuration, created_at: :abc_source_created_at,
              refresh: :abc_source_refresh, rename: :abc_source_rename, update: :abc_source_update_configuration,
              replace: :abc_source_replace, create: :abc_source_create, get: :abc_source_get,
              delete: :abc_source_delete, list: %i[abc_workspace_list_sources abc_source_list_count abc_source_list_get],
              walk: %i[abc_workspace_iterate_sources abc_source_iterator_next] }.freeze
  end

  # A destination's snapshot (abc_destination); see Actor.
  class Destination < Actor
    C_API = { id: :abc_destination_id, name: :abc_destination_name, type: :abc_destination_type,
              definition_id: :abc_destination_definition_id, workspace_id: :abc_destination_workspace_id,
              configuration: :abc_destination_configuration, created_at: :abc_destination_created_at,
              refresh: :abc_destination_refresh, rename: :abc_destination_rename,
              update: :abc_destination_update_configuration, replace: :abc_destination_replace,
              create: :abc_destination_create, get: :abc_destination_get, delete: :abc_destination_delete,
              list: %i[abc_workspace_list_destinations abc_destination_list_count abc_destination_list_get],
              walk: %i[abc_workspace_iterate_destinations abc_destination_iterator_next] }.freeze
  end

  # The configuration JSON the API expects for the warehouses PyAirbyte deploys its caches to.
  # Each returns JSON text holding the secrets given: pass it to Workspace#create_destination, do
  # not log it.
  module DestinationConfig
    module_function

    def postgres(host:, database:, username:, port: 5432, schema: "public", password: nil, ssl_mode: nil)
      Internal.check(Native.abc_destination_config_postgres(host, port, database, schema, username, password, ssl_mode))
    end

    # Password authentication with password:, key-pair with private_key: (PEM text) and an
    # optional private_key_password:.
    def snowflake(host:, role:, warehouse:, database:, schema:, username:, password: nil, private_key: nil,
                  private_key_password: nil)
      if private_key
        Internal.check(Native.abc_destination_config_snowflake_key_pair(host, role, warehouse, database, schema,
                                                                         username, private_key, private_key_password))
      else
        Internal.check(Native.abc_destination_config_snowflake_password(host, role, warehouse, database, schema,
                                                                         username, password))
      end
    end

    # credentials_json: the service-account key (a Hash or JSON text), or nil.
    def bigquery(project_id:, dataset_id:, dataset_location:, credentials_json: nil)
      Internal.check(Native.abc_destination_config_bigquery(project_id, dataset_id, dataset_location,
                                                            Internal.json_text(credentials_json, "credentials_json")))
    end

    def duckdb(destination_path:, schema: nil, motherduck_api_key: nil)
      Internal.check(Native.abc_destination_config_duckdb(destination_path, schema, motherduck_api_key))
    end

    def motherduck(api_key:, database: nil, schema: nil)
      Internal.check(Native.abc_destination_config_motherduck(api_key, database, schema))
    end
  end

  # The fields of a connection to create, or the changes to make to one (abc_connection_spec).
  # Workspace#create_connection and Connection#update take these keywords:
  #
  # name:: the connection's name.
  # source:, destination:: ids or Source / Destination objects (create only).
  # streams:: stream names, or Hashes { name:, sync_mode:, cursor_field:, primary_key: } where
  #   cursor_field is a field name or a path Array and primary_key a field name or an Array of paths.
  # prefix:: destination table prefix ("" for none).
  # schedule:: :manual, or a Quartz cron expression ("0 0 12 * * ?").
  # namespace:: "source", "destination", or { definition: "custom_format", format: "${SOURCE_NAMESPACE}_x" }.
  # status:: :active or :inactive.
  class ConnectionSpec < HandleObject
    def initialize(name: nil, source: nil, destination: nil, streams: nil, prefix: nil, schedule: nil,
                   namespace: nil, status: nil, tags: nil)
      super(Internal.check(Native.abc_connection_spec_new))
      call(:abc_connection_spec_set_name, name) unless name.nil?
      call(:abc_connection_spec_set_source_id, Internal.id_of(source)) unless source.nil?
      call(:abc_connection_spec_set_destination_id, Internal.id_of(destination)) unless destination.nil?
      Array(streams).each { |stream| add_stream(stream) } unless streams.nil?
      call(:abc_connection_spec_set_prefix, prefix) unless prefix.nil?
      set_schedule(schedule) unless schedule.nil?
      set_namespace(namespace) unless namespace.nil?
      call(:abc_connection_spec_set_status, status.to_s) unless status.nil?
      Array(tags).each { |tag| call(:abc_connection_spec_add_tag, tag.native_handle) } # Tag objects
    rescue StandardError
      close
      raise
    end

    # Selects a stream (a name or a Hash, see above). Returns self.
    def add_stream(stream)
      stream = { name: stream } unless stream.is_a?(Hash)
      unknown = stream.keys - %i[name sync_mode cursor_field primary_key]
      raise InvalidArgumentError, "stream: unknown keys #{unknown.inspect}" unless unknown.empty?

      call(:abc_connection_spec_add_stream, stream[:name], stream[:sync_mode]&.to_s,
           json_or_text(stream[:cursor_field]), json_or_text(stream[:primary_key]))
      self
    end

    # The POST /connections body this spec makes (no request).
    def to_json(*) = call(:abc_connection_spec_to_json)

    private

    def json_or_text(value) = value.is_a?(Array) ? JSON.generate(value) : value

    def set_schedule(schedule)
      if schedule.to_s == "manual"
        call(:abc_connection_spec_set_schedule_manual)
      elsif schedule.is_a?(Hash) && schedule[:cron]
        call(:abc_connection_spec_set_schedule_cron, schedule[:cron])
      else
        call(:abc_connection_spec_set_schedule_cron, schedule)
      end
    end

    def set_namespace(namespace)
      if namespace.is_a?(Hash)
        call(:abc_connection_spec_set_namespace, namespace[:definition]&.to_s, namespace[:format])
      else
        call(:abc_connection_spec_set_namespace, namespace.to_s, nil)
      end
    end
  end

  # A workspace's details (abc_workspace_info). To work in it, make a Workspace with its id.
  class WorkspaceInfo < HandleObject
    def id = get(:abc_workspace_info_id)
    def name = get(:abc_workspace_info_name)
    # "auto", "us", "eu"...
    def data_residency = get(:abc_workspace_info_data_residency)
    def inspect = closed? ? "#<#{self.class.name} closed>" : "#<#{self.class.name} #{id} #{name.inspect}>"
  end

  # What a source offers (abc_stream_catalog): Enumerable of StreamCatalog::Stream.
  class StreamCatalog < HandleObject
    include IndexedList

    Stream = Struct.new(:name, :namespace, :sync_modes, :default_cursor, :source_defined_cursor, :primary_key,
                        keyword_init: true) do
      alias_method :source_defined_cursor?, :source_defined_cursor
    end

    def size = get(:abc_stream_catalog_count)

    # The index of the stream named `name`; raises NotFoundError when there is none.
    def index_of(name) = call(:abc_stream_catalog_find, name)

    # A stream by name or index (negative counts from the end); nil when there is none.
    def [](key)
      synchronize do
        index = if key.is_a?(String)
                  begin
                    index_of(key)
                  rescue NotFoundError
                    nil
                  end
                else
                  Internal.index(key, size)
                end
        index && stream_at(index)
      end
    end

    # Whether stream `stream` (a name or an index) supports `sync_mode` ("incremental_append"...).
    def supports_sync_mode?(stream, sync_mode)
      index = stream.is_a?(String) ? index_of(stream) : stream
      call(:abc_stream_catalog_supports_sync_mode, index, sync_mode.to_s) == 1
    end

    def names = map(&:name)

    private

    def stream_at(index)
      synchronize do
        Stream.new(name: call(:abc_stream_catalog_name, index),
                   namespace: call(:abc_stream_catalog_namespace, index),
                   sync_modes: JSON.parse(call(:abc_stream_catalog_sync_modes, index)),
                   default_cursor: JSON.parse(call(:abc_stream_catalog_default_cursor, index)),
                   source_defined_cursor: call(:abc_stream_catalog_source_defined_cursor, index) == 1,
                   primary_key: JSON.parse(call(:abc_stream_catalog_primary_key, index)))
      end
    end
  end
end
