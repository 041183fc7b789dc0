package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestTokenCreate: the command prints a secret once, stores its hash with the expiry asked for,
// counted on the wall clock whatever business day -now fixes (X3), and audits the creation (X1);
// a bad expiry or an unknown user is refused naming the flag.
func TestTokenCreate(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, "../../internal/scenario/testdata/base.json")
	out, err := runCmd(t, "", "token", "create", "-database", db, "-now", "2026-06-15T10:00:00Z",
		"-email", "ana@northwind.example", "-name", "nightly export", "-expires", "90d")
	if err != nil {
		t.Fatalf("token create: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	secret := lines[len(lines)-1]
	if !strings.HasPrefix(secret, store.TokenPrefix) || !strings.Contains(out, "expires ") {
		t.Fatalf("output %q", out)
	}
	s := openDB(t, db)
	tok, u, err := s.TokenBySecret(context.Background(), secret)
	if err != nil || u.Email != "ana@northwind.example" || tok.Name != "nightly export" || tok.ExpiresAt == nil {
		t.Fatalf("stored: %+v %v", tok, err)
	}
	if want := time.Now().AddDate(0, 0, 90); tok.ExpiresAt.Sub(want).Abs() > time.Minute || !strings.Contains(out, tok.ExpiresAt.UTC().Format(time.RFC3339)) {
		t.Errorf("expires %v, printed %q; want 90 days of wall time from now, about %v, not from -now", tok.ExpiresAt, out, want)
	}
	audit, _ := s.AuditOf(context.Background(), "", 0, 5)
	if len(audit) == 0 || audit[0].Action != "token.created" || audit[0].ActorEmail != "operator (creditdesk token)" {
		t.Errorf("audit: %+v", audit)
	}
	for _, args := range [][]string{
		{"-email", "ana@northwind.example", "-name", "x", "-expires", "soon"},
		{"-email", "nobody@example.com", "-name", "x"},
		{"-email", "ana@northwind.example", "-name", " "},
	} {
		if out, err := runCmd(t, "", append([]string{"token", "create", "-database", db}, args...)...); err == nil {
			t.Errorf("%v: accepted\n%s", args, out)
		}
	}
	if _, err := runCmd(t, "", "token"); err == nil || !strings.Contains(err.Error(), "usage: creditdesk token create") {
		t.Errorf("no subcommand: %v", err)
	}
}

// TestPrintDemoTokens: `make run` prints every demo user's API token and a curl to try one.
func TestPrintDemoTokens(t *testing.T) {
	t.Parallel()
	demo, err := scenario.Demo()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	printDemoTokens(&out, demo, "http://127.0.0.1:8080")
	for _, want := range []string{"cd-demo-owner-token-ana-0001", "cd-demo-contributor-token-carlos-0001", "cd-demo-reader-token-li-0001",
		"cd-demo-invoicemanager-token-ivo-0001", `curl -H "Authorization: Bearer cd-demo-owner-token-ana-0001" "http://127.0.0.1:8080/providers/Microsoft.Billing/billingAccounts?api-version=2020-05-01&%24expand=billingProfiles"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %s:\n%s", want, out.String())
		}
	}
}
