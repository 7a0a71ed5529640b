package payload_test

import (
	"errors"
	"math/rand"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/stepwisehq/stepwise/expr"
	"github.com/stepwisehq/stepwise/expr/payload"
	"github.com/stepwisehq/stepwise/internal/sharedtest"
	"github.com/stepwisehq/stepwise/value"
)

// This test replays the recorded AWS cases (../shared/conformance) whose
// state machine is made of JSONPath Pass states only, through this package
// alone: InputPath, Parameters or Result, ResultPath, OutputPath and Assign,
// and compares the output, or the error and cause, with AWS's.

type recorded struct {
	name   string
	def    *value.Object
	input  value.Value
	want   *value.Object // expected{status, output, error, cause}
	raw    value.Value   // expected_output_raw, when recorded
	events []value.Value // recorded_history
}

func loadCases(t *testing.T, skipCategories ...string) []recorded {
	files := sharedtest.Cases(t, "*")
	if len(files) == 0 {
		t.Skip("no recorded cases")
	}
	sort.Strings(files)
	var out []recorded
	for _, f := range files {
		cat := sharedtest.Category(f)
		if slices.Contains(skipCategories, cat) {
			continue
		}
		out = append(out, readCase(t, f, cat))
	}
	return out
}

func readCase(t *testing.T, file, cat string) recorded {
	o := sharedtest.ReadValue(t, file).(*value.Object)
	c := recorded{name: cat + "/" + sharedtest.Name(file)}
	c.def, _ = sharedtest.Get(o, "definition").(*value.Object)
	c.input = sharedtest.Get(o, "input")
	c.want, _ = sharedtest.Get(o, "expected").(*value.Object)
	c.raw = sharedtest.Get(o, "expected_output_raw")
	c.events, _ = sharedtest.Get(o, "recorded_history").([]value.Value)
	return c
}

// passOnly reports whether every state of the definition is a JSONPath Pass
// state.
func passOnly(def *value.Object) bool {
	states, ok := sharedtest.Get(def, "States").(*value.Object)
	if !ok || sharedtest.Get(def, "QueryLanguage") == "JSONata" {
		return false
	}
	for _, m := range states.Members() {
		if sharedtest.Get(m.Value, "Type") != "Pass" || sharedtest.Get(m.Value, "QueryLanguage") == "JSONata" {
			return false
		}
	}
	return true
}

func TestConformancePassStates(t *testing.T) {
	cases := loadCases(t, "invalid_definitions", "test_state_api", "api_errors", "express", "error_handling")
	ran := 0
	for _, c := range cases {
		if c.def == nil || c.want == nil || !passOnly(c.def) {
			continue
		}
		ran++
		t.Run(c.name, func(t *testing.T) {
			replay(t, c)
		})
	}
	if ran < 100 {
		t.Errorf("replayed %d cases, want at least 100", ran)
	}
}

func replay(t *testing.T, c recorded) {
	run := &runner{c: c, vars: map[string]value.Value{}}
	out, err := run.execute(t)
	status := sharedtest.Get(c.want, "status")
	if err != nil {
		var xe *expr.Error
		if !errors.As(err, &xe) {
			t.Fatalf("error %v is not an *expr.Error", err)
		}
		if status != "FAILED" {
			t.Fatalf("failed with %v, want %v", err, status)
		}
		checkError(t, xe, sharedtest.Get(c.want, "error"), sharedtest.Get(c.want, "cause"))
		return
	}
	if status != "SUCCEEDED" {
		t.Fatalf("succeeded with %s, want %v (%v: %v)", value.String(out), status, sharedtest.Get(c.want, "error"), sharedtest.Get(c.want, "cause"))
	}
	checkOutput(t, out, sharedtest.Get(c.want, "output"), c.raw)
	run.checkAssigned(t)
}

func checkError(t *testing.T, got *expr.Error, name, cause value.Value) {
	t.Helper()
	if got.Name != name {
		t.Errorf("error %q, want %v", got.Name, name)
	}
	want, _ := cause.(string)
	want = statePrefix.ReplaceAllString(want, "")
	if !matchString(want, got.Cause) {
		t.Errorf("cause\n got: %s\nwant: %s", got.Cause, want)
	}
}

var statePrefix = regexp.MustCompile(`^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. `)

func checkOutput(t *testing.T, got, want, raw value.Value) {
	t.Helper()
	if s, ok := raw.(string); ok && !strings.Contains(s, "<") {
		if value.String(got) != s {
			t.Errorf("output\n got: %s\nwant: %s", value.String(got), s)
		}
		return
	}
	if !matchValue(want, got) {
		t.Errorf("output\n got: %s\nwant: %s", value.String(got), value.String(want))
	}
}

// runner executes a chain of Pass states the way the engine will, using
// only this package.
type runner struct {
	c        recorded
	vars     map[string]value.Value
	assigned []*value.Object // what each state assigned, in order
}

func (r *runner) execute(t *testing.T) (value.Value, error) {
	states := sharedtest.Get(r.c.def, "States").(*value.Object)
	name, _ := sharedtest.Get(r.c.def, "StartAt").(string)
	in := r.c.input
	for steps := 0; steps < 20; steps++ {
		st := sharedtest.Get(states, name).(*value.Object)
		out, err := r.pass(t, name, st, in)
		if err != nil {
			return nil, err
		}
		next, ok := sharedtest.Get(st, "Next").(string)
		if !ok {
			return out, nil
		}
		name, in = next, out
	}
	t.Fatal("too many states")
	return nil, nil
}

func (r *runner) env(state string, in value.Value) *expr.Env {
	ctx := r.context(state)
	vars := r.vars
	return &expr.Env{
		Input:   in,
		Context: func() value.Value { return ctx },
		Var: func(name string) (value.Value, bool) {
			v, ok := vars[name]
			return v, ok
		},
	}
}

func (r *runner) context(state string) value.Value {
	return value.MustParse(`{"Execution":{"Id":"arn:aws:states:us-east-1:123456789012:execution:MachineName-Abc:exec-1",` +
		`"Input":` + value.String(r.c.input) + `,"StartTime":"2024-01-01T00:00:00.000Z","Name":"exec-1",` +
		`"RoleArn":"arn:aws:iam::123456789012:role/sfn","RedriveCount":0},` +
		`"StateMachine":{"Id":"arn:aws:states:us-east-1:123456789012:stateMachine:MachineName-Abc","Name":"MachineName-Abc"},` +
		`"State":{"Name":` + value.String(state) + `,"EnteredTime":"2024-01-01T00:00:00.000Z"}}`)
}

// pass runs one Pass state: InputPath, Parameters or Result, Assign,
// ResultPath, OutputPath.
func (r *runner) pass(t *testing.T, name string, st *value.Object, raw value.Value) (value.Value, error) {
	effective, err := r.selectPath(t, name, st, "InputPath", raw)
	if err != nil {
		return nil, err
	}
	result := effective
	if p, ok := st.Get("Parameters"); ok {
		tmpl := compileTemplate(t, "Parameters", p)
		if result, err = tmpl.EvalRand(r.env(name, effective), rand.New(rand.NewSource(1))); err != nil {
			return nil, err
		}
	} else if res, ok := st.Get("Result"); ok {
		result = res
	}
	if err := r.assign(t, name, st, result); err != nil {
		return nil, err
	}
	out, err := r.resultPath(t, st, raw, result)
	if err != nil {
		return nil, err
	}
	return r.selectPath(t, name, st, "OutputPath", out)
}

func compileTemplate(t *testing.T, field string, v value.Value) *payload.Template {
	tmpl, err := payload.CompileTemplate(field, v)
	if err != nil {
		t.Fatalf("compile %s: %v", field, err)
	}
	return tmpl
}

func (r *runner) selectPath(t *testing.T, name string, st *value.Object, field string, in value.Value) (value.Value, error) {
	src, ok := st.Get(field)
	if !ok {
		return in, nil
	}
	if src == nil {
		return value.NewObject(nil), nil
	}
	p, err := payload.CompilePath(field, src.(string))
	if err != nil {
		t.Fatalf("compile %s: %v", field, err)
	}
	return p.Select(r.env(name, in))
}

func (r *runner) resultPath(t *testing.T, st *value.Object, raw, result value.Value) (value.Value, error) {
	src, ok := st.Get("ResultPath")
	if !ok {
		return result, nil
	}
	if src == nil {
		return raw, nil
	}
	rp, err := payload.CompileResultPath(src.(string))
	if err != nil {
		t.Fatalf("compile ResultPath: %v", err)
	}
	return rp.Apply(raw, result)
}

// assign evaluates Assign against the state's result with the variables as
// they were when the state was entered; the new values apply afterwards.
func (r *runner) assign(t *testing.T, name string, st *value.Object, result value.Value) error {
	a, ok := st.Get("Assign")
	if !ok {
		r.assigned = append(r.assigned, nil)
		return nil
	}
	v, err := compileTemplate(t, "Assign", a).EvalRand(r.env(name, result), rand.New(rand.NewSource(1)))
	if err != nil {
		return err
	}
	obj := v.(*value.Object)
	r.assigned = append(r.assigned, obj)
	next := map[string]value.Value{}
	for k, v := range r.vars {
		next[k] = v
	}
	for _, m := range obj.Members() {
		next[m.Key] = m.Value
	}
	r.vars = next
	return nil
}

// checkAssigned compares what the states assigned with the recorded
// assignedVariables, which AWS records as each variable's JSON text.
func (r *runner) checkAssigned(t *testing.T) {
	i := 0
	for _, ev := range r.c.events {
		details := sharedtest.Get(ev, "stateExitedEventDetails")
		if details == nil {
			continue
		}
		if i >= len(r.assigned) {
			return
		}
		want, _ := sharedtest.Get(details, "assignedVariables").(*value.Object)
		got := r.assigned[i]
		i++
		if want == nil {
			continue
		}
		for _, m := range want.Members() {
			v, ok := got.Get(m.Key)
			if !ok || !matchAssigned(m.Value, v) {
				t.Errorf("assigned %s = %s, want %s", m.Key, value.String(v), value.String(m.Value))
			}
		}
	}
}

func matchAssigned(want, got value.Value) bool {
	if s, ok := want.(string); ok && matchString(s, value.String(got)) {
		return true
	}
	return matchValue(want, got)
}

// maskWords stand for any value in recorded outputs.
var maskWords = map[string]bool{
	"timestamp": true, "date": true, "start-time": true, "entered-time": true,
	"snf_role_arn": true, "sfn_role_arn": true, "RandomNumberGenerated": true,
}

var maskToken = regexp.MustCompile(`<[^<>]+>|111111111111`)

// matchValue compares a recorded value with ours, where masked strings
// match anything and object member order does not matter.
func matchValue(want, got value.Value) bool {
	switch w := want.(type) {
	case string:
		if maskWords[w] || maskToken.FindString(w) == w {
			return true
		}
		g, ok := got.(string)
		return ok && matchString(w, g)
	case []value.Value:
		g, ok := got.([]value.Value)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !matchValue(w[i], g[i]) {
				return false
			}
		}
		return true
	case *value.Object:
		return matchObject(w, got)
	}
	return value.Equal(want, got)
}

func matchObject(w *value.Object, got value.Value) bool {
	g, ok := got.(*value.Object)
	if !ok || g.Len() != w.Len() {
		return false
	}
	for _, m := range w.Members() {
		v, ok := g.Get(m.Key)
		if !ok || !matchValue(m.Value, v) {
			return false
		}
	}
	return true
}

// matchString compares a recorded string in which mask tokens stand for
// any text.
func matchString(want, got string) bool {
	if !maskToken.MatchString(want) {
		return want == got
	}
	var b strings.Builder
	b.WriteString(`^`)
	last := 0
	for _, loc := range maskToken.FindAllStringIndex(want, -1) {
		b.WriteString(regexp.QuoteMeta(want[last:loc[0]]))
		b.WriteString(`.*`)
		last = loc[1]
	}
	b.WriteString(regexp.QuoteMeta(want[last:]))
	b.WriteString(`$`)
	return regexp.MustCompile(b.String()).MatchString(got)
}

// TestConformanceRejectedDefinitions checks that the definitions AWS
// rejected for a path or intrinsic function fail to compile here, with
// AWS's message.
func TestConformanceRejectedDefinitions(t *testing.T) {
	cases := loadCases(t)
	ran := 0
	for _, c := range cases {
		msg, _ := sharedtest.Get(c.want, "message").(string)
		if !strings.Contains(msg, "must be a valid JSONPath") || c.def == nil {
			continue
		}
		ran++
		t.Run(c.name, func(t *testing.T) {
			want := schemaMessage.FindStringSubmatch(msg)
			if want == nil {
				t.Fatalf("unexpected message %q", msg)
			}
			err := compileDefinition(c.def)
			var ce *payload.CompileError
			if !errors.As(err, &ce) {
				t.Fatalf("compiled without a CompileError: %v", err)
			}
			if ce.Msg != want[1] {
				t.Errorf("message\n got: %s\nwant: %s", ce.Msg, want[1])
			}
		})
	}
	if ran == 0 {
		t.Skip("no such cases")
	}
}

var schemaMessage = regexp.MustCompile(`SCHEMA_VALIDATION_FAILED: (.*) at /`)

// compileDefinition compiles the payload templates and paths of every
// state, returning the first error.
func compileDefinition(def *value.Object) error {
	states, _ := sharedtest.Get(def, "States").(*value.Object)
	for _, m := range states.Members() {
		st := m.Value.(*value.Object)
		for _, f := range []string{"Parameters", "ResultSelector", "ItemSelector", "Assign"} {
			if v, ok := st.Get(f); ok {
				if _, err := payload.CompileTemplate(f, v); err != nil {
					return err
				}
			}
		}
		for _, f := range []string{"InputPath", "OutputPath"} {
			if v, ok := sharedtest.Get(st, f).(string); ok {
				if _, err := payload.CompilePath(f, v); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// TestConformanceAcceptedDefinitionsCompile compiles every JSONPath field of
// every state machine AWS accepted in the recorded cases: nothing may be
// rejected here that AWS ran.
func TestConformanceAcceptedDefinitionsCompile(t *testing.T) {
	cases := loadCases(t, "invalid_definitions", "api_errors")
	fields := 0
	for _, c := range cases {
		if c.def == nil {
			continue
		}
		w := &defWalker{t: t, name: c.name}
		w.machine(c.def, false)
		fields += w.fields
	}
	t.Logf("compiled %d fields", fields)
	if fields < 500 {
		t.Errorf("compiled %d fields, want at least 500", fields)
	}
}

type defWalker struct {
	t      *testing.T
	name   string
	fields int
}

var pathFields = []string{
	"InputPath", "OutputPath", "ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath",
	"HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailureCountPath",
	"ToleratedFailurePercentagePath", "ErrorPath", "CausePath", "MaxItemsPath",
}

func (w *defWalker) machine(def value.Value, jsonata bool) {
	jsonata = queryLanguage(def, jsonata)
	states, _ := sharedtest.Get(def, "States").(*value.Object)
	for _, m := range states.Members() {
		w.state(m.Value, jsonata)
	}
}

func queryLanguage(v value.Value, inherited bool) bool {
	switch sharedtest.Get(v, "QueryLanguage") {
	case "JSONata":
		return true
	case "JSONPath":
		return false
	}
	return inherited
}

func (w *defWalker) state(st value.Value, jsonata bool) {
	jsonata = queryLanguage(st, jsonata)
	for _, sub := range []string{"Iterator", "ItemProcessor"} {
		if m := sharedtest.Get(st, sub); m != nil {
			w.machine(m, jsonata)
		}
	}
	branches, _ := sharedtest.Get(st, "Branches").([]value.Value)
	for _, b := range branches {
		w.machine(b, jsonata)
	}
	if jsonata {
		return
	}
	w.fieldsOf(st)
	w.fieldsOf(sharedtest.Get(st, "ItemReader"))
	w.fieldsOf(sharedtest.Get(st, "ItemReader", "ReaderConfig"))
	for _, list := range []string{"Catch", "Choices"} {
		items, _ := sharedtest.Get(st, list).([]value.Value)
		for _, it := range items {
			w.fieldsOf(it)
			w.rule(it)
		}
	}
}

func (w *defWalker) fieldsOf(o value.Value) {
	if o == nil {
		return
	}
	for _, f := range []string{"Parameters", "ResultSelector", "ItemSelector", "Assign"} {
		if v := sharedtest.Get(o, f); v != nil {
			w.check(f, func() error { _, err := payload.CompileTemplate(f, v); return err })
		}
	}
	for _, f := range pathFields {
		if s, ok := sharedtest.Get(o, f).(string); ok {
			w.check(f, func() error { _, err := payload.CompilePath(f, s); return err })
		}
	}
	if s, ok := sharedtest.Get(o, "ResultPath").(string); ok {
		w.check("ResultPath", func() error { _, err := payload.CompileResultPath(s); return err })
	}
}

// rule compiles a Choice rule's Variable and ...Path operands.
func (w *defWalker) rule(r value.Value) {
	o, ok := r.(*value.Object)
	if !ok {
		return
	}
	for _, m := range o.Members() {
		s, isString := m.Value.(string)
		switch {
		case m.Key == "Variable" || isString && strings.HasSuffix(m.Key, "Path") && m.Key != "ResultPath" && !slices.Contains(pathFields, m.Key):
			w.check(m.Key, func() error { _, err := payload.CompilePath(m.Key, s); return err })
		case m.Key == "And" || m.Key == "Or":
			for _, sub := range m.Value.([]value.Value) {
				w.rule(sub)
			}
		case m.Key == "Not":
			w.rule(m.Value)
		}
	}
}

func (w *defWalker) check(field string, compile func() error) {
	w.fields++
	if err := compile(); err != nil {
		w.t.Errorf("%s: %s: %v", w.name, field, err)
	}
}
