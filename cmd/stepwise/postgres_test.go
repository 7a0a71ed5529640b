package main

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestServeOnPostgres runs stepwise serve on a real PostgreSQL server, after
// stepwise migrate, and runs an execution through the API.
func TestServeOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("starts PostgreSQL")
	}
	dsn := pgtest.Start(t)
	bin := buildBinary(t)
	var out, errOut strings.Builder
	if code := cmdMigrate([]string{"--store", dsn}, &out, &errOut); code != 0 {
		t.Fatalf("migrate: %d %s", code, errOut.String())
	}
	addr := freePort(t)
	srv := exec.Command(bin, "serve", "--addr", addr, "--store", dsn, "--time-scale", "0", "--log-level", "error")
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = srv.Process.Kill(); _ = srv.Wait() }()
	waitListening(t, addr)
	s := &server{t: t, addr: addr}
	sm, err := s.call("CreateStateMachine", map[string]any{"name": "pg", "definition": crashDefinition,
		"roleArn": "arn:aws:iam::123456789012:role/r"})
	if err != nil {
		t.Fatal(err)
	}
	start, err := s.call("StartExecution", map[string]any{"stateMachineArn": sm["stateMachineArn"], "input": "{}"})
	if err != nil {
		t.Fatal(err)
	}
	checkCompletedOnce(t, s, start["executionArn"].(string))
}
