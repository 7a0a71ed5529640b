package fakeaws

import (
	"time"

	"github.com/stepwisehq/stepwise/value"
)

// JobPlan is how the jobs that the fake's ECS, Batch, Glue, CodeBuild and
// Athena start run: each is running for Polls describe calls and has ended
// at the next one, succeeded unless Fail is set. A stop action ends a job
// at once, stopped.
type JobPlan struct {
	// Polls is how many describe calls see a job still running.
	Polls int
	// Fail makes jobs end failed: a container exits with 1, a job run,
	// build or query FAILED.
	Fail bool
	// Refuse makes ECS's RunTask start no task and answer with a failure
	// instead.
	Refuse bool
}

// jobState is where a fake job is in its life.
type jobState uint8

const (
	jobRunning jobState = iota
	jobSucceeded
	jobFailed
	jobStopped
)

// job is one job the fake runs, of any of the services.
type job struct {
	id      string
	plan    JobPlan
	in      *value.Object // the start action's parameters
	polls   int           // describe calls so far
	state   jobState
	reason  string // a stop action's reason
	created time.Time
	ended   time.Time
}

// jobsState is the fake's jobs, by ID, and the plan new ones follow.
type jobsState struct {
	plan JobPlan
	byID map[string]*job
}

// PlanJobs sets how the jobs started from now on run.
func (s *Server) PlanJobs(p JobPlan) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.jobs.plan = p
}

// JobStates returns, by job ID, "RUNNING", "SUCCEEDED", "FAILED" or
// "STOPPED" for every job the fake started.
func (s *Server) JobStates() map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := [...]string{"RUNNING", "SUCCEEDED", "FAILED", "STOPPED"}
	out := make(map[string]string, len(s.jobs.byID))
	for id, j := range s.jobs.byID {
		out[id] = names[j.state]
	}
	return out
}

// newJob starts a job under the current plan. The caller holds s.mu.
func (s *Server) newJob(id string, in *value.Object) *job {
	if s.jobs.byID == nil {
		s.jobs.byID = map[string]*job{}
	}
	j := &job{id: id, plan: s.jobs.plan, in: in, created: s.now().UTC()}
	s.jobs.byID[id] = j
	return j
}

// describe counts a describe call of a job and returns it, nil when the
// fake has no such job. The caller holds s.mu.
func (s *Server) describe(id string) *job {
	j := s.jobs.byID[id]
	if j == nil || j.state != jobRunning {
		return j
	}
	j.polls++
	if j.polls > j.plan.Polls {
		j.state = jobSucceeded
		if j.plan.Fail {
			j.state = jobFailed
		}
		j.ended = s.now().UTC()
	}
	return j
}

// stop ends a running job, stopped. The caller holds s.mu.
func (s *Server) stop(id, reason string) *job {
	j := s.jobs.byID[id]
	if j != nil && j.state == jobRunning {
		j.state, j.reason, j.ended = jobStopped, reason, s.now().UTC()
	}
	return j
}

// param returns a member of the start action's parameters.
func (j *job) param(key string) value.Value { return field(j.in, key) }

// paramText returns a string member of the start action's parameters, or
// def.
func (j *job) paramText(key, def string) string {
	if s, ok := text(j.in, key); ok && s != "" {
		return s
	}
	return def
}

// list returns v when it is a list, else an empty one.
func list(v value.Value) []value.Value {
	if l, ok := v.([]value.Value); ok {
		return l
	}
	return []value.Value{}
}

// orEmpty returns v when it is an object, else an empty one.
func orEmpty(v value.Value) *value.Object {
	if o, ok := v.(*value.Object); ok {
		return o
	}
	return obj()
}
