package runtime

import (
	"strconv"
	"time"

	"github.com/stepwisehq/stepwise/engine"
	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/value"
)

// AppendDescribe appends a DescribeExecution-shaped JSON object for a
// finished local execution; with events, an extra member "events" holds its
// history as GetExecutionHistory returns it.
func AppendDescribe(buf []byte, o *Outcome, events bool) []byte {
	x := o.Execution
	r := x.Result
	buf = append(buf, `{"executionArn":`...)
	buf = value.AppendString(buf, x.Meta.ExecutionArn)
	buf = append(buf, `,"stateMachineArn":`...)
	buf = value.AppendString(buf, x.Meta.StateMachineArn)
	buf = append(buf, `,"name":`...)
	buf = value.AppendString(buf, x.Meta.Name)
	buf = append(buf, `,"status":`...)
	buf = value.AppendString(buf, r.Status.String())
	buf = append(buf, `,"startDate":`...)
	buf = appendEpoch(buf, x.Meta.StartTime)
	buf = append(buf, `,"stopDate":`...)
	buf = appendEpoch(buf, o.StopTime)
	buf = append(buf, `,"input":`...)
	buf = value.AppendString(buf, value.String(x.Input))
	buf = append(buf, `,"inputDetails":{"included":true}`...)
	if r.Status == engine.Succeeded {
		buf = append(buf, `,"output":`...)
		buf = value.AppendString(buf, value.String(r.Output))
		buf = append(buf, `,"outputDetails":{"included":true}`...)
	}
	if r.HasError {
		buf = append(buf, `,"error":`...)
		buf = value.AppendString(buf, r.Error)
	}
	if r.HasCause {
		buf = append(buf, `,"cause":`...)
		buf = value.AppendString(buf, r.Cause)
	}
	buf = append(buf, `,"redriveCount":0,"redriveStatus":"NOT_REDRIVABLE"`...)
	if events {
		buf = append(buf, `,"events":`...)
		buf = AppendEvents(buf, o.Events)
	}
	return append(buf, '}')
}

// AppendEvents appends events as a JSON array.
func AppendEvents(buf []byte, evs []history.Event) []byte {
	buf = append(buf, '[')
	for i := range evs {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = evs[i].AppendJSON(buf, true)
	}
	return append(buf, ']')
}

func appendEpoch(buf []byte, t time.Time) []byte {
	return strconv.AppendFloat(buf, float64(t.UnixMilli())/1000, 'f', 3, 64)
}
