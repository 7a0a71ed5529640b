package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

func TestMain(m *testing.M) { Main(m) }

func connect(t *testing.T, dsn string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(t.Context(), dsn)
	if err != nil {
		t.Fatalf("connect %s: %v", dsn, err)
	}
	t.Cleanup(func() { _ = conn.Close(context.Background()) })
	return conn
}

func show(t *testing.T, conn *pgx.Conn, setting string) string {
	t.Helper()
	var v string
	if err := conn.QueryRow(t.Context(), "SHOW "+setting).Scan(&v); err != nil {
		t.Fatalf("SHOW %s: %v", setting, err)
	}
	return v
}

func TestStartSettings(t *testing.T) {
	conn := connect(t, Start(t))
	for setting, want := range map[string]string{
		"fsync": "on", "synchronous_commit": "on", "listen_addresses": "127.0.0.1",
		"server_encoding": "UTF8", "lc_collate": "C",
	} {
		if got := show(t, conn, setting); got != want {
			t.Errorf("SHOW %s = %q, want %q", setting, got, want)
		}
	}
	if dir := show(t, conn, "unix_socket_directories"); !strings.Contains(filepath.Base(dir), dirPrefix) {
		t.Errorf("unix socket directory %q is not the server's own", dir)
	}
	var super bool
	if err := conn.QueryRow(t.Context(), "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").Scan(&super); err != nil || !super {
		t.Errorf("the DSN's role is not a superuser: %v %v", super, err)
	}
}

func TestStartFreshDatabases(t *testing.T) {
	a, b := Start(t), Start(t)
	if a == b {
		t.Fatalf("two Starts gave the same DSN %s", a)
	}
	ca, cb := connect(t, a), connect(t, b)
	if _, err := ca.Exec(t.Context(), "CREATE TABLE only_in_a (x int)"); err != nil {
		t.Fatal(err)
	}
	var n int
	err := cb.QueryRow(t.Context(), "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'").Scan(&n)
	if err != nil || n != 0 {
		t.Errorf("a table of one database is seen in another: %d, %v", n, err)
	}
	var db string
	if err := ca.QueryRow(t.Context(), "SELECT current_database()").Scan(&db); err != nil || !strings.HasPrefix(db, "test_") {
		t.Errorf("current_database() = %q, %v", db, err)
	}
}

// TestDatabaseDroppedAtCleanup checks that a test's database goes when the
// test ends, from another test on the same server.
func TestDatabaseDroppedAtCleanup(t *testing.T) {
	var name string
	t.Run("user", func(t *testing.T) {
		conn := connect(t, Start(t))
		if err := conn.QueryRow(t.Context(), "SELECT current_database()").Scan(&name); err != nil {
			t.Fatal(err)
		}
		// The test's connection is still open when the database is
		// dropped: the drop forces it closed.
	})
	if name == "" {
		t.Skip("the subtest skipped")
	}
	conn := connect(t, Start(t))
	var n int
	if err := conn.QueryRow(t.Context(), "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("database %s of an ended test still exists", name)
	}
}

func TestFindBins(t *testing.T) {
	root := t.TempDir()
	mk := func(dir string, names ...string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\n"), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	noPath := func(string) (string, error) { return "", exec.ErrNotFound }
	if _, err := findBins(filepath.Join(root, "none"), noPath); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("findBins without an installation = %v, want ErrNotInstalled", err)
	}
	lib := filepath.Join(root, "lib")
	mk(filepath.Join(lib, "9.6", "bin"), "initdb", "postgres")
	mk(filepath.Join(lib, "15", "bin"), "initdb", "postgres", "pgbench")
	mk(filepath.Join(lib, "16", "bin"), "initdb") // incomplete: skipped
	mk(filepath.Join(lib, "latest", "bin"), "initdb", "postgres")
	b, err := findBins(lib, noPath)
	if err != nil || b.dir != filepath.Join(lib, "15", "bin") {
		t.Errorf("findBins = %+v, %v; want version 15", b, err)
	}
	if p, err := b.tool("pgbench"); err != nil || p != filepath.Join(b.dir, "pgbench") {
		t.Errorf("tool(pgbench) = %q, %v", p, err)
	}

	// From PATH, through a symbolic link, to the installation's directory.
	inst := filepath.Join(root, "inst")
	mk(inst, "initdb", "postgres")
	link := filepath.Join(root, "path", "initdb")
	mk(filepath.Dir(link))
	if err := os.Symlink(filepath.Join(inst, "initdb"), link); err != nil {
		t.Fatal(err)
	}
	look := func(name string) (string, error) {
		if name == "initdb" {
			return link, nil
		}
		return "", exec.ErrNotFound
	}
	if b, err := findBins(filepath.Join(root, "none"), look); err != nil || b.postgres != filepath.Join(inst, "postgres") {
		t.Errorf("findBins through PATH = %+v, %v", b, err)
	}
	// initdb in PATH but postgres elsewhere in PATH.
	lone := filepath.Join(root, "lone")
	mk(lone, "initdb")
	look = func(name string) (string, error) { return filepath.Join(lone, name), nil }
	if b, err := findBins(filepath.Join(root, "none"), look); err != nil || b.postgres != filepath.Join(lone, "postgres") {
		t.Errorf("findBins with programs apart = %+v, %v", b, err)
	}
	look = func(name string) (string, error) {
		if name == "initdb" {
			return filepath.Join(lone, name), nil
		}
		return "", exec.ErrNotFound
	}
	if _, err := findBins(filepath.Join(root, "none"), look); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("findBins without postgres = %v, want ErrNotInstalled", err)
	}
}

func TestParseVersion(t *testing.T) {
	for _, tc := range []struct {
		name string
		want []int
		ok   bool
	}{
		{"15", []int{15}, true},
		{"9.6", []int{9, 6}, true},
		{"10.1.2", []int{10, 1, 2}, true},
		{"", nil, false},
		{"latest", nil, false},
		{"15beta", nil, false},
		{"-1", nil, false},
		{"1..2", nil, false},
	} {
		got, ok := parseVersion(tc.name)
		if ok != tc.ok || !slices.Equal(got, tc.want) {
			t.Errorf("parseVersion(%q) = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

func TestVersionDirsNewestFirst(t *testing.T) {
	root := t.TempDir()
	for _, v := range []string{"9.6", "16", "10", "doc", "15"} {
		if err := os.MkdirAll(filepath.Join(root, v), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, d := range versionDirs(root) {
		got = append(got, filepath.Base(filepath.Dir(d)))
	}
	if want := []string{"16", "15", "10", "9.6"}; !slices.Equal(got, want) {
		t.Errorf("versionDirs = %v, want %v", got, want)
	}
	if versionDirs(filepath.Join(root, "missing")) != nil {
		t.Error("versionDirs of a missing directory is not empty")
	}
}

func TestReapLeftovers(t *testing.T) {
	tmp := t.TempDir()
	dead := deadPID(t)
	keep := []string{
		fmt.Sprintf("%s%d-1", dirPrefix, os.Getpid()), // this process's
		fmt.Sprintf("%s%d-2", dirPrefix, os.Getppid()),
		dirPrefix + "notapid-3",
		"other-dir",
	}
	gone := fmt.Sprintf("%s%d-4", dirPrefix, dead)
	for _, d := range append([]string{gone}, keep...) {
		if err := os.MkdirAll(filepath.Join(tmp, d, "data"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	reapLeftovers(tmp)
	if _, err := os.Stat(filepath.Join(tmp, gone)); !os.IsNotExist(err) {
		t.Errorf("the directory of a dead process is still there: %v", err)
	}
	for _, d := range keep {
		if _, err := os.Stat(filepath.Join(tmp, d)); err != nil {
			t.Errorf("%s was removed: %v", d, err)
		}
	}
}

// deadPID returns the id of a process that has exited.
func deadPID(t *testing.T) int {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skipf("cannot run true: %v", err)
	}
	return cmd.Process.Pid
}

func TestAlive(t *testing.T) {
	if !alive(os.Getpid()) {
		t.Error("alive(self) = false")
	}
	if alive(0) || alive(-5) {
		t.Error("alive of a non-positive pid")
	}
	if alive(deadPID(t)) {
		t.Error("alive of an exited process")
	}
}

func TestToolMissing(t *testing.T) {
	b := bins{dir: t.TempDir()}
	old := lookPath
	lookPath = func(string) (string, error) { return "", exec.ErrNotFound }
	defer func() { lookPath = old }()
	if _, err := b.tool("no-such-program"); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("tool of a missing program = %v, want ErrNotInstalled", err)
	}
}

func TestTool(t *testing.T) {
	p, err := Tool("pgbench")
	if errors.Is(err, ErrNotInstalled) {
		t.Skip(err)
	}
	if err != nil || filepath.Base(p) != "pgbench" {
		t.Errorf("Tool(pgbench) = %q, %v", p, err)
	}
}

func TestStopWithoutServerAndRestart(t *testing.T) {
	dsn := Start(t)
	conn := connect(t, dsn)
	_ = conn.Close(t.Context())
	if err := Stop(); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if err := Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	// A new server for the next Start.
	connect(t, Start(t))
}

func TestStartSkipsWhenNotInstalled(t *testing.T) {
	if err := Stop(); err != nil {
		t.Fatal(err)
	}
	oldRoot, oldLook := libRoot, lookPath
	libRoot = filepath.Join(t.TempDir(), "none")
	lookPath = func(string) (string, error) { return "", exec.ErrNotFound }
	defer func() { libRoot, lookPath = oldRoot, oldLook }()
	var skipped bool
	t.Run("start", func(t *testing.T) {
		defer func() { skipped = t.Skipped() }()
		Start(t)
		t.Error("Start did not skip")
	})
	if !skipped {
		t.Error("Start without PostgreSQL did not skip the test")
	}
	if _, err := Tool("pgbench"); !errors.Is(err, ErrNotInstalled) {
		t.Errorf("Tool without PostgreSQL = %v, want ErrNotInstalled", err)
	}
}

// TestLaunchOnTakenPort: a server that cannot listen on its port reports
// errPortTaken, for startServer to try another.
func TestLaunchOnTakenPort(t *testing.T) {
	b, err := findBins(libRoot, lookPath)
	if err != nil {
		t.Skip(err)
	}
	acct, err := runAs()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := makeDir(os.TempDir(), acct)
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := initdb(t.Context(), b, dir, acct); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	s, err := launch(t.Context(), b, dir, acct, l.Addr().(*net.TCPAddr).Port)
	if err == nil {
		_ = s.stop()
		t.Fatal("launch on a taken port succeeded")
	}
	if !errors.Is(err, errPortTaken) {
		t.Errorf("launch on a taken port = %v, want errPortTaken", err)
	}
}

func TestInitdbError(t *testing.T) {
	b := bins{initdb: "/bin/false"}
	if err := initdb(t.Context(), b, t.TempDir(), nil); err == nil || !strings.Contains(err.Error(), "initdb") {
		t.Errorf("initdb with a failing program = %v", err)
	}
}

func TestFreePort(t *testing.T) {
	p, err := freePort()
	if err != nil || p <= 0 || p > 65535 {
		t.Fatalf("freePort() = %d, %v", p, err)
	}
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
	if err != nil {
		t.Errorf("the free port %d is not free: %v", p, err)
	} else {
		l.Close()
	}
}

func TestBaseDir(t *testing.T) {
	open, err := os.MkdirTemp("", "pgtest-basedir-") // t.TempDir's parent is private
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(open)
	if err := os.Chmod(open, 0o755); err != nil {
		t.Fatal(err)
	}
	closed := filepath.Join(t.TempDir(), "closed")
	if err := os.MkdirAll(filepath.Join(closed, "tmp"), 0o700); err != nil {
		t.Fatal(err)
	}
	other := &account{uid: 12345, gid: 12345}
	for _, tc := range []struct {
		tmp  string
		acct *account
		want string
	}{
		{closed, nil, closed},
		{open, other, open},
		{filepath.Join(closed, "tmp"), other, "/tmp"},
		{filepath.Join(open, "missing"), other, "/tmp"},
	} {
		if tc.acct != nil && tc.want == open && !everyAncestorOpen(open) {
			continue // the test's own temporary directory is not reachable by others
		}
		if got := baseDir(tc.tmp, tc.acct); got != tc.want {
			t.Errorf("baseDir(%s, %v) = %s, want %s", tc.tmp, tc.acct, got, tc.want)
		}
	}
}

func everyAncestorOpen(dir string) bool {
	for d := dir; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		if d == filepath.Dir(d) {
			return true
		}
	}
}

// TestStartConcurrently: tests that start at once share one server and
// get databases of their own.
func TestStartConcurrently(t *testing.T) {
	const n = 6
	dsns := make([]string, n)
	t.Run("group", func(t *testing.T) { // returns when its parallel tests end
		for i := range n {
			t.Run(fmt.Sprint(i), func(t *testing.T) {
				t.Parallel()
				dsns[i] = Start(t)
				conn := connect(t, dsns[i])
				if _, err := conn.Exec(t.Context(), "CREATE TABLE mine (x int)"); err != nil {
					t.Error(err)
				}
			})
		}
	})
	seen := map[string]bool{}
	servers := map[string]bool{}
	for _, dsn := range dsns {
		if dsn == "" {
			t.Skip("the subtests skipped")
		}
		if seen[dsn] {
			t.Errorf("DSN %s given twice", dsn)
		}
		seen[dsn] = true
		servers[dsn[:strings.LastIndexByte(dsn, '/')]] = true
	}
	if len(servers) != 1 {
		t.Errorf("%d servers for one test binary: %v", len(servers), servers)
	}
}

// TestLaunchFailureShowsLog: a server that cannot start says why, from its
// log.
func TestLaunchFailureShowsLog(t *testing.T) {
	b, err := findBins(libRoot, lookPath)
	if err != nil {
		t.Skip(err)
	}
	acct, err := runAs()
	if err != nil {
		t.Fatal(err)
	}
	dir, err := makeDir(os.TempDir(), acct) // no initdb: no data directory
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	s, err := launch(t.Context(), b, dir, acct, port)
	if err == nil {
		_ = s.stop()
		t.Fatal("launch without a data directory succeeded")
	}
	if errors.Is(err, errPortTaken) || !strings.Contains(err.Error(), "data") {
		t.Errorf("launch without a data directory = %v", err)
	}
}

// TestStopAfterCrash: a server that died on its own is stopped without
// error, and its directory removed.
func TestStopAfterCrash(t *testing.T) {
	b, err := findBins(libRoot, lookPath)
	if err != nil {
		t.Skip(err)
	}
	s, err := startServer(t.Context(), b)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-s.exited
	if err := s.stop(); err != nil {
		t.Errorf("stop of a dead server: %v", err)
	}
	if _, err := os.Stat(s.dir); !os.IsNotExist(err) {
		t.Errorf("the server directory is still there: %v", err)
	}
}
