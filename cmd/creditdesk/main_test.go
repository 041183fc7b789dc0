package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/logtest"
	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/store"
)

func noEnv(string) (string, bool) { return "", false }

// openDB opens the database the commands of a test wrote, to look into it; it closes at cleanup.
func openDB(t *testing.T, db string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), db, clock.Real())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func runCmd(t *testing.T, stdin string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, noEnv, strings.NewReader(stdin), &out)
	return out.String(), err
}

// loadInto loads the scenario file into the database db with `creditdesk load`.
func loadInto(t *testing.T, db, file string) {
	t.Helper()
	if out, err := runCmd(t, "", "load", "-database", db, file); err != nil {
		t.Fatalf("load %s: %v\n%s", file, err, out)
	}
}

// loadedDB is a new SQLite database file holding the scenario file, loaded by `creditdesk load`.
func loadedDB(t *testing.T, file string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "cd.db")
	loadInto(t, db, file)
	return db
}

func TestMigrateLoadAndUsers(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "cd.db")
	out, err := runCmd(t, "", "migrate", "-database", db)
	if err != nil || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	out, err = runCmd(t, "", "load", "-database", db, "../../internal/scenario/testdata/base.json")
	if err != nil || !strings.Contains(strings.Join(strings.Fields(out), " "), "users: 2 created") {
		t.Fatalf("load: %v\n%s", err, out)
	}
	out, err = runCmd(t, "", "load", "-database", db, "../../internal/scenario/testdata/bad/unknown-role.json")
	if err == nil || !strings.Contains(err.Error(), "billingAccounts[0].roles[0].role") || !strings.Contains(err.Error(), "nothing was loaded") {
		t.Errorf("bad load: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "a fine long password\n", "users", "create", "-database", db, "-email", "Op@Example.com", "-name", "Op"); err != nil {
		t.Fatalf("users create: %v", err)
	}
	if _, err := runCmd(t, "short\n", "users", "set-password", "-database", db, "-email", "op@example.com"); err == nil || !strings.Contains(err.Error(), "at least 12") {
		t.Errorf("short password accepted: %v", err)
	}
	// Five failed sign-ins lock the email out; the operator's new password lifts the lockout, as
	// the lockout message advises.
	s := openDB(t, db)
	for range 5 {
		if err := s.RecordSignInFailure(context.Background(), "op@example.com", "192.0.2.1"); err != nil {
			t.Fatal(err)
		}
	}
	if byEmail, _, err := s.SignInFailures(context.Background(), "op@example.com", "192.0.2.1", time.Now().Add(-time.Hour)); err != nil || byEmail != 5 {
		t.Fatalf("failed sign-ins recorded: %d, %v; want 5", byEmail, err)
	}
	if _, err := runCmd(t, "another fine password\n", "users", "set-password", "-database", db, "-email", "op@example.com"); err != nil {
		t.Fatalf("set-password: %v", err)
	}
	if byEmail, _, err := s.SignInFailures(context.Background(), "op@example.com", "192.0.2.1", time.Now().Add(-time.Hour)); err != nil || byEmail != 0 {
		t.Errorf("failed sign-ins after set-password: %d, %v; want 0", byEmail, err)
	}
	u, err := s.UserByEmail(context.Background(), "op@example.com")
	if err != nil || password.Verify("another fine password", u.PasswordHash) != nil {
		t.Errorf("the new password does not verify: %v", err)
	}
	// The commands store production-cost hashes (the tests' cheap costs never reach them).
	p := password.Production()
	costs := fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$", p.MemoryKiB, p.Passes, p.Lanes)
	for _, email := range []string{"op@example.com", "ana@northwind.example"} {
		if u, err := s.UserByEmail(context.Background(), email); err != nil || !strings.HasPrefix(u.PasswordHash, costs) {
			t.Errorf("%s: hash %q, %v; want the production costs %s", email, u.PasswordHash, err, costs)
		}
	}
	if _, err := runCmd(t, "a fine long password\n", "users", "create", "-database", db, "-email", "op@example.com"); err == nil {
		t.Error("a second user with the same email was created")
	}
}

// TestMistypedDatabaseOrArgument: a command that works on existing data refuses an SQLite file
// that does not exist (a mistyped -database would otherwise be a new, empty database, processed
// with success), and a command that takes flags only refuses a word left over.
func TestMistypedDatabaseOrArgument(t *testing.T) {
	t.Parallel()
	typo := filepath.Join(t.TempDir(), "typo", "cd.db")
	db := []string{"-database", typo}
	csv := filepath.Join(t.TempDir(), "x.csv")
	if err := os.WriteFile(csv, []byte("billingProfileId,date,costInBillingCurrency,billingCurrency,productName\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{append([]string{"process"}, db...), append([]string{"alerts", "run"}, db...),
		append([]string{"azure", "list"}, db...), append([]string{"not-covered", "list"}, db...),
		append(append([]string{"import-costs"}, db...), csv),
		append([]string{"users", "reset-link", "-email", "a@b.example", "-public-url", "https://cd.example"}, db...)} {
		if _, err := runCmd(t, "", args...); err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("%v on a missing database: %v", args, err)
		}
	}
	if _, err := os.Stat(filepath.Dir(typo)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a command created %s: %v", filepath.Dir(typo), err)
	}
	// A new database is what migrate, load, users create and invite make; a command on existing
	// data takes an existing file, named with or without "sqlite:".
	fresh := filepath.Join(t.TempDir(), "new", "cd.db")
	if _, err := runCmd(t, "a fine long password\n", "users", "create", "-database", fresh, "-email", "op@example.com"); err != nil {
		t.Errorf("users create on a new database: %v", err)
	}
	if out, err := runCmd(t, "", "process", "-database", "sqlite:"+fresh); err != nil || !strings.Contains(out, "processed 0 billing profiles") {
		t.Errorf("process on the database users create made: %v\n%s", err, out)
	}
	for _, args := range [][]string{append(db, "extra"), append(db, "x")} {
		for _, sub := range []string{"migrate", "process"} {
			if _, err := runCmd(t, "", append([]string{sub}, args...)...); err == nil || !strings.Contains(err.Error(), "left over") {
				t.Errorf("%s %v: %v", sub, args, err)
			}
		}
	}
}

func TestUnknownCommandAndFlags(t *testing.T) {
	t.Parallel()
	if _, err := runCmd(t, "", "frobnicate"); err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Errorf("unknown command: %v", err)
	}
	if _, err := runCmd(t, ""); err == nil {
		t.Error("no command accepted")
	}
	if _, err := runCmd(t, "", "serve", "-production"); err == nil || !strings.Contains(err.Error(), "session-key") {
		t.Errorf("production without a session key: %v", err)
	}
}

// serveDemo runs `serve -demo` on a new SQLite database, on addr and on metricsAddr ("" for
// none), in the background, writing to out. stop ends it as SIGTERM does and fails the test
// unless it returns cleanly within 20 s.
func serveDemo(t *testing.T, addr, metricsAddr string) (out *logtest.Buffer, stop func()) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "cd.db")
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel) // stops the server when the test ends before stop
	out = &logtest.Buffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-demo", "-database", db, "-addr", addr, "-metrics-addr", metricsAddr}, noEnv, nil, out)
	}()
	return out, func() {
		t.Helper()
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not shut down")
		}
	}
}

// TestServeDemoAndGracefulShutdown: `serve -demo` loads the demo once, prints the sign-ins,
// answers /readyz, and returns cleanly when its context ends (SIGTERM in main).
func TestServeDemoAndGracefulShutdown(t *testing.T) {
	addr := freeAddr(t)
	out, stop := serveDemo(t, addr, "")
	// Loading the demo takes seconds on a quiet machine and more than 30 on a busy one: the
	// deadline only ends a server that never gets ready.
	deadline := time.Now().Add(3 * time.Minute)
	for {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server not ready: %v\n%s", err, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "ana@northwind.example") || !strings.Contains(out.String(), "creditdesk-demo") {
		t.Errorf("the demo sign-ins were not printed:\n%s", out.String())
	}
	stop()
}
