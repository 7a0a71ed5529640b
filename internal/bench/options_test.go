package bench

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestOptionsWithDefaults(t *testing.T) {
	t.Parallel()
	d := Options{}.withDefaults()
	if d.Clients != 16 || d.Duration != 5*time.Second || d.Count != 0 || d.Data != os.TempDir() ||
		d.Waiting != 10000 || d.IdleWindow != 5*time.Second || d.Progress == nil || d.StartupWith != 0 {
		t.Errorf("defaults: %+v", d)
	}
	c := Options{Count: 10, Clients: 3, TimeScale: -1, Waiting: 7, IdleWindow: time.Second}.withDefaults()
	if c.Duration != 0 || c.Clients != 3 || c.TimeScale != 0 || c.Waiting != 7 || c.IdleWindow != time.Second {
		t.Errorf("set options: %+v", c)
	}
	if cmp0(0, 5) != 5 || cmp0(-1, 5) != 5 || cmp0(3, 5) != 3 {
		t.Error("cmp0")
	}
}

func TestRunOneSkipsInProcessScenariosWithAnEndpoint(t *testing.T) {
	t.Parallel()
	ran := false
	s := scenario{name: "local-only", local: true, run: func(context.Context, *runner) (*Result, error) {
		ran = true
		return &Result{}, nil
	}}
	res := runOne(t.Context(), Options{Endpoint: "http://127.0.0.1:1"}.withDefaults(), s)
	if ran || res.Skipped == "" || res.Scenario != "local-only" {
		t.Errorf("result %+v, ran %v", res, ran)
	}
}

func TestRunOneReportsAFailureAndCleansUp(t *testing.T) {
	t.Parallel()
	var dir string
	s := scenario{name: "broken", run: func(_ context.Context, r *runner) (*Result, error) {
		var err error
		dir, err = r.tempDir()
		if err != nil {
			return nil, err
		}
		return nil, os.ErrPermission
	}}
	res := runOne(t.Context(), Options{Data: t.TempDir()}.withDefaults(), s)
	if res.Scenario != "broken" || !strings.Contains(res.Failed, "permission denied") {
		t.Errorf("result %+v", res)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the scenario's directory %s is still there: %v", dir, err)
	}
}

func TestTempDirFailsUnderAMissingDirectory(t *testing.T) {
	t.Parallel()
	r := &runner{opts: Options{Data: filepath.Join(t.TempDir(), "missing", "deeper")}}
	if _, err := r.tempDir(); err == nil {
		t.Error("no error")
	}
	if _, err := r.target(t.Context(), 1); err == nil {
		t.Error("target: no error")
	}
}

func TestStartProfileReportsABadPath(t *testing.T) {
	t.Parallel()
	var progress bytes.Buffer
	stop := startProfile(filepath.Join(t.TempDir(), "missing", "cpu"), "x", &progress)
	stop()
	if !strings.Contains(progress.String(), "cpu profile:") {
		t.Errorf("progress: %q", progress.String())
	}
	startProfile("", "x", &progress)()
	progress.Reset()
	writeHeapProfile(filepath.Join(t.TempDir(), "missing", "heap"), "x", &progress)
	if !strings.Contains(progress.String(), "heap profile:") {
		t.Errorf("progress: %q", progress.String())
	}
	writeHeapProfile("", "x", &progress)
}

func TestFsyncDatabase(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	db, err := openFsyncDB(ctx, filepath.Join(t.TempDir(), "f.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ins, err := db.PrepareContext(ctx, `INSERT INTO t (v) VALUES (?)`)
	if err != nil {
		t.Fatal(err)
	}
	defer ins.Close()
	for range 3 {
		if err := insertOne(ctx, db, ins, []byte("row")); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&n); err != nil || n != 3 {
		t.Errorf("%d rows, %v", n, err)
	}
}

func TestCheckPragmasRejectsARollbackJournal(t *testing.T) {
	t.Parallel()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "j.db")+"?_pragma=journal_mode(DELETE)&_pragma=synchronous(NORMAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := checkPragmas(t.Context(), db); err == nil || !strings.Contains(err.Error(), "want wal and 2") {
		t.Errorf("error = %v", err)
	}
}

func TestSinceSent(t *testing.T) {
	t.Parallel()
	sent := time.Now().Add(-time.Second).UnixNano()
	tests := []struct {
		input  string
		wantOK bool
	}{
		{`{"sent":` + strconv.FormatInt(sent, 10) + `}`, true},
		{`{"sent":0}`, false},
		{`{}`, false},
		{`not json`, false},
		{`{"sent":"soon"}`, false},
	}
	for _, tt := range tests {
		d, ok := sinceSent(tt.input)
		if ok != tt.wantOK || ok && d < time.Second {
			t.Errorf("sinceSent(%s) = %v, %v", tt.input, d, ok)
		}
	}
}

func TestRunStopsWhenTheContextEnds(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	rep, err := Run(ctx, Options{Scenarios: []string{"fsync-baseline", "baseline-http"}, Count: 2, Rounds: 3, Data: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != 0 {
		t.Errorf("scenarios ran after the context ended: %+v", rep.Results)
	}
}
