package postgres_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/internal/pgtest"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/postgres"
	"github.com/stepwisehq/stepwise/store/storetest"
)

func openBench(b *testing.B, opts postgres.Options) *postgres.Store {
	s, err := postgres.Open(b.Context(), pgtest.Start(b), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Close() })
	return s
}

// BenchmarkExecutionCommit commits steps of two events each, one step per
// transaction or 64 (the group commit); ns/step compares the two.
func BenchmarkExecutionCommit(b *testing.B) {
	storetest.BenchCommit(b, func(b *testing.B) store.Store { return openBench(b, postgres.Options{}) })
}

// BenchmarkExecutionCommitParallel commits one-step batches from 16
// goroutines at once, each on an execution of its own, through 16
// connections: PostgreSQL's own group commit, the load pgbench -c 16 puts.
func BenchmarkExecutionCommitParallel(b *testing.B) {
	const clients = 16
	s := openBench(b, postgres.Options{MaxConns: clients})
	all := storetest.BenchSteps(b, s, clients)
	var next atomic.Int32
	b.SetParallelism((clients + 1) / 2) // GOMAXPROCS × this goroutines; 16 on 2 cores
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := int(next.Add(1)-1) % clients
		steps := all[i : i+1]
		for pb.Next() {
			if err := s.ExecutionCommit(b.Context(), steps); err != nil {
				b.Error(err)
				return
			}
			storetest.AdvanceSteps(steps)
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
}

func BenchmarkHistoryGet(b *testing.B) {
	storetest.BenchHistoryGet(b, openBench(b, postgres.Options{}))
}

// BenchmarkPgbench runs PostgreSQL's own benchmark, TPC-B-like
// transactions (five statements each) from 16 clients for 10 s, on a new
// database of the same server, for the ratio of the figures above to what
// the server does. ns/op is per pgbench transaction (16 at a time).
//
//	pgbench -i -s 1 DSN && pgbench -c 16 -j 2 -T 10 DSN
func BenchmarkPgbench(b *testing.B) {
	pgbench, err := pgtest.Tool("pgbench")
	if err != nil {
		b.Skip(err)
	}
	dsn := pgtest.Start(b)
	run := func(args ...string) []byte {
		out, err := exec.CommandContext(b.Context(), pgbench, append(args, dsn)...).CombinedOutput()
		if err != nil {
			b.Fatalf("pgbench %v: %v\n%s", args, err, out)
		}
		return out
	}
	run("-i", "-q", "-s", "1")
	start := time.Now()
	out := run("-c", "16", "-j", "2", "-T", "10")
	tps, err := pgbenchTPS(out)
	if err != nil {
		b.Fatal(err)
	}
	// No loop: pgbench runs for its own 10 s, longer than any benchtime,
	// so the benchmark is called once (b.N == 1).
	b.ReportMetric(tps, "tps")
	b.ReportMetric(1e9/tps, "ns/op")
	b.Logf("pgbench -c 16 -j 2 -T 10: %.0f tps (ran %s)", tps, time.Since(start).Round(time.Second))
}

var tpsLine = regexp.MustCompile(`tps = ([0-9.]+) \(without initial connection time\)`)

// pgbenchTPS reads the throughput from pgbench's report.
func pgbenchTPS(out []byte) (float64, error) {
	m := tpsLine.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no tps in pgbench's output:\n%s", bytes.TrimSpace(out))
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

func TestPgbenchTPS(t *testing.T) {
	out := []byte("number of failed transactions: 0 (0.000%)\nlatency average = 8.9 ms\n" +
		"initial connection time = 12.345 ms\ntps = 1795.123456 (without initial connection time)\n")
	if tps, err := pgbenchTPS(out); err != nil || tps != 1795.123456 {
		t.Errorf("pgbenchTPS = %v, %v", tps, err)
	}
	if _, err := pgbenchTPS([]byte("pgbench: error: connection refused")); err == nil {
		t.Error("pgbenchTPS of an error succeeded")
	}
}
