// Memory benchmark of the C# binding: create/use/dispose cycles against airbyte-cloud-emulator,
// sampling the process's resident memory (VmRSS in /proc/self/status) as it goes. Flat memory
// means no native handle, error or string leaks through the binding, and that the finalizers
// free what callers forget to dispose.
//
//   ABC_EMULATOR=path/to/airbyte-cloud-emulator mono Bench.exe [--cycles 100000] [--sample 10000] [--check]
//
// One cycle: a new Workspace (options, log delegate) that is read and disposed; a connection and a
// job from a shared workspace, read over HTTP and disposed; an invalid argument and a 404 turned
// into exceptions; a one-job list enumerated; a wait with SyncOptions and a CancellationToken.
// Every 10th cycle leaves its connection, job and list to the finalizers instead of disposing.
// Each sample also gives the bytes malloc has handed out and not got back (glibc mallinfo2):
// flat there means no native leak, whatever the allocator keeps in RSS.
// --check exits 1 when, between the first sample and the last, RSS grew by more than 4 MiB or
// malloc's bytes in use by more than 1 MiB.
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using AirbyteCloud;

internal static class Bench {
    private static string Field(string json, string name) {
        Match match = Regex.Match(json, "\"" + name + "\"\\s*:\\s*\"([^\"]*)\"");
        if (!match.Success) throw new Exception("no " + name + " in " + json);
        return match.Groups[1].Value;
    }

    private static string Post(string url, string apiKey, string body) {
        var request = (HttpWebRequest)WebRequest.Create(url);
        request.Method = "POST";
        request.Headers["Authorization"] = "Bearer " + apiKey;
        request.ContentType = "application/json";
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        using (Stream stream = request.GetRequestStream()) stream.Write(bytes, 0, bytes.Length);
        using (var response = (HttpWebResponse)request.GetResponse())
        using (var reader = new StreamReader(response.GetResponseStream())) return reader.ReadToEnd();
    }

    // glibc's count of bytes malloc has handed out and not got back (small blocks + mmapped ones):
    // unlike RSS it does not include freed memory the allocator keeps, so a native leak shows
    // here first. -1 where mallinfo2 is not available.
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2 {
        public UIntPtr arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 mallinfo2();

    private static long MallocInUseKiB() {
        try {
            MallInfo2 info = mallinfo2();
            return (long)(info.uordblks.ToUInt64() + info.hblkhd.ToUInt64()) / 1024;
        } catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) {
            return -1;
        }
    }

    private static long RssKiB() {
        foreach (string line in File.ReadLines("/proc/self/status")) {
            if (line.StartsWith("VmRSS:")) return long.Parse(line.Substring(6).Trim().Split(' ')[0]);
        }
        return -1;
    }

    private static int Main(string[] args) {
        int cycles = 100000, sample = 10000;
        bool check = false;
        for (int i = 0; i < args.Length; i++) {
            if (args[i] == "--cycles") cycles = int.Parse(args[++i]);
            else if (args[i] == "--sample") sample = int.Parse(args[++i]);
            else if (args[i] == "--check") check = true;
            else { Console.Error.WriteLine("usage: Bench.exe [--cycles N] [--sample N] [--check]"); return 2; }
        }
        string binary = Environment.GetEnvironmentVariable("ABC_EMULATOR");
        if (string.IsNullOrEmpty(binary)) { Console.Error.WriteLine("ABC_EMULATOR is not set"); return 2; }

        string readyFile = Path.Combine(Path.GetTempPath(), "abc-csharp-bench-" + Guid.NewGuid().ToString("N") + ".json");
        var emulator = Process.Start(new ProcessStartInfo(binary, "--port 0 --quiet --job-duration-ms 10 --ready-file " + readyFile) {
            UseShellExecute = false, RedirectStandardOutput = true,
        });
        emulator.OutputDataReceived += (sender, e) => { };
        emulator.BeginOutputReadLine();
        try {
            string ready = null;
            for (int wait = 0; wait < 500 && (ready == null || !ready.TrimEnd().EndsWith("}")); wait++) {
                Thread.Sleep(20);
                if (File.Exists(readyFile)) ready = File.ReadAllText(readyFile);
            }
            if (ready == null) throw new Exception("the emulator did not start");
            string apiUrl = Field(ready, "apiUrl"), apiKey = Field(ready, "apiKey");
            string workspaceId = Field(ready, "workspaceId");
            string source = Field(Post(apiUrl + "/sources", apiKey, "{\"name\":\"bench-source\",\"workspaceId\":\"" + workspaceId +
                                       "\",\"configuration\":{\"sourceType\":\"faker\",\"count\":10}}"), "sourceId");
            string destination = Field(Post(apiUrl + "/destinations", apiKey, "{\"name\":\"bench-destination\",\"workspaceId\":\"" +
                                            workspaceId + "\",\"configuration\":{\"destinationType\":\"duckdb\"," +
                                            "\"destination_path\":\"/local/bench.duckdb\"}}"), "destinationId");
            string connectionId = Field(Post(apiUrl + "/connections", apiKey, "{\"name\":\"bench\",\"sourceId\":\"" + source +
                                             "\",\"destinationId\":\"" + destination + "\"}"), "connectionId");

            var options = new ClientOptions {
                ApiUrl = apiUrl, BearerToken = apiKey,
                PollInitialInterval = TimeSpan.FromMilliseconds(5), PollMaxInterval = TimeSpan.FromMilliseconds(20),
                Log = (level, message) => { }, LogLevel = LogLevel.Error,
            };
            long sink = 0;
            using (var shared = new Workspace(workspaceId, options)) {
                long jobId;
                using (Job first = shared.RunSync(connectionId)) jobId = first.Id;
                var waitOptions = new SyncOptions { Timeout = TimeSpan.FromSeconds(30), Progress = report => { } };

                Console.WriteLine("{0,8} {1,10} {2,12} {3,12} {4,8}", "cycles", "RSS KiB", "malloc KiB", "managed KiB", "seconds");
                var clock = Stopwatch.StartNew();
                long firstRss = -1, lastRss = -1, firstMalloc = -1, lastMalloc = -1;
                for (int cycle = 1; cycle <= cycles; cycle++) {
                    bool dispose = cycle % 10 != 0;
                    using (var workspace = new Workspace(workspaceId, options)) {
                        sink += workspace.Id.Length + workspace.Url.Length + workspace.ApiUrl.Length;
                    }
                    Connection connection = shared.GetConnection(connectionId);
                    sink += connection.Name.Length + connection.Url.Length + connection.StreamCount;
                    Job job = shared.GetJob(jobId);
                    sink += job.RowsSynced + job.BytesSynced + (int)job.Status + job.Url.Length;
                    try {
                        shared.GetConnection("");
                    } catch (InvalidArgumentException e) {
                        sink += e.Message.Length;
                    }
                    if (cycle % 10 == 0) {
                        try {
                            shared.GetJob(jobId + 1000000);
                        } catch (NotFoundException e) {
                            sink += e.HttpStatus;
                        }
                        ResourceList<Job> list = connection.ListJobs(1);
                        foreach (Job listed in list) {
                            sink += listed.Id;
                            listed.Dispose();
                        }
                        if (dispose) list.Dispose();
                        using (var cancellation = new CancellationTokenSource()) job.Wait(waitOptions, cancellation.Token);
                    }
                    if (dispose) {
                        job.Dispose();
                        connection.Dispose();
                    }
                    if (cycle % sample == 0) {
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                        GC.Collect();
                        long rss = RssKiB(), malloc = MallocInUseKiB();
                        if (firstRss < 0) {
                            firstRss = rss;
                            firstMalloc = malloc;
                        }
                        lastRss = rss;
                        lastMalloc = malloc;
                        Console.WriteLine("{0,8} {1,10} {2,12} {3,12} {4,8:F1}", cycle, rss, malloc,
                                          GC.GetTotalMemory(false) / 1024, clock.Elapsed.TotalSeconds);
                    }
                }
                long growth = lastRss - firstRss, mallocGrowth = lastMalloc - firstMalloc;
                Console.WriteLine("growth from the first sample to the last, over {0} cycles: RSS {1} KiB, malloc {2} KiB",
                                  cycles - sample, growth, firstMalloc < 0 ? "n/a" : mallocGrowth.ToString());
                if (check && growth > 4 * 1024) {
                    Console.WriteLine("FAIL: RSS grew by more than 4 MiB");
                    return 1;
                }
                if (check && firstMalloc >= 0 && mallocGrowth > 1024) {
                    Console.WriteLine("FAIL: memory in use by malloc grew by more than 1 MiB");
                    return 1;
                }
                GC.KeepAlive(sink);
            }
            return 0;
        } finally {
            if (!emulator.HasExited) emulator.Kill();
            emulator.WaitForExit(5000);
            File.Delete(readyFile);
        }
    }
}
