package storetest

import (
	"os"
	"testing"
)

// Cases is the number of random cases a property test plays: n by default, long when
// CREDITDESK_TEST_LONG=1 (the thorough run, before a release or after changing what the
// property covers), a tenth of n with -short.
func Cases(n, long uint64) uint64 {
	switch {
	case os.Getenv("CREDITDESK_TEST_LONG") == "1":
		return long
	case testing.Short():
		return max(n/10, 1)
	}
	return n
}
