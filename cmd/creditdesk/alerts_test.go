package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/config"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestAlertsRun: `creditdesk alerts run` evaluates the rules on the business day of -now and
// calls their webhooks (on loopback here, with -webhooks-allow-private), once however often it
// runs.
func TestAlertsRun(t *testing.T) {
	t.Parallel()
	db := loadedDB(t, "../../internal/scenario/testdata/ledger.json")
	if out, err := runCmd(t, "", "process", "-database", db, "-now", "2026-05-01"); err != nil {
		t.Fatalf("process: %v\n%s", err, out)
	}
	var calls atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { calls.Add(1) }))
	t.Cleanup(hook.Close)
	key := "0123456789abcdef0123456789abcdef-cli"
	s := openDB(t, db)
	ctx := context.Background()
	owner, _ := s.UserByEmail(ctx, "ana@northwind.example")
	acct, prof := storetest.Profile(t, s, "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31", "PBFV-AB12-CD3-EF4")
	sc := store.Scope{Account: acct, Profile: &prof}
	// The promotional credit expires on May 15: within 30 days on May 1.
	if _, err := s.CreateAlertRule(ctx, owner, sc, alerts.Rule{Kind: alerts.CreditExpiring, Days: 30}, false); err != nil {
		t.Fatal(err)
	}
	al, err := notify.FromConfig(s, &config.Config{SecretsKey: key, WebhooksAllowPrivate: true}, clock.Real(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := al.CreateWebhook(ctx, owner, sc, 0, hook.URL); err != nil {
		t.Fatal(err)
	}
	args := []string{"alerts", "run", "-database", db, "-now", "2026-05-01", "-secrets-key", key, "-webhooks-allow-private"}
	out, err := runCmd(t, "", args...)
	if err != nil || calls.Load() != 1 || !strings.Contains(out, "1 fired, 0 resolved; 1 messages sent") {
		t.Fatalf("first run: %v, %d calls\n%s", err, calls.Load(), out)
	}
	out, err = runCmd(t, "", args...)
	if err != nil || calls.Load() != 1 || !strings.Contains(out, "evaluated 1 alert rules: 0 fired") {
		t.Fatalf("%v, %d calls\n%s", err, calls.Load(), out)
	}
}
