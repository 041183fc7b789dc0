package scenario_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestLoadReportsEveryProblem: a file with four problems that only the database reveals gets all
// four back at once, each at its indexed JSON path, and stores nothing (X1, X2). April to June
// 2026 are invoiced; the file changes a charge total of May, adds an adjustment in June, edits a
// lot and grants a role to a user nobody declared, and also holds a July charge and adjustment
// that are fine on their own.
func TestLoadReportsEveryProblem(t *testing.T) {
	const prof = "billingAccounts[0].billingProfiles[0]"
	want := []struct{ path, text string }{ // in path order: the fields of an object by name
		{prof + ".adjustments[1].date", "an adjustment dated 2026-06-15 falls in a month already invoiced"},
		{prof + ".charges[0].date", "a charge for Virtual Machines dated 2026-05-10 falls in a month already invoiced"},
		{prof + ".lots[0]", "cannot be edited"},
		{"billingAccounts[0].roles[0].user", "no user ghost@northwind.example"},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		mustLoad(t, s, "testdata/ledger.json")
		if _, err := s.ProcessAll(ctx, ledger.MustDate("2026-07-10")); err != nil {
			t.Fatal(err)
		}
		sc, err := parseFile(t, "testdata/four/invoiced.json")
		if err != nil {
			t.Fatalf("parse: %v", err)
		}
		_, err = scenario.Load(ctx, s, sc, passwordtest.Params())
		var probs scenario.Problems
		if !errors.As(err, &probs) {
			t.Fatalf("Load = %v, want Problems", err)
		}
		if len(probs) != len(want) {
			t.Fatalf("%d problems, want %d:\n%v", len(probs), len(want), probs)
		}
		for i, w := range want {
			if probs[i].Path != w.path || !strings.Contains(probs[i].Message, w.text) {
				t.Errorf("problem %d = %v, want at %s mentioning %q", i, probs[i], w.path, w.text)
			}
		}
		// The refused file stored nothing: its July charge and adjustment are new to a load of them alone.
		sum := mustLoad(t, s, "testdata/four/accepted.json")
		if sum.Created["charge entries"] != 1 || sum.Created["adjustments"] != 1 {
			t.Errorf("after the refused load: %s", sum)
		}
	})
}
