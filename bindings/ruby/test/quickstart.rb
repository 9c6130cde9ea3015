# frozen_string_literal: true

# Checks the "Ruby" section of docs/BINDINGS.md as a user would follow it:
# 1. installs the gem into a temporary GEM_HOME (gem install --local): the .gem the build made
#    when given as third argument (build/bindings/ruby/gem/airbyte_cloud-<v>.gem), else one built
#    here from a copy of bindings/ (gem build airbyte_cloud.gemspec); PKG_CONFIG_PATH points at
#    the build tree's airbyte_cloud.pc in place of an installed library;
# 2. runs the quick start program between the ruby-quickstart markers, as written, with that gem,
#    against a fresh emulator, through the environment variables the section names.
#
#   ABC_EMULATOR=... ruby bindings/ruby/test/quickstart.rb docs/BINDINGS.md build/bindings/pkgconfig [GEM]
require "fileutils"
require "open3"
require "rbconfig"
require "tmpdir"
require_relative "support/emulator"

docs, pkgconfig_dir, prebuilt_gem = ARGV
abort "usage: quickstart.rb docs/BINDINGS.md PKG_CONFIG_DIR" unless docs && pkgconfig_dir

text = File.read(docs)
program = text[/<!-- ruby-quickstart:begin[^>]*-->\s*```ruby\n(.*?)```\s*<!-- ruby-quickstart:end -->/m, 1]
abort "FAIL: no ruby-quickstart block in #{docs}" unless program

def run!(env, *command, chdir: Dir.pwd)
  output, status = Open3.capture2e(env, *command, chdir: chdir)
  abort "FAIL: #{command.join(' ')}\n#{output}" unless status.success?
  output
end

bindings = File.expand_path("../..", __dir__)
Dir.mktmpdir("abc-ruby-quickstart") do |dir|
  FileUtils.mkdir_p(File.join(dir, "bindings"))
  FileUtils.cp_r(File.join(bindings, "ruby"), File.join(dir, "bindings"))
  FileUtils.cp(File.join(bindings, "airbyte_cloud.i"), File.join(dir, "bindings"))
  source = File.join(dir, "bindings", "ruby")
  Dir[File.join(source, "*.gem")].each { |old| File.delete(old) }
  gem_home = File.join(dir, "gems")
  gem = [RbConfig.ruby, "-S", "gem"]
  env = { "PKG_CONFIG_PATH" => pkgconfig_dir, "GEM_HOME" => gem_home, "GEM_PATH" => gem_home }
  if prebuilt_gem
    built = File.expand_path(prebuilt_gem)
    abort "FAIL: no gem at #{built}" unless File.file?(built)
  else
    run!(env, *gem, "build", "airbyte_cloud.gemspec", chdir: source)
    built = Dir[File.join(source, "airbyte_cloud-*.gem")].first or abort "FAIL: gem build made no gem"
  end
  run!(env, *gem, "install", "--local", "--no-document", built, chdir: dir)
  puts "gem installed: #{built}"
  homepage = run!(env, *gem, "specification", "airbyte_cloud", "homepage")
  license = run!(env, *gem, "specification", "airbyte_cloud", "license")
  abort "FAIL: the gem lacks its homepage or license: #{homepage} #{license}" \
    unless homepage.include?("https://") && license.include?("Apache-2.0")

  emulator = Emulator.new
  begin
    connection_id = emulator.create_connection("ruby-quickstart")
    emulator.set_behaviour(connection_id, "succeeded", duration_ms: 300)
    path = File.join(dir, "quickstart.rb")
    File.write(path, program)
    run_env = env.merge("AIRBYTE_CLOUD_WORKSPACE_ID" => emulator.workspace_id,
                        "AIRBYTE_CLOUD_API_KEY" => emulator.api_key,
                        "AIRBYTE_CLOUD_API_URL" => emulator.api_url,
                        "RUBYLIB" => nil, "RUBYOPT" => nil)
    output = run!(run_env, RbConfig.ruby, path, connection_id, chdir: dir)
    puts output
    abort "FAIL: the quick start printed no succeeded job" unless output =~ /^job \d+ succeeded: \d+ rows, \d+ bytes$/

    emulator.set_behaviour(connection_id, "failed", duration_ms: 50)
    output, status = Open3.capture2e(run_env, RbConfig.ruby, path, connection_id, chdir: dir)
    puts output
    abort "FAIL: a failed sync should exit 1" unless status.exitstatus == 1 && output.include?("ended failed")
  ensure
    emulator.stop
  end
end
puts "quick start: OK"
