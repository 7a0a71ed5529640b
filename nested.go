package stepwise

import (
	"context"
	"encoding/json"
	"errors"
	"github.com/stepwisehq/stepwise/internal/resource/awsclient"
	"github.com/stepwisehq/stepwise/internal/runtime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/internal/resource"
	"github.com/stepwisehq/stepwise/value"
)

// nestedInvoker runs arn:aws:states:::states:startExecution[.sync|.sync:2|
// .waitForTaskToken]: a Task that starts another execution.
type nestedInvoker struct{ c *Client }

// Invoke starts the child execution, recording the execution that runs
// the task as its parent; for .sync and .sync:2 it reports the start
// through req.Submitted and returns when the child ends.
func (n nestedInvoker) Invoke(ctx context.Context, req *resource.Request) (value.Value, error) {
	t, err := resource.ParseTarget(req.Resource)
	if err != nil || t.Action() != "startExecution" {
		return nil, resource.Fail(resource.ErrorRuntime, resource.NotRecognizedMessage(req.Resource))
	}
	sync := t.Pattern == resource.Sync || t.Pattern == resource.Sync2
	if arn, ok := resumedChild(req); ok && sync { // started before a restart
		return n.waitChild(ctx, arn, t.Pattern == resource.Sync2)
	}
	in, auto := childStart(req)
	start, err := n.c.startExecution(ctx, in, req.ExecutionArn)
	if err != nil && (!auto || ErrorCodeOf(err) != CodeExecutionAlreadyExists) {
		return nil, serviceFailure(err)
	}
	arn := n.c.executionArn(machineName(in.StateMachineArn), in.Name)
	if start != nil {
		arn = start.ExecutionArn
	}
	started := startResponse(arn, n.c.now())
	if sync {
		if req.Submitted != nil {
			req.Submitted(started)
		}
		return n.waitChild(ctx, arn, t.Pattern == resource.Sync2)
	}
	return started, nil
}

// resumedChild returns the child execution a task started before a
// restart, from the answer it submitted then.
func resumedChild(req *resource.Request) (string, bool) {
	o, ok := req.Resumed.(*value.Object)
	if !ok {
		return "", false
	}
	arn, _ := o.Get("ExecutionArn")
	s, ok := arn.(string)
	return s, ok && s != ""
}

// childStart reads the task's parameters. Without a Name, the child's name
// derives from the parent and its token, so that re-running the task after
// a restart finds the same child instead of starting another.
func childStart(req *resource.Request) (in *StartExecutionInput, auto bool) {
	p, _ := req.Input.(*value.Object)
	in = &StartExecutionInput{}
	if v, ok := p.Get("StateMachineArn"); ok {
		in.StateMachineArn, _ = v.(string)
	}
	if v, ok := p.Get("Name"); ok {
		in.Name, _ = v.(string)
	}
	if in.Name == "" && req.TaskToken != "" {
		in.Name, auto = strings.ReplaceAll(req.TaskToken, "-", ""), true
	}
	text := "{}"
	if v, ok := p.Get("Input"); ok && v != nil {
		if s, isStr := v.(string); isStr {
			text = s
		} else {
			text = value.String(v)
		}
	}
	in.Input = &text
	return in, auto
}

func machineName(arn string) string {
	parts := strings.Split(arn, ":")
	if len(parts) > 6 {
		return parts[6]
	}
	return ""
}

// startHeaders are the headers of a StartExecution answer, as the AWS SDK
// for Java 1.x reports them.
var startHeaders = awsclient.NewWireNames("x-amzn-RequestId", "connection", "Content-Length", "Date", "Content-Type")

// startResponse is startExecution's output, as the optimized integration
// returns it: the answer's members and the SDK's HTTP metadata, in the
// order AWS records.
func startResponse(arn string, start time.Time) value.Value {
	body, _ := json.Marshal(&StartExecutionOutput{ExecutionArn: arn, StartDate: NewTime(start)})
	h := http.Header{}
	h.Set("x-amzn-RequestId", runtime.NewUUID())
	h.Set("connection", "keep-alive")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Date", start.UTC().Format(http.TimeFormat))
	h.Set("Content-Type", "application/x-amz-json-1.0")
	requestID := h.Get("x-amzn-RequestId")
	ms := []value.Member{{Key: "ExecutionArn", Value: arn}}
	ms = append(ms, awsclient.SdkMetadata(startHeaders.Headers(h), http.StatusOK, requestID)...)
	ms = append(ms, value.Member{Key: "StartDate", Value: value.Int(start.UnixMilli())})
	return value.NewObject(ms)
}

// serviceFailure names a Step Functions API error as the integration
// reports it: StepFunctions.<Code>Exception.
func serviceFailure(err error) error {
	var e *Error
	if !errors.As(err, &e) {
		return resource.Fail(resource.ErrorTaskFailed, err.Error())
	}
	code := string(e.Code)
	if !strings.HasSuffix(code, "Exception") {
		code += "Exception"
	}
	return resource.Fail("StepFunctions."+code, e.Message)
}

// waitChild waits for a child execution to end and returns what .sync
// returns: the child's description (its output parsed for .sync:2), or a
// States.TaskFailed failure whose cause is that description.
func (n nestedInvoker) waitChild(ctx context.Context, arn string, parsed bool) (value.Value, error) {
	for {
		ended := n.c.sw.rt.durable.Ended.Wait(arn)
		d, err := n.c.DescribeExecution(ctx, &DescribeExecutionInput{ExecutionArn: arn})
		if err != nil {
			return nil, serviceFailure(err)
		}
		if d.Status != ExecutionStatusRunning {
			return childResult(d, parsed)
		}
		select {
		case <-ended:
		case <-time.After(time.Second):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}

func childResult(d *DescribeExecutionOutput, parsed bool) (value.Value, error) {
	payload := func(s string) value.Value {
		if !parsed {
			return s
		}
		v, err := value.ParseString(s)
		if err != nil {
			return s
		}
		return v
	}
	ms := []value.Member{}
	add := func(k string, v value.Value) { ms = append(ms, value.Member{Key: k, Value: v}) }
	failed := d.Status != ExecutionStatusSucceeded
	if failed && d.Cause != nil {
		add("Cause", *d.Cause)
	}
	if failed && d.Error != nil {
		add("Error", *d.Error)
	}
	add("ExecutionArn", d.ExecutionArn)
	add("Input", payload(d.Input))
	add("InputDetails", value.NewObject([]value.Member{{Key: "Included", Value: true}}))
	add("Name", d.Name)
	if !failed {
		add("Output", payload(d.Output))
		add("OutputDetails", value.NewObject([]value.Member{{Key: "Included", Value: true}}))
		// AWS's recordings since redrive exists (2023-11) carry these for
		// .sync and .sync:2 alike.
		add("RedriveCount", value.Int(0))
		add("RedriveStatus", string(d.RedriveStatus))
		add("RedriveStatusReason", d.RedriveStatusReason)
	}
	add("StartDate", value.Int(d.StartDate.UnixMilli()))
	add("StateMachineArn", d.StateMachineArn)
	add("Status", string(d.Status))
	add("StopDate", value.Int(d.StopDate.UnixMilli()))
	out := value.NewObject(ms)
	if failed {
		return nil, resource.Fail(resource.ErrorTaskFailed, value.String(out))
	}
	return out, nil
}
