# frozen_string_literal: true

# The airbyte_cloud gem: the Ruby binding of libairbyte_cloud. Installing it compiles the
# extension (ext/airbyte_cloud/extconf.rb), which needs the library installed where pkg-config
# finds it (airbyte_cloud.pc), SWIG 4 and the Ruby headers.
#
#   cd bindings/ruby && gem build airbyte_cloud.gemspec && gem install --local airbyte_cloud-*.gem
#
# Built from the source tree, the gem carries a copy of the SWIG interfaces (the shared
# ../airbyte_cloud.i and airbyte_cloud_ruby.i) under ext/airbyte_cloud/interface/, made here.
require_relative "lib/airbyte_cloud/version"

root = __dir__
shared = File.expand_path("../airbyte_cloud.i", root)
if File.file?(shared)
  require "fileutils"
  interface = File.join(root, "ext", "airbyte_cloud", "interface")
  FileUtils.mkdir_p(File.join(interface, "ruby"))
  FileUtils.cp(shared, File.join(interface, "airbyte_cloud.i"))
  FileUtils.cp(File.join(root, "airbyte_cloud_ruby.i"), File.join(interface, "ruby", "airbyte_cloud_ruby.i"))
end

Gem::Specification.new do |spec|
  spec.name = "airbyte_cloud"
  spec.version = AirbyteCloud::VERSION
  spec.summary = "Airbyte API client (Airbyte Cloud and self-managed) over the native libairbyte_cloud"
  spec.description = "Workspaces, connections, sync jobs with waits and progress, history, a multi-job waiter, " \
                     "sources/destinations/connections management and datasets, through libairbyte_cloud's C API."
  spec.authors = ["libairbyte_cloud contributors"]
  spec.license = "Apache-2.0"
  spec.homepage = "https://github.com/airbyte-cloud/libairbyte_cloud"
  spec.metadata = {
    "homepage_uri" => spec.homepage,
    "source_code_uri" => "#{spec.homepage}/tree/main/bindings/ruby",
    "documentation_uri" => "#{spec.homepage}/blob/main/docs/BINDINGS.md#ruby"
  }
  spec.required_ruby_version = ">= 3.0"
  spec.requirements = ["libairbyte_cloud (pkg-config module airbyte_cloud)", "SWIG 4", "Ruby headers (ruby-dev)"]
  spec.files = Dir.chdir(root) do
    Dir["lib/**/*.rb", "ext/airbyte_cloud/*.{rb,c,h}", "ext/airbyte_cloud/interface/**/*.i",
        "airbyte_cloud_ruby.i", "EXCLUDED.txt", "airbyte_cloud.gemspec"]
  end
  spec.extensions = ["ext/airbyte_cloud/extconf.rb"]
  spec.require_paths = ["lib"]
end
