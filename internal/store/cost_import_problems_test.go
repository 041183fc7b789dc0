package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
	"github.com/creditdesk/creditdesk/views"
)

const importHeader = "billingProfileId,date,productName,publisherType,chargeType,billingCurrency,costInBillingCurrency\n"

// problemsOf imports data and returns its problems, failing when it is accepted; the profile's
// estimate must not move (X2: nothing of a refused file is stored).
func problemsOf(t *testing.T, s *store.Store, data string) []problemText {
	t.Helper()
	today := ledger.MustDate("2026-07-10")
	before, err := s.ProfileSummary(context.Background(), profileOf(t, s), today)
	if err != nil {
		t.Fatal(err)
	}
	_, err = importCSV(t, s, data)
	var ps costcsv.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("err = %v, want Problems", err)
	}
	after, _ := s.ProfileSummary(context.Background(), profileOf(t, s), today)
	if !reflect.DeepEqual(before, after) {
		t.Errorf("a refused file moved the estimate from %s to %s", before.EstimatedBalance, after.EstimatedBalance)
	}
	return wordProblems(ps)
}

// problemText is a costcsv.Problem with what it says in words, as the upload form writes it.
type problemText struct {
	Line    int
	Column  string
	Message string
}

func wordProblems(ps costcsv.Problems) []problemText {
	out := make([]problemText, len(ps))
	for i, p := range ps {
		out[i] = problemText{p.Line, p.Column, views.Text(p.Said)}
	}
	return out
}

// TestImportReportsEveryProblemAtOnce: X2: one answer names the problems of every line, the
// file's own and those the database tells, sorted by line: an invoiced month, a foreign
// currency, an unknown profile, a bad date, a refund exceeding its day, a full id naming another
// account than the profile's (its own account, in any case, is fine); past costcsv.MaxProblems
// the rest are counted. On both databases.
func TestImportReportsEveryProblemAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		processedLedger(t, s)
		const p = "PBFV-AB12-CD3-EF4"
		got := problemsOf(t, s, importHeader+
			p+",07/05/2026,Virtual Machines,Azure,Usage,USD,10\n"+
			p+",06/08/2026,Virtual Machines,Azure,Usage,USD,999\n"+
			p+",07/05/2026,Storage,Azure,Usage,EUR,5\n"+
			"ZZZZ-ZZZZ-ZZZ-ZZZ,07/05/2026,Storage,Azure,Usage,USD,5\n"+
			p+",2026-02-30,Storage,Azure,Usage,USD,5\n"+
			p+",07/06/2026,Storage,Azure,Usage,USD,5\n"+
			p+",07/06/2026,Storage,Azure,Refund,USD,7.5\n"+
			"/providers/Microsoft.Billing/billingAccounts/other-account/billingProfiles/"+p+",07/05/2026,Storage,Azure,Usage,USD,5\n"+
			"/providers/Microsoft.Billing/billingAccounts/5E98E158-1A2B-4C3D-8E9F-0123456789AB:6F1E2D3C-4B5A-4978-8A6B-5C4D3E2F1A0B_2019-05-31"+
			"/billingProfiles/"+p+",07/05/2026,Storage,Azure,Usage,USD,5\n")
		want := []problemText{
			{Line: 3, Column: "date", Message: "a charge for Virtual Machines dated 2026-06-08 falls in a month already invoiced " +
				"(the next invoice covers 2026-07): invoiced data cannot change"},
			{Line: 4, Column: "billingCurrency", Message: "EUR, but billing profile PBFV-AB12-CD3-EF4 is billed in USD"},
			{Line: 5, Column: "billingProfileId", Message: "no billing profile ZZZZ-ZZZZ-ZZZ-ZZZ"},
			{Line: 6, Column: "date", Message: `not a date: "2026-02-30" (want MM/DD/YYYY or YYYY-MM-DD)`},
			{Line: 8, Column: "costInBillingCurrency", Message: `PBFV-AB12-CD3-EF4's "Storage" (Azure, eligible) on 2026-07-06 ` +
				"nets -2.50 after refunds (lines 7, 8): a refund cannot exceed the charges of its day"},
			{Line: 9, Column: "billingProfileId", Message: "billing account other-account has no billing profile PBFV-AB12-CD3-EF4"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got:\n%v\nwant:\n%v", got, want)
		}
		many := problemsOf(t, s, importHeader+strings.Repeat(p+",07/05/2026,Storage,Azure,Usage,EUR,5\n", costcsv.MaxProblems+20)+
			p+",06/08/2026,Virtual Machines,Azure,Usage,USD,999\n")
		if len(many) != costcsv.MaxProblems+1 || many[0].Line != 2 || many[costcsv.MaxProblems].Message != "and 21 more problems" {
			t.Errorf("%d problems, first %v, last %v; want %d, the first at line 2, then 21 counted",
				len(many), many[0], many[len(many)-1], costcsv.MaxProblems+1)
		}
		var refunds strings.Builder
		refunds.WriteString(importHeader)
		for i := range costcsv.MaxProblems + 20 {
			fmt.Fprintf(&refunds, "%s,07/05/2026,Product %d,Azure,Refund,USD,1\n", p, i)
		}
		many = problemsOf(t, s, refunds.String())
		if len(many) != costcsv.MaxProblems+1 || many[costcsv.MaxProblems].Message != "and 20 more problems" ||
			!strings.Contains(many[costcsv.MaxProblems-1].Message, `"Product 99"`) {
			t.Errorf("%d problems, the last two %v; want %d, then 20 counted", len(many), many[len(many)-2:], costcsv.MaxProblems+1)
		}
	})
}

// TestImportRefusesAMonthPastTheLimit: M16: 100 lines of 99,999,999,999 for one profile and
// month are refused whole (the month at its first line, the file at the line that reaches
// costcsv.FileLimit), with the command's error and nothing stored, on both databases.
func TestImportRefusesAMonthPastTheLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		processedLedger(t, s)
		got := problemsOf(t, s, importHeader+strings.Repeat("PBFV-AB12-CD3-EF4,07/08/2026,Storage,Azure,Usage,USD,99999999999\n", 100))
		if len(got) != 2 || got[0].Line != 2 || !strings.Contains(got[0].Message, "charges of 2026-07 would total 1000000000190.00") ||
			got[1].Line != 12 || !strings.Contains(got[1].Message, "split the export") {
			t.Errorf("got:\n%v", got)
		}
	})
}
