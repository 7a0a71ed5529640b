package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"github.com/stepwisehq/stepwise"
	"net"
	"os"
	"strconv"
	"strings"
	"time"
)

// serveConfig is the configuration of `stepwise serve`. Each field can be
// set in a JSON config file, by an environment variable STEPWISE_<NAME>, or
// by a flag; a flag wins over the environment, which wins over the file.
type serveConfig struct {
	Addr        string  `json:"addr"`        // listen address
	Data        string  `json:"data"`        // data directory (SQLite)
	Store       string  `json:"store"`       // store URL: sqlite:PATH (default), memory:
	Region      string  `json:"region"`      // AWS region in ARNs
	Account     string  `json:"account"`     // AWS account id in ARNs
	Credentials string  `json:"credentials"` // ACCESS_KEY_ID:SECRET[,...]: require SigV4
	TimeScale   float64 `json:"timeScale"`   // scale of idle waits (1: real time)
	LogLevel    string  `json:"logLevel"`    // debug, info, warn, error
	// AllowedHosts lists extra Host names the server answers (comma
	// separated; "*" for any), against DNS rebinding.
	AllowedHosts string `json:"allowedHosts"`
	// MockConfig is a Step Functions Local mock configuration file.
	MockConfig string `json:"mockConfig"`
	// Node names this node among the nodes sharing a PostgreSQL store;
	// Lease is how long its hold on its executions lasts unrenewed.
	Node  string `json:"node"`
	Lease string `json:"lease"`
	// HTTPConnections are the credentials of the connections HTTP tasks
	// name, by connection ARN (config file only).
	HTTPConnections map[string]stepwise.HTTPConnection `json:"httpConnections"`
}

func defaultServeConfig() serveConfig {
	return serveConfig{Addr: "127.0.0.1:8083", Data: "./stepwise-data", Region: "us-east-1",
		Account: "123456789012", TimeScale: 1, LogLevel: "info", Lease: "10s"}
}

// configField describes one setting for the flag, env and file layers.
type configField struct {
	name, usage string
	str         *string
	num         *float64
}

func (c *serveConfig) fields() []configField {
	return []configField{
		{name: "addr", usage: "address to listen on (loopback by default)", str: &c.Addr},
		{name: "data", usage: "directory of the embedded SQLite store", str: &c.Data},
		{name: "store", usage: "store: sqlite:PATH (default: DATA/stepwise.db), postgres://USER@HOST/DB or memory:", str: &c.Store},
		{name: "region", usage: "AWS region used in ARNs", str: &c.Region},
		{name: "account", usage: "AWS account id used in ARNs", str: &c.Account},
		{name: "credentials", usage: "ACCESS_KEY_ID:SECRET_KEY[,...]: require SigV4-signed requests", str: &c.Credentials},
		{name: "time-scale", usage: "scale of idle waits (1 real time, 0 none): for tests", num: &c.TimeScale},
		{name: "log-level", usage: "log level: debug, info, warn, error", str: &c.LogLevel},
		{name: "allowed-hosts", usage: "extra Host names to answer, comma separated (\"*\": any); loopback names always", str: &c.AllowedHosts},
		{name: "mock-config", usage: "Step Functions Local mock configuration file (also SFN_MOCK_CONFIG)", str: &c.MockConfig},
		{name: "node", usage: "this node's name on a shared PostgreSQL store; keep it across restarts (default: host-pid)", str: &c.Node},
		{name: "lease", usage: "how long a node holds its executions without renewing (PostgreSQL store), e.g. 10s", str: &c.Lease},
	}
}

// loadServeConfig reads the file named by --config (or STEPWISE_CONFIG),
// then the environment, then the flags in args.
func loadServeConfig(args []string, fs *flag.FlagSet) (serveConfig, error) {
	cfg := defaultServeConfig()
	path := configPath(args)
	if path != "" {
		if err := cfg.readFile(path); err != nil {
			return cfg, err
		}
	}
	cfg.MockConfig = os.Getenv("SFN_MOCK_CONFIG") // Step Functions Local's variable
	if err := cfg.readEnv(); err != nil {
		return cfg, err
	}
	fs.String("config", path, "JSON config file (env STEPWISE_CONFIG)")
	for _, f := range cfg.fields() {
		if f.str != nil {
			fs.StringVar(f.str, f.name, *f.str, f.usage+" (env "+envName(f.name)+")")
		} else {
			fs.Float64Var(f.num, f.name, *f.num, f.usage+" (env "+envName(f.name)+")")
		}
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return cfg, cfg.validate()
}

func configPath(args []string) string {
	for i, a := range args {
		if v, ok := strings.CutPrefix(a, "--config="); ok {
			return v
		}
		if (a == "--config" || a == "-config") && i+1 < len(args) {
			return args[i+1]
		}
	}
	return os.Getenv("STEPWISE_CONFIG")
}

func envName(flagName string) string {
	return "STEPWISE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

func (c *serveConfig) readFile(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("config file: %w", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(c); err != nil {
		return fmt.Errorf("config file %s: %w", path, err)
	}
	return nil
}

func (c *serveConfig) readEnv() error {
	for _, f := range c.fields() {
		v, ok := os.LookupEnv(envName(f.name))
		if !ok {
			continue
		}
		if f.str != nil {
			*f.str = v
			continue
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number", envName(f.name), v)
		}
		*f.num = n
	}
	return nil
}

func (c *serveConfig) validate() error {
	switch {
	case c.Addr == "":
		return errors.New("addr: must not be empty")
	case c.TimeScale < 0:
		return errors.New("time-scale: must not be negative")
	case len(c.Account) != 12 || strings.Trim(c.Account, "0123456789") != "":
		return fmt.Errorf("account: %q is not a 12-digit AWS account id", c.Account)
	case c.Region == "":
		return errors.New("region: must not be empty")
	}
	if _, err := c.leaseDuration(); err != nil {
		return err
	}
	_, err := c.credentialMap()
	return err
}

// credentialMap parses Credentials into access key id -> secret.
func (c *serveConfig) credentialMap() (map[string]string, error) {
	out := map[string]string{}
	if c.Credentials == "" {
		return out, nil
	}
	for _, pair := range strings.Split(c.Credentials, ",") {
		id, secret, ok := strings.Cut(strings.TrimSpace(pair), ":")
		if !ok || id == "" || secret == "" {
			return nil, errors.New("credentials: want ACCESS_KEY_ID:SECRET_KEY[,...]")
		}
		out[id] = secret
	}
	return out, nil
}

func (c *serveConfig) allowedHosts() []string {
	if c.AllowedHosts == "" {
		return nil
	}
	out := []string{"localhost", "127.0.0.1", "::1"}
	if host, _, err := net.SplitHostPort(c.Addr); err == nil && host != "" {
		out = append(out, host)
	}
	for _, h := range strings.Split(c.AllowedHosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// minLease is the shortest lease: renewals (at a third of it) must reach
// the database in time.
const minLease = 500 * time.Millisecond

// leaseDuration parses Lease.
func (c *serveConfig) leaseDuration() (time.Duration, error) {
	d, err := time.ParseDuration(c.Lease)
	switch {
	case err != nil:
		return 0, fmt.Errorf("lease: %q is not a duration (e.g. 10s)", c.Lease)
	case d < minLease:
		return 0, fmt.Errorf("lease: %s is shorter than the minimum, %s", d, minLease)
	}
	return d, nil
}
