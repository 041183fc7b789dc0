package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestDialectsBuildTheSameSchema: the SQLite and PostgreSQL migrations create the same tables
// with the same columns.
func TestDialectsBuildTheSameSchema(t *testing.T) {
	t.Parallel()
	ds := storetest.Dialects(t)
	if len(ds) < 2 {
		t.Skip("needs PostgreSQL (CREDITDESK_TEST_POSTGRES) to compare with SQLite")
	}
	schemas := map[store.Dialect]map[string][]string{}
	for _, d := range ds {
		s := storetest.Open(t, d, clock.Real())
		sc, err := s.Schema(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		schemas[d] = sc
	}
	lite, pg := schemas[store.SQLite], schemas[store.Postgres]
	if len(lite) < 8 {
		t.Fatalf("only %d tables on SQLite", len(lite))
	}
	for table, cols := range lite {
		if fmt.Sprint(cols) != fmt.Sprint(pg[table]) {
			t.Errorf("table %s: SQLite columns %v, PostgreSQL columns %v", table, cols, pg[table])
		}
	}
	for table := range pg {
		if _, ok := lite[table]; !ok {
			t.Errorf("table %s exists on PostgreSQL only", table)
		}
	}
}
