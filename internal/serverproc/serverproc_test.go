package serverproc

import (
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// helperAddr, when set, makes the test binary a server of /readyz on that address: the child
// process the tests start.
const helperAddr = "SERVERPROC_TEST_ADDR"

func TestMain(m *testing.M) {
	if addr := os.Getenv(helperAddr); addr != "" {
		http.HandleFunc("/readyz", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusOK) })
		_ = http.ListenAndServe(addr, nil)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// TestStartWaitStop: a server started on a free address is ready once it answers 200, and
// stops on SIGTERM.
func TestStartWaitStop(t *testing.T) {
	addr, err := FreeAddr()
	if err != nil || !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("FreeAddr = %q, %v", addr, err)
	}
	t.Setenv(helperAddr, addr)
	p, err := Start("helper", io.Discard, io.Discard, os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WaitReady(context.Background(), "http://"+addr+"/readyz", time.Minute); err != nil {
		t.Fatal(err)
	}
	p.Stop()
	if _, err := http.Get("http://" + addr + "/readyz"); err == nil {
		t.Error("the server still answers after Stop")
	}
}

// TestWaitReadyFailsWhenTheProcessExits: a process that exits before answering is reported,
// without waiting for the timeout.
func TestWaitReadyFailsWhenTheProcessExits(t *testing.T) {
	addr, err := FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	p, err := Start("quitter", io.Discard, io.Discard, os.Args[0], "-test.run=^$")
	if err != nil {
		t.Fatal(err)
	}
	err = p.WaitReady(context.Background(), "http://"+addr+"/readyz", time.Hour)
	if err == nil || !strings.Contains(err.Error(), "quitter exited before it was ready") {
		t.Errorf("WaitReady = %v", err)
	}
	p.Stop() // an exited process stops at once
}
