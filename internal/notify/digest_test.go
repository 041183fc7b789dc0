package notify_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/mail/mailtest"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// The second billing account of the digest scenario: Contoso, which only the reader sees.
const (
	contosoAccount = "7a1b2c3d-1a2b-4c3d-8e9f-0123456789ab:1f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31"
	contosoProfile = "XKCD-AB12-CD3-EF4"
)

// digestScenario has two MCA accounts: Northwind (profile Engineering, a credit expiring on
// Mar 31 and 14 days of charges) whose owner is Ana, and Contoso (profile Studio) whose reader
// is Rui; neither holds a role on the other's.
func digestScenario() string {
	s := scenarioWith(`[ { "name": "promo", "source": "PromotionalCredit", "amount": "1000.00", "startDate": "2026-01-01", "expirationDate": "2026-03-31" },
	   { "name": "prepaid", "source": "PurchasedCredit", "amount": "5000.00", "startDate": "2026-01-01", "expirationDate": "2026-12-31" } ]`,
		`[ { "date": "2026-02-01", "amount": "280.00", "product": "Virtual Machines" } ]`, `[]`)
	s = strings.Replace(s, `{ "user": "`+ownerEmail+`", "role": "owner" }, { "user": "`+readerEmail+`", "role": "reader" }`,
		`{ "user": "`+ownerEmail+`", "role": "owner" }`, 1)
	return strings.TrimSuffix(strings.TrimSpace(s), "] }") + `, {
    "name": "` + contosoAccount + `", "displayName": "Contoso Studio", "agreementType": "MicrosoftCustomerAgreement",
    "roles": [ { "user": "` + readerEmail + `", "role": "reader" } ],
    "billingProfiles": [ { "name": "` + contosoProfile + `", "displayName": "Studio", "currency": "EUR", "invoiceDay": 5,
      "lots": [ { "name": "studio-credit", "source": "PromotionalCredit", "amount": "200.00", "startDate": "2026-01-01", "expirationDate": "2026-09-30" } ],
      "charges": [], "adjustments": [] } ] } ] }`
}

// TestWeeklyDigest (issue 12): a user who turned the digest on gets one email a week, read back
// from the SMTP server: the subject, both parts with the same links under -public-url, only
// the billing profiles they hold a role on (M3) with the numbers of their credits pages. A
// second run in the week sends nothing; the next week's first run sends the next one; a user
// who turned it off gets none.
func TestWeeklyDigest(t *testing.T) {
	t.Parallel()
	e, reader := digestOwnerAndReader(t)
	ctx := context.Background()
	if rep := e.day("2026-03-02"); rep.Digests != 2 || rep.Sent != 2 { // a Monday, ISO week 10
		t.Fatalf("first run of the week: %+v, want 2 digests sent", rep)
	}
	msgs := e.mail.Messages()
	slices.SortFunc(msgs, func(a, b mailtest.Message) int { return strings.Compare(a.EnvelopeTo[0], b.EnvelopeTo[0]) })
	ana, rui := msgs[0], msgs[1]
	const public = "https://creditdesk.example.com"
	engineering := public + "/accounts/" + accountName + "/profiles/" + profileName + "/credits"
	studio := public + "/accounts/" + contosoAccount + "/profiles/" + contosoProfile + "/credits"
	if !slices.Equal(ana.EnvelopeTo, []string{ownerEmail}) || !slices.Equal(ana.To, []string{ownerEmail}) ||
		ana.Subject != "Your CreditDesk week 2026-W10: 1 billing profile" {
		t.Errorf("Ana's digest: to %v, subject %q", ana.EnvelopeTo, ana.Subject)
	}
	// 6,000 released less 280 of charges, the promotional credit consumed first (M9); a burn of
	// 280 over the 29 days of history, the purchased credit lasting until it expires.
	if !strings.Contains(ana.Text, "Engineering (Northwind Traders)") || !strings.Contains(ana.HTML, "Engineering <small") {
		t.Errorf("Ana's digest does not name the Engineering profile")
	}
	for _, want := range []string{"Hello Ana Ruiz,", "Estimated balance: USD 5,720.00.",
		"Credit promo expires on Mar 31, 2026 with USD 720.00 left.", "Runway: at USD 9.66 a day, credit runs out on Jan 1, 2027."} {
		if !strings.Contains(ana.Text, want) || !strings.Contains(ana.HTML, want) {
			t.Errorf("Ana's digest lacks %q in a part:\n%s", want, ana.Text)
		}
	}
	if link, err := ana.Link(engineering); err != nil || link != engineering {
		t.Errorf("Ana's credits link: %q, %v", link, err)
	}
	if link, err := ana.Link(public + "/notifications"); err != nil || link == "" {
		t.Errorf("Ana's notifications link: %v", err)
	}
	if strings.Contains(ana.Text+ana.HTML, "Studio") || strings.Contains(ana.Text+ana.HTML, contosoAccount) {
		t.Error("Ana's digest shows Contoso's profile, on which she holds no role")
	}
	if !slices.Equal(rui.EnvelopeTo, []string{readerEmail}) || !strings.Contains(rui.Text, "Studio (Contoso Studio)") ||
		!strings.Contains(rui.Text, "No credit expires within 30 days.") || !strings.Contains(rui.Text, "Runway: not enough history yet") {
		t.Errorf("Rui's digest: to %v\n%s", rui.EnvelopeTo, rui.Text)
	}
	if _, err := rui.Link(studio); err != nil || strings.Contains(rui.Text+rui.HTML, "Engineering") {
		t.Errorf("Rui's digest: link %v; it must show Studio only:\n%s", err, rui.Text)
	}
	if rep := e.day("2026-03-08"); rep.Digests != 0 || len(e.mail.Messages()) != 2 { // the Sunday of the same week
		t.Fatalf("second run of the week: %+v, %d emails in all", rep, len(e.mail.Messages()))
	}
	if err := e.st.SetDigest(ctx, reader.ID, false); err != nil {
		t.Fatal(err)
	}
	if rep := e.day("2026-03-09"); rep.Digests != 1 {
		t.Fatalf("next week: %+v, want Ana's digest only", rep)
	}
	if m := e.mail.Messages()[2]; m.Subject != "Your CreditDesk week 2026-W11: 1 billing profile" || m.EnvelopeTo[0] != ownerEmail {
		t.Errorf("next week's digest: to %v, %q", m.EnvelopeTo, m.Subject)
	}
}

// TestDigestAfterRoleLost (issue 12, review finding, M3): a digest queued while its user held a
// role but due after they lost it is written again when it is sent. Rui, whose only role was
// on Contoso, gets nothing: his digest is dropped (not retried, not counted sent) while Ana's
// goes out; a later delivery run does not try his again.
func TestDigestAfterRoleLost(t *testing.T) {
	t.Parallel()
	e, _ := digestOwnerAndReader(t)
	ctx := context.Background()
	e.process("2026-03-02")
	var rep notify.Report
	if err := e.svc.QueueDigests(ctx, &rep); err != nil || rep.Digests != 2 {
		t.Fatalf("queued: %+v, %v; want 2 digests", rep, err)
	}
	contoso, err := e.st.AccountByName(ctx, contosoAccount)
	if err != nil {
		t.Fatal(err)
	}
	sc := store.Scope{Account: contoso}
	rows, err := e.st.AssignmentsOn(ctx, sc)
	if err != nil || len(rows) != 1 || rows[0].UserEmail != readerEmail {
		t.Fatalf("Contoso's roles: %+v, %v", rows, err)
	}
	if err := e.st.RemoveRole(ctx, e.owner, sc, rows[0].ID); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.Deliver(ctx, &rep); err != nil || rep.Sent != 1 || rep.Dropped != 1 || rep.Retrying != 0 {
		t.Fatalf("delivered: %+v, %v; want Ana's sent and Rui's dropped", rep, err)
	}
	msgs := e.mail.Messages()
	if len(msgs) != 1 || !slices.Equal(msgs[0].EnvelopeTo, []string{ownerEmail}) {
		t.Fatalf("%d emails, want Ana's only", len(msgs))
	}
	for _, m := range msgs {
		if strings.Contains(m.Text+m.HTML, "Studio") {
			t.Errorf("an email to %v shows Contoso's profile:\n%s", m.EnvelopeTo, m.Text)
		}
	}
	e.clock.T = e.clock.T.Add(2 * time.Hour)
	var again notify.Report
	if err := e.svc.Deliver(ctx, &again); err != nil || again != (notify.Report{}) || len(e.mail.Messages()) != 1 {
		t.Errorf("a later delivery run: %+v, %v, %d emails; want nothing", again, err, len(e.mail.Messages()))
	}
}

// TestDigestTwoInstancesNeverSendTwice: several instances running at once on one PostgreSQL
// queue a user's digest of the week once (its dedupe key in the outbox) and deliver it once
// (claims with FOR UPDATE SKIP LOCKED).
func TestDigestTwoInstancesNeverSendTwice(t *testing.T) {
	t.Parallel()
	if !slices.Contains(storetest.Dialects(t), store.Postgres) {
		t.Skip("needs PostgreSQL (CREDITDESK_TEST_POSTGRES)")
	}
	url := storetest.MigratedURL(t, store.Postgres)
	e := newEnv(t, url, digestScenario())
	if err := e.st.SetDigest(context.Background(), e.owner.ID, true); err != nil {
		t.Fatal(err)
	}
	e.process("2026-03-02")
	clocks := clock.Clocks{Business: e.clock.Now, Wall: e.clock.Now}
	sender, err := mail.NewSMTP(mail.Settings{Host: e.mail.Host, Port: e.mail.Port, TLS: mail.NoTLS, From: "creditdesk@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 2 {
		s, err := store.Open(context.Background(), url, clocks)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		svc := notify.New(notify.Options{Store: s, Clocks: clocks, Mailer: sender, ExpiryWindow: 30,
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
		for range 4 {
			wg.Go(func() {
				if _, err := svc.Run(context.Background()); err != nil {
					t.Error(err)
				}
			})
		}
	}
	wg.Wait()
	if n := len(e.mail.Messages()); n != 1 {
		t.Fatalf("%d digests sent, want 1", n)
	}
}

// digestBenefits are the organisation's benefits around the digest of 2026-03-02 (window 30
// days, last day up to Apr 1): b-101 not assigned and b-102 assigned to Raj but not redeemed
// end within it; b-103 is redeemed (P5) and b-104 ends outside it.
const digestBenefits = `[
  { "id": "b-101", "kind": "AzureBulkCredit", "amount": "500.00", "currency": "USD",
    "purchaseDate": "2025-03-01", "startDate": "2025-03-05", "endDate": "2026-03-20" },
  { "id": "b-102", "kind": "AzureMonthlyCredit", "amount": "100.00", "currency": "USD",
    "purchaseDate": "2025-03-01", "startDate": "2025-03-05", "endDate": "2026-03-25", "assignedTo": "` + rajEmail + `" },
  { "id": "b-103", "kind": "AzureMonthlyCredit", "amount": "100.00", "currency": "USD",
    "purchaseDate": "2025-03-01", "startDate": "2025-03-05", "endDate": "2026-03-25", "assignedTo": "` + meiEmail + `",
    "redeemedAt": "2026-02-01T00:00:00Z" },
  { "id": "b-104", "kind": "AzureBulkCredit", "amount": "700.00", "currency": "USD",
    "purchaseDate": "2025-03-01", "startDate": "2025-03-05", "endDate": "2026-09-30" } ]`

// TestWeeklyDigestOfPartnerAdmin (issue 12, P1): a partner admin who sees no billing profile gets
// a digest of their organisation, read back from the SMTP server: its benefits not assigned or
// not redeemed whose last day is within the window, with amount, status, last day and a link to
// their side pane under -public-url in both parts; not the redeemed one nor the one ending
// later. A member without the admin role does not see the workspace, so gets no digest.
func TestWeeklyDigestOfPartnerAdmin(t *testing.T) {
	t.Parallel()
	e := newPartnerEnv(t, store.SQLite, digestBenefits)
	ctx := context.Background()
	for _, u := range []store.User{e.admin, e.user(rajEmail)} {
		if err := e.st.SetDigest(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if rep := e.day("2026-03-02"); rep.Digests != 1 || rep.Sent != 1 {
		t.Fatalf("first run of the week: %+v, want Olga's digest only", rep)
	}
	m := e.mail.Messages()[0]
	if !slices.Equal(m.EnvelopeTo, []string{adminEmail}) || m.Subject != "Your CreditDesk week 2026-W10: 1 partner organisation" {
		t.Fatalf("digest: to %v, subject %q", m.EnvelopeTo, m.Subject)
	}
	const public = "https://creditdesk.example.com"
	for _, want := range []string{"Hello Olga Ivanova,", "Tailspin Toys Partners (partner " + partnerID + ")",
		"Benefit b-101, Azure bulk (yearly) credit of USD 500.00: Not redeemed; last day Mar 20, 2026.",
		"Benefit b-102, Azure monthly credit of USD 100.00: Assigned to " + rajEmail + ", not redeemed; last day Mar 25, 2026."} {
		if !strings.Contains(m.Text, want) || !strings.Contains(m.HTML, want) {
			t.Errorf("the digest lacks %q in a part:\n%s", want, m.Text)
		}
	}
	for _, b := range []string{"b-101", "b-102"} {
		pane := public + "/partners/" + partnerID + "/benefits/" + b
		if link, err := m.Link(pane); err != nil || link != pane {
			t.Errorf("link to %s: %q, %v", b, link, err)
		}
	}
	for _, not := range []string{"b-103", "b-104", "Azure credits", "billing profile"} {
		if strings.Contains(m.Text+m.HTML, not) {
			t.Errorf("the digest mentions %q:\n%s", not, m.Text)
		}
	}
}

// digestOwnerAndReader is the digest scenario with its owner and its reader subscribed to the
// weekly digest; it returns the reader.
func digestOwnerAndReader(t *testing.T) (*env, store.User) {
	t.Helper()
	e := newEnv(t, storetest.MigratedURL(t, store.SQLite), digestScenario())
	ctx := context.Background()
	reader, err := e.st.UserByEmail(ctx, readerEmail)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []store.User{e.owner, reader} {
		if err := e.st.SetDigest(ctx, u.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	return e, reader
}
