package main

import (
	"context"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestAzureCommand (issue 13): operators connect a billing account to Azure, list the
// connections, change and remove them; the secret comes from standard input, is stored only
// with -secrets-key and never printed; every change is audited.
func TestAzureCommand(t *testing.T) {
	t.Parallel()
	const (
		account = "7d1e3a55-2b4c-4d6e-8f90-a1b2c3d4e5f6:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d_2024-01-01"
		azure   = "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31"
		secret  = "cli-secret-Value~never-printed"
		key     = "cli-test-secrets-key-0123456789abcdef"
	)
	db := storetest.URL(t, store.SQLite)
	loadInto(t, db, "../../web/testdata/azure_local.json")
	connect := []string{"azure", "connect", "-database", db, "-account", account, "-azure-account", azure, "-auth", "clientSecret",
		"-tenant", "8f3c1a2b-4d5e-4f60-9a7b-1c2d3e4f5a6b", "-client-id", "2b9d4e6f-8a1c-4e3b-9d5f-7a6b5c4d3e2f"}
	if _, err := runCmd(t, secret+"\n", connect...); err == nil || !strings.Contains(err.Error(), "-secrets-key") {
		t.Fatalf("connect without a key: %v", err)
	}
	out, err := runCmd(t, secret+"\n", append(connect, "-secrets-key", key)...)
	if err != nil || !strings.Contains(out, "is connected to Azure billing account "+azure) || strings.Contains(out, secret) {
		t.Fatalf("connect: %v\n%s", err, out)
	}
	out, err = runCmd(t, "", "azure", "list", "-database", db)
	if err != nil || !strings.Contains(out, account+" (Contoso Group) <- Azure billing account "+azure) ||
		!strings.Contains(out, "App registration with a client secret") || !strings.Contains(out, "last success never") || strings.Contains(out, secret) {
		t.Fatalf("list: %v\n%s", err, out)
	}
	if _, err := runCmd(t, "", "azure", "connect", "-database", db, "-account", account, "-azure-account", azure, "-auth", "managedIdentity"); err != nil {
		t.Fatalf("change to a managed identity: %v", err)
	}
	refused := []struct {
		args []string
		says string
	}{
		{[]string{"azure", "sync", "-database", db, "-account", "nope"}, `-account "nope": no such billing account`},
		{[]string{"azure", "connect", "-database", db, "-account", account, "-azure-account", "a/b", "-auth", "managedIdentity"}, "azureAccount:"},
		{[]string{"azure", "connect", "-database", db, "-account", account, "-azure-account", azure, "-auth", "managedIdentity",
			"-arm-endpoint", "http://plain.example"}, "armEndpoint: The Resource Manager endpoint must be an https:// address"},
		{[]string{"azure", "disconnect", "-database", db}, "-account: give"},
		{[]string{"azure", "purge", "-database", db}, "usage: creditdesk azure"},
		{[]string{"azure"}, "usage: creditdesk azure"},
	}
	for _, r := range refused {
		if out, err := runCmd(t, "", r.args...); err == nil || !strings.Contains(err.Error(), r.says) {
			t.Errorf("%q: %v\n%s; want an error saying %q", r.args, err, out, r.says)
		}
	}
	if out, err := runCmd(t, "", "azure", "disconnect", "-database", db, "-account", account); err != nil || !strings.Contains(out, "is disconnected") {
		t.Fatalf("disconnect: %v\n%s", err, out)
	}
	if out, _ := runCmd(t, "", "azure", "list", "-database", db); !strings.Contains(out, "no billing account is connected") {
		t.Errorf("list after disconnect:\n%s", out)
	}
	s, err := store.Open(context.Background(), db, clock.Real())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	audit, err := s.AuditOf(context.Background(), "/providers/Microsoft.Billing/billingAccounts/"+account, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	var trail []string
	for _, e := range audit {
		if !strings.HasPrefix(e.Action, "azure.") {
			continue
		}
		trail = append(trail, e.Action+" by "+e.ActorEmail)
		if strings.Contains(e.Target+e.Before+e.After+e.Detail, secret) {
			t.Error("the audit log holds the secret")
		}
	}
	want := "azure.disconnected by operator (creditdesk azure), azure.changed by operator (creditdesk azure), azure.connected by operator (creditdesk azure)"
	if got := strings.Join(trail, ", "); got != want {
		t.Errorf("audit %s, want %s", got, want)
	}
}
