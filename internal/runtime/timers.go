package runtime

import (
	"container/heap"
	"sync"
	"time"

	"github.com/stepwisehq/stepwise/engine"
)

// timerQueue fires execution timers at their time, from one goroutine and
// one time.Timer however many timers wait: an idle server does not poll.
type timerQueue struct {
	mu     sync.Mutex
	h      timerHeap
	index  map[timerKey]*timerItem
	wake   chan struct{}
	quit   chan struct{}
	done   chan struct{}
	fire   func(arn string, op engine.OpID)
	firing sync.WaitGroup
}

type timerKey struct {
	arn string
	op  engine.OpID
}

type timerItem struct {
	key timerKey
	at  time.Time
	pos int
}

func newTimerQueue(fire func(string, engine.OpID)) *timerQueue {
	q := &timerQueue{index: map[timerKey]*timerItem{}, wake: make(chan struct{}, 1),
		quit: make(chan struct{}), done: make(chan struct{}), fire: fire}
	go q.loop()
	return q
}

func (q *timerQueue) add(arn string, op engine.OpID, at time.Time) {
	q.mu.Lock()
	k := timerKey{arn, op}
	if it := q.index[k]; it != nil {
		it.at = at
		heap.Fix(&q.h, it.pos)
	} else {
		it := &timerItem{key: k, at: at}
		q.index[k] = it
		heap.Push(&q.h, it)
	}
	q.mu.Unlock()
	q.poke()
}

func (q *timerQueue) remove(arn string, op engine.OpID) {
	q.mu.Lock()
	defer q.mu.Unlock()
	k := timerKey{arn, op}
	if it := q.index[k]; it != nil {
		heap.Remove(&q.h, it.pos)
		delete(q.index, k)
	}
}

func (q *timerQueue) removeExecution(arn string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for k, it := range q.index {
		if k.arn == arn {
			heap.Remove(&q.h, it.pos)
			delete(q.index, k)
		}
	}
}

// Len returns the number of waiting timers.
func (q *timerQueue) Len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.h)
}

func (q *timerQueue) poke() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *timerQueue) stop() {
	close(q.quit)
	<-q.done
	q.firing.Wait()
}

func (q *timerQueue) loop() {
	defer close(q.done)
	t := time.NewTimer(time.Hour)
	defer t.Stop()
	for {
		due, next := q.popDue(time.Now())
		for _, k := range due {
			q.firing.Add(1)
			go func(k timerKey) {
				defer q.firing.Done()
				q.fire(k.arn, k.op)
			}(k)
		}
		wait := time.Hour
		if !next.IsZero() {
			wait = time.Until(next)
		}
		t.Reset(max(wait, 0))
		select {
		case <-q.quit:
			return
		case <-q.wake:
		case <-t.C:
		}
	}
}

// popDue removes the timers due at now and returns them with the time of
// the next one.
func (q *timerQueue) popDue(now time.Time) ([]timerKey, time.Time) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var due []timerKey
	for len(q.h) > 0 && !q.h[0].at.After(now) {
		it := heap.Pop(&q.h).(*timerItem)
		delete(q.index, it.key)
		due = append(due, it.key)
	}
	if len(q.h) == 0 {
		return due, time.Time{}
	}
	return due, q.h[0].at
}

type timerHeap []*timerItem

func (h timerHeap) Len() int           { return len(h) }
func (h timerHeap) Less(i, j int) bool { return h[i].at.Before(h[j].at) }
func (h timerHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].pos, h[j].pos = i, j
}
func (h *timerHeap) Push(x any) {
	it := x.(*timerItem)
	it.pos = len(*h)
	*h = append(*h, it)
}
func (h *timerHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

// Notifier wakes long polls waiting on a key (an activity ARN).
type Notifier struct {
	mu sync.Mutex
	ch map[string]chan struct{}
}

// NewNotifier returns a Notifier.
func NewNotifier() *Notifier { return &Notifier{ch: map[string]chan struct{}{}} }

// Wait returns a channel closed at the next Notify of key.
func (n *Notifier) Wait(key string) <-chan struct{} {
	n.mu.Lock()
	defer n.mu.Unlock()
	c := n.ch[key]
	if c == nil {
		c = make(chan struct{})
		n.ch[key] = c
	}
	return c
}

// NotifyAll wakes every waiter of every key.
func (n *Notifier) NotifyAll() {
	n.mu.Lock()
	defer n.mu.Unlock()
	for key, c := range n.ch {
		close(c)
		delete(n.ch, key)
	}
}

// Notify wakes every waiter of key.
func (n *Notifier) Notify(key string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if c := n.ch[key]; c != nil {
		close(c)
		delete(n.ch, key)
	}
}
