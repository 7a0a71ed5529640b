package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/internal/runtime"
	"github.com/stepwisehq/stepwise/value"
)

// runFlags are the flags of `stepwise run`.
type runFlags struct {
	input     string
	inputFile string
	typ       string
	describe  bool
	timeScale float64
	name      string
	region    string
	account   string
}

func cmdRun(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var rf runFlags
	fs.StringVar(&rf.input, "input", "", "execution input as JSON text (default {})")
	fs.StringVar(&rf.inputFile, "input-file", "", "read the execution input from this file")
	fs.StringVar(&rf.typ, "type", "STANDARD", "state machine type: STANDARD or EXPRESS")
	fs.BoolVar(&rf.describe, "describe", false, "print a DescribeExecution-shaped object with an extra field events")
	fs.Float64Var(&rf.timeScale, "time-scale", envFloat("STEPWISE_TIME_SCALE", 1), "scale of idle waits (Wait states, retry intervals): 1 real time, 0 skip them")
	fs.StringVar(&rf.name, "name", "", "execution name (default: a random UUID)")
	fs.StringVar(&rf.region, "region", envOr("AWS_REGION", "us-east-1"), "AWS region used in ARNs and events")
	fs.StringVar(&rf.account, "account", "123456789012", "AWS account id used in ARNs")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: stepwise run DEFINITION.asl.json [--input JSON | --input-file FILE] [flags]")
		fs.PrintDefaults()
	}
	defPath, rest := splitPositional(args)
	if err := fs.Parse(rest); err != nil {
		return 2
	}
	if defPath == "" && fs.NArg() > 0 {
		defPath = fs.Arg(0)
	}
	if defPath == "" {
		fs.Usage()
		return 2
	}
	return runDefinition(defPath, &rf, stdout, stderr)
}

// splitPositional lets the definition path come before the flags.
func splitPositional(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

func runDefinition(path string, rf *runFlags, stdout, stderr io.Writer) int {
	if rf.typ != "STANDARD" && rf.typ != "EXPRESS" {
		fmt.Fprintf(stderr, "stepwise run: --type must be STANDARD or EXPRESS, not %q\n", rf.typ)
		return 2
	}
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise run: %v\n", err)
		return 2
	}
	def, err := asl.Parse(string(src), asl.Options{Express: rf.typ == "EXPRESS"})
	if err != nil {
		fmt.Fprintf(stderr, "stepwise run: %s: Invalid State Machine Definition: '%v'\n", path, err)
		return 2
	}
	input, err := readInput(rf)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise run: %v\n", err)
		return 2
	}
	o, err := execute(def, input, rf, smName(path))
	if err != nil {
		fmt.Fprintf(stderr, "stepwise run: %v\n", err)
		return 1
	}
	return report(o, rf.describe, stdout, stderr)
}

func readInput(rf *runFlags) (value.Value, error) {
	text := rf.input
	field := "--input"
	if rf.inputFile != "" {
		if rf.input != "" {
			return nil, errors.New("give --input or --input-file, not both")
		}
		b, err := os.ReadFile(rf.inputFile)
		if err != nil {
			return nil, fmt.Errorf("--input-file: %w", err)
		}
		text, field = string(b), "--input-file"
	}
	if strings.TrimSpace(text) == "" {
		return value.NewObject(nil), nil
	}
	v, err := value.ParseString(text)
	if err != nil {
		return nil, fmt.Errorf("%s: Invalid State Machine Execution Input: %w", field, err)
	}
	return v, nil
}

func smName(path string) string {
	base := filepath.Base(path)
	for _, ext := range []string{".json", ".asl", ".yaml"} {
		base = strings.TrimSuffix(base, ext)
	}
	if base == "" {
		return "StateMachine"
	}
	return base
}

func execute(def *asl.Definition, input value.Value, rf *runFlags, sm string) (*runtime.Outcome, error) {
	prog := engine.New(def, engine.Options{Region: rf.region, Account: rf.account})
	name := rf.name
	if name == "" {
		name = runtime.NewUUID()
	}
	meta := engine.Meta{
		Name:             name,
		StateMachineName: sm,
		StateMachineArn:  fmt.Sprintf("arn:aws:states:%s:%s:stateMachine:%s", rf.region, rf.account, sm),
		ExecutionArn:     fmt.Sprintf("arn:aws:states:%s:%s:execution:%s:%s", rf.region, rf.account, sm, name),
		RoleArn:          fmt.Sprintf("arn:aws:iam::%s:role/StepwiseRole", rf.account),
	}
	if rf.typ == "EXPRESS" {
		meta.Express = true
		meta.ExecutionArn = fmt.Sprintf("arn:aws:states:%s:%s:express:%s:%s:%s", rf.region, rf.account, sm, name, runtime.NewUUID())
	}
	invoker, err := newInvoker()
	if err != nil {
		return nil, err
	}
	l := &runtime.Local{
		Invoker: invoker, IDs: runtime.RandomIDs{}, TimeScale: rf.timeScale,
		KeepHistory: rf.describe, Region: rf.region, Account: rf.account,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return l.Run(ctx, prog, meta, input)
}

func report(o *runtime.Outcome, describe bool, stdout, stderr io.Writer) int {
	r := o.Execution.Result
	if describe {
		fmt.Fprintln(stdout, string(runtime.AppendDescribe(nil, o, true)))
	} else if r.Status == engine.Succeeded {
		fmt.Fprintln(stdout, value.String(r.Output))
	}
	if r.Status == engine.Succeeded {
		return 0
	}
	if r.Status == engine.Running {
		fmt.Fprintln(stderr, "execution RUNNING: it waits for nothing and can never end")
		return 1
	}
	fmt.Fprintf(stderr, "execution %s: %s: %s\n", r.Status, r.Error, r.Cause)
	return 1
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func envFloat(name string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil && v >= 0 {
		return v
	}
	return def
}
