package pgtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRunsAsNonRoot(t *testing.T) {
	conn := connect(t, Start(t))
	var pid int
	if err := conn.QueryRow(t.Context(), "SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(fmt.Sprintf("/proc/%d", pid))
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	if uid := ownerUID(fi); uid == 0 {
		t.Errorf("the server runs as root")
	}
}

func ownerUID(fi os.FileInfo) uint32 { return fi.Sys().(*syscall.Stat_t).Uid }

// TestServerDiesWithProcess runs a test binary that starts a server and
// exits without stopping it: the server must end with it, and the next run
// removes the directory it left.
func TestServerDiesWithProcess(t *testing.T) {
	if os.Getenv("PGTEST_CHILD") != "" {
		s, err := shared()
		if err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("server", s.cmd.Process.Pid, s.dir)
		os.Exit(0) // no Stop, no cleanup
	}
	if _, err := findBins(libRoot, lookPath); err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServerDiesWithProcess$")
	cmd.Env = append(os.Environ(), "PGTEST_CHILD=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	var pid int
	var dir string
	if _, err := fmt.Sscanf(string(out), "server %d %s", &pid, &dir); err != nil {
		t.Fatalf("child said %q: %v", out, err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for processRuns(pid) {
		if time.Now().After(deadline) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("the server (pid %d) outlived its test process", pid)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("the child's server directory: %v", err)
	}
	reapLeftovers(filepath.Dir(dir))
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the directory of a dead test process is still there: %v", err)
	}
}

// processRuns reports whether a process exists and is not a zombie (a container
// may have no init to reap an orphan).
func processRuns(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	_, rest, _ := strings.Cut(string(stat), ") ")
	return !strings.HasPrefix(rest, "Z")
}

func TestRunAs(t *testing.T) {
	acct, err := runAs()
	if err != nil {
		t.Fatal(err)
	}
	if (os.Geteuid() == 0) != (acct != nil) {
		t.Fatalf("runAs() = %+v as uid %d", acct, os.Geteuid())
	}
	if acct != nil && acct.uid == 0 {
		t.Error("runAs() chose root")
	}
	dir, err := makeDir(os.TempDir(), acct)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if !strings.HasPrefix(filepath.Base(dir), fmt.Sprintf("%s%d-", dirPrefix, os.Getpid())) {
		t.Errorf("makeDir() = %s; not named after this process", dir)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := uint32(os.Geteuid()); acct != nil && ownerUID(fi) != acct.uid || acct == nil && ownerUID(fi) != want {
		t.Errorf("the server directory belongs to uid %d", ownerUID(fi))
	}
}
