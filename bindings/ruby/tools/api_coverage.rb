# frozen_string_literal: true

# Fails unless every function declared in include/airbyte_cloud.h is reachable from the Ruby
# binding, or listed in bindings/ruby/EXCLUDED.txt with a reason.
#
#   ruby bindings/ruby/tools/api_coverage.rb include/airbyte_cloud.h [BUILT_LIB_DIR]
#
# A function counts as used when
# - the idiomatic layer (lib/**/*.rb) names it (every native call there is written out as
#   Native.abc_x(...), as the symbol :abc_x, or in a symbol array %i[abc_x abc_y]), or
# - the hand-written C (ext/airbyte_cloud/*.c), a typemap of airbyte_cloud_ruby.i or the
#   generated error-field table calls it (error getters, abc_string_free, the bridged callbacks,
#   the waits), or
# - it is the free function of a handle type: the generated kind table frees every handle with it
#   (Handle#close, the garbage collector).
# With BUILT_LIB_DIR (where airbyte_cloud/native.so is), it also loads the extension and checks
# that every function lib/ names really exists in AirbyteCloud::Native (not %ignore'd), and that
# the generated kind table has every handle type.
require_relative "../ext/airbyte_cloud/abc_header"

ruby_dir = File.expand_path("..", __dir__)
header = ARGV.fetch(0) { abort "usage: api_coverage.rb path/to/airbyte_cloud.h [built-lib-dir]" }
parsed = AbcHeader.parse(header)
declared = parsed[:functions].map(&:name)

lib_text = Dir[File.join(ruby_dir, "lib", "**", "*.rb")].map { |f| File.read(f) }.join("\n")
lib_text = lib_text.lines.reject { |line| line.strip.start_with?("#") }.join # comments are no use
lib_names = (lib_text.scan(/(?:\bNative\.|:)(abc_\w+)/).flatten +
             lib_text.scan(/%i\[([^\]]*)\]/).flatten.flat_map(&:split).grep(/\Aabc_\w+\z/)).uniq
c_text = Dir[File.join(ruby_dir, "ext", "airbyte_cloud", "*.c")].map { |f| AbcHeader.strip_comments(File.read(f)) }.join("\n")
interface = AbcHeader.strip_comments(File.read(File.join(ruby_dir, "airbyte_cloud_ruby.i")))
typemap_text = interface.lines.reject { |line| line =~ /^\s*%(ignore|include|module)\b/ }.join
# The generated error-field table (abc_rb_error_fields.h) calls every abc_error getter.
generated_text = AbcHeader.error_fields_header(parsed[:functions])
c_names = (c_text + typemap_text + generated_text).scan(/\b(abc_\w+)\s*\(/).flatten.uniq
free_functions = parsed[:handles].map { |handle| "#{handle}_free" }

excluded = {}
problems = []
File.readlines(File.join(ruby_dir, "EXCLUDED.txt")).each_with_index do |line, number|
  line = line.sub(/#.*/, "").strip
  next if line.empty?

  name, reason = line.split(/\s+/, 2)
  problems << "EXCLUDED.txt:#{number + 1}: #{name} has no reason" if reason.to_s.strip.empty?
  problems << "EXCLUDED.txt:#{number + 1}: #{name} is not declared in the header (stale)" unless declared.include?(name)
  excluded[name] = reason
end

used = lambda do |name|
  lib_names.include?(name) || c_names.include?(name) || free_functions.include?(name)
end
missing = declared.reject { |name| used.call(name) || excluded.key?(name) }
both = excluded.keys.select { |name| used.call(name) }
problems.concat(missing.map { |name| "#{name}: not used by the Ruby binding and not in EXCLUDED.txt" })
problems.concat(both.map { |name| "#{name}: in EXCLUDED.txt but used (remove the exclusion)" })
unknown = lib_names.select { |name| name.start_with?("abc_") && !declared.include?(name) && !name.start_with?("abc_rb_") }
problems.concat(unknown.map { |name| "lib/ names #{name}, which the header does not declare" })

if (built = ARGV[1])
  $LOAD_PATH.unshift(built)
  require "airbyte_cloud/native"
  native = AirbyteCloud::Native
  lib_names.select { |name| declared.include?(name) }.each do |name|
    problems << "lib/ calls #{name}, which AirbyteCloud::Native does not have" unless native.respond_to?(name)
  end
  if native::KIND_COUNT != parsed[:handles].size
    problems << "the extension knows #{native::KIND_COUNT} handle kinds, the header #{parsed[:handles].size}: rebuild"
  end
end

by_origin = declared.group_by do |name|
  if lib_names.include?(name) then :lib
  elsif c_names.include?(name) then :c
  elsif free_functions.include?(name) then :free
  else :excluded
  end
end
puts format("%<total>d functions: %<lib>d from lib/, %<c>d from the extension's C, %<free>d free functions " \
            "(handle release), %<excluded>d excluded",
            total: declared.size, lib: by_origin.fetch(:lib, []).size, c: by_origin.fetch(:c, []).size,
            free: by_origin.fetch(:free, []).size, excluded: by_origin.fetch(:excluded, []).size)
if problems.empty?
  puts "API coverage: OK"
else
  puts problems.map { |problem| "FAIL #{problem}" }
  exit 1
end
