package ledger

// indexHeap is a binary min-heap of indices ordered by less. The burn engine and the runway
// forecast keep the lots that may pay right now in one, ordered by the burn order, so that the
// next lot to consume is found in O(log n) instead of scanning 10,000 lots per charge.
type indexHeap struct {
	idx  []int32
	less func(a, b int32) bool
}

func (h *indexHeap) len() int   { return len(h.idx) }
func (h *indexHeap) top() int32 { return h.idx[0] }

func (h *indexHeap) push(i int32) {
	h.idx = append(h.idx, i)
	for c := len(h.idx) - 1; c > 0; {
		parent := (c - 1) / 2
		if !h.less(h.idx[c], h.idx[parent]) {
			break
		}
		h.idx[c], h.idx[parent] = h.idx[parent], h.idx[c]
		c = parent
	}
}

func (h *indexHeap) pop() int32 {
	out := h.idx[0]
	last := len(h.idx) - 1
	h.idx[0] = h.idx[last]
	h.idx = h.idx[:last]
	for p := 0; ; {
		small, l, r := p, 2*p+1, 2*p+2
		if l < last && h.less(h.idx[l], h.idx[small]) {
			small = l
		}
		if r < last && h.less(h.idx[r], h.idx[small]) {
			small = r
		}
		if small == p {
			break
		}
		h.idx[p], h.idx[small] = h.idx[small], h.idx[p]
		p = small
	}
	return out
}
