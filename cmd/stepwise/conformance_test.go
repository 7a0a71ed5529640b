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
)

// conformanceFloor is the share of the recorded AWS cases that `stepwise
// run` must keep matching (status, output, error and cause). It is a
// ratchet: raise it as fidelity improves, never lower it to make a change
// pass.
const conformanceFloor = 0.80

// sharedDir returns ../shared beside the repository, or skips the test.
func sharedDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", "shared"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "conformance", "sfn_conformance.py")); err != nil {
		t.Skipf("recorded AWS cases not found at %s", dir)
	}
	return dir
}

// buildBinary builds the stepwise command into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stepwise")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

func freePort(t *testing.T) string {
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
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("harness: %v\n%s", err, out)
	}
	t.Logf("harness output:\n%s", tail(string(out), 80))
	m := closingLine.FindAllStringSubmatch(string(out), -1)
	if m == nil {
		t.Fatalf("no closing line in the harness output")
	}
	last := m[len(m)-1]
	passed, _ := strconv.Atoi(last[1])
	failed, _ := strconv.Atoi(last[2])
	rate := float64(passed) / float64(passed+failed)
	t.Logf("conformance (stepwise run): %d passed, %d failed (%.1f%%)", passed, failed, 100*rate)
	if rate < conformanceFloor {
		t.Errorf("conformance %.1f%% is below the floor of %.0f%%", 100*rate, 100*conformanceFloor)
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
