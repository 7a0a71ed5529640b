package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/stepwisehq/stepwise"
	"github.com/stepwisehq/stepwise/api"
	"github.com/stepwisehq/stepwise/console"
	"github.com/stepwisehq/stepwise/store"
	"github.com/stepwisehq/stepwise/store/memory"
	"github.com/stepwisehq/stepwise/store/postgres"
	"github.com/stepwisehq/stepwise/store/sqlite"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg, err := loadServeConfig(args, fs)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "stepwise serve: %v\n", err)
		return 2
	}
	log := newLogger(stderr, cfg.LogLevel)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, cfg, log, stdout); err != nil {
		fmt.Fprintf(stderr, "stepwise serve: %v\n", err)
		return 1
	}
	return 0
}

func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

// openStore opens the configured store.
func openStore(cfg serveConfig) (store.Store, string, error) {
	switch {
	case cfg.Store == "memory:":
		return memory.New(), "memory", nil
	case strings.HasPrefix(cfg.Store, "postgres://") || strings.HasPrefix(cfg.Store, "postgresql://"):
		st, err := postgres.Open(context.Background(), cfg.Store, postgres.Options{})
		return st, "postgres", err
	case cfg.Store == "" || strings.HasPrefix(cfg.Store, "sqlite:"):
		path := strings.TrimPrefix(cfg.Store, "sqlite:")
		if path == "" {
			path = filepath.Join(cfg.Data, "stepwise.db")
		}
		st, err := sqlite.Open(path, sqlite.Options{})
		return st, "sqlite:" + path, err
	}
	return nil, "", fmt.Errorf("store: unsupported store %q (want sqlite:PATH, postgres://... or memory:)", cfg.Store)
}

// serve runs the server until ctx is done.
func serve(ctx context.Context, cfg serveConfig, log *slog.Logger, stdout io.Writer) error {
	started := time.Now()
	st, where, err := openStore(cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	scale := cfg.TimeScale
	if scale == 0 {
		scale = -1 // fire timers at once
	}
	lease, _ := cfg.leaseDuration() // validated with the config
	sw, err := stepwise.New(stepwise.Config{Store: st, Region: cfg.Region, Account: cfg.Account,
		Logger: log, TimeScale: scale, MockConfigFile: cfg.MockConfig, AllowPrivateHTTP: loopback(cfg.Addr),
		HTTPConnections: cfg.HTTPConnections, Node: cfg.Node, Lease: lease})
	if err != nil {
		return err
	}
	if err := sw.Start(ctx); err != nil {
		return err
	}
	creds, _ := cfg.credentialMap()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		_ = sw.Stop(context.Background())
		return err
	}
	apiHandler := api.NewHandler(sw.Client(), api.Options{Credentials: creds, Logger: log})
	handler := console.WithAPI(apiHandler, console.Options{Addr: ln.Addr().String(),
		AllowedHosts: cfg.allowedHosts(), RequireAuth: len(creds) > 0, Region: cfg.Region})
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	log.Info("stepwise serving", "addr", ln.Addr().String(), "store", where, "startup", time.Since(started))
	fmt.Fprintf(stdout, "stepwise: listening on http://%s (store %s)\n", ln.Addr(), where)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err = <-errc:
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
	if serr := sw.Stop(shutdown); serr != nil && err == nil {
		err = serr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// loopback reports whether addr's host is a loopback address or name.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
