# frozen_string_literal: true

module AirbyteCloud
  # The rest of the public API (issue 13): tags, organizations, users, permissions, custom and
  # declarative connector definitions, workspace create/update/delete, health, OAuth, job lists
  # with filters, and any request (Workspace#request). Each record is a snapshot whose readers
  # send no request; #json is the object as the API gave it and #to_h parses it.
  class Record < HandleObject
    attr_reader :workspace

    def initialize(handle, workspace)
      super(handle)
      @workspace = workspace
    end

    def to_h = JSON.parse(json)
    def inspect = closed? ? "#<#{self.class.name} closed>" : "#<#{self.class.name} #{id}>"
  end

  # A workspace tag (abc_tag); Workspace#create_tag, #tag, #tags; ConnectionSpec tags:.
  class Tag < Record
    native_readers get: { id: :abc_tag_id, name: :abc_tag_name, color: :abc_tag_color,
                          workspace_id: :abc_tag_workspace_id, json: :abc_tag_json }
    # Renames and/or recolours (nil keeps the value).
    def update(name: nil, color: nil) = tap { call(:abc_tag_update, name, color) }
    def delete = workspace.delete_tag(self)
  end

  class Organization < Record
    native_readers get: { id: :abc_organization_id, name: :abc_organization_name, email: :abc_organization_email,
                          json: :abc_organization_json }
  end

  class User < Record
    native_readers get: { id: :abc_user_id, name: :abc_user_name, email: :abc_user_email, json: :abc_user_json }
  end

  # Who may use which workspace or organization (abc_permission).
  class Permission < Record
    native_readers get: { id: :abc_permission_id, type: :abc_permission_type, user_id: :abc_permission_user_id,
                          workspace_id: :abc_permission_workspace_id, organization_id: :abc_permission_organization_id,
                          scope: :abc_permission_scope, scope_id: :abc_permission_scope_id, json: :abc_permission_json }
    def update(type) = tap { call(:abc_permission_update, type) }
    def delete = workspace.delete_permission(self)
  end

  # A custom connector definition (abc_definition), kind :source or :destination.
  class Definition < Record
    KINDS = { source: Native::ABC_DEFINITION_SOURCE, destination: Native::ABC_DEFINITION_DESTINATION }.freeze

    native_readers get: { id: :abc_definition_id, name: :abc_definition_name,
                          docker_repository: :abc_definition_docker_repository,
                          docker_image_tag: :abc_definition_docker_image_tag,
                          documentation_url: :abc_definition_documentation_url, json: :abc_definition_json }
    def kind = KINDS.key(get(:abc_definition_get_kind))
    def update(name: nil, docker_image_tag: nil) = tap { call(:abc_definition_update, name, docker_image_tag) }
    def delete = workspace.delete_definition(kind, self)

    def self.kind_number(kind)
      KINDS.fetch(kind) { raise InvalidArgumentError, "kind must be :source or :destination, not #{kind.inspect}" }
    end
  end

  # A declarative (low-code YAML manifest) source definition (abc_declarative_definition).
  class DeclarativeDefinition < Record
    native_readers get: { id: :abc_declarative_definition_id, name: :abc_declarative_definition_name,
                          manifest_json: :abc_declarative_definition_manifest,
                          version: :abc_declarative_definition_version, json: :abc_declarative_definition_json }
    def manifest = JSON.parse(manifest_json)
    # Publishes a new manifest (a Hash or JSON text).
    def update(manifest) = tap { call(:abc_declarative_definition_update, Internal.json_text(manifest, "manifest")) }
    def delete = workspace.delete_declarative_definition(self)
  end

  # Which jobs Workspace#jobs and #each_job hand out (abc_job_filter).
  class JobFilter < HandleObject
    # connection:, workspace_ids: [], type: "sync"/"reset"/"refresh"/"clear", status: :failed...,
    # created: / updated: a Range of Times (or Unix seconds), order: [field, descending], page_size:.
    def initialize(connection: nil, workspace_ids: [], type: nil, status: nil, created: nil, updated: nil,
                   order: nil, page_size: nil)
      super(Internal.check(Native.abc_job_filter_new))
      call(:abc_job_filter_set_connection_id, Internal.id_of(connection)) if connection
      workspace_ids.each { |id| call(:abc_job_filter_add_workspace_id, id) }
      call(:abc_job_filter_set_job_type, type.to_s) if type
      call(:abc_job_filter_set_status, JOB_STATES.index(status) || status) if status
      call(:abc_job_filter_set_created_between, *seconds(created)) if created
      call(:abc_job_filter_set_updated_between, *seconds(updated)) if updated
      call(:abc_job_filter_set_order, order[0].to_s, Internal.flag(order[1])) if order
      call(:abc_job_filter_set_page_size, page_size) if page_size
    rescue StandardError
      close
      raise
    end

    private

    def seconds(range) = [range.begin, range.end].map { |t| t.respond_to?(:to_i) ? t.to_i : 0 }
  end

  # Workspace methods over tags.h, organizations.h, definitions.h, oauth.h and the issue-13
  # additions of workspace.h and jobs.h.
  module Records
    # ---- Tags ----
    def create_tag(name:, color:) = Tag.new(child(call(:abc_tag_create, name, color)), self)
    def tag(tag_id) = Tag.new(child(call(:abc_tag_get, tag_id)), self)
    def delete_tag(tag) = call(:abc_tag_delete, Internal.id_of(tag)) && nil
    # Tags passing the filters (name:, name_contains:, page_size:, workspace_ids:); lazily with a block.
    def tags(**filters, &block) = records(Tag, %i[abc_workspace_iterate_tags abc_tag_iterator_next], [], filters, &block)

    # ---- Organizations, users, permissions ----
    def organizations(**filters, &block)
      records(Organization, %i[abc_workspace_iterate_organizations abc_organization_iterator_next], [], filters, &block)
    end

    def users(organization, **filters, &block)
      records(User, %i[abc_workspace_iterate_users abc_user_iterator_next], [Internal.id_of(organization)], filters, &block)
    end

    # type: "workspace_admin", "organization_member"...; scope: workspace_id: or organization_id:.
    def create_permission(user:, type:, workspace_id: nil, organization_id: nil)
      Permission.new(child(call(:abc_permission_create, Internal.id_of(user), type, workspace_id, organization_id)), self)
    end

    def permission(permission_id) = Permission.new(child(call(:abc_permission_get, permission_id)), self)
    def delete_permission(permission) = call(:abc_permission_delete, Internal.id_of(permission)) && nil

    def permissions(user: nil, organization: nil, &block)
      records(Permission, %i[abc_workspace_iterate_permissions abc_permission_iterator_next],
              [Internal.id_of(user), Internal.id_of(organization)], nil, &block)
    end

    # ---- Connector definitions (kind :source or :destination) ----
    def create_definition(kind, name:, docker_repository:, docker_image_tag:, documentation_url: nil)
      Definition.new(child(call(:abc_definition_create, Definition.kind_number(kind), name, docker_repository,
                                docker_image_tag, documentation_url)), self)
    end

    def definition(kind, id) = Definition.new(child(call(:abc_definition_get, Definition.kind_number(kind), id)), self)
    def delete_definition(kind, definition) = call(:abc_definition_delete, Definition.kind_number(kind), Internal.id_of(definition)) && nil

    def definitions(kind, **filters, &block)
      records(Definition, %i[abc_workspace_iterate_definitions abc_definition_iterator_next],
              [Definition.kind_number(kind)], filters, &block)
    end

    # manifest: the low-code manifest, a Hash or JSON text.
    def create_declarative_definition(name:, manifest:)
      DeclarativeDefinition.new(child(call(:abc_declarative_definition_create, name,
                                           Internal.json_text(manifest, "manifest"))), self)
    end

    def declarative_definition(id) = DeclarativeDefinition.new(child(call(:abc_declarative_definition_get, id)), self)
    def delete_declarative_definition(definition) = call(:abc_declarative_definition_delete, Internal.id_of(definition)) && nil

    def declarative_definitions(**filters, &block)
      records(DeclarativeDefinition, %i[abc_workspace_iterate_declarative_definitions
                                        abc_declarative_definition_iterator_next], [], filters, &block)
    end

    # ---- Workspaces ----
    def create_workspace(name:, organization_id: nil, notifications: nil)
      WorkspaceInfo.new(child(call(:abc_workspace_info_create, name, organization_id,
                                   Internal.json_text(notifications, "notifications"))))
    end

    def update_workspace(workspace_id, name: nil, notifications: nil)
      WorkspaceInfo.new(child(call(:abc_workspace_info_update, workspace_id, name,
                                   Internal.json_text(notifications, "notifications"))))
    end

    # Deletes a workspace with its connections, sources and destinations (safe_mode: :on refuses
    # unless every name is disposable).
    def delete_workspace(workspace_id, safe_mode: :default)
      call(:abc_workspace_info_delete, workspace_id, send(:safe_mode, safe_mode)) && nil
    end

    # ---- Health, any request, OAuth ----
    # Raises (TransportError...) unless the API answers its health check; returns self.
    def check_health = tap { call(:abc_workspace_check_health) }

    # The health check as a boolean.
    def healthy?
      check_health
      true
    rescue Error
      false
    end

    # Any request to the API root with the workspace's credentials: [http_status, body]. A 4xx or
    # 5xx answer raises as every call does.
    def request(method, path, body = nil)
      text, status = call(:abc_workspace_request, method.to_s.upcase, path, Internal.json_text(body, "body"))
      [status, text]
    end

    # Starts an OAuth flow for a source type: the consent URL and whatever the API answered (Hash).
    def initiate_oauth(source_type:, redirect_url:, oauth_input: nil)
      JSON.parse(call(:abc_source_initiate_oauth, source_type, redirect_url, Internal.json_text(oauth_input, "oauth_input")))
    end

    # OAuth credential overrides of a workspace (scope: :workspace) or organization (:organization).
    def set_oauth_credentials(scope, id, actor_type:, name:, configuration:)
      call(oauth_functions(scope)[0], id, actor_type, name, Internal.json_text(configuration, "configuration")) && nil
    end

    def delete_oauth_credentials(scope, id, actor_type:, name:)
      call(oauth_functions(scope)[1], id, actor_type, name) && nil
    end

    # ---- Jobs of the workspace (JobFilter's keywords) ----
    def jobs(**filter) = JobFilter.open(**filter) { |f| JobList.new(child(call(:abc_workspace_list_jobs, f.native_handle)), self) }

    def each_job(**filter)
      return enum_for(:each_job, **filter) unless block_given?

      JobFilter.open(**filter) do |f|
        Internal.iterate(child(call(:abc_workspace_iterate_jobs, f.native_handle)), :abc_job_iterator_next) do |h|
          yield Job.new(child(h), self)
        end
      end
    end

    private

    OAUTH_FUNCTIONS = { workspace: %i[abc_workspace_set_oauth_credentials abc_workspace_delete_oauth_credentials],
                        organization: %i[abc_organization_set_oauth_credentials
                                         abc_organization_delete_oauth_credentials] }.freeze

    def oauth_functions(scope)
      OAUTH_FUNCTIONS.fetch(scope) { raise InvalidArgumentError, "scope must be :workspace or :organization, not #{scope.inspect}" }
    end

    # Walks a record iterator made by `iterate` with args (and list options from filters unless
    # nil); yields each record, or returns them all without a block.
    def records(kind, (iterate, next_function), args, filters, &block)
      return enum_for(:records, kind, [iterate, next_function], args, filters).to_a unless block

      walk_records = lambda do |options|
        Internal.iterate(child(call(iterate, *args, *options)), next_function) { |h| yield kind.new(child(h), self) }
      end
      return walk_records.call([]) if filters.nil?

      ListOptions.open(**filters) { |o| walk_records.call([o.native_handle]) }
    end
  end

  class Workspace
    include Records
  end

  class WorkspaceInfo
    # The workspace as the API gave it (JSON text).
    def json = get(:abc_workspace_info_json)
  end
end
