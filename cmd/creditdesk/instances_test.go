package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/creditdesk/creditdesk/internal/logtest"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestThreeServeProcesses: three `creditdesk serve` processes on one PostgreSQL database with a
// 200 ms processing interval, for a simulated day of 24 intervals. The leader is killed (SIGKILL)
// in the middle of its first run, a backlog of about 2,900 invoices; another instance takes
// over. Each interval has exactly one finished run, runs never overlap, the ledger has no
// duplicate invoice or event and equals one `creditdesk process` of the same data. (A run that
// SIGTERM cuts short at the end stays unfinished, like the killed one: the next leader would
// run its interval again.)
func TestThreeServeProcesses(t *testing.T) {
	t.Parallel()
	storetest.RequirePostgres(t, "SQLite serves one process")
	ctx := context.Background()
	db := storetest.URL(t, store.Postgres)
	if out, err := runCmd(t, "", "seed", "-database", db, "-now", "2026-01-15", "-profiles", "100", "-lots", "2",
		"-months", "2", "-adjustments", "1"); err != nil {
		t.Fatalf("seed: %v\n%s", err, out)
	}
	ref := cloneDatabase(t, db)
	const today = "2028-06-15" // 29 invoices due per profile
	if out, err := runCmd(t, "", "process", "-database", ref, "-now", today); err != nil {
		t.Fatalf("reference run: %v\n%s", err, out)
	}
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	seeded := count(t, conn, "SELECT count(*) FROM invoices")

	procs := map[string]*exec.Cmd{} // by instance: host and pid
	outs := map[string]*logtest.Buffer{}
	host, _ := os.Hostname()
	for range 3 {
		out := &logtest.Buffer{}
		cmd := exec.Command(os.Args[0], "serve", "-database", db, "-addr", "127.0.0.1:0", "-metrics-addr", "",
			"-process-interval", "200ms", "-now", today, "-session-key", strings.Repeat("ab", 32), "-log-level", "warn")
		cmd.Env = append(os.Environ(), asCreditdesk+"=1")
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		id := host + ":" + strconv.Itoa(cmd.Process.Pid)
		procs[id], outs[id] = cmd, out
		t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	}
	logs := func() string {
		var b strings.Builder
		for id, out := range outs {
			fmt.Fprintf(&b, "--- %s\n%s", id, out.String())
		}
		return b.String()
	}

	// Kill the leader once its first run has issued some of the backlog, but not all of it.
	var killed string
	waitFor(t, "a run in progress", 5*time.Millisecond, logs, func() bool {
		r := runsOf(t, conn)
		if len(r) == 1 && r[0].finished.IsZero() && count(t, conn, "SELECT count(*) FROM invoices") > seeded {
			killed = r[0].instance
			return true
		}
		return false
	})
	if err := procs[killed].Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = procs[killed].Wait()
	waitFor(t, "24 finished runs", 100*time.Millisecond, logs, func() bool {
		n := 0
		for _, r := range runsOf(t, conn) {
			if !r.finished.IsZero() {
				n++
			}
		}
		return n >= 24
	})
	for id, cmd := range procs {
		if id != killed {
			_ = cmd.Process.Signal(syscall.SIGTERM)
			if err := cmd.Wait(); err != nil {
				t.Errorf("%s: %v\n%s", id, err, outs[id].String())
			}
		}
	}

	runs := runsOf(t, conn)
	slots := map[time.Time]int{}
	leaders := map[string]bool{}
	for i, r := range runs {
		if r.finished.IsZero() {
			// The killed leader's run, and perhaps the last one, cut short by SIGTERM.
			if (r.instance != killed || i != 0) && i != len(runs)-1 {
				t.Errorf("run %d by %s never finished; only the killed leader's first run and the last should not", i, r.instance)
			}
			continue
		}
		slots[r.slot]++
		leaders[r.instance] = true
		if i > 0 && !runs[i-1].finished.IsZero() && r.started.Before(runs[i-1].finished) {
			t.Errorf("run %d started at %s, before run %d finished at %s", i, r.started, i-1, runs[i-1].finished)
		}
	}
	for slot, n := range slots {
		if n != 1 {
			t.Errorf("interval %s: %d finished runs", slot.Format("15:04:05.000"), n)
		}
	}
	if len(leaders) != 1 || leaders[killed] {
		t.Errorf("finished runs by %v; want one instance, not the killed %s", leaders, killed)
	}
	refConn, err := pgx.Connect(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	defer refConn.Close(ctx)
	if got, want := ledgerPrint(t, conn), ledgerPrint(t, refConn); got != want {
		t.Errorf("ledger after the takeover differs from one run:\n got %s\nwant %s", got, want)
	}
	t.Logf("killed %s during the first run; %d runs in %d intervals by %v; %s", killed, len(runs), len(slots), leaders, ledgerPrint(t, conn))
	if t.Failed() {
		t.Log(logs())
	}
}

// processRun is a row of process_runs.
type processRun struct {
	slot, started, finished time.Time // finished is zero while unfinished
	instance                string
}

// runsOf lists the recorded runs in the order they started.
func runsOf(t *testing.T, conn *pgx.Conn) []processRun {
	t.Helper()
	rows, err := conn.Query(context.Background(),
		"SELECT slot, started_at, COALESCE(finished_at, 'epoch'), instance FROM process_runs ORDER BY started_at, id")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (processRun, error) {
		var r processRun
		err := row.Scan(&r.slot, &r.started, &r.finished, &r.instance)
		if r.finished.Equal(time.Unix(0, 0)) {
			r.finished = time.Time{}
		}
		return r, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return runs
}

// ledgerPrint sums up every profile's invoices and ledger events, and counts what would be
// duplicates.
func ledgerPrint(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	var invoices, events, due, amount, seq, balance int64
	err := conn.QueryRow(context.Background(), `SELECT
		(SELECT count(*) FROM invoices), (SELECT COALESCE(sum(amount_due + credits_applied), 0) FROM invoices),
		(SELECT count(*) FROM ledger_events), (SELECT COALESCE(sum(amount), 0) FROM ledger_events),
		(SELECT COALESCE(sum(event_seq), 0) FROM billing_profiles),
		(SELECT COALESCE(sum(current_balance), 0) FROM billing_profiles)`).Scan(&invoices, &due, &events, &amount, &seq, &balance)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%d invoices (%d), %d events (%d), sequences %d, balances %d", invoices, due, events, amount, seq, balance)
}

// count runs a count query.
func count(t *testing.T, conn *pgx.Conn, query string) int64 {
	t.Helper()
	var n int64
	if err := conn.QueryRow(context.Background(), query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// waitFor polls cond every interval until it holds, failing the test with the processes' logs
// after a minute. A run in progress is caught by polling often, since the window is short; the
// 24 runs that follow take seconds, and polling them every 5 ms kept the test and its
// PostgreSQL backend busy.
func waitFor(t *testing.T, what string, interval time.Duration, logs func() string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s\n%s", what, logs())
		}
		time.Sleep(interval)
	}
}

// cloneDatabase copies the PostgreSQL database at u into a new one, dropped at cleanup, and
// returns its URL.
func cloneDatabase(t *testing.T, u string) string {
	t.Helper()
	ctx := context.Background()
	parsed, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(parsed.Path, "/")
	admin, err := pgx.Connect(ctx, os.Getenv("CREDITDESK_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+"_ref TEMPLATE "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, os.Getenv("CREDITDESK_TEST_POSTGRES"))
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+"_ref WITH (FORCE)"); err != nil {
			t.Error(err)
		}
	})
	parsed.Path = "/" + name + "_ref"
	return parsed.String()
}
