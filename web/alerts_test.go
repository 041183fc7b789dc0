package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/mail/mailtest"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// alertsHarness is the portal over testdata/alerts.json (the roles scenario with credits),
// processed on the harness's business day, with an alerts Service that has a secrets key, a
// mailer, and may call webhooks on loopback (-webhooks-allow-private).
type alertsHarness struct {
	*harness
	alerts *notify.Service
	mail   *mailtest.Server // the SMTP server the emails go to
}

func newAlertsHarness(t testing.TB, d store.Dialect) *alertsHarness {
	t.Helper()
	h := newClocks()
	h.store = storetest.OpenAt(t, storetest.MigratedURL(t, d), h.clocks(), store.Pool{})
	loadScenario(t, h.store, "testdata/alerts.json")
	h.process(t, h.clock.T)
	sealer, err := secrets.New(testSecretsKey)
	if err != nil {
		t.Fatal(err)
	}
	ah := &alertsHarness{harness: h, mail: mailtest.Start(t)}
	sender, err := mail.NewSMTP(mail.Settings{Host: ah.mail.Host, Port: ah.mail.Port, TLS: mail.NoTLS, From: "creditdesk@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	deps := testDeps(h.store, h.clocks())
	deps.Config.SecretsKey, deps.Config.WebhooksAllowPrivate = testSecretsKey, true
	ah.alerts = notify.New(notify.Options{Store: h.store, Sealer: sealer, Clocks: h.clocks(), Mailer: sender, AllowPrivate: true,
		PublicURL: "https://credits.example.com", Log: deps.Logger})
	deps.Alerts = ah.alerts
	h.server = httptest.NewServer(newServer(t, deps))
	t.Cleanup(h.server.Close)
	return ah
}

// TestAlertFormsRefuseBadInput: each bad threshold, kind and webhook URL is refused with 422
// and the message beside its field, and nothing is stored.
func TestAlertFormsRefuseBadInput(t *testing.T) {
	t.Parallel()
	h := newAlertsHarness(t, store.SQLite)
	c := h.signedIn(t, "profile.owner@northwind.example")
	tests := []struct {
		path  string
		form  url.Values
		field string
		says  string
	}{
		{"/alerts", url.Values{"kind": {"credit.lost"}}, "kind", "Choose what the alert watches"},
		{"/alerts", url.Values{"kind": {"credit.expiring"}, "days": {"soon"}}, "days", "whole number of days"},
		{"/alerts", url.Values{"kind": {"runway.short"}, "days": {"0"}}, "days", "between 1 and 3650"},
		{"/alerts", url.Values{"kind": {"credit.expiring"}, "days": {"30"}, "amount": {"-5"}}, "amount", "greater than zero"},
		{"/alerts", url.Values{"kind": {"balance.low"}, "amount": {"12,50"}}, "amount", "such as 500"},
		{"/alerts", url.Values{"kind": {"balance.low"}, "percent": {"150"}}, "percent", "between 1 and 100"},
		{"/alerts", url.Values{"kind": {"balance.low"}}, "amount", "Enter an amount or a percentage."},
		{"/alerts", url.Values{"kind": {"balance.low"}, "amount": {"10"}, "percent": {"10"}}, "percent", "not both"},
		{"/alerts", url.Values{"kind": {"credit.unused"}}, "amount", "least amount"},
		{"/alerts/webhooks", url.Values{"url": {"ftp://hooks.example.com/x"}}, "url", "http or https"},
		{"/alerts/webhooks", url.Values{"url": {"not a url"}}, "url", "full URL"},
		{"/alerts/webhooks", url.Values{"url": {"https://hooks.example.com:99999/x"}}, "url", "port must be a number from 1 to 65535"},
		{"/alerts/webhooks", url.Values{"url": {"https://hooks.example.com:0/x"}}, "url", "port must be a number from 1 to 65535"},
		{"/alerts/webhooks", url.Values{"url": {"https://hooks.example.com/x"}, "rule": {"abc"}}, "rule", "Choose a rule"},
		{"/alerts/webhooks", url.Values{"url": {"https://hooks.example.com/x"}, "rule": {"999"}}, "rule", "Choose a rule"},
	}
	for _, tt := range tests {
		resp, body := c.post(profilePath+tt.path, tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%v: status %d, want 422", tt.form, resp.StatusCode)
			continue
		}
		if !strings.Contains(body, `name="`+tt.field+`"`) || !strings.Contains(body, tt.says) {
			t.Errorf("%v: the page does not say %q beside %s", tt.form, tt.says, tt.field)
		}
	}
	sc := profileScope(t, h.store)
	rules, _ := h.store.AlertRulesOf(context.Background(), sc)
	hooks, _ := h.store.AlertWebhooksOf(context.Background(), sc)
	if len(rules)+len(hooks) != 0 {
		t.Fatalf("bad input stored %d rules and %d webhooks", len(rules), len(hooks))
	}
}

// TestReaderSubscribesToAnOwnersAlert: a reader cannot create a rule but subscribes to an
// existing one, sees it under Notifications, gets its email when it fires, and unsubscribes.
func TestReaderSubscribesToAnOwnersAlert(t *testing.T) {
	t.Parallel()
	h := newAlertsHarness(t, store.SQLite)
	owner, reader := h.signedIn(t, "profile.owner@northwind.example"), h.signedIn(t, "profile.reader@northwind.example")
	if resp, body := owner.post(profilePath+"/alerts", url.Values{"kind": {"credit.expiring"}, "days": {"30"}, "amount": {"100"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("owner creates: %d\n%.400s", resp.StatusCode, body)
	}
	if resp, _ := reader.post(profilePath+"/alerts", url.Values{"kind": {"credit.expiring"}, "days": {"30"}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("reader creates: %d, want 403", resp.StatusCode)
	}
	rules, err := h.store.AlertRulesOf(context.Background(), profileScope(t, h.store))
	if err != nil || len(rules) != 1 {
		t.Fatalf("rules %v %v", rules, err)
	}
	sub := profilePath + "/alerts/" + itoa(rules[0].ID) + "/subscribe"
	if resp, _ := reader.post(sub, url.Values{"on": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("subscribe: %d", resp.StatusCode)
	}
	if _, body := reader.get("/notifications"); !strings.Contains(body, "A credit expires within 30 days with at least USD 100.00 left") {
		t.Errorf("the reader's Notifications page does not list the alert:\n%.600s", body)
	}
	if rep, err := h.alerts.Run(context.Background()); err != nil || rep.Fired != 1 || rep.Sent != 2 {
		t.Fatalf("run: %+v %v, want one firing emailed to the owner and the reader", rep, err)
	}
	var to []string
	for _, m := range h.mail.Messages() {
		to = append(to, m.To...)
		if link, err := m.Link("https://credits.example.com" + profilePath + "/credits"); err != nil || link == "" {
			t.Errorf("email without the link to the credits page: %v", err)
		}
		if !strings.Contains(m.Text, "Credit promo of Engineering expires on Jul 10, 2026 (in 25 days) with USD 1,150.00 left") {
			t.Errorf("email text:\n%s", m.Text)
		}
	}
	if strings.Join(to, " ") != "profile.owner@northwind.example profile.reader@northwind.example" {
		t.Errorf("emailed %v", to)
	}
	if _, body := reader.get(profilePath + "/alerts"); !strings.Contains(body, "Firing (1)") || !strings.Contains(body, "Unsubscribe") {
		t.Errorf("the Alerts page does not show the firing rule:\n%.2000s", body)
	}
	if resp, _ := reader.post(sub, url.Values{"on": {"0"}, "back": {"notifications"}}); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/notifications" {
		t.Fatalf("unsubscribe: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if _, body := reader.get("/notifications"); !strings.Contains(body, "not subscribed to any alert") {
		t.Error("still subscribed after unsubscribing")
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestNotificationsTestMessage: the button emails the user a test message with both parts and
// the link to their Notifications page; without SMTP the page says no email is sent.
func TestNotificationsTestMessage(t *testing.T) {
	t.Parallel()
	h := newAlertsHarness(t, store.SQLite)
	c := h.signedIn(t, "profile.reader@northwind.example")
	if _, body := c.get("/notifications"); !strings.Contains(body, `data-testid="send-test"`) {
		t.Fatal("no test button with SMTP configured")
	}
	resp, _ := c.post("/notifications/test", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d", resp.StatusCode)
	}
	m := h.mail.Next(t)
	if strings.Join(m.EnvelopeTo, ",") != "profile.reader@northwind.example" || m.Subject != "CreditDesk test email" || m.HTML == "" {
		t.Errorf("message %+v", m)
	}
	if link, err := m.Link("https://credits.example.com/notifications"); err != nil || link == "" {
		t.Errorf("link: %v", err)
	}
	if _, body := c.get("/notifications"); !strings.Contains(body, "A test message is on its way to profile.reader@northwind.example.") {
		t.Error("no confirmation")
	}
	plain := rolesHarness(t).signedIn(t, "profile.reader@northwind.example")
	if _, body := plain.get("/notifications"); !strings.Contains(body, `data-testid="no-mail"`) {
		t.Error("without SMTP the page does not say that no email is sent")
	}
}

// TestContributorEditsPausesAndDeletesARule: the edit form holds the rule, an update keeps its
// id, pause and resume show in its state, a webhook for the rule is added (its secret shown
// once) and deleted, and deleting the rule removes it; each change is in the audit log.
func TestContributorEditsPausesAndDeletesARule(t *testing.T) {
	t.Parallel()
	h := newAlertsHarness(t, store.SQLite)
	c := h.signedIn(t, "profile.contributor@northwind.example")
	base := profilePath + "/alerts"
	if resp, _ := c.post(base, url.Values{"kind": {"balance.low"}, "percent": {"25"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	sc := profileScope(t, h.store)
	rules, _ := h.store.AlertRulesOf(context.Background(), sc)
	id := itoa(rules[0].ID)
	if _, body := c.get(base + "?edit=" + id); !strings.Contains(body, `action="`+base+"/"+id+`"`) || !strings.Contains(body, `name="percent" value="25"`) {
		t.Fatalf("edit form:\n%.3000s", body)
	}
	if resp, _ := c.post(base+"/"+id, url.Values{"kind": {"balance.low"}, "amount": {"750"}, "notifyResolved": {"1"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update: %d", resp.StatusCode)
	}
	if r, err := h.store.AlertRuleOf(context.Background(), sc, rules[0].ID); err != nil || r.Percent != nil || *r.Amount != 750_000_000 || !r.NotifyResolved {
		t.Fatalf("updated rule %+v %v", r, err)
	}
	c.post(base+"/"+id+"/pause", url.Values{"paused": {"1"}})
	if _, body := c.get(base); !strings.Contains(body, "Paused") || !strings.Contains(body, "The alert is paused") {
		t.Error("the paused rule does not say so")
	}
	_, body := c.post(base+"/webhooks", url.Values{"url": {"https://hooks.example.com/creditdesk"}, "rule": {id}})
	if !strings.Contains(body, `data-testid="webhook-secret"`) {
		t.Fatalf("no secret shown:\n%.2000s", body)
	}
	hooks, _ := h.store.AlertWebhooksOf(context.Background(), sc)
	if len(hooks) != 1 || hooks[0].RuleID == nil || strings.Contains(hooks[0].Secret, "whsec_") {
		t.Fatalf("webhooks %+v, want one for the rule with its secret sealed", hooks)
	}
	if _, body := c.get(base); strings.Contains(body, "webhook-secret") {
		t.Error("the secret is shown again")
	}
	c.post(base+"/webhooks/"+itoa(hooks[0].ID)+"/delete", nil)
	c.post(base+"/"+id+"/delete", nil)
	rules, _ = h.store.AlertRulesOf(context.Background(), sc)
	hooks, _ = h.store.AlertWebhooksOf(context.Background(), sc)
	if len(rules)+len(hooks) != 0 {
		t.Fatalf("after deleting: %d rules, %d webhooks", len(rules), len(hooks))
	}
	events, _ := h.store.AuditOf(context.Background(), sc.ID(), 0, 6)
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, " "); got != "alert.deleted webhook.deleted webhook.created alert.paused alert.updated alert.created" {
		t.Errorf("audit %q", got)
	}
}
