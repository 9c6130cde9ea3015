# frozen_string_literal: true

module AirbyteCloud
  # Error messages in Ruby's names: the library's C messages begin with the C function
  # ("abc_connection_get: ...") and its hints name C calls; a Ruby caller reads the method it
  # called ("AirbyteCloud::Workspace#connection: ...") and the Ruby options instead.
  module MethodNames
    LIB_DIR = "#{File.expand_path("..", __dir__)}/"
    MODULE_NAME = Module.instance_method(:name) # Status overrides .name
    C_PREFIX = /\A(?:abc_[a-z0-9_]+: )+/
    C_CALLS = {
      /abc_dataset_options_set_secret\((?:options, \w+, value\) \(or _set_secret_env \/ _set_secret_file\)|\))/ =>
        "AirbyteCloud::DatasetOptions secrets: (or secret_env: / secret_files:)",
      /abc_options_set_config_api_url\(\)/ => "AirbyteCloud::Options config_api_url:",
      /abc_dataset_cursor_is_null/ => "AirbyteCloud::Cursor#null?",
      /abc_dataset_cursor_next/ => "AirbyteCloud::Cursor#next"
    }.freeze

    module_function

    # `message` (from the C library) for the caller of this library's method on the stack.
    def ruby_message(message)
      text = C_CALLS.reduce(message.to_s.sub(C_PREFIX, "")) { |t, (call, name)| t.gsub(call, name) }
      method = called_method
      return text if method.nil? || text.start_with?("#{method}:")

      text.empty? ? "#{method} failed" : "#{method}: #{text}"
    end

    # "AirbyteCloud::Workspace#connection": the outermost frame of this library below the
    # caller's code (frames of C methods carry their Ruby caller's path); nil when unknown.
    def called_method
      outer = nil
      caller_locations(2).each do |frame|
        break unless path_of(frame).start_with?(LIB_DIR)

        outer = frame
      end
      outer && method_at(outer)
    end

    # (Code defined from a string, as native_readers does, has a path but no absolute_path.)
    def path_of(frame) = File.expand_path(frame.absolute_path || frame.path || "")

    # The public method defined last at or before the frame's line in its file with its name.
    def method_at(frame)
      defined = index.fetch([path_of(frame), frame.base_label], [])
      found = defined.select { |line, _| line <= frame.lineno }.max_by(&:first)
      found&.last
    end

    # [file, method name] => [[line, "Class#method" or "Class.method"], ...] for every public
    # method of the library's classes and modules (built once, on the first error).
    def index
      @index ||= modules(AirbyteCloud).each_with_object(Hash.new { |h, k| h[k] = [] }) do |mod, map|
        name = MODULE_NAME.bind_call(mod)
        methods = mod.public_instance_methods(false).map { |m| [mod.instance_method(m), "#{name}##{m}"] } +
                  mod.singleton_class.public_instance_methods(false).map { |m| [mod.method(m), "#{name}.#{m}"] }
        methods << [mod.instance_method(:initialize), "#{name}.new"] if mod.private_instance_methods(false).include?(:initialize)
        methods.each do |method, shown|
          file, line = method.source_location
          map[[File.expand_path(file), method.name.to_s]] << [line, shown] if file
        end
      end
    end

    def modules(root, seen = [])
      return seen if seen.include?(root) || root == AirbyteCloud::Native

      seen << root
      root.constants.each do |name|
        value = root.const_get(name)
        modules(value, seen) if value.is_a?(Module) && MODULE_NAME.bind_call(value)&.start_with?("AirbyteCloud")
      end
      seen
    end
  end
end
