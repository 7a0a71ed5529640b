package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/expr/jsonata"
	"github.com/stepwisehq/stepwise/expr/payload"
	"github.com/stepwisehq/stepwise/value"
)

// cmdEval evaluates a JSONata expression: stepwise eval 'EXPR' [--input JSON]
// [--bindings JSON]. The input is bound to $ and to $states.input; the
// bindings object's members are further variables. The result is printed as
// compact JSON (nothing when it is undefined); an evaluation error is
// printed as "CODE: message" with exit status 1; bad flags exit with 2.
func cmdEval(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	jsonPath := fs.Bool("jsonpath", false, "evaluate a JSONPath ($.a.b, $$.Execution.Id, $var) or an intrinsic function call instead")
	fs.SetOutput(stderr)
	inputText := fs.String("input", "", "input document as JSON text, bound to $ and $states.input")
	bindingsText := fs.String("bindings", "", "JSON object whose members are bound as variables ($name)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: stepwise eval 'EXPRESSION' [--input JSON] [--bindings JSON]")
		fs.PrintDefaults()
	}
	src, rest := splitPositional(args)
	if err := fs.Parse(rest); err != nil {
		return 2
	}
	if src == "" && fs.NArg() > 0 {
		// flags may follow the expression: parse what comes after it
		src = fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return 2
		}
	}
	if src == "" {
		fs.Usage()
		return 2
	}
	input, opts, err := evalOptions(*inputText, *bindingsText)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise eval: %v\n", err)
		return 2
	}
	if *jsonPath {
		return evaluatePath(src, input, opts, stdout, stderr)
	}
	return evaluate(src, input, opts, stdout, stderr)
}

// evalOptions parses the --input and --bindings flags.
func evalOptions(inputText, bindingsText string) (value.Value, *jsonata.Options, error) {
	input := jsonata.Undefined
	states := value.NewObject(nil)
	if inputText != "" {
		v, err := value.ParseString(inputText)
		if err != nil {
			return nil, nil, fmt.Errorf("--input: %w", err)
		}
		input = v
		states = value.NewObject([]value.Member{{Key: "input", Value: v}})
	}
	vars := value.NewObject(nil)
	if bindingsText != "" {
		v, err := value.ParseString(bindingsText)
		if err != nil {
			return nil, nil, fmt.Errorf("--bindings: %w", err)
		}
		o, ok := v.(*value.Object)
		if !ok {
			return nil, nil, errors.New("--bindings: must be a JSON object")
		}
		vars = o
	}
	opts := &jsonata.Options{Bindings: func(name string) (value.Value, bool) {
		if v, ok := vars.Get(name); ok {
			return v, true
		}
		if name == "states" {
			return states, true
		}
		return nil, false
	}}
	return input, opts, nil
}

func evaluate(src string, input value.Value, opts *jsonata.Options, stdout, stderr io.Writer) int {
	expr, err := jsonata.Compile(src)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	v, defined, err := expr.Eval(input, opts)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if defined && !jsonata.IsFunction(v) {
		fmt.Fprintln(stdout, value.String(v))
	}
	return 0
}

// evaluatePath evaluates a JSONPath-state path or intrinsic call the way a
// Parameters field does ("x.$": src), with the bindings as variables.
func evaluatePath(src string, input value.Value, opts *jsonata.Options, stdout, stderr io.Writer) int {
	tmpl, err := payload.CompileTemplate("Parameters", value.NewObject([]value.Member{{Key: "v.$", Value: src}}))
	if err != nil {
		fmt.Fprintf(stderr, "stepwise eval: %v\n", err)
		return 2
	}
	if input == jsonata.Undefined {
		input = value.NewObject(nil)
	}
	env := &expr.Env{Input: input, Var: func(name string) (value.Value, bool) { return opts.Bindings(name) }}
	out, err := tmpl.Eval(env)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	v, _ := out.(*value.Object).Get("v")
	fmt.Fprintln(stdout, value.String(v))
	return 0
}
