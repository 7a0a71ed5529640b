package main

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/internal/sharedtest"
)

// conformanceFloor is the share of the recorded AWS cases that `stepwise
// run` must keep matching (status, output, error and cause). It is a
// ratchet: raise it as fidelity improves, never lower it to make a change
// pass.
const conformanceFloor = 0.95

// serveConformanceFloor is the same ratchet for `stepwise serve` in the
// harness' endpoint mode, which adds invalid definitions, API errors and
// TestState.
const serveConformanceFloor = 0.93

// sharedDir returns ../shared beside the repository, or skips the test
// when it or its conformance harness is absent.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir := sharedtest.Dir(t)
	if _, err := os.Stat(filepath.Join(dir, "conformance", "sfn_conformance.py")); err != nil {
		t.Skipf("recorded AWS cases not found at %s", dir)
	}
	return dir
}

// buildBinary builds the stepwise command into a temporary directory.
func buildBinary(t testing.TB) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stepwise")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

var closingLine = regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed`)

// TestConformanceRun replays the recorded AWS cases through `stepwise run`
// with the harness in ../shared/conformance and its fake Lambda.
func TestConformanceRun(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: replays hundreds of recorded executions")
	}
	shared := sharedDir(t)
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not installed")
	}
	bin := buildBinary(t)
	lambda := freePort(t)
	conf := filepath.Join(shared, "conformance")
	adapter := fmt.Sprintf("python3 %s --bin %s --lambda http://%s --jobs 4",
		filepath.Join(conf, "run_adapter.py"), bin, lambda)
	cmd := exec.Command("python3", filepath.Join(conf, "sfn_conformance.py"),
		"--cases", filepath.Join(conf, "cases"), "--adapter", adapter,
		"--fake-lambda", lambda, "--jobs", "4", "--timeout", "120")
	cmd.Env = append(os.Environ(), "STEPWISE_TIME_SCALE=0")
	checkHarness(t, cmd, "stepwise run", conformanceFloor)
}

// checkHarness runs the harness and checks its closing line against floor.
func checkHarness(t *testing.T, cmd *exec.Cmd, what string, floor float64) {
	t.Helper()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("harness: %v\n%s", err, out)
	}
	t.Logf("harness output:\n%s", tail(string(out), 60))
	m := closingLine.FindAllStringSubmatch(string(out), -1)
	if m == nil {
		t.Fatalf("no closing line in the harness output")
	}
	last := m[len(m)-1]
	passed, _ := strconv.Atoi(last[1])
	failed, _ := strconv.Atoi(last[2])
	rate := float64(passed) / float64(passed+failed)
	t.Logf("conformance (%s): %d passed, %d failed (%.1f%%)", what, passed, failed, 100*rate)
	if rate < floor {
		t.Errorf("conformance %.1f%% is below the floor of %.0f%%", 100*rate, 100*floor)
	}
}

// TestConformanceServe replays every recorded case through a real
// `stepwise serve` with the harness' endpoint mode and the AWS client.
func TestConformanceServe(t *testing.T) {
	if testing.Short() {
		t.Skip("slow: replays hundreds of recorded cases against a server")
	}
	shared := sharedDir(t)
	if err := exec.Command("python3", "-c", "import botocore").Run(); err != nil {
		t.Skip("python3 with botocore not installed")
	}
	bin := buildBinary(t)
	lambda := freePort(t)
	addr := freePort(t)
	srv := exec.Command(bin, "serve", "--addr", addr, "--data", t.TempDir(), "--time-scale", "0.01", "--log-level", "error")
	srv.Env = append(os.Environ(), "AWS_ENDPOINT_URL_LAMBDA=http://"+lambda)
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	waitListening(t, addr)
	conf := filepath.Join(shared, "conformance")
	cmd := exec.Command("python3", filepath.Join(conf, "sfn_conformance.py"),
		"--cases", filepath.Join(conf, "cases"), "--endpoint", "http://"+addr,
		"--fake-lambda", lambda, "--jobs", "6", "--timeout", "120")
	checkHarness(t, cmd, "stepwise serve", serveConformanceFloor)
}

func waitListening(t testing.TB, addr string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
	}
	t.Fatalf("nothing listens on %s", addr)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
