package lambda

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/internal/sharedtest"
)

// TestHarnessFakeLambda replays the corpus' recorded invocations against the
// conformance harness's own fake Lambda (python3 sfn_conformance.py
// --fake-lambda-only), the server the engine meets in conformance runs.
func TestHarnessFakeLambda(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a Python process")
	}
	t.Parallel()
	shared := sharedtest.Dir(t)
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	endpoint := startHarnessFake(t, python, filepath.Join(shared, "conformance", "sfn_conformance.py"))
	// The harness's fake ignores LogType, so it never sends X-Amz-Log-Result.
	calls := slices.DeleteFunc(corpusCalls(t), func(c recordedCall) bool {
		return sharedtest.Get(c.req.Input, "LogType") == "Tail"
	})
	// Three rounds on kept-alive connections: the Python server answers fast
	// enough to expose the SDK's request-body race (see awsclient.WithoutWriteTo).
	replayCalls(t, endpoint, slices.Concat(calls, calls, calls))
}

// startHarnessFake runs the harness's fake Lambda on a free loopback port
// until the test ends, and returns its URL.
func startHarnessFake(t *testing.T, python, script string) string {
	t.Helper()
	addr := freeLoopbackAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, python, script, "--fake-lambda-only", "--fake-lambda", addr)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		cancel()
		t.Skipf("cannot start the harness: %v", err)
	}
	t.Cleanup(func() {
		cancel() // kills the process this test started
		_ = cmd.Wait()
	})
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "fake Lambda serving") {
				ready <- true
				return
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatal("the harness's fake Lambda did not start")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the harness's fake Lambda did not start within 30s")
	}
	return "http://" + addr
}

func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprintf("127.0.0.1:%d", l.Addr().(*net.TCPAddr).Port)
}
