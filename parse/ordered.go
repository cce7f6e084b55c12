package parse

import (
	"context"
	"runtime"
	"sync"
)

// A job is one record to turn into items: its place in the file (for
// messages and the article's origin) and the text of the record; or, when
// problem is set, a problem found while splitting the file, passed on in
// its place among the records.
type job struct {
	at      Problem
	data    []byte
	problem *Problem
	items   []Item // the result
}

// chunkSize is how many records a worker takes at a time: enough that
// handing them over costs little beside parsing them.
const chunkSize = 64

type chunk struct {
	jobs []job
	done chan struct{}
}

// ordered parses records on every core and emits what they give in the
// order of the file, so that ids, messages and --report read as if one
// goroutine had done it all. split reads the file and calls submit for each
// record in order; parse turns one job's data into items. split stops when
// submit returns false (the import was stopped or emit failed).
func (w *walker) ordered(split func(submit func(job) bool) error, parse func(*job)) error {
	ctx, cancel := context.WithCancel(w.ctx)
	defer cancel()
	workers := runtime.GOMAXPROCS(0)
	todo := make(chan *chunk, 2*workers)  // to the workers
	queue := make(chan *chunk, 4*workers) // to emit, in order
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for c := range todo {
				for i := range c.jobs {
					if j := &c.jobs[i]; j.problem == nil {
						parse(j)
					}
				}
				close(c.done)
			}
		})
	}
	splitErr := make(chan error, 1)
	go func() {
		defer close(queue)
		defer close(todo)
		cur := &chunk{done: make(chan struct{})}
		send := func() bool {
			// A chunk goes to the workers before it is queued: every
			// queued chunk is eventually done.
			select {
			case todo <- cur:
			case <-ctx.Done():
				return false
			}
			select {
			case queue <- cur:
			case <-ctx.Done():
				return false
			}
			cur = &chunk{done: make(chan struct{})}
			return true
		}
		err := split(func(j job) bool {
			cur.jobs = append(cur.jobs, j)
			return len(cur.jobs) < chunkSize || send()
		})
		if len(cur.jobs) > 0 && ctx.Err() == nil {
			send()
		}
		splitErr <- err
	}()
	var emitErr error
	for c := range queue {
		<-c.done
		for i := 0; i < len(c.jobs) && emitErr == nil; i++ {
			j := &c.jobs[i]
			if j.problem != nil {
				emitErr = w.problem(j.problem)
				continue
			}
			for _, it := range j.items {
				if emitErr = w.emit(it); emitErr != nil {
					break
				}
			}
		}
		if emitErr != nil {
			cancel() // split stops; the rest of queue drains
		}
	}
	wg.Wait()
	err := <-splitErr
	if emitErr != nil {
		return emitErr
	}
	if err == nil {
		err = w.ctx.Err()
	}
	return err
}
