package notify_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/mail/mailtest"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// The scope of every scenario here.
const (
	accountName = "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31"
	profileName = "PBFV-AB12-CD3-EF4"
	ownerEmail  = "ana@northwind.example"
	readerEmail = "rui@northwind.example"
)

// scenarioWith is a scenario of one MCA billing profile in USD with the given lots, charges and
// adjustments (JSON arrays), an owner and a reader.
func scenarioWith(lots, charges, adjustments string) string {
	return `{
  "users": [ { "email": "` + ownerEmail + `", "name": "Ana Ruiz", "password": "a long passphrase" },
             { "email": "` + readerEmail + `", "name": "Rui Costa", "password": "a long passphrase" } ],
  "billingAccounts": [ {
    "name": "` + accountName + `", "displayName": "Northwind Traders", "agreementType": "MicrosoftCustomerAgreement",
    "roles": [ { "user": "` + ownerEmail + `", "role": "owner" }, { "user": "` + readerEmail + `", "role": "reader" } ],
    "billingProfiles": [ { "name": "` + profileName + `", "displayName": "Engineering", "currency": "USD", "invoiceDay": 5,
      "lots": ` + lots + `, "charges": ` + charges + `, "adjustments": ` + adjustments + ` } ] } ] }`
}

// env is a store loaded with a scenario, its clocks, and a Service over them.
type env struct {
	t     *testing.T
	url   string
	st    *store.Store
	clock *storetest.Clock // business day and wall time move together here
	svc   *notify.Service
	mail  *mailtest.Server // the SMTP server the emails go to
	owner store.User
	sc    store.Scope
}

// testKey is the -secrets-key of the tests.
const testKey = "0123456789abcdef0123456789abcdef-test"

// newEnv loads the scenario into the database at url.
func newEnv(t *testing.T, url, scenarioJSON string) *env {
	t.Helper()
	e := &env{t: t, url: url, clock: &storetest.Clock{T: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}, mail: mailtest.Start(t)}
	sender, err := mail.NewSMTP(mail.Settings{Host: e.mail.Host, Port: e.mail.Port, TLS: mail.NoTLS, From: "creditdesk@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	clocks := clock.Clocks{Business: e.clock.Now, Wall: e.clock.Now}
	e.st = storetest.OpenAt(t, url, clocks, store.Pool{})
	sc, err := scenario.Parse(strings.NewReader(scenarioJSON))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := scenario.Load(context.Background(), e.st, sc, passwordtest.Params()); err != nil {
		t.Fatal(err)
	}
	sealer, err := secrets.New(testKey)
	if err != nil {
		t.Fatal(err)
	}
	e.svc = notify.New(notify.Options{Store: e.st, Sealer: sealer, Clocks: clocks, Mailer: sender, AllowPrivate: true,
		PublicURL: "https://creditdesk.example.com", ExpiryWindow: 30, Timeout: 2 * time.Second, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ctx := context.Background()
	if e.owner, err = e.st.UserByEmail(ctx, ownerEmail); err != nil {
		t.Fatal(err)
	}
	a, p := storetest.Profile(t, e.st, accountName, profileName)
	e.sc = store.Scope{Account: a, Profile: &p}
	return e
}

// rule creates a rule on the profile as its owner.
func (e *env) rule(r alerts.Rule, notifyResolved bool) store.AlertRule {
	e.t.Helper()
	row, err := e.st.CreateAlertRule(context.Background(), e.owner, e.sc, r, notifyResolved)
	if err != nil {
		e.t.Fatal(err)
	}
	return row
}

// process sets the clocks to 09:00 of a business day and runs its processing run.
func (e *env) process(date string) {
	e.t.Helper()
	d := ledger.MustDate(date)
	e.clock.T = d.Time().Add(9 * time.Hour)
	var failures *store.ProcessFailures
	if _, err := e.st.ProcessAll(context.Background(), d); err != nil && !errors.As(err, &failures) {
		e.t.Fatalf("process %s: %v", date, err)
	}
}

// day runs the periodic work of a business day: the processing run, then the alerts.
func (e *env) day(date string) notify.Report {
	e.t.Helper()
	e.process(date)
	rep, err := e.svc.Run(context.Background())
	if err != nil {
		e.t.Fatalf("alerts on %s: %v", date, err)
	}
	return rep
}

// walk runs every day from..to and returns the days something fired and the days something
// was resolved.
func (e *env) walk(from, to string) (fired, resolved []string) {
	e.t.Helper()
	for d := ledger.MustDate(from); !d.After(ledger.MustDate(to)); d = d.AddDays(1) {
		rep := e.day(d.String())
		for range rep.Fired {
			fired = append(fired, d.String())
		}
		for range rep.Resolved {
			resolved = append(resolved, d.String())
		}
	}
	return fired, resolved
}

// wantFirings fails the test unless a rule fired on the days wantFired and resolved on the days
// wantResolved, with one email to m per firing and per resolution, which it returns.
func wantFirings(t *testing.T, m *mailtest.Server, fired, resolved, wantFired, wantResolved []string) []mailtest.Message {
	t.Helper()
	if !slices.Equal(fired, wantFired) || !slices.Equal(resolved, wantResolved) {
		t.Fatalf("fired on %v and resolved on %v, want fired on %v and resolved on %v", fired, resolved, wantFired, wantResolved)
	}
	msgs := m.Messages()
	if len(msgs) != len(fired)+len(resolved) {
		t.Fatalf("%d emails, want %d", len(msgs), len(fired)+len(resolved))
	}
	return msgs
}

func amount(s string) *money.Amount {
	a := money.MustParse(s)
	return &a
}
