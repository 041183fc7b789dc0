package views

import (
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/money"
)

// TestRefusalSentences: a refusal of the benefits rules reads as a sentence a person can act
// on. It never repeats the domain it names (P10), names a yearly benefit with its article and
// noun (P6, P7), formats its date for the reader (P3, X3), and never shows the rule code, which
// stays in RuleError.Rule for logs and attributes.
func TestRefusalSentences(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	now := day("2026-03-01")
	held := func(id string, k benefits.Kind) benefits.Benefit {
		return benefits.Benefit{ID: id, Kind: k, Amount: money.FromUnits(100), Currency: "USD", PurchaseDate: day("2026-02-01"),
			StartDate: day("2026-02-05"), EndDate: day("2027-02-04"), AssignedTo: "raj@fabrikam.example"}
	}
	reassign := func(b benefits.Benefit, at time.Time) error {
		_, err := benefits.Reassign(benefits.Policy{}, benefits.AssignRequest{Benefit: b, User: "ana@fabrikam.example",
			Domains: []string{"fabrikam.example"}, Actor: "olga@fabrikam.example", Now: at})
		return err
	}
	email := func(e string) error { _, err := benefits.ValidateEmail(e, nil, benefits.Policy{}); return err }
	tests := []struct {
		name string
		err  error
		loc  Locale
		want string
	}{
		{"P10 free-hosted domain named once", email("raj@gmail.com"), Locale{},
			"gmail.com is a free-hosted mail domain; Azure credits can be assigned only to users with a company domain."},
		{"P10 subdomain names both", email("raj@mail.gmail.com"), Locale{},
			"mail.gmail.com is a subdomain of the free-hosted mail domain gmail.com; Azure credits can be assigned only to users with a company domain."},
		{"P6 P7 GitHub Copilot Enterprise", reassign(held("b-7", benefits.GitHubCopilotEnterprise), now), Locale{},
			"Reassignment isn't supported for a GitHub Copilot Enterprise benefit: once it is assigned, its user can change only in the next membership year, after renewal."},
		{"P6 bulk credit", reassign(held("b-2", benefits.AzureBulkCredit), now), Locale{},
			"Reassignment isn't supported for an Azure bulk (yearly) credit: once it is assigned, its user can change only in the next membership year, after renewal."},
		{"P3 X3 ended, day first", reassign(held("b-1", benefits.AzureMonthlyCredit), day("2027-03-01")), Locale{DayFirst: true},
			"This benefit ended on 4 Feb 2027; it is no longer available."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := benefits.RuleErrors(tt.err)
			if len(res) != 1 {
				t.Fatalf("err = %v, want one RuleError", tt.err)
			}
			got := textOf(t, render(t, Say(tt.loc, res[0].Message)))
			if got != tt.want {
				t.Errorf("message\n got %q\nwant %q", got, tt.want)
			}
			if strings.Contains(got, "("+res[0].Rule+")") || strings.Contains(got, res[0].Message.Key) {
				t.Errorf("message %q shows the rule code or the key", got)
			}
		})
	}
}
