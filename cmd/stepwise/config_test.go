package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeConfig: flags, the environment and the config file set the
// serve settings, and bad values are refused with the field's name.
func TestServeConfig(t *testing.T) {
	file := filepath.Join(t.TempDir(), "config.json")
	if err := os.WriteFile(file, []byte(`{"node":"from-file","lease":"3s","region":"eu-west-1"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want func(serveConfig) bool
		err  string
	}{
		{"defaults", nil, nil, func(c serveConfig) bool {
			l, _ := c.leaseDuration()
			return c.Addr == "127.0.0.1:8083" && c.Node == "" && l == 10*time.Second
		}, ""},
		{"flags", []string{"--node", "n1", "--lease", "1500ms"}, nil, func(c serveConfig) bool {
			l, _ := c.leaseDuration()
			return c.Node == "n1" && l == 1500*time.Millisecond
		}, ""},
		{"environment", nil, map[string]string{"STEPWISE_NODE": "env", "STEPWISE_LEASE": "20s"}, func(c serveConfig) bool {
			l, _ := c.leaseDuration()
			return c.Node == "env" && l == 20*time.Second
		}, ""},
		{"file, then a flag", []string{"--config", file, "--lease", "4s"}, nil, func(c serveConfig) bool {
			l, _ := c.leaseDuration()
			return c.Node == "from-file" && c.Region == "eu-west-1" && l == 4*time.Second
		}, ""},
		{"lease not a duration", []string{"--lease", "ten"}, nil, nil, `lease: "ten" is not a duration`},
		{"lease too short", []string{"--lease", "100ms"}, nil, nil, "lease: 100ms is shorter than the minimum, 500ms"},
		{"negative time scale", []string{"--time-scale", "-1"}, nil, nil, "time-scale: must not be negative"},
		{"bad account", []string{"--account", "12"}, nil, nil, `account: "12" is not a 12-digit AWS account id`},
		{"stray argument", []string{"extra"}, nil, nil, `unexpected argument "extra"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			fs := flag.NewFlagSet("serve", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			cfg, err := loadServeConfig(tc.args, fs)
			switch {
			case tc.err != "":
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
			case err != nil:
				t.Fatal(err)
			case !tc.want(cfg):
				t.Fatalf("config %+v", cfg)
			}
		})
	}
}
