package bench

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/api"
	"github.com/stepwisehq/stepwise/store/sqlite"
)

// Server is a Stepwise server in this process, wired as `stepwise serve`
// wires it: a SQLite store in a directory and the API on a loopback port.
type Server struct {
	URL     string        // http://127.0.0.1:PORT
	Startup time.Duration // from opening the store to accepting connections

	st     *sqlite.Store
	sw     *stepwise.Stepwise
	hs     *http.Server
	done   chan error
	closed sync.Once
	err    error
}

// ServerConfig configures StartServer.
type ServerConfig struct {
	Dir       string       // the data directory (stepwise.db in it)
	TimeScale float64      // the scale of idle waits (1: real time)
	Logger    *slog.Logger // the server's logs (default: discarded)
}

// StartServer opens the store in cfg.Dir, resumes what it holds and
// serves the API on a free loopback port.
func StartServer(ctx context.Context, cfg ServerConfig) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	began := time.Now()
	st, err := sqlite.Open(filepath.Join(cfg.Dir, "stepwise.db"), sqlite.Options{})
	if err != nil {
		return nil, fmt.Errorf("start server: %w", err)
	}
	s := &Server{st: st, done: make(chan error, 1)}
	if err := s.start(ctx, cfg); err != nil {
		_ = st.Close()
		return nil, fmt.Errorf("start server: %w", err)
	}
	s.Startup = time.Since(began)
	return s, nil
}

func (s *Server) start(ctx context.Context, cfg ServerConfig) error {
	sw, err := stepwise.New(stepwise.Config{Store: s.st, Logger: cfg.Logger, TimeScale: cfg.TimeScale,
		DisableTaskIntegrations: true})
	if err != nil {
		return err
	}
	if err := sw.Start(ctx); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		_ = sw.Stop(context.Background())
		return err
	}
	s.sw = sw
	s.URL = "http://" + ln.Addr().String()
	s.hs = &http.Server{Handler: api.NewHandler(sw.Client(), api.Options{Logger: cfg.Logger}),
		ReadHeaderTimeout: 10 * time.Second}
	go func() { s.done <- s.hs.Serve(ln) }()
	return nil
}

// Close stops the server: running STANDARD executions stay RUNNING in the
// store. It is safe to call more than once.
func (s *Server) Close() error {
	s.closed.Do(func() { s.err = s.close() })
	return s.err
}

func (s *Server) close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.hs.Shutdown(ctx)
	if err != nil {
		err = s.hs.Close()
	}
	if serr := <-s.done; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	err = errors.Join(err, s.sw.Stop(ctx), s.st.Close())
	if err != nil {
		return fmt.Errorf("close server: %w", err)
	}
	return nil
}

// meter measures the process's allocations between start and stop. With
// an in-process server they are the server's and the load generator's
// together.
type meter struct {
	on bool
	m0 runtime.MemStats
}

func startMeter(on bool) *meter {
	m := &meter{on: on}
	if on {
		runtime.ReadMemStats(&m.m0)
	}
	return m
}

// stop returns the allocations and allocated bytes per operation since
// start (zero when the meter is off or ops is not positive).
func (m *meter) stop(ops int) (allocs, bytes float64) {
	if !m.on || ops <= 0 {
		return 0, 0
	}
	var m1 runtime.MemStats
	runtime.ReadMemStats(&m1)
	n := float64(ops)
	return float64(m1.Mallocs-m.m0.Mallocs) / n, float64(m1.TotalAlloc-m.m0.TotalAlloc) / n
}

// heapAfterGC returns the live heap bytes and the goroutine count once a
// garbage collection has run.
func heapAfterGC() (heap uint64, goroutines int) {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc, runtime.NumGoroutine()
}
