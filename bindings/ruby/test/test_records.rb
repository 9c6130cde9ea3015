# frozen_string_literal: true

require_relative "test_helper"

# Issue 13 through Ruby: tags on a connection, a job of type reset, a declarative definition,
# and the other new areas.
class RecordsTest < Minitest::Test
  include EmulatorTest

  MANIFEST = { version: "6.0.0", type: "DeclarativeSource",
               check: { type: "CheckStream", stream_names: ["items"] }, streams: [],
               spec: { type: "Spec", connection_specification: { type: "object", properties: {} } } }.freeze

  def test_tag_attached_to_a_connection_shows_on_it
    ws = workspace
    tag = ws.create_tag(name: "rb-tag-#{SecureRandom.hex(3)}", color: "FF5733")
    @to_close << tag
    assert_equal "FF5733", tag.color
    connection = ws.connection(new_connection)
    @to_close << connection
    connection.update(tags: [tag])
    connection.refresh
    assert_includes connection.details.fetch("tags").map { |t| t["tagId"] }, tag.id
    tag.update(color: "00AAFF")
    assert_equal "00AAFF", ws.tag(tag.id).tap { |t| @to_close << t }.color
    assert_includes ws.tags.map(&:id), tag.id
    assert_equal [connection.id], ws.connections(tag_ids: [tag.id]).map(&:id)
    tag.delete
    assert_raises(AirbyteCloud::NotFoundError) { ws.tag(tag.id) }
  end

  def test_reset_job_and_job_filters
    ws = workspace
    connection_id = new_connection
    job = ws.run_sync(connection_id, job_type: :reset)
    @to_close << job
    assert_equal "reset", job.type
    assert job.succeeded?
    resets = ws.jobs(connection: connection_id, type: :reset)
    assert_equal [job.id], resets.map(&:id)
    assert_equal [job.id], ws.each_job(connection: connection_id, type: "reset", status: :succeeded).map(&:id)
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.run_sync(connection_id, job_type: "bogus") }
  end

  def test_declarative_definition_create_get_delete
    ws = workspace
    definition = ws.create_declarative_definition(name: "rb low-code", manifest: MANIFEST)
    @to_close << definition
    assert_equal 1, definition.version
    fetched = ws.declarative_definition(definition.id)
    @to_close << fetched
    assert_equal "rb low-code", fetched.name
    assert_equal "DeclarativeSource", fetched.manifest["type"]
    assert_equal 2, fetched.update(MANIFEST).version
    assert_includes ws.declarative_definitions.map(&:id), definition.id
    assert_raises(AirbyteCloud::ApiError) { ws.create_declarative_definition(name: "bare", manifest: { version: "6.0.0" }) }
    fetched.delete
    assert_raises(AirbyteCloud::NotFoundError) { ws.declarative_definition(definition.id) }
  end

  def test_definitions_workspaces_people_health_and_requests
    ws = workspace
    assert ws.healthy?
    assert_same ws, ws.check_health
    refute workspace(api_url: "http://127.0.0.1:9/v1", request_timeout: 1,
                     retry_policy: { max_attempts: 1 }).healthy?
    status, body = ws.request(:get, "/workspaces")
    assert_equal 200, status
    assert_kind_of Array, JSON.parse(body)["data"]

    custom = ws.create_definition(:destination, name: "rb custom", docker_repository: "airbyte/destination-x",
                                                docker_image_tag: "1.0.0")
    @to_close << custom
    assert_equal :destination, custom.kind
    assert_equal "1.0.1", custom.update(docker_image_tag: "1.0.1").docker_image_tag
    assert_includes ws.definitions(:destination).map(&:id), custom.id
    ws.delete_definition(:destination, custom)

    created = ws.create_workspace(name: "rb-ws-#{SecureRandom.hex(3)}-deleteme")
    @to_close << created
    renamed = ws.update_workspace(created.id, name: "#{created.name}-2")
    @to_close << renamed
    assert_equal "#{created.name}-2", renamed.name
    refute_empty renamed.json
    ws.delete_workspace(created.id, safe_mode: :on)

    organizations = ws.organizations
    @to_close.concat(organizations)
    refute_empty organizations
    users = ws.users(organizations.first)
    @to_close.concat(users)
    ws.permissions(organization: organizations.first).each { |p| @to_close << p }
    assert_raises(AirbyteCloud::InvalidArgumentError) { ws.definitions(:neither) }
  end
end
