package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/stepwisehq/stepwise/internal/bench"
)

// cmdBench runs the load generator: named scenarios over the real API
// against in-process servers (or --endpoint), printing throughput,
// latency percentiles and allocations per operation.
func cmdBench(args []string, stdout, stderr io.Writer) int {
	opts, asJSON, err := parseBenchFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "stepwise bench: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	rep, err := bench.Run(ctx, opts)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise bench: %v\n", err)
		return 2
	}
	if asJSON {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "stepwise bench: %v\n", err)
		return 1
	}
	if rep.Failed() {
		return 1
	}
	return 0
}

// parseBenchFlags reads bench's flags into options.
func parseBenchFlags(args []string, stderr io.Writer) (bench.Options, bool, error) {
	var opts bench.Options
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	scenarios := fs.String("scenario", "all", "scenarios to run: a comma-separated list, or all")
	fs.IntVar(&opts.Clients, "clients", 16, "concurrent clients")
	fs.DurationVar(&opts.Duration, "duration", 0, "length of each load phase (default 5s unless --count is set)")
	fs.IntVar(&opts.Count, "count", 0, "operations per load phase, instead of --duration")
	fs.IntVar(&opts.Rounds, "rounds", 1, "run the scenarios this many times, one after the other, and report the median round")
	fs.StringVar(&opts.Endpoint, "endpoint", "", "a running server to drive (http://host:port; a comma-separated list: nodes of one cluster, called round-robin); default: in-process servers")
	fs.StringVar(&opts.Data, "data", "", "directory for the temporary data (default: the system's temp dir)")
	fs.Float64Var(&opts.TimeScale, "time-scale", 0.01, "scale of idle waits in wait-heavy (the in-process server's; with --endpoint, the server's)")
	fs.IntVar(&opts.Waiting, "waiting", 10000, "executions that idle-waiting leaves waiting")
	fs.IntVar(&opts.StartupWith, "startup-with", 0, "measure startup with N stored executions (adds the startup scenario to all)")
	fs.StringVar(&opts.CPUProfile, "cpuprofile", "", "write a CPU profile of each scenario to PREFIX.<scenario>.pprof")
	fs.StringVar(&opts.MemProfile, "memprofile", "", "write the live heap at each scenario's end to PREFIX.<scenario>.pprof")
	asJSON := fs.Bool("json", false, "print the figures as JSON")
	quiet := fs.Bool("quiet", false, "print no progress lines on stderr")
	fs.Usage = func() { benchUsage(fs) }
	if err := fs.Parse(args); err != nil {
		return opts, false, err
	}
	if fs.NArg() > 0 {
		return opts, false, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if opts.Clients <= 0 || opts.Rounds <= 0 || opts.Count < 0 || opts.Duration < 0 || opts.TimeScale < 0 {
		return opts, false, errors.New("--clients and --rounds must be positive; --count, --duration and --time-scale must not be negative")
	}
	opts.Scenarios = strings.Split(*scenarios, ",")
	if _, err := bench.Select(opts.Scenarios, opts.StartupWith > 0); err != nil {
		return opts, false, err
	}
	if !*quiet {
		opts.Progress = stderr
	}
	return opts, *asJSON, nil
}

func benchUsage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintln(w, "usage: stepwise bench [flags]\n\nscenarios:")
	for _, s := range bench.Names() {
		fmt.Fprintf(w, "  %-15s %s\n", s[0], s[1])
	}
	fmt.Fprintln(w, "\nflags:")
	fs.PrintDefaults()
}
