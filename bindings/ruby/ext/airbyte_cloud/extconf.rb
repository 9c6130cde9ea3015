# frozen_string_literal: true

# Builds AirbyteCloud::Native (airbyte_cloud/native.so): finds libairbyte_cloud with pkg-config,
# generates the header-derived parts (abc_header.rb), runs SWIG on airbyte_cloud_ruby.i and
# compiles the wrapper with the hand-written support (abc_ruby.c). Needs swig (4.x) at build time.
#
#   PKG_CONFIG_PATH=/path/to/dir/with/airbyte_cloud.pc ruby extconf.rb && make
#
# Environment: SWIG (the swig program, default "swig"); ABC_SWIG_INTERFACE_DIR (the folder with
# the shared airbyte_cloud.i, when neither the source tree nor a packaged copy has it).
require "mkmf"
require "shellwords"
require_relative "abc_header"

ext_dir = __dir__
ruby_dir = File.expand_path("../..", ext_dir) # bindings/ruby in the source tree

abort "libairbyte_cloud not found by pkg-config (set PKG_CONFIG_PATH to the folder of airbyte_cloud.pc)" \
  unless pkg_config("airbyte_cloud")

# Find the library at run time where pkg-config found it (an installed .pc names its libdir; the
# build tree's .pc carries its own rpath), so no LD_LIBRARY_PATH is needed for a non-system prefix.
libdir = `pkg-config --variable=libdir airbyte_cloud`.strip
libdir = File.expand_path(libdir) unless libdir.empty?
$LDFLAGS << " -Wl,-rpath,#{libdir}" unless libdir.empty? || %w[/usr/lib /lib].include?(libdir)

include_dirs = Shellwords.split(`pkg-config --cflags-only-I airbyte_cloud`.strip).map { |flag| flag.delete_prefix("-I") }
header = include_dirs.map { |dir| File.join(dir, "airbyte_cloud.h") }.find { |path| File.file?(path) }
abort "airbyte_cloud.h not found in #{include_dirs.inspect}" unless header

# The module interface: in the source tree bindings/ruby/airbyte_cloud_ruby.i includes
# "../airbyte_cloud.i"; a packaged gem carries both under ext/airbyte_cloud/interface/ruby and
# ext/airbyte_cloud/interface.
candidates = [ruby_dir, File.join(ext_dir, "interface", "ruby")]
candidates.unshift(File.join(ENV["ABC_SWIG_INTERFACE_DIR"], "ruby")) if ENV["ABC_SWIG_INTERFACE_DIR"]
module_dir = candidates.find do |dir|
  File.file?(File.join(dir, "airbyte_cloud_ruby.i")) && File.file?(File.join(dir, "..", "airbyte_cloud.i"))
end
abort "airbyte_cloud_ruby.i and ../airbyte_cloud.i not found in #{candidates.inspect}" unless module_dir

parsed = AbcHeader.write_all(header, Dir.pwd)
message "generated handle kinds (#{parsed[:handles].size}) and GVL shims from #{header}\n"

swig = ENV.fetch("SWIG", "swig")
command = [swig, "-ruby", "-I#{Dir.pwd}", "-I#{module_dir}", *include_dirs.map { |dir| "-I#{dir}" },
           "-o", "native_wrap.c", File.join(module_dir, "airbyte_cloud_ruby.i")]
message "#{command.shelljoin}\n"
abort "swig failed" unless system(*command)

have_header("ruby/thread.h") or abort "ruby/thread.h is required"
have_func("rb_nogvl", "ruby/thread.h") or abort "rb_nogvl (Ruby >= 2.6) is required"
have_func("rb_postponed_job_preregister", "ruby/debug.h")
have_library("pthread") or abort "pthread is required"

$srcs = %w[abc_ruby.c native_wrap.c]
$VPATH << ext_dir
$INCFLAGS << " -I$(srcdir)"
$CFLAGS << " -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers"
$CFLAGS << " -Werror" if ENV["ABC_WERROR"] == "ON"
create_makefile("airbyte_cloud/native")
