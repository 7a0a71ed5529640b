package engine_test

import (
	"testing"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/value"
)

// FuzzRun runs every definition the parser accepts on an input, answering
// tasks with their input and firing timers, and checks that the engine
// neither panics nor loops: it ends, or waits for something.
func FuzzRun(f *testing.F) {
	seeds := [][2]string{
		{`{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$.a","ResultPath":"$.b","End":true}}}`, `{"a":{"x":1}}`},
		{`{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericLessThan":3,"Next":"P"}],"Default":"F"},"P":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"C"},"F":{"Type":"Fail","Error":"E"}}}`, `{"n":0}`},
		{`{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["States.ALL"]}],"End":true}}},"End":true}}}`, `{"xs":[1,2]}`},
		{`{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"W","States":{"W":{"Type":"Wait","SecondsPath":"$.s","End":true}}}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"D"}],"End":true},"D":{"Type":"Succeed"}}}`, `{"s":2}`},
		{`{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input.a + 1 %}","Assign":{"v":"{% $states.input %}"},"End":true}}}`, `{"a":1}`},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, def, input string) {
		d, err := asl.Parse(def, asl.Options{})
		if err != nil {
			return
		}
		in, err := value.ParseString(input)
		if err != nil {
			return
		}
		prog := engine.New(d, engine.Options{MaxHistoryEvents: 500})
		now := time.Unix(1700000000, 0)
		x, _, cmds := prog.Start(engine.Meta{Name: "f"}, in, &seqIDs{}, now)
		for steps := 0; !x.Done() && len(cmds) > 0 && steps < 200; steps++ {
			c := cmds[0]
			cmds = cmds[1:]
			var inp engine.Input
			switch c.Kind {
			case engine.InvokeTask:
				inp = engine.Input{Kind: engine.TaskSucceeded, Op: c.Op, Output: c.Task.Input}
			case engine.StartTimer:
				inp, now = engine.Input{Kind: engine.TimerFired, Op: c.Op}, c.At
			default:
				continue
			}
			_, more := x.Apply(inp, now)
			cmds = append(cmds, more...)
			_ = x.Snapshot()
		}
	})
}
