package engine

import (
	"errors"
	"fmt"
	"time"

	"github.com/stepwisehq/stepwise/asl"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// snapshotVersion is the version of the snapshot format.
const snapshotVersion = 1

// Snapshot encodes a waiting execution's state, for Restore. It must be
// called between steps (after Start or Apply returned). It keeps every
// frame that has not succeeded: those that run, and those that failed or
// were aborted, which a redrive runs again; the children that succeeded
// are kept only as their results.
func (x *Execution) Snapshot() []byte {
	ids := map[*frame]int{}
	var frames []value.Value
	var walk func(f *frame)
	walk = func(f *frame) {
		ids[f] = len(frames)
		frames = append(frames, nil)
		if fo := f.fanOut(); fo != nil {
			for _, k := range fo.kids {
				if !k.succeeded {
					walk(k)
				}
			}
		}
	}
	if x.root != nil {
		walk(x.root)
	}
	for f, i := range ids {
		frames[i] = encodeFrame(f, ids)
	}
	return value.Append(nil, obj(
		"v", value.Int(snapshotVersion),
		"meta", encodeMeta(&x.Meta),
		"input", x.Input,
		"nextID", value.Int(x.nextID),
		"nextOp", value.Int(int64(x.nextOp)),
		"status", num(int64(x.Result.Status)),
		"frames", frames,
		"ops", encodeOps(x.ops, ids),
	))
}

func encodeMeta(m *Meta) value.Value {
	return obj("arn", m.ExecutionArn, "name", m.Name, "sm", m.StateMachineArn, "smName", m.StateMachineName,
		"role", m.RoleArn, "start", timeValue(m.StartTime), "redrives", num(int64(m.RedriveCount)), "express", m.Express,
		"testCase", m.TestCase)
}

func decodeMeta(v value.Value) Meta {
	d := &decoder{o: asObject(v)}
	return Meta{ExecutionArn: d.str("arn"), Name: d.str("name"), StateMachineArn: d.str("sm"),
		StateMachineName: d.str("smName"), RoleArn: d.str("role"), StartTime: timeOf(d.get("start")),
		RedriveCount: int(d.int("redrives")), Express: d.get("express") == true, TestCase: d.str("testCase")}
}

// obj builds an object from alternating keys and values.
func obj(kv ...any) *value.Object {
	ms := make([]value.Member, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		ms = append(ms, value.Member{Key: kv[i].(string), Value: kv[i+1]})
	}
	return value.NewObject(ms)
}

func num(i int64) value.Value { return value.Int(i) }

func timeValue(t time.Time) value.Value {
	if t.IsZero() {
		return nil
	}
	return value.Int(t.UnixNano())
}

func encodeOps(ops map[OpID]opRef, ids map[*frame]int) []value.Value {
	out := make([]value.Value, 0, len(ops))
	for op, ref := range ops {
		out = append(out, []value.Value{num(int64(op)), num(int64(ids[ref.f])), num(int64(ref.kind)), timeValue(ref.at)})
	}
	return out
}

func encodeFrame(f *frame, ids map[*frame]int) value.Value {
	parent := int64(-1)
	if f.parent != nil {
		parent = int64(ids[f.parent])
	}
	attempts := make([]value.Value, len(f.attempts))
	for i, a := range f.attempts {
		attempts[i] = num(a)
	}
	return obj(
		"parent", num(parent), "kind", num(int64(f.kind)), "index", num(int64(f.index)),
		"quiet", f.quiet, "child", encodeChild(f), "state", f.base().Name, "input", f.input,
		"output", f.output, "next", f.next, "assigned", encodeVars(f.assigned),
		"phase", num(int64(f.phase)), "last", num(f.last), "enteredID", num(f.enteredID),
		"enteredTime", timeValue(f.enteredTime), "attempts", attempts,
		"retryCount", num(int64(f.retryCount)), "token", f.token,
		"vars", encodeScope(f.vars), "par", encodeFanOut(f.par), "run", encodeRun(f.run),
		"kept", encodeFanOut(f.kept), "redo", f.redo,
	)
}

func encodeVars(vs []history.Var) value.Value {
	if vs == nil {
		return nil
	}
	ms := make([]value.Member, len(vs))
	for i, v := range vs {
		ms[i] = value.Member{Key: v.Name, Value: v.Value}
	}
	return value.NewObject(ms)
}

func encodeScope(s *scope) value.Value {
	ms := make([]value.Member, 0, len(s.vars))
	for k, v := range s.vars {
		ms = append(ms, value.Member{Key: k, Value: v})
	}
	return value.NewObject(ms)
}

func encodeFanOut(fo *fanOut) value.Value {
	if fo == nil {
		return nil
	}
	t := fo.tolerance
	return obj(
		"results", fo.results, "pending", num(int64(fo.pending)), "items", fo.items,
		"hasItems", fo.items != nil, "input", fo.input, "nextItem", num(int64(fo.nextItem)),
		"window", num(int64(fo.window)), "failed", num(int64(fo.failed)),
		"tolerance", []value.Value{floatValue(t.count), floatValue(t.percent), t.hasCount, t.hasPercent},
		"mapRun", fo.mapRun, "mapRunStart", timeValue(fo.mapRunStart),
		"maxItems", num(int64(fo.maxItems)), "reader", encodeReader(fo.reader),
		"writerParams", fo.writerParams, "writeStep", num(int64(fo.writeStep)), "written", fo.written,
		"length", num(int64(fo.length)), "redrives", num(int64(fo.redrives)), "whole", fo.whole,
		"redriven", timeValue(fo.redriven),
	)
}

func floatValue(f float64) value.Value {
	n, _ := value.Float(f)
	return n
}

func encodeRun(r *taskRun) value.Value {
	if r == nil {
		return nil
	}
	c := r.call
	return obj(
		"resource", r.resource, "op", num(int64(r.op)), "heartbeat", num(r.heartbeat),
		"hbOp", num(int64(r.hbOp)), "callInput", c.Input, "token", c.TaskToken,
		"timeout", num(c.TimeoutSeconds), "credentials", c.Credentials, "submitted", c.Submitted,
	)
}

// ErrSnapshot reports a snapshot that cannot be restored.
var ErrSnapshot = errors.New("engine: bad snapshot")

// Restore rebuilds an execution from Snapshot's output.
func (p *Program) Restore(data []byte, ids IDs) (*Execution, error) {
	raw, err := value.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSnapshot, err)
	}
	d := &decoder{o: asObject(raw)}
	if d.int("v") != snapshotVersion {
		return nil, fmt.Errorf("%w: unknown version", ErrSnapshot)
	}
	x := &Execution{Meta: decodeMeta(d.get("meta")), prog: p, ids: ids, Input: d.get("input"), childWanted: true}
	x.nextID = d.int("nextID")
	x.nextOp = OpID(d.int("nextOp"))
	x.Result.Status = Status(d.int("status"))
	frames, err := x.restoreFrames(d.arr("frames"))
	if err != nil {
		return nil, err
	}
	if len(frames) > 0 {
		x.root = frames[0]
	}
	x.restoreOps(d.arr("ops"), frames)
	if d.err != nil {
		return nil, d.err
	}
	return x, nil
}

func (x *Execution) restoreOps(ops []value.Value, frames []*frame) {
	x.ops = make(map[OpID]opRef, len(ops))
	for _, o := range ops {
		a, _ := o.([]value.Value)
		if len(a) != 4 {
			continue
		}
		fi := int(intOf(a[1]))
		if fi < 0 || fi >= len(frames) {
			continue
		}
		x.ops[OpID(intOf(a[0]))] = opRef{f: frames[fi], kind: opKind(intOf(a[2])), at: timeOf(a[3])}
	}
}

// Pending returns the commands that re-establish a restored execution's
// outstanding operations: its timers and its running tasks (invoked again:
// task invocations are at-least-once).
func (x *Execution) Pending() []Command {
	var out []Command
	for op, ref := range x.ops {
		switch {
		case ref.kind == opTask && ref.f.run != nil:
			out = append(out, Command{Kind: InvokeTask, Op: op, Task: ref.f.run.call})
		case (ref.kind == opReader || ref.kind == opWriter) && ref.f.par != nil && ref.f.par.reader != nil:
			out = append(out, Command{Kind: InvokeTask, Op: op, Task: ref.f.par.reader})
		case ref.kind != opTask && ref.kind != opReader && ref.kind != opWriter:
			out = append(out, Command{Kind: StartTimer, Op: op, At: ref.at})
		}
	}
	return out
}

// Tokens returns the task tokens of the execution's running callback and
// activity tasks, with their operations.
func (x *Execution) Tokens() map[string]OpID {
	out := map[string]OpID{}
	for op, ref := range x.ops {
		if ref.kind == opTask && ref.f.run != nil && ref.f.run.call.TaskToken != "" {
			out[ref.f.run.call.TaskToken] = op
		}
	}
	return out
}

func (x *Execution) restoreFrames(raw []value.Value) ([]*frame, error) {
	frames := make([]*frame, len(raw))
	for i, r := range raw {
		d := &decoder{o: asObject(r)}
		f := &frame{x: x}
		frames[i] = f
		if pi := int(d.int("parent")); pi >= 0 && pi < i && frames[pi].fanOut() != nil {
			f.parent = frames[pi]
		} else if i > 0 {
			return nil, fmt.Errorf("%w: frame %d has no parent", ErrSnapshot, i)
		}
		if err := x.restoreFrame(f, d); err != nil {
			return nil, err
		}
		if f.parent != nil {
			fo := f.parent.fanOut()
			fo.kids = append(fo.kids, f)
			if f.redo {
				fo.redo = append(fo.redo, f)
			}
		}
	}
	return frames, nil
}

func (x *Execution) restoreFrame(f *frame, d *decoder) error {
	f.kind, f.index, f.quiet = frameKind(d.int("kind")), int(d.int("index")), d.get("quiet") == true
	f.phase, f.redo = phase(d.int("phase")), d.get("redo") == true
	restoreChild(f, d.get("child"))
	f.m = x.machineOf(f)
	if f.m == nil {
		return fmt.Errorf("%w: frame's machine not found", ErrSnapshot)
	}
	f.st = f.m.States[d.str("state")]
	if f.st == nil {
		return fmt.Errorf("%w: state %q not in the definition", ErrSnapshot, d.str("state"))
	}
	f.input, f.output, f.next = d.get("input"), d.get("output"), d.str("next")
	f.assigned = decodeVars(d.get("assigned"))
	f.last, f.enteredID = d.int("last"), d.int("enteredID")
	f.enteredTime = timeOf(d.get("enteredTime"))
	for _, a := range d.arr("attempts") {
		f.attempts = append(f.attempts, intOf(a))
	}
	f.retryCount, f.token = int(d.int("retryCount")), d.str("token")
	var outer *scope
	if f.parent != nil {
		outer = f.parent.vars
	}
	f.vars = newScope(outer)
	for _, m := range asObject(d.get("vars")).Members() {
		f.vars.set(m.Key, m.Value)
	}
	f.par, f.kept = decodeFanOut(d.get("par")), decodeFanOut(d.get("kept"))
	f.run = decodeRun(d.get("run"), f)
	return d.err
}

// machineOf finds the machine a frame runs: the definition's, or a branch
// or item processor of its parent's current state.
func (x *Execution) machineOf(f *frame) *asl.Machine {
	if f.parent == nil {
		return &x.prog.def.Machine
	}
	switch s := f.parent.st.(type) {
	case *asl.Parallel:
		if f.index >= 0 && f.index < len(s.Branches) {
			return s.Branches[f.index]
		}
	case *asl.Map:
		return s.Processor
	}
	return nil
}

func decodeVars(v value.Value) []history.Var {
	o, ok := v.(*value.Object)
	if !ok {
		return nil
	}
	out := make([]history.Var, 0, o.Len())
	for _, m := range o.Members() {
		out = append(out, history.Var{Name: m.Key, Value: m.Value})
	}
	return out
}

func decodeFanOut(v value.Value) *fanOut {
	o, ok := v.(*value.Object)
	if !ok {
		return nil
	}
	d := &decoder{o: o}
	fo := &fanOut{
		results: d.arr("results"), pending: int(d.int("pending")), input: d.get("input"),
		nextItem: int(d.int("nextItem")), window: int(d.int("window")), failed: int(d.int("failed")),
	}
	fo.mapRun, fo.mapRunStart = d.str("mapRun"), timeOf(d.get("mapRunStart"))
	fo.maxItems, fo.reader = int(d.int("maxItems")), decodeReader(d.get("reader"))
	fo.writerParams, fo.writeStep, fo.written = d.get("writerParams"), int(d.int("writeStep")), d.get("written") == true
	fo.length, fo.redrives, fo.redriven = int(d.int("length")), int(d.int("redrives")), timeOf(d.get("redriven"))
	// Snapshots without a length kept no failed children.
	fo.whole = d.get("whole") == true || d.get("length") == nil
	if d.get("hasItems") == true {
		fo.items = d.arr("items")
	}
	if t := d.arr("tolerance"); len(t) == 4 {
		fo.tolerance = tolerance{count: floatOf(t[0]), percent: floatOf(t[1]), hasCount: t[2] == true, hasPercent: t[3] == true}
	}
	return fo
}

func decodeRun(v value.Value, f *frame) *taskRun {
	o, ok := v.(*value.Object)
	if !ok {
		return nil
	}
	d := &decoder{o: o}
	r := &taskRun{resource: d.str("resource"), op: OpID(d.int("op")), heartbeat: d.int("heartbeat"), hbOp: OpID(d.int("hbOp"))}
	r.kind = classify(r.resource)
	r.call = &TaskCall{
		Resource: r.resource, Input: d.get("callInput"), TaskToken: d.str("token"), StateName: f.base().Name,
		TimeoutSeconds: d.int("timeout"), HeartbeatSeconds: r.heartbeat, Credentials: d.get("credentials"),
		Submitted: d.get("submitted"),
	}
	return r
}

// decoder reads members of a snapshot object.
type decoder struct {
	o   *value.Object
	err error
}

func asObject(v value.Value) *value.Object {
	o, _ := v.(*value.Object)
	return o
}

func (d *decoder) get(k string) value.Value {
	v, _ := d.o.Get(k)
	return v
}

func (d *decoder) str(k string) string {
	s, _ := d.get(k).(string)
	return s
}

func (d *decoder) int(k string) int64 { return intOf(d.get(k)) }

func (d *decoder) arr(k string) []value.Value {
	a, _ := d.get(k).([]value.Value)
	return a
}

func intOf(v value.Value) int64 {
	n, _ := v.(value.Number)
	i, _ := n.Int64()
	return i
}

func floatOf(v value.Value) float64 {
	n, ok := v.(value.Number)
	if !ok {
		return 0
	}
	return n.Float64()
}

func timeOf(v value.Value) time.Time {
	if v == nil {
		return time.Time{}
	}
	return time.Unix(0, intOf(v)).UTC()
}

func encodeReader(c *TaskCall) value.Value {
	if c == nil {
		return nil
	}
	return obj("resource", c.Resource, "input", c.Input, "state", c.StateName)
}

func decodeReader(v value.Value) *TaskCall {
	o, ok := v.(*value.Object)
	if !ok {
		return nil
	}
	d := &decoder{o: o}
	return &TaskCall{Resource: d.str("resource"), Input: d.get("input"), StateName: d.str("state")}
}
