package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// The organisation of the benefits tests: Fabrikam, bought 2026-02-01, usable 2026-02-05 to
// 2027-02-04, looked at on 2026-03-01 unless a test moves the clock.
const (
	fabAdmin = "olga@fabrikam.example"
	fabRaj   = "raj@fabrikam.example"
	fabAna   = "ana@fabrikam.example"
)

var benefitsNow = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// partnerSeed is a seeded organisation with its admin, members and benefits.
type partnerSeed struct {
	s       *store.Store
	clock   *storetest.Clock
	partner store.Partner
	other   store.Partner // a second organisation, for tampered ids
	admin   store.User
	users   map[string]store.User
}

// eachBenefits runs fn on every configured database with a fresh seeded organisation.
func eachBenefits(t *testing.T, fn func(t *testing.T, d *partnerSeed)) {
	t.Helper()
	storetest.EachDialect(t, func(t *testing.T, dialect store.Dialect) {
		clock := &storetest.Clock{T: benefitsNow}
		fn(t, seedPartner(t, storetest.Open(t, dialect, clock.Clocks()), clock))
	})
}

// seedPartner creates Fabrikam (admin olga; members raj, ana and u1..u21) with the benefits
// m-1..m-3 (monthly), k-1..k-2 (bulk) and g-1 (GitHub Enterprise Metered), none assigned, and
// Contoso with benefit c-1.
func seedPartner(t *testing.T, s *store.Store, clock *storetest.Clock) *partnerSeed {
	t.Helper()
	ctx := context.Background()
	d := &partnerSeed{s: s, clock: clock, users: map[string]store.User{}}
	var err error
	if d.partner, _, err = s.SavePartner(ctx, tester, store.Partner{ExternalID: "4390934", Name: "Fabrikam Solutions"}); err != nil {
		t.Fatal(err)
	}
	if d.other, _, err = s.SavePartner(ctx, tester, store.Partner{ExternalID: "5550001", Name: "Contoso Partners"}); err != nil {
		t.Fatal(err)
	}
	mustOK(t, ensure(s.EnsurePartnerDomain(ctx, tester, d.partner, "fabrikam.example")))
	mustOK(t, ensure(s.EnsurePartnerDomain(ctx, tester, d.other, "contoso.example")))
	emails := []string{fabAdmin, fabRaj, fabAna, "gmail.user@fabrikam.example"}
	for i := 1; i <= 21; i++ {
		emails = append(emails, fmt.Sprintf("u%d@fabrikam.example", i))
	}
	for _, e := range emails {
		u := store.User{Email: e, Name: e, PasswordHash: "x"}
		mustOK(t, s.CreateUser(ctx, tester, &u))
		m, _, err := s.EnsurePartnerMember(ctx, tester, d.partner, u)
		mustOK(t, err)
		if e == fabAdmin {
			mustOK(t, ensure(s.EnsurePartnerRole(ctx, tester, d.partner, u, m, access.PartnerAdmin)))
			d.admin = u
		}
		d.users[e] = u
	}
	for _, b := range []struct {
		id      string
		kind    benefits.Kind
		partner store.Partner
	}{{"m-1", benefits.AzureMonthlyCredit, d.partner}, {"m-2", benefits.AzureMonthlyCredit, d.partner},
		{"m-3", benefits.AzureMonthlyCredit, d.partner}, {"k-1", benefits.AzureBulkCredit, d.partner},
		{"k-2", benefits.AzureBulkCredit, d.partner}, {"g-1", benefits.GitHubEnterpriseMetered, d.partner},
		{"c-1", benefits.AzureMonthlyCredit, d.other}} {
		mustOK(t, s.CreateBenefit(ctx, store.User{Email: "seed"}, b.partner, newBenefit(b.id, b.kind), nil))
	}
	return d
}

// newBenefit is a benefit bought 2026-02-01, usable 2026-02-05 to 2027-02-04, 100 USD.
func newBenefit(id string, k benefits.Kind) benefits.Benefit {
	return benefits.Benefit{ID: id, Kind: k, Amount: money.FromUnits(100), Currency: "USD",
		PurchaseDate: day("2026-02-01"), StartDate: day("2026-02-05"), EndDate: day("2027-02-04")}
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ensure(_ bool, err error) error { return err }

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// benefit returns the stored benefit id of the seeded organisation.
func (d *partnerSeed) benefit(t *testing.T, id string) store.BenefitDetail {
	t.Helper()
	b, err := d.s.BenefitOfPartner(context.Background(), d.partner.ID, id)
	if err != nil {
		t.Fatalf("benefit %s: %v", id, err)
	}
	return b
}

// assign assigns (or reassigns) id to email as the admin and fails the test on an error.
func (d *partnerSeed) assign(t *testing.T, id, email string, reassign bool) benefits.Change {
	t.Helper()
	ch, err := d.s.AssignBenefit(context.Background(), d.admin, d.partner, id, email, reassign)
	if err != nil {
		t.Fatalf("assign %s to %s: %v", id, email, err)
	}
	return ch
}

// ruleOf returns the rule of a *benefits.RuleError, "" for nil, or fails the test.
func ruleOf(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	for _, re := range benefits.RuleErrors(err) {
		return re.Rule
	}
	t.Fatalf("err = %v, want a RuleError", err)
	return ""
}
