# frozen_string_literal: true

require "bigdecimal"
require "date"
require "time"

module AirbyteCloud
  # Settings for reading datasets (abc_dataset_options). Connection#datasets and Job#datasets take
  # these as keywords:
  #
  # secrets:: { password: "...", private_key: "PEM", ... } values (never logged).
  # secret_env:: { password: "PGPASSWORD", ... } names of environment variables to read.
  # secret_files:: { private_key: "/path/key.pem", service_account_json: "/path/key.json" }.
  # snowflake_url:, bigquery_url:, token_url:: endpoint overrides.
  # page_size:: rows per BigQuery page (Postgres streams rows without pages). query_timeout:: seconds.
  # poll_interval:: Snowflake status polls, [initial, max] or initial..max seconds.
  #
  # Secret names: :password, :private_key, :private_key_passphrase, :oauth_token,
  # :programmatic_access_token, :service_account_json, :ssl_client_key, :ssl_client_key_password.
  class DatasetOptions < HandleObject
    SECRETS = {
      password: Native::ABC_DATASET_SECRET_PASSWORD,
      private_key: Native::ABC_DATASET_SECRET_PRIVATE_KEY,
      private_key_passphrase: Native::ABC_DATASET_SECRET_PRIVATE_KEY_PASSPHRASE,
      oauth_token: Native::ABC_DATASET_SECRET_OAUTH_TOKEN,
      programmatic_access_token: Native::ABC_DATASET_SECRET_PROGRAMMATIC_ACCESS_TOKEN,
      service_account_json: Native::ABC_DATASET_SECRET_SERVICE_ACCOUNT_JSON,
      ssl_client_key: Native::ABC_DATASET_SECRET_SSL_CLIENT_KEY,
      ssl_client_key_password: Native::ABC_DATASET_SECRET_SSL_CLIENT_KEY_PASSWORD
    }.freeze

    def initialize(secrets: {}, secret_env: {}, secret_files: {}, snowflake_url: nil, bigquery_url: nil,
                   token_url: nil, page_size: nil, query_timeout: nil, poll_interval: nil)
      super(Internal.check(Native.abc_dataset_options_new))
      secrets.each { |name, value| call(:abc_dataset_options_set_secret, secret(name), value) }
      secret_env.each { |name, variable| call(:abc_dataset_options_set_secret_env, secret(name), variable) }
      secret_files.each { |name, path| call(:abc_dataset_options_set_secret_file, secret(name), path) }
      call(:abc_dataset_options_set_snowflake_url, snowflake_url) if snowflake_url
      call(:abc_dataset_options_set_bigquery_url, bigquery_url) if bigquery_url
      call(:abc_dataset_options_set_token_url, token_url) if token_url
      call(:abc_dataset_options_set_page_size, page_size) if page_size
      query_timeout_ms = Internal.ms(query_timeout, "query_timeout")
      call(:abc_dataset_options_set_query_timeout_ms, query_timeout_ms) if query_timeout_ms
      if poll_interval
        initial, max = poll_interval.is_a?(Range) ? [poll_interval.begin, poll_interval.end] : Array(poll_interval)
        call(:abc_dataset_options_set_poll_interval, Internal.ms(initial, "poll_interval"),
             Internal.ms(max || initial, "poll_interval"))
      end
    rescue StandardError
      close
      raise
    end

    # Yields DatasetOptions built from `keywords` (nil when there are none) and closes them.
    def self.with(keywords, &block)
      return yield(nil) if keywords.empty?

      open(**keywords, &block)
    end

    private

    def secret(name)
      SECRETS.fetch(name) { raise InvalidArgumentError, "unknown secret #{name.inspect}; one of #{SECRETS.keys.inspect}" }
    end
  end

  # The datasets of a connection's selected streams (abc_dataset_set): where the data is, and an
  # Enumerable of Dataset, one per stream.
  class DatasetSet < HandleObject
    include IndexedList

    def size = get(:abc_dataset_set_count)

    def stream_names = synchronize { Array.new(size) { |i| get(:abc_dataset_set_stream_name, i) } }

    # The Dataset of a stream, by name or index; nil when there is none.
    def [](key)
      if key.is_a?(String)
        begin
          Dataset.new(call(:abc_dataset_set_get, key))
        rescue NotFoundError
          nil
        end
      else
        synchronize do
          index = Internal.index(key, size)
          index && Dataset.new(call(:abc_dataset_set_at, index))
        end
      end
    end


    # destination_type: "postgres", "snowflake" or "bigquery"; database: the database (Postgres,
    # Snowflake) or project (BigQuery); schema: the destination's default schema or dataset;
    # connection_uri: a connection URI without the password, for your own driver.
    native_readers get: { destination_type: :abc_dataset_set_destination_type, destination_id: :abc_dataset_set_destination_id,
                          database: :abc_dataset_set_database, schema: :abc_dataset_set_schema,
                          connection_uri: :abc_dataset_set_connection_uri }
  end

  # One stream's table (abc_dataset): its coordinates, columns, row count, and its records.
  #
  #   dataset.each { |record| p record }   # Hashes, streamed with constant memory
  class Dataset < HandleObject
    include Enumerable

    Column = Struct.new(:name, :type, :value_type, keyword_init: true)

    # table_name: the normalised table name (prefix + stream); qualified_name: its qualified SQL name.
    native_readers get: { stream_name: :abc_dataset_stream_name, destination_type: :abc_dataset_destination_type,
                          database: :abc_dataset_database, schema: :abc_dataset_schema,
                          table_name: :abc_dataset_table_name, qualified_name: :abc_dataset_qualified_name,
                          connection_uri: :abc_dataset_connection_uri }

    # The table's columns (Column: name, warehouse type, portable value type Symbol). Raises
    # NotFoundError when the table does not exist (the stream was never synced).
    def columns
      synchronize do
        Array.new(call(:abc_dataset_column_count)) do |i|
          Column.new(name: call(:abc_dataset_column_name, i), type: call(:abc_dataset_column_type, i),
                     value_type: AirbyteCloud.value_type_symbol(call(:abc_dataset_column_value_type, i)))
        end
      end
    end

    # The number of rows now (a query each call).
    def row_count = call(:abc_dataset_row_count)

    # A new Cursor over every row; with a block, yields it and closes it afterwards.
    def cursor(&block)
      Cursor.open(call(:abc_dataset_cursor_open), &block)
    end

    # Each row as a Hash (column => value, typed as Cursor#value does).
    def each(&block)
      return enum_for(:each) unless block

      cursor { |c| c.each(&block) }
      self
    end

    # Each row as JSON text ({"column": value, ...}).
    def each_json
      return enum_for(:each_json) unless block_given?

      cursor { |c| yield c.record_json while c.next }
      self
    end
  end

  # A streaming read of a table (abc_dataset_cursor). Columns are given by index or name.
  class Cursor < HandleObject
    include Enumerable

    # Moves to the next row: true when on a row, false after the last.
    def next = call(:abc_dataset_cursor_next) == 1

    def column_count = get(:abc_dataset_cursor_column_count)
    def column_names = synchronize { Array.new(column_count) { |i| get(:abc_dataset_cursor_column_name, i) } }

    def column_types
      synchronize do
        Array.new(column_count) { |i| AirbyteCloud.value_type_symbol(get(:abc_dataset_cursor_column_value_type, i)) }
      end
    end

    # Rows returned by #next so far.
    def rows_read = get(:abc_dataset_cursor_rows_read)

    # The current row as JSON text, and parsed.
    def record_json = call(:abc_dataset_cursor_record_json)
    def record = JSON.parse(record_json)

    def null?(column) = call(:abc_dataset_cursor_is_null, column_index(column)) == 1
    # The value as an Integer (see the C API for conversions); raises InvalidArgumentError for NULL.
    def integer(column) = call(:abc_dataset_cursor_int64, column_index(column))
    def float(column) = call(:abc_dataset_cursor_double, column_index(column))
    # The canonical text, nil for NULL.
    def text(column) = call(:abc_dataset_cursor_text, column_index(column))

    # The value as a Ruby object by its portable type: Integer, BigDecimal, Float, true/false,
    # String, Date, Time (UTC), parsed JSON; nil for NULL.
    def value(column)
      synchronize do
        index = column_index(column)
        text = call(:abc_dataset_cursor_text, index)
        text && convert(text, AirbyteCloud.value_type_symbol(get(:abc_dataset_cursor_column_value_type, index)))
      end
    end

    # The current row as a Hash of typed values.
    def values = synchronize { column_names.each_with_index.to_h { |name, i| [name, value(i)] } }

    # Yields each remaining row as a Hash of typed values.
    def each
      return enum_for(:each) unless block_given?

      yield values while self.next
      self
    end

    private

    def column_index(column)
      return column if column.is_a?(Integer)

      index = column_names.index(column.to_s)
      raise InvalidArgumentError, "no column named #{column.inspect}" unless index

      index
    end

    def convert(text, type)
      case type
      when :integer then Integer(text, 10)
      when :decimal then BigDecimal(text)
      when :float then float_value(text)
      when :boolean then text == "true"
      when :date then Date.iso8601(text)
      when :timestamp then Time.iso8601(text).utc
      when :json, :array, :record then JSON.parse(text)
      else text
      end
    end

    def float_value(text)
      case text
      when "NaN" then Float::NAN
      when "Infinity" then Float::INFINITY
      when "-Infinity" then -Float::INFINITY
      else Float(text)
      end
    end
  end
end
