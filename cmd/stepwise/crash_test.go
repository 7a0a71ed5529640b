package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// server is a `stepwise serve` process under test.
type server struct {
	t    *testing.T
	bin  string
	data string
	addr string
	cmd  *exec.Cmd
}

func startServer(t *testing.T, bin, data, addr string) *server {
	t.Helper()
	s := &server{t: t, bin: bin, data: data, addr: addr}
	s.start()
	return s
}

func (s *server) start() {
	s.t.Helper()
	s.cmd = exec.Command(s.bin, "serve", "--addr", s.addr, "--data", s.data, "--time-scale", "0.05", "--log-level", "error")
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, err := s.call("ListStateMachines", map[string]any{}); err == nil {
			return
		}
	}
	s.t.Fatal("server did not start")
}

// kill SIGKILLs the server: nothing it had not committed survives.
func (s *server) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	_ = s.cmd.Wait()
}

var client = &http.Client{Timeout: 10 * time.Second}

// call invokes an API action and decodes its JSON answer.
func (s *server) call(action string, in any) (map[string]any, error) {
	return s.callWith(client, action, in)
}

// callWithin is call with a timeout of its own.
func (s *server) callWithin(timeout time.Duration, action string, in any) (map[string]any, error) {
	return s.callWith(&http.Client{Timeout: timeout}, action, in)
}

func (s *server) callWith(c *http.Client, action string, in any) (map[string]any, error) {
	body, _ := json.Marshal(in)
	req, _ := http.NewRequest("POST", "http://"+s.addr+"/", bytes.NewReader(body))
	req.Header.Set("X-Amz-Target", "AWSStepFunctions."+action)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return out, fmt.Errorf("%s: HTTP %d: %v", action, resp.StatusCode, out)
	}
	return out, nil
}

const crashDefinition = `{"StartAt":"P0","States":{
 "P0":{"Type":"Pass","Result":0,"ResultPath":"$.p0","Next":"P1"},
 "P1":{"Type":"Pass","Result":1,"ResultPath":"$.p1","Next":"W"},
 "W":{"Type":"Wait","Seconds":2,"Next":"P2"},
 "P2":{"Type":"Pass","Result":2,"ResultPath":"$.p2","Next":"P3"},
 "P3":{"Type":"Pass","End":true}}}`

// TestCrashRecovery starts executions under load, SIGKILLs the server
// several times and restarts it on the same data; every acknowledged
// execution must complete exactly once.
func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: kills and restarts a server")
	}
	bin := buildBinary(t)
	srv := startServer(t, bin, t.TempDir(), freePort(t))
	defer srv.kill()
	sm, err := srv.call("CreateStateMachine", map[string]any{"name": "crash", "definition": crashDefinition,
		"roleArn": "arn:aws:iam::123456789012:role/r"})
	if err != nil {
		t.Fatal(err)
	}
	acked := startUnderLoad(t, srv, sm["stateMachineArn"].(string))
	if len(acked) < 20 {
		t.Fatalf("only %d executions acknowledged", len(acked))
	}
	t.Logf("%d executions acknowledged across 3 SIGKILLs", len(acked))
	for _, arn := range acked {
		checkCompletedOnce(t, srv, arn)
	}
}

// startUnderLoad starts executions from 4 clients while the server is
// killed and restarted three times; it returns the acknowledged ARNs.
func startUnderLoad(t *testing.T, srv *server, sm string) []string {
	var mu sync.Mutex
	var acked []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for c := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				out, err := srv.call("StartExecution", map[string]any{"stateMachineArn": sm, "name": fmt.Sprintf("c%d-%d", c, i), "input": "{}"})
				if err == nil {
					mu.Lock()
					acked = append(acked, out["executionArn"].(string))
					mu.Unlock()
				}
			}
		}()
	}
	for range 3 {
		time.Sleep(700 * time.Millisecond)
		srv.kill()
		time.Sleep(100 * time.Millisecond)
		srv.start()
	}
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	return acked
}

// checkCompletedOnce waits for an execution to succeed and checks its
// history: contiguous ids, every state entered and exited exactly once.
func checkCompletedOnce(t *testing.T, srv *server, arn string) {
	t.Helper()
	types := checkHistoryOnce(t, srv, arn, 5)
	want := "ExecutionStarted PassStateEntered PassStateExited PassStateEntered PassStateExited WaitStateEntered WaitStateExited PassStateEntered PassStateExited PassStateEntered PassStateExited ExecutionSucceeded"
	if got := strings.Join(types, " "); got != want {
		t.Fatalf("%s history:\n got %s\nwant %s", arn, got, want)
	}
}

// checkHistoryOnce waits (up to a minute) for an execution to succeed and
// checks its history: contiguous event ids, each of its states entered
// exactly once. It returns the event types.
func checkHistoryOnce(t *testing.T, srv *server, arn string, states int) []string {
	t.Helper()
	var d map[string]any
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		var err error
		if d, err = srv.call("DescribeExecution", map[string]any{"executionArn": arn}); err != nil {
			t.Fatalf("%s: %v", arn, err)
		}
		if d["status"] != "RUNNING" {
			break
		}
	}
	if d["status"] != "SUCCEEDED" {
		t.Fatalf("%s ended %v: %v %v", arn, d["status"], d["error"], d["cause"])
	}
	h, err := srv.call("GetExecutionHistory", map[string]any{"executionArn": arn, "maxResults": 1000})
	if err != nil {
		t.Fatal(err)
	}
	entered := map[string]int{}
	var types []string
	for i, raw := range h["events"].([]any) {
		e := raw.(map[string]any)
		if int(e["id"].(float64)) != i+1 {
			t.Fatalf("%s: event %d has id %v", arn, i+1, e["id"])
		}
		typ := e["type"].(string)
		types = append(types, typ)
		if strings.HasSuffix(typ, "StateEntered") {
			entered[e["stateEnteredEventDetails"].(map[string]any)["name"].(string)]++
		}
	}
	for name, n := range entered {
		if n != 1 {
			t.Errorf("%s: state %s entered %d times: %s", arn, name, n, strings.Join(types, " "))
		}
	}
	if len(entered) != states || types[len(types)-1] != "ExecutionSucceeded" {
		t.Errorf("%s history: %s", arn, strings.Join(types, " "))
	}
	return types
}
