# frozen_string_literal: true

module AirbyteCloud
  # Version of this gem; the library's is AirbyteCloud.library_version.
  VERSION = "0.1.0"
end
