# frozen_string_literal: true

# Runs the Ruby binding's minitest suite against a fresh airbyte-cloud-emulator (ABC_EMULATOR).
#   ABC_EMULATOR=build/tools/emulator/airbyte-cloud-emulator \
#     ruby -Ibuild/bindings/ruby/lib -Ibindings/ruby/lib bindings/ruby/test/run.rb [minitest options]
require_relative "test_helper"
Dir[File.join(__dir__, "test_*.rb")].sort.each { |file| require file unless file.end_with?("test_helper.rb") }
