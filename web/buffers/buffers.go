// Package buffers keeps the buffers that responses are written into, for the portal's pages and
// the API's JSON alike: a response written into a buffer that earlier ones have grown does not
// grow one from nothing each time (a third of the bytes the credits page allocated, and a page of
// 100 events is about 180 KB; issue 10).
package buffers

import "sync"

// maxKept bounds the buffers kept: a rare huge response does not pin its memory.
const maxKept = 1 << 20

var pool = sync.Pool{New: func() any { return new([]byte) }}

// Get returns an empty buffer, with the capacity an earlier response left it.
func Get() *[]byte {
	bp := pool.Get().(*[]byte)
	*bp = (*bp)[:0]
	return bp
}

// Put gives a buffer back once its response is written; store in it the slice that was written
// (which may have grown) first.
func Put(bp *[]byte) {
	if cap(*bp) <= maxKept {
		pool.Put(bp)
	}
}
