// The C# binding's scenario against a real airbyte-cloud-emulator (started here, on a free port):
// connect, get a connection, sync and wait, read status/rows/bytes, history, a failed sync, a
// timeout, bad input, cancellation, misuse (disposed handles, nulls), errors of every kind.
// Ends with "N passed, N failed"; exits non-zero on any failure.
//
//   mono Scenario.exe            (ABC_EMULATOR names the emulator binary)
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using AirbyteCloud;

internal sealed class Emulator : IDisposable {
    private readonly Process process;
    private readonly string readyFile;
    public readonly string Url, ApiUrl, WorkspaceId, ApiKey, ClientId, ClientSecret;

    public Emulator(string binary, string extraArguments) {
        readyFile = Path.Combine(Path.GetTempPath(), "abc-csharp-emulator-" + Guid.NewGuid().ToString("N") + ".json");
        var start = new ProcessStartInfo(binary, "--port 0 --quiet --ready-file " + readyFile + " " + extraArguments) {
            UseShellExecute = false, RedirectStandardOutput = true,
        };
        process = Process.Start(start);
        AppDomain.CurrentDomain.ProcessExit += (sender, e) => Dispose();
        AppDomain.CurrentDomain.UnhandledException += (sender, e) => Dispose();
        process.OutputDataReceived += (sender, e) => { };
        process.BeginOutputReadLine();
        string ready = null;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10)) {
            if (File.Exists(readyFile)) {
                ready = File.ReadAllText(readyFile);
                if (ready.TrimEnd().EndsWith("}")) break;
            }
            if (process.HasExited) throw new Exception("the emulator exited with " + process.ExitCode);
            Thread.Sleep(20);
        }
        if (ready == null) throw new Exception("the emulator wrote no ready file in 10 s");
        Url = Field(ready, "url");
        ApiUrl = Field(ready, "apiUrl");
        WorkspaceId = Field(ready, "workspaceId");
        ApiKey = Field(ready, "apiKey");
        ClientId = Field(ready, "clientId");
        ClientSecret = Field(ready, "clientSecret");
    }

    public static string Field(string json, string name) {
        Match match = Regex.Match(json, "\"" + name + "\"\\s*:\\s*\"([^\"]*)\"");
        if (!match.Success) throw new Exception("no " + name + " in " + json);
        return match.Groups[1].Value;
    }

    // Plain HTTP for set-up and the emulator's admin API; returns the body, throws unless 2xx.
    public string Request(string method, string path, string body) {
        var request = (HttpWebRequest)WebRequest.Create(Url + path);
        request.Method = method;
        request.Headers["Authorization"] = "Bearer " + ApiKey;
        if (body != null) {
            byte[] bytes = Encoding.UTF8.GetBytes(body);
            request.ContentType = "application/json";
            using (Stream stream = request.GetRequestStream()) stream.Write(bytes, 0, bytes.Length);
        }
        try {
            using (var response = (HttpWebResponse)request.GetResponse())
            using (var reader = new StreamReader(response.GetResponseStream())) return reader.ReadToEnd();
        } catch (WebException e) {
            string text = "";
            if (e.Response != null) using (var reader = new StreamReader(e.Response.GetResponseStream())) text = reader.ReadToEnd();
            throw new Exception(method + " " + path + " failed: " + e.Message + " " + text);
        }
    }

    public string CreateConnection(string name) {
        string source = Field(Request("POST", "/v1/sources",
            "{\"name\":\"" + name + "-source\",\"workspaceId\":\"" + WorkspaceId + "\",\"configuration\":" +
            "{\"sourceType\":\"faker\",\"count\":50,\"seed\":7}}"), "sourceId");
        string destination = Field(Request("POST", "/v1/destinations",
            "{\"name\":\"" + name + "-destination\",\"workspaceId\":\"" + WorkspaceId + "\",\"configuration\":" +
            "{\"destinationType\":\"duckdb\",\"destination_path\":\"/local/test.duckdb\"}}"), "destinationId");
        return Field(Request("POST", "/v1/connections",
            "{\"name\":\"" + name + "\",\"sourceId\":\"" + source + "\",\"destinationId\":\"" + destination + "\"," +
            "\"prefix\":\"test_\",\"configurations\":{\"streams\":[{\"name\":\"users\",\"syncMode\":\"full_refresh_overwrite\"}," +
            "{\"name\":\"products\",\"syncMode\":\"full_refresh_overwrite\"}]}}"), "connectionId");
    }

    public void SetOutcome(string connectionId, string outcome, int durationMs) {
        Request("POST", "/_emulator/connections/" + connectionId + "/behaviour",
                "{\"outcome\":\"" + outcome + "\",\"durationMs\":" + durationMs + "}");
    }

    public void AddFault(string method, string path, string kind, string extra) {
        Request("POST", "/_emulator/faults",
                "{\"method\":\"" + method + "\",\"path\":\"" + path + "\",\"kind\":\"" + kind + "\"" + extra + "}");
    }

    public void ClearFaults() { Request("DELETE", "/_emulator/faults", null); }

    public void Dispose() {
        try {
            if (!process.HasExited) process.Kill();
            process.WaitForExit(5000);
        } catch (InvalidOperationException) {
        }
        if (File.Exists(readyFile)) File.Delete(readyFile);
    }
}

internal static class Scenario {
    private static Emulator emulator;
    private static int passed, failed;

    private static ClientOptions Options() {
        return new ClientOptions {
            ApiUrl = emulator.ApiUrl, BearerToken = emulator.ApiKey,
            PollInitialInterval = TimeSpan.FromMilliseconds(20), PollMaxInterval = TimeSpan.FromMilliseconds(100),
            Retry = new RetryPolicy { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(10),
                                      MaxBackoff = TimeSpan.FromMilliseconds(50), Deadline = TimeSpan.FromSeconds(20) },
        };
    }

    private static Workspace NewWorkspace() { return new Workspace(emulator.WorkspaceId, Options()); }

    private static void Check(bool condition, string what) {
        if (!condition) throw new Exception("check failed: " + what);
    }

    private static void Equal<T>(T expected, T actual, string what) {
        if (!EqualityComparer<T>.Default.Equals(expected, actual)) {
            throw new Exception("check failed: " + what + ": expected <" + expected + ">, got <" + actual + ">");
        }
    }

    private static TException Throws<TException>(Action action, string what) where TException : Exception {
        try {
            action();
        } catch (TException e) {
            return e;
        } catch (Exception e) {
            throw new Exception(what + ": expected " + typeof(TException).Name + ", got " + e.GetType().Name + ": " + e.Message, e);
        }
        throw new Exception(what + ": expected " + typeof(TException).Name + ", nothing was thrown");
    }

    private static void Test(string name, Action body) {
        var clock = Stopwatch.StartNew();
        try {
            body();
            passed++;
            Console.WriteLine("ok   {0} ({1} ms)", name, clock.ElapsedMilliseconds);
        } catch (Exception e) {
            failed++;
            Console.WriteLine("FAIL {0}: {1}", name, e);
        }
    }

    private const string LowCodeManifest = "{\"version\":\"6.0.0\",\"type\":\"DeclarativeSource\"," +
        "\"check\":{\"type\":\"CheckStream\",\"stream_names\":[\"items\"]},\"streams\":[]," +
        "\"spec\":{\"type\":\"Spec\",\"connection_specification\":{\"type\":\"object\",\"properties\":{}}}}";

    // Issue 13: tags on a connection, a reset job, a declarative definition, the other new areas.
    private static void RecordsScenario(Workspace workspace) {
        Test("a tag created, attached to a connection and seen on it", () => {
            using (Tag tag = workspace.CreateTag("cs-tag", "FF5733"))
            using (Connection connection = workspace.GetConnection(emulator.CreateConnection("csharp-tagged"))) {
                var changes = new ConnectionSpec();
                changes.Tags.Add(tag);
                connection.Update(changes);
                connection.Refresh();
                Check(connection.Json.Contains(tag.Id), "the connection shows the tag: " + connection.Json);
                tag.UpdateAsync(null, "00AAFF").Wait();
                Equal("00AAFF", tag.Color, "recoloured");
                var byTag = new ListOptions();
                byTag.TagIds.Add(tag.Id);
                using (ResourceList<Connection> tagged = workspace.ListConnections(byTag)) {
                    Equal(1, tagged.Count, "connections with the tag");
                }
                Check(workspace.Tags().Any(t => { using (t) return t.Id == tag.Id; }), "listed");
                workspace.DeleteTag(tag.Id);
                Throws<NotFoundException>(() => workspace.GetTag(tag.Id), "deleted tag");
            }
        });

        Test("a job of type reset, found by the job filters", () => {
            string connectionId = emulator.CreateConnection("csharp-reset");
            using (Job job = workspace.RunSync(connectionId, new SyncOptions { JobType = "reset" })) {
                Equal("reset", job.JobType, "job type");
                Equal(JobState.Succeeded, job.Status, "reset succeeded");
                var filter = new JobFilter { ConnectionId = connectionId, JobType = "reset" };
                using (ResourceList<Job> resets = workspace.ListJobsAsync(filter).Result) {
                    Equal(1, resets.Count, "reset jobs");
                    using (Job listed = resets[0]) Equal(job.Id, listed.Id, "the reset job");
                }
                Check(workspace.Jobs(new JobFilter { ConnectionId = connectionId, Status = JobState.Succeeded })
                          .Any(j => { using (j) return j.Id == job.Id; }), "Jobs with a status filter");
            }
            Throws<InvalidArgumentException>(() => workspace.RunSync(connectionId, new SyncOptions { JobType = "bogus" }), "bogus type");
        });

        Test("a declarative definition created, read, updated, deleted", () => {
            DeclarativeDefinition created = workspace.CreateDeclarativeDefinition("cs low-code", LowCodeManifest);
            Equal(1L, created.Version, "version");
            DeclarativeDefinition fetched = workspace.GetDeclarativeDefinitionAsync(created.Id).Result;
            Equal("cs low-code", fetched.Name, "name");
            Check(fetched.ManifestJson.Contains("DeclarativeSource"), "manifest");
            Equal(2L, workspace.UpdateDeclarativeDefinition(created.Id, LowCodeManifest).Version, "updated");
            Check(workspace.DeclarativeDefinitions().Any(d => d.Id == created.Id), "listed");
            Throws<ApiException>(() => workspace.CreateDeclarativeDefinition("bare", "{\"version\":\"6.0.0\"}"), "bare manifest");
            workspace.DeleteDeclarativeDefinition(created.Id);
            Throws<NotFoundException>(() => workspace.GetDeclarativeDefinition(created.Id), "deleted");
        });

        Test("definitions, workspaces, organizations, users, permissions, health, any request", () => {
            workspace.CheckHealthAsync().Wait();
            int status;
            string body = workspace.Request("GET", "/workspaces", null, out status);
            Equal(200, status, "request status");
            Check(body.Contains("data"), "request body");
            Throws<NotFoundException>(() => workspace.Request("GET", "/workspaces/00000000-0000-0000-0000-000000000000", null, out status), "404");
            Definition custom = workspace.CreateDefinition(DefinitionKind.Destination, "cs custom", "airbyte/destination-x", "1.0.0");
            Equal(DefinitionKind.Destination, custom.Kind, "kind");
            Equal("1.0.1", workspace.UpdateDefinition(custom.Kind, custom.Id, null, "1.0.1").DockerImageTag, "image tag");
            Check(workspace.Definitions(DefinitionKind.Destination).Any(d => d.Id == custom.Id), "listed");
            workspace.DeleteDefinition(custom.Kind, custom.Id);
            WorkspaceInfo created = workspace.CreateWorkspace("cs-ws-deleteme");
            Equal("cs-ws-deleteme-2", workspace.UpdateWorkspace(created.Id, "cs-ws-deleteme-2").Name, "renamed");
            Check(created.Json.Contains(created.Id), "workspace json");
            workspace.DeleteWorkspace(created.Id, SafeMode.On);
            Organization organization = workspace.Organizations().First();
            Check(organization.Id.Length > 0, "an organization");
            workspace.Users(organization.Id).ToList();
            workspace.Permissions(null, organization.Id).ToList();
        });
    }

    // A loopback port nothing listens on: a PostgreSQL that is stopped.
    private static int ClosedPort() {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // Issue 14: why a sync failed (a stopped PostgreSQL), the attempt's log, state, catalog, checks.
    private static void DiagnosticsScenario(Workspace workspace, string connectionId) {
        Test("a sync to a stopped PostgreSQL fails with the PostgreSQL reason; attempts and log lines", () => {
            Equal(emulator.ApiUrl.Substring(0, emulator.ApiUrl.Length - 3) + "/api/v1", workspace.ConfigApiUrl, "config api url");
            string postgres = DestinationConfig.Postgres("127.0.0.1", ClosedPort(), "airbyte", "public", "tester", "secret-pw-123");
            using (Source source = workspace.CreateSource("cs-diag-src", "faker", "{\"count\":20}"))
            using (Destination destination = workspace.CreateDestination("cs-diag-dst", "postgres", postgres))
            using (Connection connection = workspace.CreateConnection(new ConnectionSpec {
                       Name = "cs-diag", SourceId = source.Id, DestinationId = destination.Id })) {
                var e = Throws<SyncFailedException>(() => workspace.RunSync(connection.Id), "sync to a stopped PostgreSQL");
                Check(e.Message.Contains("cannot connect to postgres") && e.Message.Contains("Connection refused"),
                      "the PostgreSQL reason in the message: " + e.Message);
                Check(!e.Message.Contains("secret-pw-123"), "no password in the message");
                Equal("destination", e.FailureOrigin, "FailureOrigin");
                Equal("system_error", e.FailureType, "FailureType");
                Check(e.FailureMessage.Contains("Connection refused"), "FailureMessage: " + e.FailureMessage);
                using (Job job = e.Job) {
                    IReadOnlyList<Attempt> attempts = workspace.GetJobAttempts(job.Id);
                    Equal(1, attempts.Count, "attempts");
                    Equal("failed", attempts[0].Status, "attempt status");
                    Check(attempts[0].CreatedAt.HasValue, "attempt created");
                    Equal(1, attempts[0].Failures.Count, "failures");
                    AttemptFailure failure = attempts[0].Failures[0];
                    Equal("destination", failure.Origin, "failure origin");
                    Check(failure.ExternalMessage.Contains("Connection refused"), "external message");
                    Equal((bool?)true, failure.Retryable, "retryable");

                    var lines = new List<string>();
                    long read = workspace.ReadJobLog(job.Id, line => { lines.Add(line); return true; });
                    Equal((long)lines.Count, read, "lines read");
                    Check(lines.Count >= 4, "log lines: " + lines.Count);
                    Check(lines.Exists(line => line.Contains("ERROR cannot connect to postgres")), "the PostgreSQL error line");
                    Equal(1L, workspace.ReadJobLog(job.Id, line => false, attempts[0].Number), "onLine false stops");
                    Equal(read, workspace.ReadJobLogAsync(job.Id, line => true).Result, "ReadJobLogAsync");
                    Throws<NotFoundException>(() => workspace.ReadJobLog(job.Id, line => true, 5), "attempt 5");
                    Throws<InvalidTimeZoneException>(
                        () => workspace.ReadJobLog(job.Id, line => { throw new InvalidTimeZoneException(); }), "onLine throws");
                }
                string runningId = emulator.CreateConnection("csharp-follow");
                emulator.SetOutcome(runningId, "running", 60000);
                using (Job running = workspace.RunSync(runningId, new SyncOptions { Wait = false }))
                using (var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(300))) {
                    var clock = Stopwatch.StartNew();
                    Throws<OperationCanceledException>(
                        () => workspace.ReadJobLog(running.Id, line => true, Workspace.LastAttempt, true, deadline.Token), "follow cancelled");
                    Check(clock.Elapsed < TimeSpan.FromSeconds(5), "the follow ends at once: " + clock.Elapsed);
                    running.Cancel();
                }
                CheckResult check = workspace.CheckDestination(destination.Id);
                Check(!check.Succeeded && check.Message.Contains("Connection refused"), "destination check: " + check.Message);
                Check(workspace.CheckSourceAsync(source.Id).Result.Succeeded, "source check");
            }
        });

        Test("connection state round trip, configured catalog, Config API root option", () => {
            workspace.RunSync(connectionId).Dispose();
            ConnectionState state = workspace.GetConnectionState(connectionId);
            Check(!string.IsNullOrEmpty(state.Json) && !string.IsNullOrEmpty(state.Type), "state");
            ConnectionState stored = workspace.SetConnectionState(connectionId, state.Json);
            Equal(state.Json, stored.Json, "state round trip");
            Throws<InvalidArgumentException>(() => workspace.SetConnectionState(connectionId, "{not json"), "bad state JSON");
            Throws<ArgumentNullException>(() => workspace.GetConnectionState(null), "null connection id");
            ConfiguredCatalog catalog = workspace.GetConfiguredCatalogAsync(connectionId).Result;
            Check(catalog.Streams.Count > 0 && catalog.Streams[0].Name.Length > 0 && catalog.Streams[0].SyncMode.Length > 0,
                  "configured catalog");
            var options = Options();
            options.ApiUrl = "http://127.0.0.1:9/custom/root";
            using (var underived = new Workspace(emulator.WorkspaceId, options)) {
                Equal("", underived.ConfigApiUrl, "no derived config api url");
                var e = Throws<UnsupportedException>(() => underived.GetJobAttempts(1), "no Config API root");
                Check(e.Message.Contains("ClientOptions.ConfigApiUrl") && !e.Message.Contains("abc_"),
                      "names the option: " + e.Message);
            }
            options.ConfigApiUrl = "http://127.0.0.1:9/cfg/api/v1";
            using (var set = new Workspace(emulator.WorkspaceId, options)) {
                Equal("http://127.0.0.1:9/cfg/api/v1", set.ConfigApiUrl, "config api url option");
            }
        });
    }

    private static int Main(string[] args) {
        if (args.Length > 0 && args[0] == "from-environment") return FromEnvironmentChild();
        string binary = Environment.GetEnvironmentVariable("ABC_EMULATOR");
        if (string.IsNullOrEmpty(binary)) {
            Console.WriteLine("ABC_EMULATOR is not set (the airbyte-cloud-emulator binary)");
            Console.WriteLine("0 passed, 1 failed");
            return 1;
        }
        using (emulator = new Emulator(binary, "--job-duration-ms 300")) {
            Run();
        }
        Console.WriteLine("{0} passed, {1} failed", passed, failed);
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    private static void Run() {
        Test("library version, status text, job state names", () => {
            Equal(Library.BindingVersion, Library.Version, "header and library versions");
            Check(Library.VersionNumber > 0 || Library.Version == "0.0.0", "version number");
            Equal("not found", Library.Describe(AirbyteStatus.NotFound).ToLowerInvariant(), "strerror");
            Equal("succeeded", JobState.Succeeded.ApiName(), "state name");
            Check(JobState.Failed.IsFinal() && !JobState.Running.IsFinal(), "final states");
            Library.Initialize();
            Library.Shutdown();
        });

        Test("request budget: RequestRate, Workspace.RequestBudget, one budget per token", () => {
            ClientOptions bad = Options();
            bad.RequestRate = -1;
            Throws<InvalidArgumentException>(() => new Workspace(emulator.WorkspaceId, bad).Dispose(), "negative rate");
            ClientOptions capped = Options();
            capped.RequestRate = 20;
            using (Workspace first = new Workspace(emulator.WorkspaceId, capped))
            using (Workspace second = new Workspace(emulator.WorkspaceId, capped)) {
                for (int i = 0; i < 5; i++) first.Connect();
                RequestBudget budget = first.RequestBudget;
                Equal(20.0, budget.Rate, "rate");
                Equal(0L, budget.RateLimited, "429s");
                Check(budget.Delayed > TimeSpan.Zero, "waits: " + budget.Delayed);
                Check(second.RequestBudget.Delayed >= budget.Delayed, "the second workspace of the token shares them");
            }
        });

        using (Workspace workspace = NewWorkspace()) {
            string connectionId = emulator.CreateConnection("csharp-main");
            var syncedJobs = new List<long>();

            Test("connect", () => {
                workspace.Connect();
                Equal(emulator.WorkspaceId, workspace.Id, "workspace id");
                Equal(emulator.ApiUrl, workspace.ApiUrl, "api url");
                Check(workspace.Url.Contains(emulator.WorkspaceId), "workspace url names the id: " + workspace.Url);
            });

            DiagnosticsScenario(workspace, connectionId);
            RecordsScenario(workspace);

            Test("get a connection and read its details", () => {
                using (Connection connection = workspace.GetConnection(connectionId)) {
                    Equal(connectionId, connection.Id, "id");
                    Equal("csharp-main", connection.Name, "name");
                    Check(!string.IsNullOrEmpty(connection.SourceId), "source id");
                    Check(connection.DestinationId != connection.SourceId, "destination id is the destination's");
                    Equal("test_", connection.Prefix, "prefix");
                    Equal("active", connection.Status, "status");
                    Equal(2, connection.StreamCount, "stream count");
                    Equal("users,products", string.Join(",", connection.StreamNames), "stream names");
                    Check(connection.Url.Contains(connectionId), "url");
                    Check(connection.JobHistoryUrl.Contains(connectionId), "job history url");
                    connection.Refresh();
                    Equal("csharp-main", connection.Name, "name after refresh");
                }
            });

            Test("errors name the C# method called, not the C function behind it", () => {
                Action<Exception, string> names = (e, method) =>
                    Check(e.Message.StartsWith(method + ": ", StringComparison.Ordinal) && !e.Message.Contains("abc_"),
                          "a message starting with " + method + ": " + e.Message);
                using (Connection unknown = workspace.GetConnection("11111111-2222-4333-8444-555555555555")) {
                    names(Throws<NotFoundException>(() => { string name = unknown.Name; }, "unknown connection"),
                          "Connection.Name");
                }
                names(Throws<NotFoundException>(() => workspace.GetJob(987654321), "unknown job"), "Workspace.GetJob");
                var async = Throws<AggregateException>(() => workspace.GetJobAsync(987654321).Wait(), "unknown job, async");
                names(async.InnerException, "Workspace.GetJobAsync");
                names(Throws<InvalidArgumentException>(() => workspace.GetConnection("not-a-uuid"), "bad id"),
                      "Workspace.GetConnection");
            });

            Test("run a sync and wait: status, rows, bytes, times", () => {
                DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-5);
                using (Job job = workspace.RunSync(connectionId)) {
                    syncedJobs.Add(job.Id);
                    Check(job.Id > 0, "job id");
                    Equal(JobState.Succeeded, job.Status, "status");
                    Check(job.IsComplete, "complete");
                    Check(job.RowsSynced > 0, "rows synced: " + job.RowsSynced);
                    Check(job.BytesSynced > 0, "bytes synced: " + job.BytesSynced);
                    Equal("sync", job.JobType, "job type");
                    Equal(connectionId, job.ConnectionId, "connection id");
                    Check(job.StartTime.HasValue && job.StartTime.Value > before &&
                          job.StartTime.Value < DateTimeOffset.UtcNow.AddSeconds(5), "start time: " + job.StartTime);
                    Check(job.StartTimeText.Length > 0, "start time text");
                    Check(job.Duration >= TimeSpan.Zero, "duration");
                    Check(job.Url.Contains(job.Id.ToString()), "url");
                    Check(job.ToString().Contains("succeeded"), "ToString: " + job);
                    job.ThrowIfFailed();
                }
            });

            Test("sync through the connection with progress reports", () => {
                var reports = new List<SyncProgress>();
                using (Connection connection = workspace.GetConnection(connectionId))
                using (Job job = connection.RunSync(new SyncOptions { Progress = reports.Add })) {
                    syncedJobs.Add(job.Id);
                    Equal(JobState.Succeeded, job.Status, "status");
                    Check(reports.Count > 0, "progress reports");
                    Check(reports.All(report => report.JobId == job.Id), "reports name the job");
                    Check(reports.Last().State.IsFinal() || reports.Last().Elapsed > TimeSpan.Zero, "last report");
                }
            });

            Test("start without waiting, then wait on the job", () => {
                using (Job job = workspace.RunSync(connectionId, new SyncOptions { Wait = false })) {
                    syncedJobs.Add(job.Id);
                    Check(!job.IsComplete, "not final when started: " + job.Status);
                    job.Wait();
                    Equal(JobState.Succeeded, job.Status, "status after the wait");
                    job.Refresh();
                    Equal(JobState.Succeeded, job.Status, "status after refresh");
                    Check(job.LastUpdatedTime.HasValue, "last updated once final");
                }
            });

            Test("history: list, page, latest, get by id", () => {
                using (Connection connection = workspace.GetConnection(connectionId)) {
                    List<Job> history = connection.History(pageSize: 2).ToList();
                    try {
                        List<long> ids = history.Select(job => job.Id).ToList();
                        syncedJobs.Reverse();
                        Equal(string.Join(",", syncedJobs), string.Join(",", ids.Take(syncedJobs.Count)), "newest first");
                        Check(history.All(job => job.ConnectionId == connectionId), "jobs of this connection");
                    } finally {
                        foreach (Job job in history) job.Dispose();
                    }
                    using (ResourceList<Job> page = connection.ListJobs(limit: 1, offset: 1)) {
                        Equal(1, page.Count, "page size");
                        using (Job second = page[0]) Equal(syncedJobs[1], second.Id, "offset");
                    }
                    using (Job latest = connection.LatestJob()) Equal(syncedJobs[0], latest.Id, "latest");
                    using (Job again = workspace.GetJob(syncedJobs[0])) {
                        Equal(JobState.Succeeded, again.Status, "fetched status");
                        Check(again.RowsSynced > 0, "fetched rows");
                    }
                }
                string fresh = emulator.CreateConnection("csharp-empty");
                using (Connection connection = workspace.GetConnection(fresh)) {
                    Check(connection.LatestJob() == null, "no latest job");
                    Equal(0, connection.History().Count(), "empty history");
                }
            });

            Test("a failed sync throws SyncFailedException with its job id", () => {
                string failing = emulator.CreateConnection("csharp-failing");
                emulator.SetOutcome(failing, "failed", 100);
                var e = Throws<SyncFailedException>(() => workspace.RunSync(failing), "failed sync");
                Check(e.JobId > 0, "job id");
                Equal(failing, e.ConnectionId, "connection id");
                Equal(JobState.Failed, e.JobState, "job state");
                Equal(AirbyteStatus.SyncFailed, e.Status, "status");
                Check(e is AirbyteException, "hierarchy");
                Check(e.Job != null && e.Job.Id == e.JobId, "the exception carries the job");
                Equal(JobState.Failed, e.Job.Status, "job status");
                e.Job.Dispose();

                using (Job job = workspace.RunSync(failing, new SyncOptions { FailOnSyncFailure = false })) {
                    Equal(JobState.Failed, job.Status, "returned, not thrown");
                    var again = Throws<SyncFailedException>(job.ThrowIfFailed, "ThrowIfFailed");
                    Equal(job.Id, again.JobId, "job id from ThrowIfFailed");
                }
            });

            string running = emulator.CreateConnection("csharp-running");
            emulator.SetOutcome(running, "running", 0);

            Test("a wait timeout throws WaitTimeoutException; the job goes on and can be cancelled", () => {
                var clock = Stopwatch.StartNew();
                var e = Throws<WaitTimeoutException>(
                    () => workspace.RunSync(running, new SyncOptions { Timeout = TimeSpan.FromMilliseconds(300) }), "timeout");
                Equal(TimeSpan.FromMilliseconds(300), e.Timeout, "timeout");
                Check(clock.Elapsed < TimeSpan.FromSeconds(10), "returned promptly");
                Check(e.JobId > 0, "job id");
                Check(!e.JobState.IsFinal(), "job still running: " + e.JobState);
                using (Job job = e.Job) {
                    Equal(e.JobId, job.Id, "job");
                    Check(!job.IsComplete, "running");

                    var attached = Throws<SyncAlreadyRunningException>(() => workspace.RunSync(running), "already running");
                    Check(attached is ConflictException, "SyncAlreadyRunningException is a ConflictException");
                    using (Job same = workspace.RunSync(running, new SyncOptions { AttachIfRunning = true, Wait = false })) {
                        Equal(job.Id, same.Id, "attached to the running job");
                    }
                    using (Job same = workspace.RunSync(running, new SyncOptions {
                               AttachIfRunning = true, Timeout = TimeSpan.FromMilliseconds(100), FailOnTimeout = false })) {
                        Check(!same.IsComplete, "FailOnTimeout=false returns the running job");
                    }

                    job.Cancel();
                    Equal(JobState.Cancelled, job.Status, "cancelled by Cancel()");
                    var cancelled = Throws<SyncFailedException>(job.ThrowIfFailed, "a cancelled job fails");
                    Equal(JobState.Cancelled, cancelled.JobState, "state in the error");
                }
            });

            Test("CancellationToken stops RunSync, Job.Wait and JobWaiter.Next (not the job)", () => {
                using (var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(300))) {
                    var clock = Stopwatch.StartNew();
                    var e = Throws<OperationCanceledException>(() => workspace.RunSync(running, null, source.Token), "RunSync");
                    Check(clock.Elapsed < TimeSpan.FromSeconds(5), "woken at once: " + clock.Elapsed);
                    Equal(source.Token, e.CancellationToken, "the caller's token");
                    var inner = e.InnerException as CancelledException;
                    Check(inner != null && inner.JobId > 0 && inner.Job != null, "inner CancelledException with the job");
                    using (Job job = inner.Job) {
                        using (var second = new CancellationTokenSource()) {
                            var waiting = new Thread(() => { Thread.Sleep(200); second.Cancel(); });
                            waiting.Start();
                            Throws<OperationCanceledException>(() => job.Wait(null, second.Token), "Job.Wait");
                            waiting.Join();
                            Throws<OperationCanceledException>(() => job.Wait(null, second.Token), "already cancelled");
                        }
                        using (JobWaiter waiter = workspace.CreateWaiter())
                        using (var third = new CancellationTokenSource(TimeSpan.FromMilliseconds(200))) {
                            waiter.Add(job);
                            Throws<OperationCanceledException>(() => waiter.Next(TimeSpan.FromSeconds(30), third.Token), "Next");
                        }
                        job.Refresh();
                        Check(!job.IsComplete, "the job goes on");
                        job.Cancel();
                    }
                }
            });

            Test("async twins: RunSyncAsync succeeds; WaitAsync, GetSourceAsync and ListSourcesAsync cancel at once", () => {
                using (Job job = workspace.RunSyncAsync(connectionId).Result) {
                    Equal(JobState.Succeeded, job.Status, "async sync");
                    Check(job.RowsSynced > 0, "rows synced");
                }
                using (Job job = workspace.RunSync(running, new SyncOptions { Wait = false }))
                using (var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(200))) {
                    var clock = Stopwatch.StartNew();
                    Task wait = job.WaitAsync(null, source.Token);
                    var e = Throws<AggregateException>(() => wait.Wait(TimeSpan.FromSeconds(10)), "WaitAsync");
                    Check(e.InnerException is TaskCanceledException && wait.IsCanceled, "a cancelled Task: " + e.InnerException);
                    Check(clock.Elapsed < TimeSpan.FromSeconds(5), "woken at once: " + clock.Elapsed);
                    job.Refresh();
                    Check(!job.IsComplete, "the job goes on");
                    job.Cancel();
                }
                string sourceId;
                using (Source created = workspace.CreateSourceAsync("csharp-async-deleteme", "faker", "{\"count\":5}").Result) {
                    sourceId = created.Id;
                }
                using (Source fetched = workspace.GetSourceAsync(sourceId).Result) Equal(sourceId, fetched.Id, "GetSourceAsync");
                emulator.AddFault("GET", "/v1/sources*", "delay", ",\"delayMs\":3000,\"count\":2");
                try {
                    foreach (Func<CancellationToken, Task> call in new Func<CancellationToken, Task>[] {
                                 token => workspace.GetSourceAsync(sourceId, token),
                                 token => workspace.ListSourcesAsync(new ListOptions { PageSize = 1 }, token) }) {
                        using (var source = new CancellationTokenSource(TimeSpan.FromMilliseconds(200))) {
                            var clock = Stopwatch.StartNew();
                            Task pending = call(source.Token);
                            Throws<AggregateException>(() => pending.Wait(TimeSpan.FromSeconds(10)), "a hanging request");
                            Check(pending.IsCanceled, "cancelled, not " + pending.Status);
                            Check(clock.Elapsed < TimeSpan.FromSeconds(2), "cancelled at once: " + clock.Elapsed);
                        }
                    }
                    using (var done = new CancellationTokenSource()) {
                        done.Cancel();
                        Check(workspace.GetNameAsync(done.Token).IsCanceled, "an already cancelled token sends nothing");
                    }
                } finally {
                    emulator.ClearFaults();
                }
                workspace.DeleteSourceAsync(sourceId, SafeMode.On).Wait();
            });

            Test("progress callback: StopWaiting and exceptions", () => {
                using (Job job = workspace.RunSync(running, new SyncOptions { Wait = false })) {
                    var stop = new SyncOptions { Progress = report => report.StopWaiting() };
                    var e = Throws<CancelledException>(() => job.Wait(stop), "StopWaiting");
                    Equal(AirbyteStatus.Cancelled, e.Status, "status");
                    var boom = new SyncOptions { Progress = report => { throw new InvalidTimeZoneException("from the callback"); } };
                    var thrown = Throws<InvalidTimeZoneException>(() => job.Wait(boom), "callback exception");
                    Equal("from the callback", thrown.Message, "the callback's own exception");
                    job.Cancel();
                }
            });

            Test("JobWaiter hands back each job as it finishes", () => {
                using (JobWaiter waiter = workspace.CreateWaiter()) {
                    var jobs = new List<Job>();
                    var connections = new[] { emulator.CreateConnection("csharp-w1"), emulator.CreateConnection("csharp-w2"),
                                              emulator.CreateConnection("csharp-w3") };
                    emulator.SetOutcome(connections[2], "failed", 200);
                    foreach (string id in connections) {
                        Job job = workspace.RunSync(id, new SyncOptions { Wait = false });
                        jobs.Add(job);
                        Equal(jobs.Count - 1, waiter.Add(job), "index");
                    }
                    Equal(3, waiter.PendingCount, "pending");
                    var done = waiter.Completions(TimeSpan.FromSeconds(30)).ToList();
                    Equal(3, done.Count, "all reported");
                    Check(done.All(job => job.IsComplete), "final");
                    Equal(JobState.Failed, jobs[2].Status, "failed job reported like any other");
                    Equal(0, waiter.PendingCount, "none pending");
                    Check(waiter.Next(TimeSpan.FromMilliseconds(100)) == null, "null when none is left");
                    foreach (Job job in jobs) job.Dispose(); // the waiter keeps them alive until it goes
                    Equal(3, waiter.Jobs.Count, "jobs");
                }
                using (JobWaiter waiter = workspace.CreateWaiter())
                using (Job job = workspace.RunSync(running, new SyncOptions { Wait = false })) {
                    waiter.Add(job);
                    var e = Throws<WaitTimeoutException>(() => waiter.Next(TimeSpan.FromMilliseconds(200)), "waiter timeout");
                    Equal(TimeSpan.FromMilliseconds(200), e.Timeout, "timeout");
                    job.Cancel();
                }
            });

            Test("bad input: empty ids, nulls, out-of-range numbers", () => {
                var e = Throws<InvalidArgumentException>(() => workspace.GetConnection(""), "empty connection id");
                Equal(AirbyteStatus.InvalidArgument, e.Status, "status");
                Check(e.Message.Contains("connection_id"), "message names the argument: " + e.Message);
                Throws<ArgumentNullException>(() => workspace.GetConnection(null), "null connection id");
                Throws<ArgumentNullException>(() => workspace.RunSync(null), "null connection id (sync)");
                Throws<InvalidArgumentException>(() => workspace.RunSync(""), "empty connection id (sync)");
                Throws<ArgumentNullException>(() => new Workspace(null), "null workspace id");
                Throws<InvalidArgumentException>(() => new Workspace(""), "empty workspace id");
                Throws<ArgumentException>(() => workspace.GetConnection("a\0b"), "NUL inside a string");
                Throws<InvalidArgumentException>(() => new Workspace(emulator.WorkspaceId, new ClientOptions { ApiUrl = "ftp://x" }), "bad url");
                Throws<InvalidArgumentException>(() => new Workspace(emulator.WorkspaceId, new ClientOptions { MaxConnections = 0 }), "0 connections");
                Throws<InvalidArgumentException>(() => new Workspace(emulator.WorkspaceId, new ClientOptions {
                    Retry = new RetryPolicy { MaxAttempts = 1000 } }), "1000 attempts");
                Throws<InvalidArgumentException>(() => workspace.RunSync(connectionId, new SyncOptions { Timeout = TimeSpan.Zero }), "zero timeout");
                using (Connection connection = workspace.GetConnection(connectionId)) {
                    Throws<InvalidArgumentException>(() => connection.ListJobs(limit: 0), "limit 0");
                    Throws<InvalidArgumentException>(() => connection.ListJobs(limit: 10, offset: -1), "negative offset");
                    Throws<ArgumentOutOfRangeException>(() => connection.History(0), "page size 0");
                    using (ResourceList<Job> page = connection.ListJobs(1)) {
                        Throws<InvalidArgumentException>(() => { var unused = page[5]; }, "index past the end");
                        Throws<ArgumentOutOfRangeException>(() => { var unused = page[-1]; }, "negative index");
                    }
                }
                Throws<ArgumentNullException>(() => new JobWaiter(null), "null workspace");
                using (JobWaiter waiter = workspace.CreateWaiter()) {
                    Throws<ArgumentNullException>(() => waiter.Add(null), "null job");
                    Throws<InvalidArgumentException>(() => waiter.Next(TimeSpan.Zero), "zero timeout");
                }
                Throws<ArgumentNullException>(() => Library.GetSecret(null), "null secret name");
            });

            Test("API errors: not found, auth, forbidden, server, protocol, request timeout", () => {
                using (Connection missing = workspace.GetConnection("00000000-0000-4000-8000-000000000000")) {
                    var e = Throws<NotFoundException>(() => { var unused = missing.Name; }, "unknown connection");
                    Equal(404, e.HttpStatus, "http status");
                    Check(e.ProblemDetail != null || e.ProblemType != null, "problem detail: " + e.Message);
                }
                Throws<NotFoundException>(() => workspace.GetJob(987654321), "unknown job");
                using (var wrong = new Workspace(emulator.WorkspaceId, new ClientOptions { ApiUrl = emulator.ApiUrl, BearerToken = "wrong" })) {
                    var e = Throws<AuthException>(wrong.Connect, "wrong key");
                    Equal(401, e.HttpStatus, "http status");
                    Check(!e.Message.Contains("wrong"), "no secret in the message: " + e.Message);
                }
                using (var byClient = new Workspace(emulator.WorkspaceId, new ClientOptions {
                           ApiUrl = emulator.ApiUrl, ClientId = emulator.ClientId, ClientSecret = emulator.ClientSecret })) {
                    byClient.Connect();
                }
                try {
                    emulator.AddFault("GET", "/v1/connections/*", "status", ",\"status\":403,\"count\":1");
                    using (Connection connection = workspace.GetConnection(connectionId)) {
                        Equal(403, Throws<ForbiddenException>(() => { var unused = connection.Name; }, "403").HttpStatus, "403");
                    }
                    emulator.AddFault("GET", "/v1/connections/*", "status", ",\"status\":500,\"count\":10");
                    using (Connection connection = workspace.GetConnection(connectionId)) {
                        Equal(500, Throws<ServerException>(() => { var unused = connection.Name; }, "500").HttpStatus, "500");
                    }
                    emulator.ClearFaults();
                    emulator.AddFault("GET", "/v1/connections/*", "non_json", ",\"count\":10");
                    using (Connection connection = workspace.GetConnection(connectionId)) {
                        Throws<ProtocolException>(() => { var unused = connection.Name; }, "not JSON");
                    }
                    emulator.ClearFaults();
                    emulator.AddFault("GET", "/v1/connections/*", "delay", ",\"delayMs\":2000,\"count\":10");
                    var options = Options();
                    options.RequestTimeout = TimeSpan.FromMilliseconds(200);
                    options.Retry = new RetryPolicy { MaxAttempts = 1 };
                    using (var impatient = new Workspace(emulator.WorkspaceId, options))
                    using (Connection connection = impatient.GetConnection(connectionId)) {
                        var e = Throws<RequestTimeoutException>(() => { var unused = connection.Name; }, "request timeout");
                        Check(e is TransportException, "a transport error");
                        Equal(TimeSpan.FromMilliseconds(200), e.Timeout, "timeout");
                    }
                } finally {
                    emulator.ClearFaults();
                }
                using (var nowhere = new Workspace(emulator.WorkspaceId, new ClientOptions {
                           ApiUrl = "http://127.0.0.1:1/v1", BearerToken = "x", Retry = new RetryPolicy { MaxAttempts = 1 } })) {
                    Throws<TransportException>(nowhere.Connect, "unreachable");
                }
            });

            Test("misuse: disposed handles throw ObjectDisposedException, never crash", () => {
                Job job = workspace.GetJob(syncedJobs[0]);
                job.Dispose();
                job.Dispose();
                Check(job.IsDisposed, "disposed");
                Throws<ObjectDisposedException>(() => { var unused = job.Status; }, "status");
                Throws<ObjectDisposedException>(() => { var unused = job.Url; }, "url");
                Throws<ObjectDisposedException>(job.Refresh, "refresh");
                Throws<ObjectDisposedException>(() => job.Wait(), "wait");
                Equal("Job (disposed)", job.ToString(), "ToString");
                using (JobWaiter waiter = workspace.CreateWaiter()) {
                    Throws<ObjectDisposedException>(() => waiter.Add(job), "add a disposed job");
                }

                var other = NewWorkspace();
                Connection connection = other.GetConnection(connectionId);
                Job fromOther = other.GetJob(syncedJobs[0]);
                other.Dispose();
                Throws<ObjectDisposedException>(other.Connect, "disposed workspace");
                Throws<ObjectDisposedException>(() => other.GetConnection(connectionId), "disposed workspace (get)");
                Throws<ObjectDisposedException>(() => { var unused = other.Id; }, "disposed workspace (id)");
                Equal("csharp-main", connection.Name, "a connection outlives its disposed workspace");
                fromOther.Refresh();
                connection.Dispose();
                Throws<ObjectDisposedException>(() => { var unused = connection.Name; }, "disposed connection");
                fromOther.Dispose();

                var list = workspace.GetConnection(connectionId).ListJobs(2);
                list.Dispose();
                Throws<ObjectDisposedException>(() => { var unused = list.Count; }, "disposed list");
                var waiterDisposed = workspace.CreateWaiter();
                waiterDisposed.Dispose();
                Throws<ObjectDisposedException>(() => waiterDisposed.Next(TimeSpan.FromSeconds(1)), "disposed waiter");
            });

            Test("misuse: Dispose from another thread during a wait", () => {
                Job job = workspace.RunSync(running, new SyncOptions { Wait = false });
                var disposer = new Thread(() => { Thread.Sleep(100); job.Dispose(); });
                disposer.Start();
                Throws<WaitTimeoutException>(() => job.Wait(new SyncOptions { Timeout = TimeSpan.FromMilliseconds(400) }),
                                             "the wait finishes on a handle disposed meanwhile");
                disposer.Join();
                Throws<ObjectDisposedException>(job.Cancel, "then the job is gone");
                using (Connection connection = workspace.GetConnection(running))
                using (Job latest = connection.LatestJob()) latest.Cancel();
            });

            Test("finalizers free what was never disposed, in any order", () => {
                // Never disposed: each lost workspace holds a keep-alive connection (an emulator
                // thread) until its finalizer runs, so collect every 20 rounds.
                for (int round = 0; round < 100; round++) {
                    if (round % 20 == 19) {
                        GC.Collect();
                        GC.WaitForPendingFinalizers();
                    }
                    var lost = NewWorkspace();
                    Connection connection = lost.GetConnection(connectionId);
                    var unusedId = connection.Id;
                    lost.GetJob(syncedJobs[0]);
                    lost.CreateWaiter().Add(lost.GetJob(syncedJobs[0]));
                }
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                GC.WaitForPendingFinalizers();
            });

            Test("one workspace shared by threads", () => {
                var errors = new List<Exception>();
                var threads = Enumerable.Range(0, 8).Select(index => new Thread(() => {
                    try {
                        for (int i = 0; i < 20; i++) {
                            using (Connection connection = workspace.GetConnection(connectionId)) Equal("csharp-main", connection.Name, "name");
                            using (Job job = workspace.GetJob(syncedJobs[0])) Equal(JobState.Succeeded, job.Status, "status");
                        }
                    } catch (Exception e) {
                        lock (errors) errors.Add(e);
                    }
                })).ToList();
                threads.ForEach(thread => thread.Start());
                threads.ForEach(thread => thread.Join());
                if (errors.Count > 0) throw errors[0];
            });

            Test("resources: sources, destinations, configs, lists and walks, safe mode", () => {
                Check(Library.IsDisposableName("csharp-DeleteMe-1") && !Library.IsDisposableName("keep"), "disposable names");
                string tag = "csharp-res-" + Guid.NewGuid().ToString("N").Substring(0, 8);
                using (Source source = workspace.CreateSource(tag + "-deleteme-src", "faker", "{\"count\":20,\"seed\":3}")) {
                    Check(source.Id.Length > 0, "source id");
                    Equal(tag + "-deleteme-src", source.Name, "source name");
                    Equal("faker", source.SourceType, "source type");
                    Equal(emulator.WorkspaceId, source.WorkspaceId, "workspace id");
                    Check(source.Configuration.Contains("\"count\":20"), "configuration: " + source.Configuration);
                    Check(source.CreatedAt.HasValue, "created at");
                    source.Rename(tag + "-deleteme-renamed");
                    Equal(tag + "-deleteme-renamed", source.Name, "renamed");
                    source.UpdateConfiguration("{\"count\":30}");
                    Check(source.Configuration.Contains("\"count\":30"), "updated configuration");
                    source.Replace(tag + "-deleteme-src", "{\"sourceType\":\"faker\",\"count\":40}");
                    source.Refresh();
                    Check(source.Configuration.Contains("\"count\":40"), "replaced configuration");
                    using (Source again = workspace.GetSource(source.Id)) Equal(source.Name, again.Name, "get");
                    Throws<ApiException>(() => source.UpdateConfiguration("{\"count\":\"many\"}"), "server-side rejection");
                    Throws<InvalidArgumentException>(() => source.UpdateConfiguration("{not json"), "malformed JSON");
                    Throws<ArgumentNullException>(() => source.Rename(null), "null name");

                    string duck = DestinationConfig.DuckDb("/local/" + tag + ".duckdb");
                    Check(duck.StartsWith("{\"destinationType\":\"duckdb\""), "duckdb config: " + duck);
                    string postgres = DestinationConfig.Postgres("db.example", 5432, "warehouse", "public", "airbyte", "pw", "require");
                    Check(postgres.Contains("\"port\":5432") && postgres.Contains("postgres"), "postgres config: " + postgres);
                    Throws<InvalidArgumentException>(() => DestinationConfig.Postgres("db", 0, "d", "s", "u"), "port 0");
                    Check(DestinationConfig.SnowflakePassword("acct.snowflakecomputing.com", "R", "W", "D", "S", "U", "P").Contains("snowflake"), "snowflake");
                    Check(DestinationConfig.SnowflakeKeyPair("acct.snowflakecomputing.com", "R", "W", "D", "S", "U",
                        "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----").Contains("snowflake"), "snowflake key pair");
                    Check(DestinationConfig.BigQuery("project", "dataset", "US").Contains("bigquery"), "bigquery");
                    Check(DestinationConfig.MotherDuck("md-key", "db").Contains("md:db"), "motherduck");
                    Equal(36, DestinationConfig.MotherDuckDefinitionId.Length, "motherduck definition id");

                    using (Destination destination = workspace.CreateDestination(tag + "-deleteme-dst", "duckdb", duck)) {
                        Equal("duckdb", destination.DestinationType, "destination type");
                        destination.Rename(tag + "-deleteme-dst2");
                        destination.UpdateConfiguration("{\"destination_path\":\"/local/other.duckdb\"}");
                        destination.Replace(tag + "-deleteme-dst", duck);
                        destination.Refresh();
                        Check(destination.CreatedAt.HasValue && destination.DefinitionId.Length > 0, "destination details");
                        Equal(emulator.WorkspaceId, destination.WorkspaceId, "destination workspace");
                        Check(destination.Configuration.Contains(tag), "destination configuration");
                        using (Destination again = workspace.GetDestination(destination.Id)) Equal(destination.Name, again.Name, "get");

                        var filter = new ListOptions { NameContains = tag.ToUpperInvariant(), PageSize = 1 };
                        Check(filter.Matches(tag + "-x") && !filter.Matches("other"), "client-side name filter");
                        using (ResourceList<Source> sources = workspace.ListSources(filter)) {
                            Equal(1, sources.Count, "listed sources");
                            using (Source listed = sources[0]) Equal(source.Id, listed.Id, "listed source");
                        }
                        Equal(source.Id, workspace.Sources(filter).Single().Id, "walked sources");
                        using (ResourceList<Destination> destinations = workspace.ListDestinations(filter)) {
                            Equal(destination.Id, destinations.Single().Id, "listed destinations");
                        }
                        Equal(destination.Id, workspace.Destinations(new ListOptions { Name = tag + "-deleteme-dst" }).Single().Id,
                              "walked destinations");
                        Check(workspace.Sources().Count() >= 1 && workspace.ListSources().Count >= 1, "unfiltered");

                        using (StreamCatalog catalog = workspace.GetStreamCatalog(source.Id, destination.Id)) {
                            Check(catalog.Count > 0, "streams");
                            int users = catalog.IndexOf("users");
                            Check(users >= 0, "users stream");
                            Equal(-1, catalog.IndexOf("no-such-stream"), "missing stream");
                            StreamInfo stream = catalog.Find("users");
                            Equal("users", stream.Name, "stream name");
                            Check(stream.SyncModesJson.StartsWith("["), "sync modes: " + stream.SyncModesJson);
                            Check(stream.SupportsSyncMode("full_refresh_overwrite"), "supports full refresh");
                            Check(!stream.SupportsSyncMode("no_such_mode"), "unknown mode");
                            Check(stream.DefaultCursorJson.StartsWith("[") && stream.PrimaryKeyJson.StartsWith("["), "arrays");
                            Check(stream.Namespace != null && (stream.SourceDefinedCursor || !stream.SourceDefinedCursor), "namespace");
                            Equal(catalog.Count, catalog.Count(), "enumerable");
                        }

                        var spec = new ConnectionSpec { Name = tag + "-deleteme-conn", SourceId = source.Id,
                                                        DestinationId = destination.Id, Prefix = "cs_", ManualSchedule = true,
                                                        NamespaceDefinition = "destination", Status = "active" }
                            .AddStream("users", "full_refresh_overwrite");
                        Check(spec.ToJson().Contains("\"prefix\":\"cs_\""), "spec JSON: " + spec.ToJson());
                        Throws<InvalidArgumentException>(() => new ConnectionSpec { Name = "x" }.ToJson(), "spec without ids");
                        Throws<InvalidArgumentException>(() => new ConnectionSpec { CronSchedule = "nonsense" }.ToJson(), "bad cron");
                        using (Connection created = workspace.CreateConnection(spec)) {
                            Equal(tag + "-deleteme-conn", created.Name, "created name");
                            Equal("manual", created.ScheduleType, "schedule");
                            Equal("", created.CronExpression, "no cron");
                            Equal("destination", created.NamespaceDefinition, "namespace definition");
                            Check(created.Json.Contains(created.Id), "connection JSON");
                            Equal("users", string.Join(",", created.StreamNames), "selected streams");
                            created.Update(new ConnectionSpec { CronSchedule = "0 0 12 * * ?", Prefix = "cs2_" }
                                               .AddStream("users").AddStream("products"));
                            Equal("cron", created.ScheduleType, "cron schedule");
                            Equal("0 0 12 * * ?", created.CronExpression, "cron expression");
                            Equal("cs2_", created.Prefix, "updated prefix");
                            Throws<InvalidArgumentException>(() => created.Update(new ConnectionSpec()), "empty update");
                            using (ResourceList<Connection> connections = workspace.ListConnections(new ListOptions { Name = created.Name })) {
                                Equal(created.Id, connections.Single().Id, "listed connection");
                            }
                            Equal(created.Id, workspace.Connections(new ListOptions { NameContains = tag }).Single().Id, "walked");
                            using (Job job = created.RunSync()) Equal(JobState.Succeeded, job.Status, "sync on a created connection");

                            string keepName = tag + "-keep";
                            using (Source kept = workspace.CreateSource(keepName, "faker", "{}")) {
                                var refused = Throws<RefusedException>(() => kept.Delete(SafeMode.On), "safe mode");
                                Equal(AirbyteStatus.Refused, refused.Status, "refused status");
                                Check(refused.Message.Contains(keepName), "names the resource: " + refused.Message);
                                kept.Delete(SafeMode.Off);
                                Throws<NotFoundException>(kept.Refresh, "deleted");
                            }
                            created.Delete(cascade: true);
                            Throws<NotFoundException>(() => workspace.GetSource(source.Id), "cascade deleted the source");
                            Throws<NotFoundException>(() => workspace.GetDestination(destination.Id), "and the destination");
                        }
                    }
                }
            });

            Test("workspaces: info, name, lists", () => {
                WorkspaceInfo info = workspace.GetInfo();
                Equal(emulator.WorkspaceId, info.Id, "info id");
                Check(!string.IsNullOrEmpty(info.Name), "info name");
                Check(info.DataResidency != null, "data residency");
                Equal(info.Name, workspace.GetName(), "GetName");
                Equal(info.Id, workspace.GetInfo(emulator.WorkspaceId).Id, "info by id");
                Check(workspace.ListWorkspaces().Any(w => w.Id == info.Id), "listed");
                Check(workspace.Workspaces(new ListOptions { Name = info.Name }).Any(w => w.Id == info.Id), "walked");
                Throws<NotFoundException>(() => workspace.GetInfo("00000000-0000-4000-8000-000000000000"), "unknown workspace");
            });

            Test("datasets: read back what a sync wrote", () => {
                Equal("integer", ValueKind.Integer.TypeName(), "value kind name");
                Throws<ArgumentNullException>(() => new DatasetOptions().SetSecret(DatasetSecret.Password, null), "null secret");
                using (Connection duck = workspace.GetConnection(connectionId)) {
                    var unsupported = Throws<UnsupportedException>(() => duck.GetDatasets(), "duckdb has no reader");
                    Check(unsupported.Message.Contains("duckdb"), "names the type: " + unsupported.Message);
                    Throws<InvalidArgumentException>(() => duck.GetDatasets(new DatasetOptions { PageSize = 0 }), "page size 0");
                }
                string host = Environment.GetEnvironmentVariable("ABC_TEST_PGHOST");
                string port = Environment.GetEnvironmentVariable("ABC_TEST_PGPORT");
                string user = Environment.GetEnvironmentVariable("ABC_TEST_PGUSER");
                string password = Environment.GetEnvironmentVariable("ABC_TEST_PGPASSWORD");
                string database = Environment.GetEnvironmentVariable("ABC_TEST_PGDATABASE");
                if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port) || string.IsNullOrEmpty(user) ||
                    string.IsNullOrEmpty(password) || string.IsNullOrEmpty(database)) {
                    Console.WriteLine("SKIP datasets against PostgreSQL: ABC_TEST_PG* not set (eval \"$(scripts/postgres.sh start)\")");
                    return;
                }
                string tag = "cs" + Guid.NewGuid().ToString("N").Substring(0, 8);
                using (Source source = workspace.CreateSource(tag + "-deleteme-src", "faker", "{\"count\":25,\"seed\":5}"))
                using (Destination destination = workspace.CreateDestination(tag + "-deleteme-dst", "postgres",
                           DestinationConfig.Postgres(host, int.Parse(port), database, "public", user, password, "disable")))
                using (Connection connection = workspace.CreateConnection(new ConnectionSpec {
                           Name = tag + "-deleteme-conn", SourceId = source.Id, DestinationId = destination.Id, Prefix = tag + "_" }
                           .AddStream("users", "full_refresh_overwrite"))) {
                    try {
                        var options = new DatasetOptions().SetSecret(DatasetSecret.Password, password);
                        using (Job job = connection.RunSync())
                        using (DatasetSet set = job.GetDatasets(options)) {
                            Equal(JobState.Succeeded, job.Status, "sync");
                            Equal("postgres", set.DestinationType, "destination type");
                            Equal(destination.Id, set.DestinationId, "destination id");
                            Equal(database, set.Database, "database");
                            Equal("public", set.Schema, "schema");
                            Check(set.ConnectionUri.StartsWith("postgresql://") && !set.ConnectionUri.Contains(password),
                                  "connection uri without the password: " + set.ConnectionUri);
                            Equal("users", string.Join(",", set.StreamNames), "streams");
                            Equal(1, set.Count, "one dataset");
                            Throws<NotFoundException>(() => { var unused = set["no-such-stream"]; }, "unknown stream");
                            using (Dataset users = set["users"])
                            using (Dataset same = set[0]) {
                                Equal(users.QualifiedName, same.QualifiedName, "by name and by index");
                                Equal("users", users.StreamName, "stream name");
                                Equal(tag + "_users", users.TableName, "prefix + stream");
                                Check(users.QualifiedName.Contains(tag + "_users"), "qualified name: " + users.QualifiedName);
                                Equal("postgres", users.DestinationType, "dataset destination type");
                                Equal("public", users.Schema, "dataset schema");
                                Equal(database, users.Database, "dataset database");
                                Check(users.ConnectionUri.StartsWith("postgresql://"), "dataset uri");
                                IReadOnlyList<DatasetColumn> columns = users.Columns;
                                Check(columns.Any(column => column.Name == "_airbyte_raw_id"), "airbyte columns");
                                DatasetColumn id = columns.FirstOrDefault(column => column.Name == "id");
                                Check(id != null && id.Kind == ValueKind.Integer, "an integer id column");
                                Check(id.WarehouseType.Length > 0, "warehouse type");
                                long count = users.CountRows();
                                Check(count > 0, "rows: " + count);
                                List<DatasetRow> rows = users.ReadRows().ToList();
                                Equal(count, (long)rows.Count, "every row read");
                                Check(rows.All(row => row["id"] != null && row.Json.StartsWith("{")), "row values and JSON");
                                Equal(count, (long)users.ReadRecords().Count(), "records");
                                using (DatasetCursor cursor = users.OpenCursor()) {
                                    int idColumn = cursor.ColumnNames.ToList().IndexOf("id");
                                    Check(idColumn >= 0 && cursor.GetKind(idColumn) == ValueKind.Integer, "cursor columns");
                                    long sum = 0;
                                    while (cursor.Read()) {
                                        Check(!cursor.IsNull(idColumn), "id not null");
                                        sum += cursor.GetInt64(idColumn);
                                        Equal((double)cursor.GetInt64(idColumn), cursor.GetDouble(idColumn), "as double");
                                        Equal(cursor.GetInt64(idColumn).ToString(), cursor.GetText(idColumn), "as text");
                                    }
                                    Equal(count, cursor.RowsRead, "rows read");
                                    Check(sum > 0, "ids summed");
                                    Check(!cursor.Read(), "stays finished");
                                }
                            }
                            using (DatasetSet again = connection.GetDatasets(options)) Equal(1, again.Count, "from the connection");
                        }
                    } finally {
                        connection.Delete(cascade: true);
                    }
                }
            });

            Test("log callback", () => {
                var messages = new List<string>();
                var options = Options();
                options.LogLevel = LogLevel.Debug;
                options.Log = (level, message) => { lock (messages) messages.Add(level + ": " + message); };
                using (var logged = new Workspace(emulator.WorkspaceId, options)) logged.Connect();
                Check(messages.Count > 0, "messages logged");
                Check(messages.All(message => !message.Contains(emulator.ApiKey)), "no secret in the log");
                options.Log = (level, message) => { throw new InvalidOperationException("a logger that throws"); };
                using (var logged = new Workspace(emulator.WorkspaceId, options)) logged.Connect();
            });
        }

        Test("secrets and the environment", () => {
            Equal("s3cr3t-value", Library.GetSecret("ABC_CSHARP_TEST_SECRET"), "secret from the environment");
            var e = Throws<NotFoundException>(() => Library.GetSecret("ABC_CSHARP_TEST_UNSET_SECRET"), "unset secret");
            Check(e.Message.Contains("ABC_CSHARP_TEST_UNSET_SECRET"), "names the variable: " + e.Message);

            // Workspace.FromEnvironment in a child process whose environment names the emulator.
            var start = new ProcessStartInfo(Process.GetCurrentProcess().MainModule.FileName,
                                             "\"" + typeof(Scenario).Assembly.Location + "\" from-environment") {
                UseShellExecute = false, RedirectStandardOutput = true,
            };
            start.EnvironmentVariables["AIRBYTE_CLOUD_WORKSPACE_ID"] = emulator.WorkspaceId;
            start.EnvironmentVariables["AIRBYTE_CLOUD_API_URL"] = emulator.ApiUrl;
            start.EnvironmentVariables["AIRBYTE_CLOUD_API_KEY"] = emulator.ApiKey;
            start.EnvironmentVariables.Remove("AIRBYTE_CLOUD_BEARER_TOKEN");
            using (Process child = Process.Start(start)) {
                string output = child.StandardOutput.ReadToEnd();
                child.WaitForExit();
                Equal(0, child.ExitCode, "child exit code (" + output.Trim() + ")");
                Equal(emulator.WorkspaceId, output.Trim(), "workspace from the environment");
            }
        });
    }

    private static int FromEnvironmentChild() {
        using (Workspace workspace = Workspace.FromEnvironment(new ClientOptions { LoadEnvironment = true })) {
            workspace.Connect();
            Console.WriteLine(workspace.Id);
        }
        return 0;
    }
}
