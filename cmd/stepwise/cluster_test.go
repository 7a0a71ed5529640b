package main

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/internal/pgtest"
)

// node is a `stepwise serve` process, one of several on one PostgreSQL.
type node struct {
	*server
	name string
	log  *lockedBuffer
}

type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

const clusterLease = "2s"

func startNode(t *testing.T, bin, dsn, name string) *node {
	t.Helper()
	n := &node{server: &server{t: t, bin: bin, addr: freePort(t)}, name: name, log: &lockedBuffer{}}
	n.cmd = exec.Command(bin, "serve", "--addr", n.addr, "--store", dsn, "--node", name,
		"--lease", clusterLease, "--time-scale", "1", "--log-level", "warn")
	n.cmd.Stdout, n.cmd.Stderr = n.log, n.log
	if err := n.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = n.cmd.Process.Kill(); _ = n.cmd.Wait() })
	waitListening(t, n.addr)
	return n
}

// The kinds of executions: one waits on a timer, one on an activity whose
// worker polls and answers through any node (a task handed to a worker
// whose answer is lost with a stalled node times out on its heartbeat and
// is retried, as on AWS), one runs a distributed Map.
const (
	clusterWait = `{"StartAt":"A","States":{
 "A":{"Type":"Pass","Next":"W"},
 "W":{"Type":"Wait","Seconds":2,"Next":"B"},
 "B":{"Type":"Pass","End":true}}}`
	clusterActivity = `{"StartAt":"A","States":{
 "A":{"Type":"Pass","Next":"T"},
 "T":{"Type":"Task","Resource":"%s","HeartbeatSeconds":3,"Next":"B",
  "Retry":[{"ErrorEquals":["States.Timeout"],"IntervalSeconds":1,"MaxAttempts":5}]},
 "B":{"Type":"Pass","End":true}}}`
	// clusterMap's iterations are child executions, driven by the node
	// that drives their parent.
	clusterMap = `{"StartAt":"A","States":{
 "A":{"Type":"Pass","Result":[1,2,3],"Next":"M"},
 "M":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},
  "StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"End":true}}},"Next":"B"},
 "B":{"Type":"Pass","End":true}}}`
)

// TestThreeNodes: three nodes on one database take executions started
// round-robin across them; one is SIGKILLed mid-run and one SIGSTOPped past
// its lease. Every acknowledged execution completes exactly once, driven
// by whichever node took it over, and the stalled node, once resumed,
// finds its lease lost and commits nothing for the executions it lost.
func TestThreeNodes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL and three servers")
	}
	dsn := pgtest.Start(t)
	bin := buildBinary(t)
	var out, errOut strings.Builder
	if code := cmdMigrate([]string{"--store", dsn}, &out, &errOut); code != 0 {
		t.Fatalf("migrate: %d %s", code, errOut.String())
	}
	nodes := []*node{startNode(t, bin, dsn, "n0"), startNode(t, bin, dsn, "n1"), startNode(t, bin, dsn, "n2")}
	survivor := nodes[2]
	role := "arn:aws:iam::123456789012:role/r"
	act, err := survivor.call("CreateActivity", map[string]any{"name": "work"})
	if err != nil {
		t.Fatal(err)
	}
	actArn := act["activityArn"].(string)
	var machines []string
	for i, def := range []string{clusterWait, fmt.Sprintf(clusterActivity, actArn), clusterMap} {
		sm, err := survivor.call("CreateStateMachine", map[string]any{"name": fmt.Sprint("c", i), "definition": def, "roleArn": role})
		if err != nil {
			t.Fatal(err)
		}
		machines = append(machines, sm["stateMachineArn"].(string))
	}
	stopWorkers := workActivity(t, nodes, actArn)
	defer stopWorkers()

	acked := startRoundRobin(t, nodes, machines, func() {
		time.Sleep(time.Second)
		nodes[0].kill()
		time.Sleep(500 * time.Millisecond)
		_ = nodes[1].cmd.Process.Signal(syscall.SIGSTOP)
		time.Sleep(5 * time.Second) // well past the 2 s lease
		_ = nodes[1].cmd.Process.Signal(syscall.SIGCONT)
	})
	t.Logf("%d executions acknowledged", len(acked))
	if len(acked) < 30 {
		t.Fatalf("only %d executions acknowledged", len(acked))
	}
	t.Cleanup(func() {
		if t.Failed() {
			for _, n := range nodes {
				t.Logf("log of %s:\n%s", n.name, n.log.String())
			}
			t.Logf("leases: %s", psqlText(dsn, `SELECT node, epoch, lease_until FROM stepwise_leases`))
			t.Logf("running: %s", psqlText(dsn, `SELECT arn, owner, epoch, last_event_id FROM stepwise_executions WHERE status = 'RUNNING'`))
		}
	})
	for _, arn := range acked {
		checkHistoryOnce(t, survivor.server, arn, 3) // every workflow here has three states
	}
	checkMapChildren(t, survivor.server, acked)
	if !strings.Contains(nodes[1].log.String(), "lease lost") {
		t.Errorf("the stalled node did not find its lease lost; its log:\n%s", nodes[1].log.String())
	}
}

// startRoundRobin starts executions of the machines, from three clients
// round-robin across the nodes, while disrupt runs; it returns the ARNs
// acknowledged.
func startRoundRobin(t *testing.T, nodes []*node, machines []string, disrupt func()) []string {
	var mu sync.Mutex
	var acked []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for c := range 3 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
				n := nodes[(c+i)%len(nodes)]
				out, err := n.callWithin(time.Second, "StartExecution", map[string]any{
					"stateMachineArn": machines[i%len(machines)], "name": fmt.Sprintf("c%d-%d", c, i), "input": "{}"})
				if err == nil {
					mu.Lock()
					acked = append(acked, out["executionArn"].(string))
					mu.Unlock()
				}
			}
		})
	}
	disrupt()
	time.Sleep(time.Second)
	close(stop)
	wg.Wait()
	return acked
}

// workActivity runs two activity workers that poll through one node and
// answer through another, round-robin.
func workActivity(t *testing.T, nodes []*node, actArn string) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := w; ; i++ {
				select {
				case <-done:
					return
				default:
				}
				task, err := nodes[i%3].callWithin(5*time.Second, "GetActivityTask",
					map[string]any{"activityArn": actArn, "workerName": fmt.Sprint("w", w)})
				token, _ := task["taskToken"].(string)
				if err != nil || token == "" {
					continue
				}
				for j := i + 1; j < i+1+3*len(nodes); j++ { // answer through the next node that responds
					if _, err := nodes[j%3].callWithin(time.Second, "SendTaskSuccess",
						map[string]any{"taskToken": token, "output": `{"done":true}`}); err == nil {
						break
					}
				}
			}
		})
	}
	return func() { close(done); wg.Wait() }
}

// psqlText runs a query with psql, for a failing test's report.
func psqlText(dsn, query string) string {
	out, err := exec.Command("psql", dsn, "-At", "-c", query).CombinedOutput()
	if err != nil {
		return fmt.Sprintf("psql: %v: %s", err, out)
	}
	return string(out)
}

// checkMapChildren checks the child executions of the acknowledged
// executions' Map Runs: three each, every one succeeded exactly once.
func checkMapChildren(t *testing.T, srv *server, acked []string) {
	t.Helper()
	runs := 0
	for _, arn := range acked {
		out, err := srv.call("ListMapRuns", map[string]any{"executionArn": arn})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range out["mapRuns"].([]any) {
			runs++
			run := r.(map[string]any)["mapRunArn"].(string)
			kids, err := srv.call("ListExecutions", map[string]any{"mapRunArn": run})
			if err != nil {
				t.Fatal(err)
			}
			if n := len(kids["executions"].([]any)); n != 3 {
				t.Errorf("%s: %d children, want 3", run, n)
			}
			for _, k := range kids["executions"].([]any) {
				checkHistoryOnce(t, srv, k.(map[string]any)["executionArn"].(string), 1)
			}
		}
	}
	if runs == 0 {
		t.Error("no Map Run among the acknowledged executions")
	}
}
