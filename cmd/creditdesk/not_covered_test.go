package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestNotCoveredCommand (M10, issue 8 item 2; X1): operators list, add and remove entries of
// the not-covered list, on both databases; a name already listed in another spelling, or one
// the list does not have, is refused with a sentence; the cost import follows the edited list;
// every change is audited at installation level.
func TestNotCoveredCommand(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		db := storetest.URL(t, d)
		if _, err := runCmd(t, "", "migrate", "-database", db); err != nil { // an SQLite file must exist
			t.Fatal(err)
		}
		nc := func(sub string, args ...string) (string, error) {
			return runCmd(t, "", append([]string{"not-covered", sub, "-database", db}, args...)...)
		}
		out, err := nc("list")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if err != nil || len(lines) != 12 || lines[0] != "Azure support plans" {
			t.Fatalf("list: %v\n%s", err, out)
		}
		if out, err := nc("add", "  Contoso   Widgets "); err != nil || !strings.Contains(out, `added "Contoso Widgets" to the not-covered list`) {
			t.Fatalf("add: %v\n%s", err, out)
		}
		refused := []struct {
			args []string
			says string
		}{
			{[]string{"add", "contoso WIDGET"}, `not-covered add: "contoso WIDGET" is already on the not-covered list as "Contoso Widgets"`},
			{[]string{"add", "\t"}, "not-covered add: name: a product name is required"},
			{[]string{"remove", "Fabrikam"}, `not-covered remove: name: "Fabrikam" is not on the not-covered list`},
			{[]string{"add"}, "usage: creditdesk not-covered"},
			{[]string{"remove", "Azure", "DevOps"}, "usage: creditdesk not-covered"},
			{[]string{"list", "extra"}, "usage: creditdesk not-covered"},
		}
		for _, r := range refused {
			if out, err := nc(r.args[0], r.args[1:]...); err == nil || !strings.Contains(err.Error(), r.says) {
				t.Errorf("%q: %v\n%s; want an error saying %q", r.args, err, out, r.says)
			}
		}
		for _, args := range [][]string{{"not-covered"}, {"not-covered", "purge"}} {
			if _, err := runCmd(t, "", args...); err == nil || !strings.Contains(err.Error(), "usage: creditdesk not-covered") {
				t.Errorf("%q: %v", args, err)
			}
		}
		assertImportFollowsList(t, db)
		if out, err := nc("remove", "CONTOSO widget"); err != nil || !strings.Contains(out, `removed "Contoso Widgets" from the not-covered list`) {
			t.Fatalf("remove: %v\n%s", err, out)
		}
		if out, _ := nc("list"); strings.Contains(out, "Contoso") || strings.Count(out, "\n") != 12 {
			t.Errorf("list after remove:\n%s", out)
		}
		audit, err := openDB(t, db).AuditOf(context.Background(), "", 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var trail []string
		for _, e := range audit {
			if strings.HasPrefix(e.Action, "not_covered.") {
				trail = append(trail, e.Action+" "+e.Target+" by "+e.ActorEmail)
			}
		}
		want := []string{"not_covered.removed Contoso Widgets by operator (creditdesk not-covered)",
			"not_covered.added Contoso Widgets by operator (creditdesk not-covered)"}
		if !slices.Equal(trail, want) {
			t.Errorf("audit\n got %q\nwant %q", trail, want)
		}
	})
}

// assertImportFollowsList imports a charge for "contoso  WIDGET" with the command while the list
// holds "Contoso Widgets": the charge is not eligible for credit (M10).
func assertImportFollowsList(t *testing.T, db string) {
	t.Helper()
	loadInto(t, db, "../../internal/scenario/testdata/ledger.json")
	csv := filepath.Join(t.TempDir(), "widgets.csv")
	data := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n" +
		"PBFV-AB12-CD3-EF4,2026-07-06,contoso  WIDGET,USD,5.00\n"
	if err := os.WriteFile(csv, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"process", "-database", db, "-now", "2026-07-10"},
		{"import-costs", "-database", db, "-now", "2026-07-10", csv}} {
		if out, err := runCmd(t, "", args...); err != nil {
			t.Fatalf("%s: %v\n%s", args[0], err, out)
		}
	}
	ctx := context.Background()
	s := openDB(t, db)
	_, p := storetest.Profile(t, s, "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31", "PBFV-AB12-CD3-EF4")
	sum, err := s.ProfileSummary(ctx, p, ledger.MustDate("2026-07-10"))
	if err != nil {
		t.Fatal(err)
	}
	if sum.IneligibleCharges.String() != "5.00" || sum.PendingEligibleCharges.String() != "-200.00" {
		t.Errorf("after import: ineligible %s, pending eligible %s; want 5.00, -200.00", sum.IneligibleCharges, sum.PendingEligibleCharges)
	}
}
