# frozen_string_literal: true

# Memory of the Ruby binding over many create/use/free cycles, against the emulator.
#
#   ABC_EMULATOR=build/tools/emulator/airbyte-cloud-emulator \
#     ruby -Ibuild/bindings/ruby/lib -Ibindings/ruby/lib bench/bindings/ruby/cycles.rb \
#     [--cycles 100000] [--sample 10000] [--check]
#
# One cycle: a new Workspace (options with a log sink) read and closed; a connection and a job
# read over HTTP; an InvalidArgumentError; every 10th cycle also a 404 NotFoundError, a one-job
# list enumerated, and a wait with a progress block and a CancelToken — and that cycle leaves its
# connection, job, list and token to the garbage collector instead of closing them.
#
# Every --sample cycles: a full GC, then RSS (VmRSS), native handles alive, Ruby heap slots. With
# --check it exits 1 when RSS grew by more than 8 MiB from the first sample to the last or native
# handles accumulate.
require "airbyte_cloud"
require_relative "../../../bindings/ruby/test/support/emulator"

cycles = 100_000
sample = 10_000
check = false
args = ARGV.dup
until args.empty?
  case (flag = args.shift)
  when "--cycles" then cycles = Integer(args.shift)
  when "--sample" then sample = Integer(args.shift)
  when "--check" then check = true
  else abort "unknown argument #{flag}"
  end
end

def rss_kib = File.read("/proc/self/status")[/^VmRSS:\s+(\d+)/, 1].to_i

def collect
  3.times do
    GC.start(full_mark: true, immediate_sweep: true)
    AirbyteCloud::Native.drain
  end
end

emulator = Emulator.new
begin
  connection_id = emulator.create_connection("ruby-bench")
  emulator.set_behaviour(connection_id, "succeeded", duration_ms: 10)
  settings = { api_url: emulator.api_url, api_key: emulator.api_key, poll_interval: [0.01, 0.05] }
  shared = AirbyteCloud::Workspace.new(workspace_id: emulator.workspace_id, **settings)
  job_id = shared.run_sync(connection_id, timeout: 30).id
  sink = ->(_level, _message) {}

  puts "| cycles | RSS (KiB) | native handles | Ruby heap slots | elapsed (s) |"
  puts "|---:|---:|---:|---:|---:|"
  samples = []
  started = Process.clock_gettime(Process::CLOCK_MONOTONIC)
  1.upto(cycles) do |cycle|
    AirbyteCloud::Workspace.open(workspace_id: emulator.workspace_id, logger: sink, log_level: :error,
                                 **settings) do |ws|
      ws.id
      connection = ws.connection(connection_id)
      connection.name
      job = ws.job(job_id)
      job.rows_synced
      job.state
      begin
        ws.connection("")
      rescue AirbyteCloud::InvalidArgumentError
        nil
      end
      job.close
      connection.close
    end

    next unless (cycle % 10).zero?

    # Left to the garbage collector: made from the long-lived workspace, never closed.
    begin
      shared.job(999_999_999)
    rescue AirbyteCloud::NotFoundError
      nil
    end
    connection = shared.connection(connection_id)
    connection.jobs(limit: 1).to_a
    token = AirbyteCloud::CancelToken.new
    polls = 0
    shared.job(job_id).wait(timeout: 5, cancel: token) { polls += 1 }

    next unless (cycle % sample).zero?

    collect
    row = [cycle, rss_kib, AirbyteCloud::Native.live_handles, GC.stat(:heap_live_slots),
           (Process.clock_gettime(Process::CLOCK_MONOTONIC) - started).round(1)]
    samples << row
    puts "| #{row.join(' | ')} |"
    $stdout.flush
  end

  if check && samples.size >= 2
    growth = samples.last[1] - samples.first[1]
    handles = samples.last[2] - samples.first[2]
    puts "RSS #{samples.first[1]} -> #{samples.last[1]} KiB (#{growth.positive? ? '+' : ''}#{growth} KiB), " \
         "native handles #{samples.first[2]} -> #{samples.last[2]}"
    abort "FAIL: RSS grew by #{growth} KiB" if growth > 8 * 1024
    abort "FAIL: #{handles} native handles accumulated" if handles > 10
    puts "memory flat: OK"
  end
  shared.close
  collect # frees the last handles, which closes their keep-alive connections
ensure
  emulator.stop
end
