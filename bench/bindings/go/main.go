// Command go-bench-memory runs create/use/free cycles through the Go binding and samples the
// process's resident memory (VmRSS) every 10,000 cycles, to show that memory stays flat.
//
//	go-bench-memory [-cycles 100000] [-requests 20000] [-finalizer 50000] [-check]
//
// Phase "handles": each cycle makes a Workspace (options, a logger callback), a Connection, a
// Waiter, reads getters, provokes a C-side error (an error object made and freed), and closes
// everything. Phase "requests" (when ABC_EMULATOR names airbyte-cloud-emulator): each cycle
// makes a Connection and a Job handle on a real emulator, reads them over HTTP, lists the
// history, and closes them. Phase "finalizer": handles are never closed; the finalizers free
// them. With -check the program fails when the resident memory of a phase grows by more than
// -limit MiB between its sample after 10,000 cycles and its last.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	airbytecloud "github.com/airbyte-cloud/libairbyte_cloud/bindings/go"
	"github.com/airbyte-cloud/libairbyte_cloud/bindings/go/emulatortest"
)

const sampleEvery = 10000

func main() {
	cycles := flag.Int("cycles", 100000, "create/use/free cycles of the handles phase")
	requests := flag.Int("requests", 20000, "cycles of the requests phase (needs ABC_EMULATOR)")
	finalizer := flag.Int("finalizer", 50000, "cycles of the finalizer phase")
	check := flag.Bool("check", false, "fail when memory grows")
	limit := flag.Float64("limit", 8, "largest growth of a phase in MiB with -check")
	flag.Parse()

	fmt.Printf("go-bench-memory: library %s, %s\n", airbytecloud.Version(), runtime.Version())
	failed := false
	// asserted says whether a phase's growth is checked: handles closed explicitly free their memory
	// deterministically; handles left to finalizers are freed whenever the collector runs, so that
	// phase's figure is reported but cannot be a pass/fail check without being flaky.
	report := func(name string, samples []float64, asserted bool) {
		// Growth after the first 10,000 cycles, which warm up allocator arenas and caches.
		base := samples[0]
		if len(samples) > 2 {
			base = samples[1]
		}
		growth := samples[len(samples)-1] - base
		parts := make([]string, len(samples))
		for i, s := range samples {
			parts[i] = strconv.FormatFloat(s, 'f', 1, 64)
		}
		fmt.Printf("%s: VmRSS MiB every %d cycles: %s (growth %+.1f MiB)\n", name, sampleEvery, strings.Join(parts, " "), growth)
		if *check && asserted && growth > *limit {
			fmt.Printf("FAIL: %s grew by %.1f MiB (limit %.1f)\n", name, growth, *limit)
			failed = true
		}
	}

	start := time.Now()
	report("handles", run(*cycles, handlesCycle), true)
	fmt.Printf("handles: %d cycles in %v\n", *cycles, time.Since(start).Round(time.Millisecond))

	if path := os.Getenv("ABC_EMULATOR"); path != "" && *requests > 0 {
		emu, err := emulatortest.Start(path)
		if err != nil {
			fmt.Println("FAIL: emulator:", err)
			os.Exit(1)
		}
		cycle, cleanup, err := requestsCycle(emu)
		if err != nil {
			emu.Stop()
			fmt.Println("FAIL: set-up:", err)
			os.Exit(1)
		}
		start = time.Now()
		report("requests", run(*requests, cycle), true)
		fmt.Printf("requests: %d cycles in %v\n", *requests, time.Since(start).Round(time.Millisecond))
		cleanup()
		emu.Stop()
	} else {
		fmt.Println("requests: skipped (ABC_EMULATOR is not set)")
	}

	if *finalizer > 0 {
		start = time.Now()
		report("finalizer", run(*finalizer, func(i int) error {
			// Go's collector does not see native memory, so it runs no more often for it: a
			// program that forgets Close holds the handles of the cycles between two
			// collections. Collect every 1,000 cycles, as a busier program would.
			if i%1000 == 0 {
				runtime.GC()
			}
			return finalizerCycle(i)
		}), false)
		fmt.Printf("finalizer: %d cycles in %v\n", *finalizer, time.Since(start).Round(time.Millisecond))
	}
	if failed {
		os.Exit(1)
	}
	fmt.Println("memory stayed flat")
}

// run runs cycle n times and samples VmRSS before the first and after every 10,000th cycle.
// The first sample is taken after a warm-up of 1,000 cycles.
func run(n int, cycle func(i int) error) []float64 {
	for i := 0; i < 1000 && i < n; i++ {
		if err := cycle(i); err != nil {
			fmt.Println("FAIL:", err)
			os.Exit(1)
		}
	}
	settle()
	samples := []float64{rssMiB()}
	for i := 1; i <= n; i++ {
		if err := cycle(i); err != nil {
			fmt.Println("FAIL: cycle", i, err)
			os.Exit(1)
		}
		if i%sampleEvery == 0 || i == n {
			settle()
			samples = append(samples, rssMiB())
		}
	}
	return samples
}

// settle collects twice with a pause between, so that finalizers queued by the first collection
// have run (and freed their native handles) before memory is sampled.
func settle() {
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	runtime.GC()
}

func rssMiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			fields := strings.Fields(line)
			kb, _ := strconv.ParseFloat(fields[1], 64)
			return kb / 1024
		}
	}
	return 0
}

var logLines int

func handlesCycle(i int) error {
	ws, err := airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000",
		airbytecloud.WithAPIURL("http://127.0.0.1:9/v1"),
		airbytecloud.WithBearerToken("bench-token"),
		airbytecloud.WithLogger(func(airbytecloud.LogLevel, string) { logLines++ }, airbytecloud.LogError))
	if err != nil {
		return err
	}
	conn, err := ws.Connection(fmt.Sprintf("00000000-0000-0000-0000-%012d", i))
	if err != nil {
		return err
	}
	if conn.ID() == "" || conn.URL() == "" || ws.URL() == "" {
		return fmt.Errorf("empty getter")
	}
	waiter, err := ws.NewWaiter()
	if err != nil {
		return err
	}
	_ = waiter.Pending()
	if _, err := ws.Connection(""); err == nil { // an abc_error made and freed
		return fmt.Errorf("empty id accepted")
	}
	waiter.Close()
	conn.Close()
	ws.Close()
	return nil
}

func finalizerCycle(i int) error {
	ws, err := airbytecloud.NewWorkspace("00000000-0000-0000-0000-000000000000", airbytecloud.WithAPIURL("http://127.0.0.1:9/v1"))
	if err != nil {
		return err
	}
	_, err = ws.Connection(fmt.Sprintf("00000000-0000-0000-0000-%012d", i))
	return err // neither is closed: the finalizers free them
}

// requestsCycle sets up a connection with two finished jobs on the emulator.
func requestsCycle(emu *emulatortest.Emulator) (func(int) error, func(), error) {
	connectionID, err := emu.CreateConnection("bench")
	if err != nil {
		return nil, nil, err
	}
	if err := emu.Behave(connectionID, "succeeded", 10); err != nil {
		return nil, nil, err
	}
	ws, err := airbytecloud.NewWorkspace(emu.WorkspaceID, airbytecloud.WithAPIURL(emu.APIURL),
		airbytecloud.WithBearerToken(emu.APIKey), airbytecloud.WithPollInterval(5*time.Millisecond, 20*time.Millisecond))
	if err != nil {
		return nil, nil, err
	}
	var jobID int64
	for k := 0; k < 2; k++ {
		job, err := ws.RunSync(context.Background(), connectionID, nil)
		if err != nil {
			return nil, nil, err
		}
		jobID = job.ID()
		job.Close()
	}
	ctx := context.Background()
	cycle := func(i int) error {
		conn, err := ws.Connection(connectionID)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.Name(ctx); err != nil {
			return err
		}
		if _, err := conn.Streams(ctx); err != nil {
			return err
		}
		history, err := conn.History(ctx, 10, 0)
		if err != nil || len(history) != 2 {
			return fmt.Errorf("history %d, %v", len(history), err)
		}
		job, err := ws.Job(ctx, jobID)
		if err != nil {
			return err
		}
		_ = job.Info()
		job.Close()
		if _, err := ws.Job(ctx, 999999999); err == nil { // a 404 with its error detail
			return fmt.Errorf("unknown job found")
		}
		return nil
	}
	return cycle, func() { ws.Close() }, nil
}
