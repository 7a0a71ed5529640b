package memory

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/stepwisehq/stepwise/history"
	"github.com/stepwisehq/stepwise/store"
)

type execRow struct {
	x store.Execution // owns its Snapshot
	// events are the history in chunks of chunkLen (the last one may be
	// shorter), so that appending never copies a long history.
	events [][]history.Event
	// mark and pending carry the LastEventID a commit in progress has
	// reached: pending is valid while mark equals the store's epoch.
	mark    uint64
	pending int64
}

// copyOut returns a copy of the row's execution that the caller owns.
func (r *execRow) copyOut(withSnapshot bool) *store.Execution {
	x := r.x
	x.Snapshot = nil
	if withSnapshot {
		x.Snapshot = cloneBytes(r.x.Snapshot)
	}
	return &x
}

func cloneBytes(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	return bytes.Clone(b)
}

// chunkLen is the number of events in a full chunk.
const chunkLen = 128

// append adds copies of events to the history.
func (r *execRow) append(events []history.Event) {
	for len(events) > 0 {
		n := len(r.events)
		if n == 0 || len(r.events[n-1]) == chunkLen {
			r.events = append(r.events, make([]history.Event, 0, min(len(events), chunkLen)))
			n++
		}
		k := min(chunkLen-len(r.events[n-1]), len(events))
		r.events[n-1] = appendEvents(r.events[n-1], events[:k])
		events = events[k:]
	}
}

// count returns the number of events.
func (r *execRow) count() int {
	n := len(r.events)
	if n == 0 {
		return 0
	}
	return (n-1)*chunkLen + len(r.events[n-1])
}

// copyRange returns copies of the events at indexes [start, end).
func (r *execRow) copyRange(start, end int) []history.Event {
	if start >= end {
		return nil
	}
	out := make([]history.Event, 0, end-start)
	for i := start; i < end; {
		c := r.events[i/chunkLen]
		k := min(end-i, chunkLen-i%chunkLen)
		out = appendEvents(out, c[i%chunkLen:i%chunkLen+k])
		i += k
	}
	return out
}

// appendEvents appends copies of events to dst.
func appendEvents(dst, events []history.Event) []history.Event {
	n := len(dst)
	dst = append(dst, events...)
	for i := n; i < len(dst); i++ {
		if dst[i].Vars != nil {
			dst[i].Vars = slices.Clone(dst[i].Vars)
		}
	}
	return dst
}

// continuous reports whether events' ids follow last without a gap.
func continuous(last int64, events []history.Event) bool {
	for i := range events {
		if events[i].ID != last+1+int64(i) {
			return false
		}
	}
	return true
}

// ExecutionCreate implements store.Executions. The events must have
// consecutive ids (ErrConflict otherwise); LastEventID becomes the last
// one's.
func (s *Store) ExecutionCreate(_ context.Context, p *store.ExecutionCreateParams) error {
	x := p.Execution
	if len(p.Events) > 0 && !continuous(p.Events[0].ID-1, p.Events) {
		return fmt.Errorf("execution create %s: event ids not consecutive: %w", x.Arn, store.ErrConflict)
	}
	row := newRow(x.Arn, x)
	row.append(p.Events)
	if n := len(p.Events); n > 0 {
		row.x.LastEventID = p.Events[n-1].ID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.executions[x.Arn]; ok {
		return fmt.Errorf("execution create %s: %w", x.Arn, store.ErrAlreadyExists)
	}
	s.insert(row)
	return nil
}

// newRow returns a row holding a copy of x, under arn.
func newRow(arn string, x *store.Execution) *execRow {
	row := &execRow{x: *x}
	row.x.Arn, row.x.Snapshot = arn, cloneBytes(x.Snapshot)
	return row
}

// insert adds a new row and indexes it; the caller holds the write lock.
func (s *Store) insert(row *execRow) {
	x := &row.x
	s.executions[x.Arn] = row
	s.byMachine[x.StateMachineArn] = append(s.byMachine[x.StateMachineArn], row)
	if x.MapRunArn != "" {
		s.byMapRun[x.MapRunArn] = append(s.byMapRun[x.MapRunArn], row)
	}
}

// ExecutionGet implements store.Executions.
func (s *Store) ExecutionGet(_ context.Context, arn string) (*store.Execution, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	row, ok := s.executions[arn]
	if !ok {
		return nil, fmt.Errorf("execution get %s: %w", arn, store.ErrNotFound)
	}
	return row.copyOut(true), nil
}

// ExecutionList implements store.Executions: newest first, then by ARN
// descending. Listed executions leave out their snapshot.
func (s *Store) ExecutionList(_ context.Context, p *store.ExecutionListParams) ([]*store.Execution, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var rows []*execRow
	switch {
	case p.MapRunArn != "":
		rows = s.byMapRun[p.MapRunArn]
	case p.StateMachineArn != "":
		rows = s.byMachine[p.StateMachineArn]
	default:
		return nil, fmt.Errorf("execution list: a state machine or map run ARN is required")
	}
	var after *execRow
	if p.After != "" {
		if after = s.executions[p.After]; after == nil {
			return nil, nil
		}
	}
	var out []*execRow
	for _, r := range rows {
		if matches(&r.x, p) && (after == nil || newer(after, r)) {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b *execRow) int { return -compareAge(a, b) })
	out = limit(out, p.Limit)
	xs := make([]*store.Execution, len(out))
	for i, r := range out {
		xs[i] = r.copyOut(false)
	}
	return xs, nil
}

func matches(x *store.Execution, p *store.ExecutionListParams) bool {
	switch {
	case p.StateMachineArn != "" && x.StateMachineArn != p.StateMachineArn,
		p.MapRunArn != "" && x.MapRunArn != p.MapRunArn,
		p.VersionArn != "" && x.VersionArn != p.VersionArn,
		p.AliasArn != "" && x.AliasArn != p.AliasArn,
		p.Status != "" && x.Status != p.Status,
		p.RedriveFilter == "REDRIVEN" && x.RedriveCount == 0,
		p.RedriveFilter == "NOT_REDRIVEN" && x.RedriveCount > 0:
		return false
	}
	return true
}

// compareAge orders executions by start time, then ARN.
func compareAge(a, b *execRow) int {
	if c := a.x.Started.Compare(b.x.Started); c != 0 {
		return c
	}
	return strings.Compare(a.x.Arn, b.x.Arn)
}

// newer reports whether a comes before b in the newest-first order.
func newer(a, b *execRow) bool { return compareAge(a, b) > 0 }

// ExecutionListRunning implements store.Executions.
func (s *Store) ExecutionListRunning(_ context.Context) ([]*store.Execution, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []*store.Execution
	for _, r := range s.executions {
		if r.x.Status == store.StatusRunning {
			out = append(out, r.copyOut(true))
		}
	}
	slices.SortFunc(out, func(a, b *store.Execution) int { return strings.Compare(a.Arn, b.Arn) })
	return out, nil
}

// HistoryGet implements store.Executions.
func (s *Store) HistoryGet(_ context.Context, p *store.HistoryParams) ([]history.Event, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	row, ok := s.executions[p.Arn]
	if !ok {
		return nil, fmt.Errorf("history get %s: %w", p.Arn, store.ErrNotFound)
	}
	n := row.count()
	if n == 0 {
		return nil, nil
	}
	first := row.events[0][0].ID // ids are consecutive: an id gives an index
	if p.Reverse {
		end := n
		if p.After > 0 {
			end = clamp(p.After-first, n)
		}
		start := 0
		if p.Limit > 0 {
			start = max(end-p.Limit, 0)
		}
		page := row.copyRange(start, end)
		slices.Reverse(page)
		return page, nil
	}
	start := clamp(p.After-first+1, n)
	end := n
	if p.Limit > 0 {
		end = min(start+p.Limit, n)
	}
	return row.copyRange(start, end), nil
}

// clamp returns i within [0, n].
func clamp(i int64, n int) int {
	return int(min(max(i, 0), int64(n)))
}

// TaskTokenGet implements store.Executions.
func (s *Store) TaskTokenGet(_ context.Context, token string) (*store.TaskToken, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	row, ok := s.tokens[token]
	if !ok {
		return nil, fmt.Errorf("task token get: %w", store.ErrNotFound)
	}
	t := row.tok
	return &t, nil
}

// ExecutionCommit implements store.Executions: every step is checked
// before any is applied, so a batch applies whole or not at all.
func (s *Store) ExecutionCommit(_ context.Context, steps []*store.Step) error {
	if len(steps) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.epoch++
	var created map[string]*execRow // executions the batch starts
	for _, st := range steps {
		if err := s.check(st, &created); err != nil {
			return err
		}
	}
	for _, st := range steps {
		row := s.executions[st.Arn]
		if st.Create != nil {
			row = created[st.Arn]
			s.insert(row)
		}
		s.apply(row, st)
	}
	return nil
}

// check verifies that a step can be applied after the batch's earlier
// steps, which it records in execRow.pending, and in created for the
// executions they start.
func (s *Store) check(st *store.Step, created *map[string]*execRow) error {
	row, ok := s.executions[st.Arn]
	if !ok {
		row, ok = (*created)[st.Arn]
	}
	if st.Create != nil {
		if ok {
			return fmt.Errorf("execution commit %s: %w", st.Arn, store.ErrAlreadyExists)
		}
		if *created == nil {
			*created = map[string]*execRow{}
		}
		row, ok = newRow(st.Arn, st.Create), true
		(*created)[st.Arn] = row
	}
	if !ok {
		return fmt.Errorf("execution commit %s: %w", st.Arn, store.ErrNotFound)
	}
	last := row.x.LastEventID
	if row.mark == s.epoch {
		last = row.pending
	}
	if !continuous(last, st.Events) {
		return fmt.Errorf("execution commit %s: events do not continue the history at event %d: %w",
			st.Arn, last, store.ErrConflict)
	}
	row.mark, row.pending = s.epoch, last+int64(len(st.Events))
	return nil
}

func (s *Store) apply(row *execRow, st *store.Step) {
	for _, r := range st.MapRuns {
		r := r
		s.mapRuns[r.Arn] = &r
	}
	row.append(st.Events)
	row.x.LastEventID += int64(len(st.Events))
	row.x.Snapshot = cloneBytes(st.Snapshot)
	if r := st.Redrive; r != nil {
		x := &row.x
		x.RedriveCount, x.Redriven, x.Status, x.Stopped = r.Count, r.At, store.StatusRunning, time.Time{}
		x.Output, x.HasOutput, x.Error, x.Cause, x.HasError, x.HasCause = "", false, "", "", false, false
	}
	if e := st.Ended; e != nil {
		x := &row.x
		x.Status, x.Output, x.HasOutput, x.Stopped = e.Status, e.Output, e.HasOutput, e.Stopped
		x.Error, x.Cause, x.HasError, x.HasCause = e.Error, e.Cause, e.HasError, e.HasCause
	}
	for i := range st.TokensAdded {
		s.addToken(&st.TokensAdded[i])
	}
	for _, t := range st.TokensRemoved {
		s.removeToken(t)
	}
}
