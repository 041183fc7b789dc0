package benefits

import (
	"strings"
	"testing"
)

// TestRefusalSentences: a refusal reads as a sentence a person can act on. It never repeats
// the domain it names (P10), names a yearly benefit with its article and noun (P6, P7), and
// never shows the rule code, which stays in RuleError.Rule for logs and attributes.
func TestRefusalSentences(t *testing.T) {
	now := day("2026-03-01")
	reassign := func(b Benefit) error {
		_, err := Reassign(Policy{}, AssignRequest{Benefit: b, User: "ana@fabrikam.example", Domains: fabrikam, Actor: admin, Now: now})
		return err
	}
	email := func(e string) error { _, err := ValidateEmail(e, nil, Policy{}); return err }
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"P10 free-hosted domain named once", email("raj@gmail.com"),
			"gmail.com is a free-hosted mail domain; Azure credits can be assigned only to users with a company domain."},
		{"P10 subdomain names both", email("raj@mail.gmail.com"),
			"mail.gmail.com is a subdomain of the free-hosted mail domain gmail.com; Azure credits can be assigned only to users with a company domain."},
		{"P6 P7 GitHub Copilot Enterprise", reassign(assigned(benefit("b-7", GitHubCopilotEnterprise), raj)),
			"Reassignment isn't supported for a GitHub Copilot Enterprise benefit: once it is assigned, its user can change only in the next membership year, after renewal."},
		{"P6 bulk credit", reassign(assigned(benefit("b-2", AzureBulkCredit), raj)),
			"Reassignment isn't supported for an Azure bulk (yearly) credit: once it is assigned, its user can change only in the next membership year, after renewal."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := RuleErrors(tt.err)
			if len(res) != 1 {
				t.Fatalf("err = %v, want one RuleError", tt.err)
			}
			if got := res[0].Message; got != tt.want {
				t.Errorf("message\n got %q\nwant %q", got, tt.want)
			}
			if strings.Contains(res[0].Message, "("+res[0].Rule+")") {
				t.Errorf("message %q shows the rule code", res[0].Message)
			}
		})
	}
}
