package storetest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestPoolResetGivesTheTemplateBack: a pool database that a test wrote to holds, once reset,
// what a fresh copy of the template holds: the same rows in every table (those the migrations
// inserted among them) and the same sequence positions. The written database differs first, so
// the comparison does see a difference.
func TestPoolResetGivesTheTemplateBack(t *testing.T) {
	t.Parallel()
	if os.Getenv("CREDITDESK_TEST_POSTGRES") == "" {
		Dialects(t) // fails when CREDITDESK_REQUIRE_POSTGRES=1
		t.Skip("needs PostgreSQL (CREDITDESK_TEST_POSTGRES)")
	}
	ctx := context.Background()
	tmpl, err := postgresTemplate()
	if err != nil {
		t.Fatal(err)
	}
	fresh := createDatabase(t, "TEMPLATE "+tmpl.name)
	used := poolDatabase(t)
	// Write as tests do: the demo scenario, processed, fills most tables.
	s, err := store.Open(ctx, used, clock.Real())
	if err != nil {
		t.Fatal(err)
	}
	demo, err := scenario.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := scenario.Load(ctx, s, demo, passwordtest.Params()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ProcessAll(ctx, ledger.MustDate("2026-11-23")); err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	if err := execIn(ctx, used, `DELETE FROM not_covered_products WHERE name = 'Canonical';
		INSERT INTO not_covered_products (name) VALUES ('Something else')`); err != nil {
		t.Fatal(err)
	}
	want, _ := contents(t, fresh)
	got, filled := contents(t, used)
	if got == want || filled < 12 {
		t.Fatalf("the written database has rows in %d tables only:\n%s", filled, got)
	}
	if err := execIn(ctx, used, "SELECT storetest.reset()"); err != nil {
		t.Fatal(err)
	}
	if got, _ := contents(t, used); got != want {
		t.Errorf("after reset:\n%s\nwant the template's content:\n%s", got, want)
	}
}

// contents lists the rows of every table of the application and the position of every
// sequence, in a fixed order, and counts the tables that have rows.
func contents(t *testing.T, url string) (string, int) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var tables []string
	rows, err := c.Query(ctx, "SELECT name::text FROM storetest.tables ORDER BY 1")
	if err == nil {
		tables, err = pgx.CollectRows(rows, pgx.RowTo[string])
	}
	if err != nil || len(tables) < 8 {
		t.Fatalf("tables %v, %v", tables, err)
	}
	var b strings.Builder
	filled := 0
	for _, table := range tables {
		var rows string
		q := fmt.Sprintf("SELECT coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '') FROM %s r", table)
		if err := c.QueryRow(ctx, q).Scan(&rows); err != nil {
			t.Fatalf("rows of %s: %v", table, err)
		}
		fmt.Fprintf(&b, "table %s:\n%s\n", table, rows)
		if rows != "" {
			filled++
		}
	}
	var seqs string
	q := "SELECT coalesce(string_agg(format('%s %s', name, pg_sequence_last_value(name)), E'\\n' ORDER BY name::text), '') FROM storetest.sequences"
	if err := c.QueryRow(ctx, q).Scan(&seqs); err != nil {
		t.Fatalf("sequences: %v", err)
	}
	return b.String() + "sequences:\n" + seqs, filled
}
