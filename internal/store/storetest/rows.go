package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Rows runs one query on the database at url (from URL or MigratedURL) through a connection of
// its own, beside any store, and returns each row's values as text separated by spaces: a test
// compares what the store maintains with what a query recomputes from the entries.
func Rows(t testing.TB, url, query string) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	if strings.HasPrefix(url, "postgres") {
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatalf("connect to %s: %v", url, err)
		}
		defer c.Close(ctx)
		rows, err := c.Query(ctx, query)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		for rows.Next() {
			vals, err := rows.Values()
			if err != nil {
				t.Fatalf("%s: %v", query, err)
			}
			out = append(out, strings.TrimSuffix(fmt.Sprintln(vals...), "\n"))
		}
		if err := rows.Err(); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return out
	}
	db, err := sql.Open("sqlite", "file:"+url+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out = append(out, strings.TrimSuffix(fmt.Sprintln(vals...), "\n"))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}
