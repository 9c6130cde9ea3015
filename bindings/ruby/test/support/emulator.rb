# frozen_string_literal: true

require "json"
require "net/http"
require "securerandom"
require "tmpdir"
require "uri"

# Starts airbyte-cloud-emulator (ABC_EMULATOR) on a free loopback port, as the C tests do
# (tests/support/emulator_process.h): --port 0 --quiet --ready-file, then reads the ready file.
class Emulator
  attr_reader :url, :api_url, :workspace_id, :api_key, :client_id, :client_secret, :pid

  def self.binary
    ENV.fetch("ABC_EMULATOR") { raise "set ABC_EMULATOR to the airbyte-cloud-emulator binary" }
  end

  def initialize(*extra_args)
    @ready_file = File.join(Dir.tmpdir, "abc-ruby-emulator-#{Process.pid}-#{SecureRandom.hex(4)}.json")
    @pid = Process.spawn(self.class.binary, "--port", "0", "--quiet", "--ready-file", @ready_file, *extra_args,
                         out: File::NULL, err: File::NULL)
    ready = wait_for_ready_file
    @url = ready.fetch("url")
    @api_url = ready.fetch("apiUrl")
    @workspace_id = ready.fetch("workspaceId")
    @api_key = ready.fetch("apiKey")
    @client_id = ready.fetch("clientId")
    @client_secret = ready.fetch("clientSecret")
  end

  def stop
    return unless @pid

    begin
      Process.kill("TERM", @pid)
      deadline = Time.now + 5
      sleep 0.02 until Process.waitpid(@pid, Process::WNOHANG) || Time.now > deadline
      Process.kill("KILL", @pid) if Process.waitpid(@pid, Process::WNOHANG).nil?
    rescue Errno::ESRCH, Errno::ECHILD
      nil
    end
    @pid = nil
    File.delete(@ready_file) if File.exist?(@ready_file)
  end

  # An HTTP request with the API key; returns [status, parsed JSON body or text].
  def request(method, path, body = nil)
    uri = URI(url + path)
    Net::HTTP.start(uri.host, uri.port) do |http|
      request = Net::HTTPGenericRequest.new(method, !body.nil?, true, uri.request_uri,
                                            "Authorization" => "Bearer #{api_key}",
                                            "Content-Type" => "application/json")
      request.body = JSON.generate(body) unless body.nil?
      response = http.request(request)
      parsed = begin
        response.body && !response.body.empty? ? JSON.parse(response.body) : nil
      rescue JSON::ParserError
        response.body
      end
      [response.code.to_i, parsed]
    end
  end

  def post!(path, body)
    status, answer = request("POST", path, body)
    raise "POST #{path} -> #{status}: #{answer}" unless (200..299).cover?(status)

    answer
  end

  # A faker source (count rows per stream), a duckdb destination and a connection with streams
  # users and products, prefix "test_". Returns the connection id.
  def create_connection(name, count: 50)
    source = post!("/v1/sources", name: "#{name}-source", workspaceId: workspace_id,
                                  configuration: { sourceType: "faker", count: count, seed: 7 })
    destination = post!("/v1/destinations", name: "#{name}-destination", workspaceId: workspace_id,
                                             configuration: { destinationType: "duckdb",
                                                              destination_path: "/local/test.duckdb" })
    connection = post!("/v1/connections",
                       name: name, sourceId: source["sourceId"], destinationId: destination["destinationId"],
                       prefix: "test_",
                       configurations: { streams: [{ name: "users", syncMode: "full_refresh_overwrite" },
                                                   { name: "products", syncMode: "full_refresh_overwrite" }] })
    connection.fetch("connectionId")
  end

  # How the connection's next jobs end ("succeeded", "failed", "running"...) and how long they run.
  def set_behaviour(connection_id, outcome, duration_ms: 100)
    post!("/_emulator/connections/#{connection_id}/behaviour", outcome: outcome, durationMs: duration_ms)
  end

  def add_fault(**fault) = post!("/_emulator/faults", fault)

  def stats = request("GET", "/_emulator/stats")[1]

  private

  def wait_for_ready_file
    deadline = Time.now + 10
    loop do
      if File.exist?(@ready_file)
        text = File.read(@ready_file)
        return JSON.parse(text) unless text.empty?
      end
      if Process.waitpid(@pid, Process::WNOHANG)
        @pid = nil
        raise "airbyte-cloud-emulator exited before it was ready"
      end
      raise "airbyte-cloud-emulator not ready after 10 s" if Time.now > deadline

      sleep 0.01
    end
  end
end
