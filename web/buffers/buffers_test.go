package buffers

import "testing"

// TestPutKeepsGrownBuffersButNotHugeOnes: a buffer comes back empty with its capacity; one over
// maxKept is not kept.
func TestPutKeepsGrownBuffersButNotHugeOnes(t *testing.T) {
	bp := Get()
	*bp = append(*bp, "page"...)
	Put(bp)
	if got := Get(); len(*got) != 0 {
		t.Errorf("a buffer came back holding %q", *got)
	}
	huge := make([]byte, 0, maxKept+1)
	bp = &huge
	Put(bp) // not kept: nothing to observe but that it does not panic
}
