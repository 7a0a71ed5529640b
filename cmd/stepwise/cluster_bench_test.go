package main

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/internal/bench"
	"github.com/stepwisehq/stepwise/internal/pgtest"
)

// BenchmarkNodes measures durable state transitions per second with 1, 2
// and 3 `stepwise serve` nodes on one local PostgreSQL (a new database
// each), 16 clients calling the nodes round-robin (the durable-pass
// scenario of `stepwise bench`: STANDARD executions of a 10-state Pass
// chain), and pgbench's TPS on the same server in the same run, for the
// ratio. It runs once, whatever -benchtime says:
//
//	go test ./cmd/stepwise -run XXX -bench Nodes -benchtime 1x
func BenchmarkNodes(b *testing.B) {
	pgbench, err := pgtest.Tool("pgbench")
	if err != nil {
		b.Skip(err)
	}
	bin := buildBinary(b)
	tps := pgbenchOnce(b, pgbench)
	b.ReportMetric(tps, "pgbench-tps")
	for n := 1; n <= 3; n++ {
		rate := nodesRate(b, bin, n)
		b.ReportMetric(rate, fmt.Sprintf("transitions/s-%dnodes", n))
		b.ReportMetric(rate/tps, fmt.Sprintf("x-pgbench-%dnodes", n))
		b.Logf("%d node(s): %.0f transitions/s, %.2f× pgbench's %.0f tps", n, rate, rate/tps, tps)
	}
}

var benchTPS = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

// pgbenchOnce runs TPC-B-like pgbench from 16 clients for 10 s on a new
// database: pgbench -i -s 1 DSN && pgbench -c 16 -j 2 -T 10 DSN.
func pgbenchOnce(b *testing.B, pgbench string) float64 {
	dsn := pgtest.Start(b)
	var out []byte
	for _, args := range [][]string{{"-i", "-q", "-s", "1"}, {"-c", "16", "-j", "2", "-T", "10"}} {
		var err error
		if out, err = exec.CommandContext(b.Context(), pgbench, append(args, dsn)...).CombinedOutput(); err != nil {
			b.Fatalf("pgbench %v: %v\n%s", args, err, out)
		}
	}
	m := benchTPS.FindSubmatch(out)
	if m == nil {
		b.Fatalf("no tps in pgbench's output:\n%s", out)
	}
	tps, _ := strconv.ParseFloat(string(m[1]), 64)
	return tps
}

// nodesRate starts n nodes on a new database and drives durable-pass
// through all of them for 10 s.
func nodesRate(b *testing.B, bin string, n int) float64 {
	dsn := pgtest.Start(b)
	var endpoints []string
	for i := range n {
		addr := freePort(b)
		cmd := exec.Command(bin, "serve", "--addr", addr, "--store", dsn, "--node", fmt.Sprint("b", i),
			"--log-level", "error")
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		waitListening(b, addr)
		endpoints = append(endpoints, "http://"+addr)
	}
	rep, err := bench.Run(b.Context(), bench.Options{Scenarios: []string{"durable-pass"}, Clients: 16,
		Duration: 10 * time.Second, Endpoint: strings.Join(endpoints, ",")})
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range rep.Results[len(rep.Results)-1].Figures {
		if f.Name == "state transitions per second" {
			return f.Value
		}
	}
	b.Fatalf("no transitions in the report: %+v", rep.Results)
	return 0
}

// BenchmarkTakeover measures how long the surviving node takes to own
// every execution of a node killed with SIGKILL: 1,000 executions waiting
// in a Wait state on node a, leases of 2 s, node b claiming. It reports
// the time from the kill and its ratio to the lease. Once:
//
//	go test ./cmd/stepwise -run XXX -bench Takeover -benchtime 1x
func BenchmarkTakeover(b *testing.B) {
	dsn := pgtest.Start(b)
	bin := buildBinary(b)
	const lease, count = 2 * time.Second, 1000
	start := func(name string) (*exec.Cmd, *server) {
		addr := freePort(b)
		cmd := exec.Command(bin, "serve", "--addr", addr, "--store", dsn, "--node", name,
			"--lease", lease.String(), "--log-level", "error")
		if err := cmd.Start(); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
		waitListening(b, addr)
		return cmd, &server{addr: addr}
	}
	a, sa := start("a")
	_, _ = start("b")
	sm, err := sa.call("CreateStateMachine", map[string]any{"name": "w", "roleArn": "arn:aws:iam::123456789012:role/r",
		"definition": `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":3600,"End":true}}}`})
	if err != nil {
		b.Fatal(err)
	}
	for i := range count {
		if _, err := sa.call("StartExecution", map[string]any{"stateMachineArn": sm["stateMachineArn"], "name": fmt.Sprint("x", i)}); err != nil {
			b.Fatal(err)
		}
	}
	_ = a.Process.Kill()
	killed := time.Now()
	owned := func() int {
		n, _ := strconv.Atoi(strings.TrimSpace(psqlText(dsn,
			`SELECT count(*) FROM stepwise_executions WHERE status = 'RUNNING' AND owner = 'b'`)))
		return n
	}
	for owned() < count {
		if time.Since(killed) > time.Minute {
			b.Fatalf("node b owns %d of %d executions a minute after the kill", owned(), count)
		}
		time.Sleep(20 * time.Millisecond)
	}
	took := time.Since(killed)
	b.ReportMetric(took.Seconds(), "takeover-s")
	b.ReportMetric(took.Seconds()/lease.Seconds(), "x-lease")
	b.Logf("%d executions taken over %s after the kill (lease %s): %.2f× the lease", count, took.Round(time.Millisecond), lease, took.Seconds()/lease.Seconds())
}
