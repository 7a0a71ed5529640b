package history

import (
	"strconv"
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// AppendJSON appends the event as GetExecutionHistory returns it. When
// includeData is false, inputs and outputs are left out, as AWS does for
// includeExecutionData=false.
func (e *Event) AppendJSON(buf []byte, includeData bool) []byte {
	buf = append(buf, `{"timestamp":`...)
	buf = appendTime(buf, e.Timestamp)
	buf = append(buf, `,"type":`...)
	buf = value.AppendString(buf, e.Type.String())
	buf = append(buf, `,"id":`...)
	buf = strconv.AppendInt(buf, e.ID, 10)
	buf = append(buf, `,"previousEventId":`...)
	buf = strconv.AppendInt(buf, e.PreviousID, 10)
	if key := e.Type.detailsKey(); key != "" {
		buf = append(buf, ',')
		buf = value.AppendString(buf, key)
		buf = append(buf, ':')
		buf = e.appendDetails(buf, includeData)
	}
	return append(buf, '}')
}

// appendTime writes seconds since the epoch with a fraction, as the AWS
// JSON protocol encodes timestamps.
func appendTime(buf []byte, t time.Time) []byte {
	ms := t.UnixMilli()
	return strconv.AppendFloat(buf, float64(ms)/1000, 'f', 3, 64)
}

type obj struct {
	buf   []byte
	first bool
}

func (o *obj) key(k string) {
	if !o.first {
		o.buf = append(o.buf, ',')
	}
	o.first = false
	o.buf = value.AppendString(o.buf, k)
	o.buf = append(o.buf, ':')
}

func (o *obj) str(k, v string) {
	o.key(k)
	o.buf = value.AppendString(o.buf, v)
}

func (o *obj) optStr(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *obj) int(k string, v int64) {
	o.key(k)
	o.buf = strconv.AppendInt(o.buf, v, 10)
}

// payload writes a JSON payload as a string holding its text, followed by
// its details member.
func (o *obj) payload(k string, v value.Value) {
	o.key(k)
	o.buf = value.AppendString(o.buf, value.String(v))
	o.key(k + "Details")
	o.buf = append(o.buf, `{"truncated":false}`...)
}

func (e *Event) appendDetails(buf []byte, data bool) []byte {
	o := &obj{buf: append(buf, '{'), first: true}
	e.details(o, data)
	return append(o.buf, '}')
}

func (e *Event) details(o *obj, data bool) {
	switch e.Type {
	case ExecutionStarted:
		if data {
			o.payload("input", e.Input)
		}
		o.optStr("roleArn", e.RoleArn)
	case TaskScheduled:
		e.taskScheduled(o)
	case LambdaFunctionScheduled, ActivityScheduled:
		o.optStr("resource", e.Resource)
		if data && e.HasInput {
			o.payload("input", e.Input)
		}
		e.timeouts(o)
	case MapStateStarted:
		o.int("length", int64(e.Length))
	case MapIterationStarted, MapIterationSucceeded, MapIterationFailed, MapIterationAborted:
		o.str("name", e.Name)
		o.int("index", int64(e.Index))
	case ExecutionRedriven:
		o.int("redriveCount", int64(e.RedriveCount))
	case MapRunStarted:
		o.str("mapRunArn", e.MapRunArn)
	case MapRunRedriven:
		o.str("mapRunArn", e.MapRunArn)
		o.int("redriveCount", int64(e.RedriveCount))
	case ActivityStarted:
		o.optStr("workerName", e.Worker)
	case EvaluationFailed:
		e.errorCause(o)
		o.optStr("location", e.Location)
		o.str("state", e.State)
	default:
		e.common(o, data)
	}
}

// common writes the fields shared by state, task and terminal events.
func (e *Event) common(o *obj, data bool) {
	if e.Name != "" {
		o.str("name", e.Name)
	}
	o.optStr("resourceType", e.ResourceType)
	o.optStr("resource", e.Resource)
	if data && e.HasInput {
		o.payload("input", e.Input)
	}
	if data && e.HasOutput {
		o.payload("output", e.Output)
	}
	e.errorCause(o)
	if e.Vars != nil {
		e.assigned(o, data)
	}
}

func (e *Event) errorCause(o *obj) {
	if e.HasError {
		o.str("error", e.Error)
	}
	if e.HasCause {
		o.str("cause", e.Cause)
	}
}

func (e *Event) timeouts(o *obj) {
	if e.TimeoutSeconds > 0 {
		o.int("timeoutInSeconds", e.TimeoutSeconds)
	}
	if e.HeartbeatSeconds > 0 {
		o.int("heartbeatInSeconds", e.HeartbeatSeconds)
	}
}

func (e *Event) taskScheduled(o *obj) {
	o.str("resourceType", e.ResourceType)
	o.str("resource", e.Resource)
	o.str("region", e.Region)
	o.key("parameters")
	o.buf = value.AppendString(o.buf, value.String(e.Parameters))
	e.timeouts(o)
	if e.Credentials != nil {
		o.key("taskCredentials")
		o.buf = value.Append(o.buf, e.Credentials)
	}
}

func (e *Event) assigned(o *obj, data bool) {
	if !data {
		return
	}
	o.key("assignedVariables")
	o.buf = append(o.buf, '{')
	for i, v := range e.Vars {
		if i > 0 {
			o.buf = append(o.buf, ',')
		}
		o.buf = value.AppendString(o.buf, v.Name)
		o.buf = append(o.buf, ':')
		o.buf = value.AppendString(o.buf, value.String(v.Value))
	}
	o.buf = append(o.buf, `},"assignedVariablesDetails":{"truncated":false}`...)
}
