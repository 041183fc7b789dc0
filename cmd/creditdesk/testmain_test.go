package main

import (
	"os"
	"testing"
)

// asCreditdesk, set in a child's environment, makes the test binary the creditdesk command:
// TestMain calls main with the child's arguments instead of running the tests. Tests that need
// the command as a process of its own (TestThreeServeProcesses) start os.Args[0] with it, so
// they run the code under test without linking a binary of their own (a `go build` took
// several CPU seconds of the package's run).
const asCreditdesk = "CREDITDESK_TEST_AS_COMMAND"

func TestMain(m *testing.M) {
	if os.Getenv(asCreditdesk) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}
