package engine_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// seqIDs hands out predictable identifiers.
type seqIDs struct{ n int }

func (s *seqIDs) NewID() string  { s.n++; return fmt.Sprintf("id-%d", s.n) }
func (s *seqIDs) Float() float64 { return 0.5 }

// taskFunc answers a task invocation: an output, or an error name and cause.
type taskFunc func(call *engine.TaskCall) (out value.Value, errName, cause string)

// run drives an execution to its end on virtual time, answering tasks with
// tasks (nil: every task echoes its input).
func run(t *testing.T, def string, input string, tasks taskFunc) (*engine.Execution, []history.Event) {
	t.Helper()
	d, err := asl.Parse(def, asl.Options{})
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	prog := engine.New(d, engine.Options{})
	now := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	meta := engine.Meta{Name: "exec", ExecutionArn: "arn:aws:states:us-east-1:123456789012:execution:sm:exec",
		StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:sm", StateMachineName: "sm", StartTime: now}
	x, evs, cmds := prog.Start(meta, value.MustParse(input), &seqIDs{}, now)
	all := append([]history.Event(nil), evs...)
	timers := map[engine.OpID]time.Time{}
	for steps := 0; !x.Done(); steps++ {
		if steps > 10000 {
			t.Fatal("execution does not end")
		}
		var in engine.Input
		in, cmds = nextInput(t, cmds, timers, tasks)
		if in.Kind == engine.TimerFired {
			now = timers[in.Op]
			delete(timers, in.Op)
		}
		evs, more := x.Apply(in, now)
		all = append(all, evs...)
		cmds = append(cmds, more...)
	}
	return x, all
}

// nextInput answers the first task command, or else fires the earliest
// timer. It returns the commands still to be handled.
func nextInput(t *testing.T, cmds []engine.Command, timers map[engine.OpID]time.Time, tasks taskFunc) (engine.Input, []engine.Command) {
	registerTimers(cmds, timers)
	for i, c := range cmds {
		if c.Kind == engine.InvokeTask {
			return answer(c, tasks), onlyTasks(cmds[i+1:])
		}
	}
	if len(timers) == 0 {
		t.Fatal("execution waits for nothing")
	}
	ops := make([]engine.OpID, 0, len(timers))
	for op := range timers {
		ops = append(ops, op)
	}
	sort.Slice(ops, func(i, j int) bool {
		a, b := timers[ops[i]], timers[ops[j]]
		return a.Before(b) || a.Equal(b) && ops[i] < ops[j]
	})
	return engine.Input{Kind: engine.TimerFired, Op: ops[0]}, nil
}

func onlyTasks(cmds []engine.Command) []engine.Command {
	var out []engine.Command
	for _, c := range cmds {
		if c.Kind == engine.InvokeTask {
			out = append(out, c)
		}
	}
	return out
}

func registerTimers(cmds []engine.Command, timers map[engine.OpID]time.Time) {
	for _, c := range cmds {
		switch c.Kind {
		case engine.StartTimer:
			timers[c.Op] = c.At
		case engine.CancelOp:
			delete(timers, c.Op)
		}
	}
}

func answer(c engine.Command, tasks taskFunc) engine.Input {
	if tasks == nil {
		return engine.Input{Kind: engine.TaskSucceeded, Op: c.Op, Output: c.Task.Input}
	}
	out, errName, cause := tasks(c.Task)
	if errName != "" {
		return engine.Input{Kind: engine.TaskFailed, Op: c.Op, Error: errName, Cause: cause}
	}
	return engine.Input{Kind: engine.TaskSucceeded, Op: c.Op, Output: out}
}

func types(evs []history.Event) string {
	names := make([]string, len(evs))
	for i, e := range evs {
		names[i] = e.Type.String()
	}
	return strings.Join(names, " ")
}

func TestExecutions(t *testing.T) {
	tests := []struct {
		name, def, input string
		status           engine.Status
		output           string // compact JSON, when SUCCEEDED
		errName, cause   string
		events           string // space-separated types; "" to skip
	}{
		{
			name:   "pass chain with paths",
			def:    `{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.in","Parameters":{"x.$":"$.v","k":1},"ResultPath":"$.r","Next":"B"},"B":{"Type":"Pass","OutputPath":"$.r","End":true}}}`,
			input:  `{"in":{"v":"hello","w":2}}`,
			status: engine.Succeeded, output: `{"x":"hello","k":1}`,
			events: "ExecutionStarted PassStateEntered PassStateExited PassStateEntered PassStateExited ExecutionSucceeded",
		},
		{
			name:   "pass result keeps number text and key order",
			def:    `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"z":1.50,"a":[1e3,true,null]},"End":true}}}`,
			input:  `{}`,
			status: engine.Succeeded, output: `{"z":1.50,"a":[1e3,true,null]}`,
		},
		{
			name:   "missing input path is a runtime error",
			def:    `{"StartAt":"pass","States":{"pass":{"Type":"Pass","InputPath":"$.NoSuchInputPath","End":true}}}`,
			input:  `{}`,
			status: engine.Failed, errName: "States.Runtime",
			cause:  "An error occurred while executing the state 'pass' (entered at the event id #2). Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
			events: "ExecutionStarted PassStateEntered ExecutionFailed",
		},
		{
			name:   "choice numeric and default",
			def:    `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":10,"Next":"Big"}],"Default":"Small"},"Big":{"Type":"Pass","Result":"big","End":true},"Small":{"Type":"Pass","Result":"small","End":true}}}`,
			input:  `{"n":3}`,
			status: engine.Succeeded, output: `"small"`,
			events: "ExecutionStarted ChoiceStateEntered ChoiceStateExited PassStateEntered PassStateExited ExecutionSucceeded",
		},
		{
			name:   "choice with no match and no default",
			def:    `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","StringEquals":"x","Next":"D"}]},"D":{"Type":"Succeed"}}}`,
			input:  `{"n":"y"}`,
			status: engine.Failed, errName: "States.NoChoiceMatched",
		},
		{
			name:   "fail state",
			def:    `{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"because"}}}`,
			input:  `{}`,
			status: engine.Failed, errName: "Boom", cause: "because",
			events: "ExecutionStarted FailStateEntered ExecutionFailed",
		},
		{
			name:   "wait then succeed",
			def:    `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":5,"Next":"S"},"S":{"Type":"Succeed"}}}`,
			input:  `{"a":1}`,
			status: engine.Succeeded, output: `{"a":1}`,
			events: "ExecutionStarted WaitStateEntered WaitStateExited SucceedStateEntered SucceedStateExited ExecutionSucceeded",
		},
		{
			name:   "parallel collects branch outputs in order",
			def:    `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","Result":2,"End":true}}}],"End":true}}}`,
			input:  `{}`,
			status: engine.Succeeded, output: `[1,2]`,
			events: "ExecutionStarted ParallelStateEntered ParallelStateStarted PassStateEntered PassStateEntered PassStateExited PassStateExited ParallelStateSucceeded ParallelStateExited ExecutionSucceeded",
		},
		{
			name:   "parallel branch failure is caught",
			def:    `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Fail","Error":"E","Cause":"C"}}}],"Catch":[{"ErrorEquals":["E"],"Next":"OK"}],"End":true},"OK":{"Type":"Pass","End":true}}}`,
			input:  `{}`,
			status: engine.Succeeded, output: `{"Error":"E","Cause":"C"}`,
			events: "ExecutionStarted ParallelStateEntered ParallelStateStarted FailStateEntered ParallelStateFailed ParallelStateExited PassStateEntered PassStateExited ExecutionSucceeded",
		},
		{
			name:   "map over items with selector",
			def:    `{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","MaxConcurrency":1,"ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}`,
			input:  `{"xs":["a","b"]}`,
			status: engine.Succeeded, output: `[{"v":"a","i":0},{"v":"b","i":1}]`,
			events: "ExecutionStarted MapStateEntered MapStateStarted MapIterationStarted PassStateEntered PassStateExited MapIterationSucceeded MapIterationStarted PassStateEntered PassStateExited MapIterationSucceeded MapStateSucceeded MapStateExited ExecutionSucceeded",
		},
		{
			name:   "task result selector and result path",
			def:    `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"Payload.$":"$"},"ResultSelector":{"p.$":"$.Payload"},"ResultPath":"$.out","End":true}}}`,
			input:  `{"a":1}`,
			status: engine.Succeeded, output: `{"a":1,"out":{"p":{"a":1}}}`,
			events: "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSucceeded TaskStateExited ExecutionSucceeded",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			x, evs := run(t, tc.def, tc.input, nil)
			checkResult(t, x, tc.status, tc.output, tc.errName, tc.cause)
			if tc.events != "" && types(evs) != tc.events {
				t.Errorf("events:\n got %s\nwant %s", types(evs), tc.events)
			}
			checkEventIDs(t, evs)
		})
	}
}

func checkResult(t *testing.T, x *engine.Execution, status engine.Status, output, errName, cause string) {
	t.Helper()
	r := x.Result
	if r.Status != status {
		t.Fatalf("status %s, want %s (error %q cause %q)", r.Status, status, r.Error, r.Cause)
	}
	if output != "" && value.String(r.Output) != output {
		t.Errorf("output %s, want %s", value.String(r.Output), output)
	}
	if errName != "" && r.Error != errName {
		t.Errorf("error %q, want %q", r.Error, errName)
	}
	if cause != "" && r.Cause != cause {
		t.Errorf("cause %q\n want %q", r.Cause, cause)
	}
}

// checkEventIDs checks that ids are contiguous from 1 and every previous id
// names an earlier event.
func checkEventIDs(t *testing.T, evs []history.Event) {
	t.Helper()
	for i, e := range evs {
		if e.ID != int64(i+1) {
			t.Fatalf("event %d has id %d", i+1, e.ID)
		}
		if e.PreviousID < 0 || e.PreviousID >= e.ID {
			t.Errorf("event %d (%s) has previous id %d", e.ID, e.Type, e.PreviousID)
		}
	}
}

func TestHistoryLimit(t *testing.T) {
	_, err := asl.Parse(`{"StartAt":"L","States":{"L":{"Type":"Pass","Next":"L2"},"L2":{"Type":"Pass","Next":"L"}}}`, asl.Options{})
	if err == nil {
		t.Fatal("a machine without a terminal state was accepted")
	}
	d, err := asl.Parse(`{"StartAt":"L","States":{"L":{"Type":"Choice","Choices":[{"Variable":"$.stop","IsPresent":true,"Next":"E"}],"Default":"L"},"E":{"Type":"Succeed"}}}`, asl.Options{})
	if err != nil {
		t.Fatal(err)
	}
	prog := engine.New(d, engine.Options{MaxHistoryEvents: 100})
	x, evs, _ := prog.Start(engine.Meta{}, value.MustParse(`{}`), &seqIDs{}, time.Now())
	if x.Result.Status != engine.Failed || x.Result.Error != "States.Runtime" || !strings.Contains(x.Result.Cause, "maximum number of history events (100)") {
		t.Fatalf("endless loop: %s %s %s", x.Result.Status, x.Result.Error, x.Result.Cause)
	}
	if n := len(evs); n < 100 || n > 102 {
		t.Errorf("%d events", n)
	}
}

func TestItemReader(t *testing.T) {
	const def = `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,
	 "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket.$":"$.b","Key":"k"},%s},
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	tests := []struct {
		name, config, body string
		status             engine.Status
		output, errName    string
	}{
		{"csv first row", `"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","MaxItems":2}`, "a,b\n1,2\n3,4\n5,6\n", engine.Succeeded, `[{"a":"1","b":"2"},{"a":"3","b":"4"}]`, ""},
		{"csv given headers", `"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["x","y"]}`, "1,2\n3\n", engine.Succeeded, `[{"x":"1","y":"2"},{"x":"3","y":""}]`, ""},
		{"csv duplicate headers", `"ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["x","x"]}`, "1,2\n", engine.Failed, "", "States.ItemReaderFailed"},
		{"json", `"ReaderConfig":{"InputType":"JSON"}`, `[{"k":1},2]`, engine.Succeeded, `[{"k":1},2]`, ""},
		{"json not a list", `"ReaderConfig":{"InputType":"JSON"}`, `{"k":1}`, engine.Failed, "", "States.ItemReaderFailed"},
		{"jsonl", `"ReaderConfig":{"InputType":"JSONL"}`, "{\"a\":1}\n\n{\"a\":2}\n", engine.Succeeded, `[{"a":1},{"a":2}]`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var params value.Value
			x, evs := run(t, fmt.Sprintf(def, tc.config), `{"b":"bucket"}`, func(c *engine.TaskCall) (value.Value, string, string) {
				params = c.Input
				return value.NewObject([]value.Member{{Key: "Body", Value: tc.body}}), "", ""
			})
			checkResult(t, x, tc.status, tc.output, tc.errName, "")
			if value.String(params) != `{"Bucket":"bucket","Key":"k"}` {
				t.Errorf("reader parameters %s", value.String(params))
			}
			if got := types(evs); !strings.HasPrefix(got, "ExecutionStarted MapStateEntered MapStateStarted MapRunStarted") {
				t.Errorf("events %s", got)
			}
		})
	}
}

func TestItemBatcherAndResultWriter(t *testing.T) {
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","Label":"L",
	 "ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"tag.$":"$.tag"}},
	 "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"runs"}},
	 "ItemsPath":"$.xs",
	 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	var writes []string
	x, _ := run(t, def, `{"xs":[1,2,3],"tag":"t"}`, func(c *engine.TaskCall) (value.Value, string, string) {
		writes = append(writes, value.String(c.Input))
		return value.NewObject(nil), "", ""
	})
	checkResult(t, x, engine.Succeeded, "", "", "")
	out := value.String(x.Result.Output)
	if !strings.Contains(out, `"ResultWriterDetails":{"Bucket":"out","Key":"runs/`) || !strings.HasSuffix(out, `/manifest.json"}}`) {
		t.Errorf("output %s", out)
	}
	if len(writes) != 2 || !strings.Contains(writes[0], `SUCCEEDED_0.json`) || !strings.Contains(writes[1], `manifest.json`) {
		t.Fatalf("writes %v", writes)
	}
	want := `[{\"BatchInput\":{\"tag\":\"t\"},\"Items\":[1,2]},{\"BatchInput\":{\"tag\":\"t\"},\"Items\":[3]}]`
	if !strings.Contains(writes[0], want) {
		t.Errorf("results file %s", writes[0])
	}
}
