# frozen_string_literal: true

# Reads include/airbyte_cloud.h and writes the parts of the Ruby extension that follow mechanically
# from it, so a new header section is picked up without editing this binding's C code:
#
# - abc_rb_kinds.h: one "kind" per handle type (every `typedef struct abc_X abc_X;` with an
#   abc_X_free()), with its free function. The extension's reference counting frees handles
#   through this table.
# - abc_rb_shims.h: for every function returning abc_status, a shim that makes the call with the
#   GVL released (so other Ruby threads run during HTTP requests), and a function-like macro that
#   routes the SWIG wrapper's call through it.
# - abc_rb_error_fields.h: ABC_RB_ERROR_FIELDS(X), one X(name, Ruby value) per abc_error getter
#   (but status and message, which have fallbacks): the fields of the Hash a failed call returns.
# - abc_rb_generated.i: SWIG typemaps for every handle type (in: a Native::Handle; out: a new
#   Native::Handle), for every out parameter by its type, and %ignore for the free functions
#   (handles are freed by Handle#close or the garbage collector, never directly).
#
# Also used by tools/api_coverage.rb to list the functions the header declares.
module AbcHeader
  Param = Struct.new(:type, :name) do
    def pointer_depth = type.count("*")
    def base_type = type.delete("*").sub(/\bconst\b/, "").strip
    def function_pointer? = type.include?("(")
  end

  Function = Struct.new(:name, :return_type, :params) do
    def status? = return_type == "abc_status"
    def callback? = params.any?(&:function_pointer?)
  end

  # Handle types that are not handles for Ruby: errors are turned into Ruby values at once.
  NOT_HANDLES = %w[abc_error].freeze

  module_function

  def strip_comments(text)
    text.gsub(%r{/\*.*?\*/}m, " ").gsub(%r{//[^\n]*}, " ")
  end

  # The umbrella header's text with each `#include "airbyte_cloud/<area>.h"` replaced by that
  # area header, so one parse sees every declaration wherever it lives.
  def read_with_areas(path)
    File.read(path).gsub(/^#include "(airbyte_cloud\/\w+\.h)"$/) do
      File.read(File.join(File.dirname(path), Regexp.last_match(1)))
    end
  end

  def parse(path)
    text = strip_comments(read_with_areas(path))
    types = text.scan(/typedef\s+struct\s+(abc_\w+)\s+\1\s*;/).flatten
    callback_types = text.scan(/typedef\s+[^;]*?\(\s*\*\s*(abc_\w+)\s*\)\s*\(/m).flatten
    functions = text.scan(/ABC_API\s+([^;{}()]+?)\s*\b(abc_\w+)\s*\(([^;]*?)\)\s*;/m).map do |ret, name, params|
      Function.new(name, normalise(ret), parse_params(params, callback_types))
    end
    handles = types.reject { |t| NOT_HANDLES.include?(t) }
                   .select { |t| functions.any? { |f| f.name == "#{t}_free" } }
    { functions: functions, handles: handles, callback_types: callback_types }
  end

  # "const char * *" -> "const char**": one space between words, none around stars.
  def normalise(type)
    type.gsub(/\s+/, " ").gsub(/\s*\*\s*/, "*").strip
  end

  def parse_params(text, callback_types)
    text = text.gsub(/\s+/, " ").strip
    return [] if text.empty? || text == "void"

    text.split(",").map do |piece|
      piece = piece.strip
      name = piece[/(\w+)\s*\z/, 1]
      type = normalise(piece.sub(/\w+\s*\z/, ""))
      type = "#{type}(*)" if callback_types.include?(type)
      Param.new(type, name)
    end
  end

  def c_type(param)
    param.type.sub(/\(\*\)\z/, "")
  end

  # abc_rb_kinds.h --------------------------------------------------------------------------------
  def kinds_header(handles)
    out = +"/* Generated from airbyte_cloud.h by abc_header.rb. Do not edit. */\n"
    out << "#ifndef ABC_RB_KINDS_H\n#define ABC_RB_KINDS_H\n\n"
    handles.each_with_index { |h, i| out << "#define ABC_RB_KIND_#{h} #{i}\n" }
    out << "#define ABC_RB_KIND_COUNT #{handles.size}\n\n"
    out << "#ifdef ABC_RB_KINDS_TABLE\n"
    handles.each { |h| out << "static void abc_rb_free_#{h}(void *p) { #{h}_free((#{h} *)p); }\n" }
    out << "static const struct { const char *name; void (*free_fn)(void *); } abc_rb_kinds[] = {\n"
    handles.each { |h| out << "    {\"#{h}\", abc_rb_free_#{h}},\n" }
    out << "};\n#endif\n\n#endif\n"
  end

  # abc_rb_shims.h --------------------------------------------------------------------------------
  def shims_header(functions)
    out = +"/* Generated from airbyte_cloud.h by abc_header.rb. Do not edit.\n"
    out << " * Every fallible call (abc_status, abc_error ** last) runs with the GVL released (abc_rb_call_without_gvl). If\n"
    out << " * an interrupt was already pending, the call is not made and returns ABC_ERROR_CANCELLED. */\n"
    out << "#ifndef ABC_RB_SHIMS_H\n#define ABC_RB_SHIMS_H\n\n"
    functions.select { |f| f.status? && !f.callback? && f.params.last&.type == "abc_error**" }.each do |f|
      fields = f.params.map { |p| "    #{c_type(p)} #{p.name};\n" }.join
      args = f.params.map { |p| "a->#{p.name}" }.join(", ")
      decl = f.params.empty? ? "void" : f.params.map { |p| "#{c_type(p)} #{p.name}" }.join(", ")
      init = (f.params.map(&:name) + ["ABC_ERROR_CANCELLED"]).join(", ")
      out << "typedef struct {\n#{fields}    abc_status result;\n} abc_rb_args_#{f.name};\n"
      out << "static inline void *abc_rb_body_#{f.name}(void *data) {\n"
      out << "    abc_rb_args_#{f.name} *a = (abc_rb_args_#{f.name} *)data;\n"
      out << "    a->result = (#{f.name})(#{args});\n    return NULL;\n}\n"
      out << "static inline abc_status abc_rb_nogvl_#{f.name}(#{decl}) {\n"
      out << "    abc_rb_args_#{f.name} a = {#{init}};\n"
      out << "    abc_rb_call_without_gvl(abc_rb_body_#{f.name}, &a);\n    return a.result;\n}\n"
      out << "#define #{f.name}(...) abc_rb_nogvl_#{f.name}(__VA_ARGS__)\n\n"
    end
    out << "#endif\n"
  end

  # abc_rb_error_fields.h -------------------------------------------------------------------------
  ERROR_VALUE = { "const char*" => "abc_rb_str(%s)", "int64_t" => "LL2NUM(%s)" }.freeze

  def error_fields_header(functions)
    getters = functions.select do |f|
      f.name.start_with?("abc_error_") && f.params.size == 1 && f.params[0].type == "const abc_error*" &&
        !%w[abc_error_status abc_error_message].include?(f.name)
    end
    out = +"/* Generated from airbyte_cloud.h by abc_header.rb. Do not edit. */\n"
    out << "#define ABC_RB_ERROR_FIELDS(X) \\\n"
    getters.each do |f|
      value = format(ERROR_VALUE.fetch(f.return_type, "INT2NUM((int)%s)"), "#{f.name}(error)")
      out << "    X(#{f.name.delete_prefix('abc_error_')}, #{value}) \\\n"
    end
    out << "\n"
  end

  # abc_rb_generated.i ----------------------------------------------------------------------------
  SCALAR_OUTS = {
    "size_t" => "SIZET2NUM", "int" => "INT2NUM", "int64_t" => "LL2NUM", "uint64_t" => "ULL2NUM",
    "int32_t" => "INT2NUM", "uint32_t" => "UINT2NUM", "double" => "rb_float_new", "long" => "LONG2NUM"
  }.freeze

  def swig_interface(parsed)
    handles = parsed[:handles]
    enums = parsed[:enums] || []
    out = +"/* Generated from airbyte_cloud.h by abc_header.rb. Do not edit. */\n"
    handles.each { |h| out << "ABC_RB_HANDLE(#{h}, ABC_RB_KIND_#{h})\n" }
    handles.each { |h| out << "%ignore #{h}_free;\n" }
    outs = Hash.new { |hash, key| hash[key] = [] }
    parsed[:functions].each do |f|
      f.params.each do |p|
        next unless p.name.start_with?("out")

        outs[p.type] << "#{p.type} #{p.name}"
      end
    end
    outs.each do |type, params|
      base = type.delete("*").strip
      depth = type.count("*")
      macro = if depth == 2 && handles.include?(base.sub(/\Aconst /, "")) then "#{base.sub(/\Aconst /, '')} **ABC_OUT"
              elsif type == "const char**" then "const char **ABC_OUT"
              elsif type == "char**" then "char **ABC_OUT"
              elsif depth == 1 && SCALAR_OUTS.key?(base) then "#{base} *ABC_OUT"
              elsif depth == 1 && base.start_with?("abc_") then "int *ABC_ENUM_OUT"
              end
      next out << "/* no typemap for out parameter type #{type} */\n" unless macro

      if macro == "int *ABC_ENUM_OUT"
        out << "ABC_RB_ENUM_OUT(#{base})\n"
        macro = "#{base} *ABC_OUT"
      end
      out << "%apply #{macro} { #{params.uniq.join(', ')} };\n"
    end
    out
  end

  def write_all(header, dir)
    parsed = parse(header)
    File.write(File.join(dir, "abc_rb_kinds.h"), kinds_header(parsed[:handles]))
    File.write(File.join(dir, "abc_rb_shims.h"), shims_header(parsed[:functions]))
    File.write(File.join(dir, "abc_rb_error_fields.h"), error_fields_header(parsed[:functions]))
    File.write(File.join(dir, "abc_rb_generated.i"), swig_interface(parsed))
    parsed
  end
end

if $PROGRAM_NAME == __FILE__
  header, dir = ARGV
  abort "usage: abc_header.rb path/to/airbyte_cloud.h output-dir" unless header && dir
  parsed = AbcHeader.write_all(header, dir)
  warn "#{parsed[:functions].size} functions, handles: #{parsed[:handles].join(' ')}"
end
