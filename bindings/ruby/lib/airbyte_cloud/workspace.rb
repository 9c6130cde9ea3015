# frozen_string_literal: true

module AirbyteCloud
  # The entry point: one workspace plus credentials (abc_workspace). Safe to share between threads.
  #
  #   workspace = AirbyteCloud::Workspace.new(workspace_id: "...", api_key: ENV["AIRBYTE_API_KEY"])
  #   workspace.connect
  #   job = workspace.run_sync(connection_id, timeout: 600)
  #   puts "#{job.rows_synced} rows"
  #   workspace.close
  #
  # Handles made from a workspace (connections, jobs, waiters...) keep its native part alive, so
  # closing the workspace first is safe: the workspace object refuses further use, they go on.
  class Workspace < HandleObject
    SAFE_MODES = { default: Native::ABC_SAFE_MODE_DEFAULT, on: Native::ABC_SAFE_MODE_ON,
                   off: Native::ABC_SAFE_MODE_OFF }.freeze

    # workspace_id:: the workspace UUID.
    # options:: an Options object; or give Options' keyword arguments here (api_url:, api_key:,
    #   client_id:, client_secret:, request_timeout:, logger:...).
    # Sends no request: see #connect.
    def initialize(workspace_id:, options: nil, **settings)
      with_options(options, settings) do |opts|
        handle = Internal.check(Native.abc_workspace_new(workspace_id, opts.native_handle))
        adopt(handle, opts)
      end
    end

    # A workspace whose id comes from AIRBYTE_CLOUD_WORKSPACE_ID and whose unset settings come
    # from the environment (see Options' environment:).
    def self.from_environment(options: nil, **settings, &block)
      workspace = allocate
      workspace.send(:init_from_environment, options, settings)
      return workspace unless block

      begin
        yield workspace
      ensure
        workspace.close
      end
    end

    # Checks that the API is reachable and the credentials grant this workspace. Raises
    # TransportError / RequestTimeoutError (unreachable), AuthError (credentials rejected),
    # NotFoundError / ForbiddenError (no such workspace or no access). Returns self.
    def connect
      call(:abc_workspace_connect)
      self
    end

    def id = get(:abc_workspace_id)
    def api_url = get(:abc_workspace_api_url)
    # The Config API root the diagnostics use ("" when it could not be derived; see Options).
    def config_api_url = get(:abc_workspace_config_api_url)
    # The workspace's web UI address.
    def url = get(:abc_workspace_url)

    # The request budget's state (shared by the workspaces of one API root and credential): the
    # cap (requests per second, 0: none), the 429s received, what is left of the pause the last
    # one started and the total wait imposed on requests (seconds). No request is sent.
    RequestBudget = Struct.new(:rate, :rate_limited, :paused, :delayed)
    def request_budget
      rate, rate_limited, paused_ms, delayed_ms = call(:abc_workspace_request_budget)
      RequestBudget.new(rate, rate_limited, paused_ms / 1000.0, delayed_ms / 1000.0)
    end
    # The workspace's name (one request each call).
    def name = call(:abc_workspace_name)

    # Details of this workspace, or of another one the credentials reach.
    def info(workspace_id = nil)
      WorkspaceInfo.new(child(call(:abc_workspace_info_get, workspace_id)))
    end

    # ---- Connections and syncs ----------------------------------------------------------------

    # A lazy handle on a connection: no request until a getter needs its details.
    def connection(connection_id)
      Connection.new(child(call(:abc_connection_get, connection_id)), self)
    end

    # Starts a sync on a connection (an id or a Connection) and, unless wait: false, waits until
    # the job is final. Returns the Job.
    #
    # timeout:: longest wait in seconds (default 1 hour).
    # fail_on_sync_failure:: false: a failed or cancelled job is returned instead of raising
    #   SyncFailedError.
    # fail_on_timeout:: false: a wait that times out returns the running job instead of raising
    #   TimeoutError.
    # attach_if_running:: true: if the connection already runs a job, wait for that one instead of
    #   raising SyncAlreadyRunningError.
    # cancel:: a CancelToken another thread can use to stop the wait (not the job).
    # cancel_job:: true: a cancelled wait (token or :stop) cancels the job on the server too.
    # A block gets a Progress after every poll; returning :stop stops the wait (CancelledError).
    # When the wait fails after the job started, the error's #job is the Job (it goes on).
    # job_type:: "sync" (the default), "reset", "refresh" or "clear".
    def run_sync(connection, wait: true, timeout: nil, fail_on_sync_failure: true, fail_on_timeout: true,
                 attach_if_running: false, cancel: nil, job_type: nil, cancel_job: false, &progress)
      options = Internal.sync_options(wait: wait, timeout: timeout, fail_on_sync_failure: fail_on_sync_failure,
                                      fail_on_timeout: fail_on_timeout, attach_if_running: attach_if_running,
                                      job_type: job_type, cancel_job: cancel_job)
      begin
        Internal.with_wait_token(cancel) do |token|
          status, job_handle, error = Native.run_sync(native_handle, Internal.id_of(connection), options, token,
                                                      Internal.progress_callable(progress), Internal::DELIVER_LOGS)
          Internal.deliver_logs
          job = job_handle && Job.new(job_handle, self)
          raise Error.from_native(status, error, job: job) unless status.zero?

          job
        end
      ensure
        options.close
      end
    end

    # Fetches job `job_id`.
    def job(job_id)
      Job.new(child(call(:abc_job_get, job_id)), self)
    end

    # A Waiter for many jobs at once; with a block, yields it and closes it afterwards.
    def waiter(&block)
      Waiter.open(self, &block)
    end

    # ---- Sources and destinations (one implementation over each kind's Actor::C_API) ----------

    # Creates a source. type: the connector ("faker", "postgres"...) or definition_id:; the
    # configuration as a Hash or JSON text.
    def create_source(**fields) = create_actor(Source, **fields)
    # Fetches a source (secrets come back masked).
    def source(source_id) = fetch_actor(Source, source_id)

    # Deletes a source (Airbyte also deletes the connections using it). safe_mode: :on refuses
    # unless the source's name contains "deleteme" / "delete-me" (RefusedError).
    def delete_source(source, safe_mode: :default) = delete_actor(Source, source, safe_mode)

    # Every source passing the filters (name:, name_contains:, page_size:, include_deleted:), all
    # pages fetched now.
    def sources(**filters) = list_actors(Source, filters)

    # Walks the sources page by page as needed; an Enumerator without a block.
    def each_source(**filters, &block)
      return enum_for(:each_source, **filters) unless block

      each_actor(Source, filters, &block)
    end

    # Creates a destination. type: "postgres", "snowflake", "bigquery", "duckdb", "motherduck"...;
    # configuration: a Hash, JSON text, or a DestinationConfig builder's result.
    def create_destination(**fields) = create_actor(Destination, **fields)
    def destination(destination_id) = fetch_actor(Destination, destination_id)
    def delete_destination(destination, safe_mode: :default) = delete_actor(Destination, destination, safe_mode)
    def destinations(**filters) = list_actors(Destination, filters)

    def each_destination(**filters, &block)
      return enum_for(:each_destination, **filters) unless block

      each_actor(Destination, filters, &block)
    end

    # Actor#delete and delete_source / delete_destination.
    def delete_actor(kind, actor, safe_mode)
      call(kind::C_API[:delete], Internal.id_of(actor), safe_mode(safe_mode))
      nil
    end

    # ---- Connections as resources -------------------------------------------------------------

    # Creates a connection; see ConnectionSpec for the keywords (name:, source:, destination:,
    # streams:, prefix:, schedule:, namespace:, status:). Returns the Connection.
    def create_connection(**fields)
      ConnectionSpec.open(**fields) do |spec|
        Connection.new(child(call(:abc_connection_create, spec.native_handle)), self)
      end
    end

    # Deletes a connection; cascade: true also deletes its source and destination (safe mode on
    # by default for a cascade: their names must contain "deleteme" / "delete-me").
    def delete_connection(connection, cascade: false, safe_mode: :default)
      call(:abc_connection_delete, Internal.id_of(connection), Internal.flag(cascade), safe_mode(safe_mode))
      nil
    end

    def connections(**filters)
      list(%i[abc_workspace_list_connections abc_connection_list_count abc_connection_list_get], filters) do |h|
        Connection.new(child(h), self)
      end
    end

    def each_connection(**filters, &block)
      return enum_for(:each_connection, **filters) unless block

      walk(%i[abc_workspace_iterate_connections abc_connection_iterator_next], filters) do |h|
        yield Connection.new(child(h), self)
      end
    end

    # ---- Workspaces and streams ---------------------------------------------------------------

    # Every workspace the credentials reach (WorkspaceInfo), all pages now.
    def workspaces(**filters)
      list(%i[abc_workspace_list_workspaces abc_workspace_info_list_count abc_workspace_info_list_get], filters) do |h|
        WorkspaceInfo.new(child(h))
      end
    end

    def each_workspace(**filters, &block)
      return enum_for(:each_workspace, **filters) unless block

      walk(%i[abc_workspace_iterate_workspaces abc_workspace_info_iterator_next], filters) do |h|
        yield WorkspaceInfo.new(child(h))
      end
    end

    # The streams a source offers (narrowed to what `destination` supports, if given).
    def streams(source, destination: nil)
      StreamCatalog.new(child(call(:abc_stream_catalog_get, Internal.id_of(source), Internal.id_of(destination))))
    end

    def inspect = closed? ? "#<#{self.class.name} closed>" : "#<#{self.class.name} #{id}>"

    # For the library's classes: `handle` made from this workspace keeps it alive.
    def child(handle)
      handle&.retain(native_handle)
      handle
    end

    private

    def with_options(options, settings)
      raise ArgumentError, "give options: or settings, not both" if options && !settings.empty?
      raise TypeError, "options must be an AirbyteCloud::Options" if options && !options.is_a?(Options)

      opts = options || Options.new(**settings)
      begin
        yield opts
      ensure
        opts.close unless options
      end
    end

    def adopt(handle, options)
      # The workspace copied the options' log sink, which lives as long as the options' handle.
      handle.retain(options.native_handle)
      super_init(handle)
    end

    def super_init(handle)
      @handle = handle
      @lock = nil
    end

    def init_from_environment(options, settings)
      with_options(options, settings) do |opts|
        adopt(Internal.check(Native.abc_workspace_new_from_environment(opts.native_handle)), opts)
      end
    end

    def safe_mode(mode)
      SAFE_MODES.fetch(mode) { raise InvalidArgumentError, "safe_mode must be :default, :on or :off, not #{mode.inspect}" }
    end

    def create_actor(kind, name:, configuration:, type: nil, definition_id: nil)
      kind.new(child(call(kind::C_API[:create], name, type, definition_id,
                          Internal.json_text(configuration, "configuration"))), self)
    end

    def fetch_actor(kind, id) = kind.new(child(call(kind::C_API[:get], id)), self)
    def list_actors(kind, filters) = list(kind::C_API[:list], filters) { |h| kind.new(child(h), self) }

    def each_actor(kind, filters)
      walk(kind::C_API[:walk], filters) { |h| yield kind.new(child(h), self) }
    end

    # functions: the C list call, its count and its get.
    def list((function, count_function, get_function), filters, &wrap)
      ListOptions.open(**filters) do |options|
        handle = child(call(function, options.native_handle))
        begin
          Array.new(Native.public_send(count_function, handle)) do |i|
            wrap.call(Internal.check(Native.public_send(get_function, handle, i)))
          end
        ensure
          handle.close
        end
      end
    end

    # functions: the C iterate call and its next.
    def walk((function, next_function), filters, &block)
      ListOptions.open(**filters) do |options|
        Internal.iterate(child(call(function, options.native_handle)), next_function, &block)
      end
    end
  end
end
