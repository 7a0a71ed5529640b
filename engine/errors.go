package engine

import (
	"github.com/stepwisehq/stepwise/history"
	"math"
	"time"

	"github.com/stepwisehq/stepwise/asl"
)

// raise handles a failure of the current state: the first Retrier that
// matches retries it, else the first Catcher that matches moves on, else
// the failure ends the frame.
func (f *frame) raise(fl *Failure) {
	if f.x.test != nil && f.parent == nil {
		if !f.testRaise(fl) {
			f.propagate(fl)
		}
		return
	}
	if f.retry(f.base().Retry, fl) {
		return
	}
	f.catchOrPropagate(fl)
}

// catchOrPropagate hands a failure to the first matching Catcher, or ends
// the frame with it.
func (f *frame) catchOrPropagate(fl *Failure) {
	b := f.base()
	for i := range b.Catch {
		c := &b.Catch[i]
		if asl.Matches(c.ErrorEquals, fl.Error) {
			f.catch(c, fl)
			return
		}
	}
	f.propagate(fl)
}

// retry schedules another attempt when a Retrier matches and has attempts
// left. It reports whether it did.
func (f *frame) retry(rs []asl.Retrier, fl *Failure) bool {
	for i := range rs {
		r := &rs[i]
		if !asl.Matches(r.ErrorEquals, fl.Error) {
			continue
		}
		if f.attempts == nil {
			f.attempts = make([]int64, len(rs))
		}
		if f.attempts[i] >= r.MaxAttempts {
			return false
		}
		delay := f.backoff(r, f.attempts[i])
		f.attempts[i]++
		f.retryCount++
		f.phase = phBlocked
		f.x.startTimer(f, opRetry, f.x.now.Add(delay))
		return true
	}
	return false
}

// backoff is the wait before retry number attempt (0-based):
// IntervalSeconds × BackoffRate^attempt, capped by MaxDelaySeconds, with
// full jitter when asked.
func (f *frame) backoff(r *asl.Retrier, attempt int64) time.Duration {
	secs := float64(r.IntervalSeconds) * math.Pow(r.BackoffRate, float64(attempt))
	if r.MaxDelaySeconds > 0 && secs > float64(r.MaxDelaySeconds) {
		secs = float64(r.MaxDelaySeconds)
	}
	if r.Jitter == asl.JitterFull && f.x.ids != nil {
		secs *= f.x.ids.Float()
	}
	return time.Duration(secs * float64(time.Second))
}

// catch passes the error output on to the Catcher's Next state.
func (f *frame) catch(c *asl.Catcher, fl *Failure) {
	f.caught = fl
	errOut := fl.output()
	if f.jsonata() {
		f.catchJSONata(c, errOut)
		return
	}
	if c.AssignPath != nil {
		if err := f.assignWith(c.AssignPath, errOut); err != nil {
			f.catchFailed(err)
			return
		}
	}
	out, err := resultPath(c.ResultPath, f.input, errOut)
	if err != nil {
		f.catchFailed(err)
		return
	}
	f.done(out, c.Next)
}

// propagate ends the frame with a failure: the execution fails, or the
// enclosing Parallel or Map state learns that a child failed.
func (f *frame) propagate(fl *Failure) {
	if f.kind == branchFrame && !fl.terminal {
		if _, isTask := f.st.(*asl.Task); isTask {
			f.emit(history.TaskStateAborted) // as AWS records a branch's failed task
		}
	}
	f.phase = phDone
	f.x.cancelOps(f)
	if f.parent == nil {
		f.x.fail(Failed, fl, f.last)
		return
	}
	if fl.terminal && f.childTop() == f {
		// A JSONata evaluation failure ends the child execution it happens
		// in; to the distributed Map it is a failed item like any other.
		plain := *fl
		plain.terminal = false
		fl = &plain
	}
	f.parent.childFailed(f, fl)
}
