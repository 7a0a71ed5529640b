package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// dirPrefix names the server directories under the temporary directory;
// the test process's id follows, so that a later run can tell a leftover.
const dirPrefix = "stepwise-pgtest-"

// server is a running PostgreSQL server.
type server struct {
	dir     string // data/, the unix socket and postgres.log
	port    int
	cmd     *exec.Cmd
	exited  chan struct{} // closed when the server process has exited
	waitErr error         // the process's exit, once exited is closed
	admin   *pgxpool.Pool // to the "postgres" database
}

// startServer initialises a cluster in a new directory and starts a server
// on it, trying other ports when the one it picked is taken meanwhile.
func startServer(ctx context.Context, b bins) (*server, error) {
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	base := baseDir(os.TempDir(), cred)
	reapLeftovers(base)
	dir, err := makeDir(base, cred)
	if err != nil {
		return nil, err
	}
	if err := initdb(ctx, b, dir, cred); err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	for try := 0; ; try++ {
		port, err := freePort()
		if err != nil {
			_ = os.RemoveAll(dir)
			return nil, err
		}
		s, err := launch(ctx, b, dir, cred, port)
		if err == nil {
			return s, nil
		}
		if !errors.Is(err, errPortTaken) || try == 4 {
			_ = os.RemoveAll(dir)
			return nil, err
		}
	}
}

// account is a user to run PostgreSQL as.
type account struct{ uid, gid uint32 }

// runAs returns the credentials to run PostgreSQL with: nil unless the tests
// run as root, else those of the "postgres" user or of "nobody".
func runAs() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	var errs []error
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
		gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
		if err1 == nil && err2 == nil && uid != 0 {
			return &account{uid: uint32(uid), gid: uint32(gid)}, nil
		}
	}
	return nil, fmt.Errorf("running as root and no user to run PostgreSQL as: %w", errors.Join(errs...))
}

// baseDir returns where to make the server's directory: the temporary
// directory, unless the server runs as another user who could not reach it
// (a TMPDIR under /root); then /tmp.
func baseDir(tmp string, cred *account) string {
	if cred == nil {
		return tmp
	}
	for d := tmp; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return "/tmp"
		}
		if d == filepath.Dir(d) {
			return tmp
		}
	}
}

// makeDir creates the server's directory in base, owned by the user it
// runs as.
func makeDir(base string, cred *account) (string, error) {
	dir, err := os.MkdirTemp(base, fmt.Sprintf("%s%d-", dirPrefix, os.Getpid()))
	if err != nil {
		return "", err
	}
	if cred != nil {
		if err := os.Chown(dir, int(cred.uid), int(cred.gid)); err != nil {
			_ = os.RemoveAll(dir)
			return "", err
		}
	}
	return dir, nil
}

// reapLeftovers removes the directories of servers whose test process has
// died without stopping them.
func reapLeftovers(tmp string) {
	dirs, _ := filepath.Glob(filepath.Join(tmp, dirPrefix+"*"))
	for _, dir := range dirs {
		rest := strings.TrimPrefix(filepath.Base(dir), dirPrefix)
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if ok && err == nil && pid != os.Getpid() && !alive(pid) {
			_ = os.RemoveAll(dir)
		}
	}
}

// alive reports whether a process exists (signal 0 checks without
// sending).
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// initdb creates the cluster in dir/data: trust authentication (loopback
// and the private socket only), UTF-8, the C locale, and no fsync of the
// new files (the running server fsyncs what it writes).
func initdb(ctx context.Context, b bins, dir string, cred *account) error {
	cmd := exec.CommandContext(ctx, b.initdb, "--pgdata="+filepath.Join(dir, "data"), "--username="+Superuser,
		"--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
	cmd.SysProcAttr = procAttr(cred, false)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, out)
	}
	return nil
}

// errPortTaken: the server could not listen on its port, which another
// program took after freePort found it free.
var errPortTaken = errors.New("port taken")

// launch starts the server on port and waits until it accepts connections.
func launch(ctx context.Context, b bins, dir string, cred *account, port int) (*server, error) {
	logFile, err := os.Create(filepath.Join(dir, "postgres.log"))
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child has its own descriptor
	s := &server{dir: dir, port: port, exited: make(chan struct{})}
	s.cmd = exec.Command(b.postgres, "-D", filepath.Join(dir, "data"), "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="+dir,
		"-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "max_connections=200")
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	s.cmd.SysProcAttr = procAttr(cred, true)
	if err := s.start(); err != nil {
		return nil, fmt.Errorf("start postgres: %w", err)
	}
	if err := s.ready(ctx); err != nil {
		_ = s.kill()
		if bytes.Contains(s.log(), []byte("could not bind")) {
			return nil, errPortTaken
		}
		return nil, fmt.Errorf("%w\n%s", err, s.log())
	}
	return s, nil
}

// freePort returns a loopback port that was free a moment ago.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// start starts the server process from a goroutine locked to its thread:
// the kernel's parent-death signal (procAttr) follows the thread that
// started the child, so that thread must live as long as the child does.
func (s *server) start() error {
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
		if err := s.cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		s.waitErr = s.cmd.Wait()
		close(s.exited)
	}()
	return <-started
}

// ready waits until the server accepts connections, then opens the
// administrative pool.
func (s *server) ready(ctx context.Context) error {
	for {
		pool, err := s.connect(ctx)
		if err == nil {
			s.admin = pool
			return nil
		}
		select {
		case <-s.exited:
			return fmt.Errorf("postgres exited: %v", s.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("postgres not ready: %w (last: %v)", ctx.Err(), err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (s *server) connect(ctx context.Context) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(s.dsn("postgres") + "&pool_max_conns=2&connect_timeout=5")
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return pool, nil
}

func (s *server) dsn(db string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", Superuser, s.port, db)
}

func (s *server) exec(ctx context.Context, sql string) error {
	_, err := s.admin.Exec(ctx, sql)
	return err
}

// log returns the server's log.
func (s *server) log() []byte {
	b, _ := os.ReadFile(filepath.Join(s.dir, "postgres.log"))
	return b
}

// stop shuts the server down (a fast shutdown: sessions are ended) and
// removes its directory.
func (s *server) stop() error {
	if s.admin != nil {
		s.admin.Close()
	}
	err := s.cmd.Process.Signal(syscall.SIGINT)
	if errors.Is(err, os.ErrProcessDone) {
		err = nil
	}
	select {
	case <-s.exited:
	case <-time.After(time.Minute):
		err = errors.Join(err, s.kill())
	}
	if err != nil {
		err = fmt.Errorf("pgtest: stop: %w", err)
	}
	return errors.Join(err, os.RemoveAll(s.dir))
}

// kill ends the server at once and waits for it.
func (s *server) kill() error {
	if s.admin != nil {
		s.admin.Close()
	}
	err := s.cmd.Process.Kill()
	<-s.exited
	if errors.Is(err, os.ErrProcessDone) {
		return nil
	}
	return err
}
