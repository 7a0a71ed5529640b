package runtime

import (
	"context"
	"errors"

	"github.com/stepwisehq/stepwise/store"
)

// maxBatch bounds how many steps share one transaction.
const maxBatch = 256

// committer is the group commit: steps submitted by many executions at
// once are written in one store transaction, so that they share one fsync.
type committer struct {
	st   store.Store
	reqs chan *commitReq
	done chan struct{}
}

// commitReq is one execution's step, with the steps that must commit with
// it (the child executions of a distributed Map it started or advanced).
type commitReq struct {
	steps []*store.Step
	err   chan error
}

func newCommitter(st store.Store) *committer {
	c := &committer{st: st, reqs: make(chan *commitReq, maxBatch), done: make(chan struct{})}
	go c.loop()
	return c
}

// commit writes steps durably in one transaction, batched with whatever
// else is waiting.
func (c *committer) commit(ctx context.Context, steps ...*store.Step) error {
	req := &commitReq{steps: steps, err: make(chan error, 1)}
	select {
	case c.reqs <- req:
	case <-c.done:
		return errClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-req.err:
		return err
	case <-c.done:
		return errClosed
	}
}

var errClosed = errors.New("runtime: stopped")

func (c *committer) close() { close(c.done) }

func (c *committer) loop() {
	batch := make([]*commitReq, 0, maxBatch)
	for {
		select {
		case <-c.done:
			return
		case r := <-c.reqs:
			batch = append(batch[:0], r)
		}
	drain:
		for len(batch) < maxBatch {
			select {
			case r := <-c.reqs:
				batch = append(batch, r)
			default:
				break drain
			}
		}
		c.write(batch)
	}
}

// write commits a batch; when it fails as a whole, each step is retried
// alone so that one bad step does not fail the others.
func (c *committer) write(batch []*commitReq) {
	steps := make([]*store.Step, 0, len(batch))
	for _, r := range batch {
		steps = append(steps, r.steps...)
	}
	err := c.st.ExecutionCommit(context.Background(), steps)
	if err == nil || len(batch) == 1 {
		for _, r := range batch {
			r.err <- err
		}
		return
	}
	for _, r := range batch {
		r.err <- c.st.ExecutionCommit(context.Background(), r.steps)
	}
}
