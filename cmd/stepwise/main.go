// Command stepwise runs Amazon States Language state machines: one execution
// on the spot (stepwise run), a JSONata expression (stepwise eval), or a
// durable server speaking the AWS Step Functions API (stepwise serve).
package main

import (
	"fmt"
	"io"
	"os"
)

// command is one subcommand: it reads its own flags from args and returns
// the process exit code.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"run", "run one execution in memory and print its output", cmdRun},
		{"eval", "evaluate a JSONata (or JSONPath) expression against an input", cmdEval},
		{"serve", "serve the AWS Step Functions API on a durable store (127.0.0.1:8083)", cmdServe},
		{"bench", "run load scenarios against a server and print throughput and latency", cmdBench},
		{"migrate", "create or upgrade the schema of a PostgreSQL store", cmdMigrate},
	}
}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "stepwise: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: stepwise <command> [arguments]\n\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
}
