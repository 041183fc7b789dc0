// Package logtest holds what a test reads a log with while the code it tests still writes it:
// a server's output, a syncer's log.
package logtest

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer safe to write from other goroutines while the test reads it.
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String is what was written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
