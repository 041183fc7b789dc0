package benefits

import (
	"slices"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/money"
)

// TestStatusOf covers the status line of issue 5 with the P8 and P11 boundaries.
func TestStatusOf(t *testing.T) {
	monthly := benefit("b-001", AzureMonthlyCredit)
	activated := redeemed(monthly, "raj@fabrikam.example", at("2026-03-10T09:00:00Z"))
	long := monthly // a membership that outlasts the 13 months
	long.EndDate = day("2028-02-04")
	activatedLong := redeemed(long, "raj@fabrikam.example", at("2026-03-10T09:00:00Z"))
	lateBuy := monthly
	lateBuy.PurchaseDate = at("2026-02-01T18:30:00Z") // date-based: still available 5 Feb 00:00
	bulk := redeemed(benefit("b-002", AzureBulkCredit), "raj@fabrikam.example", at("2026-03-10T09:00:00Z"))
	tests := []struct {
		name string
		b    Benefit
		now  time.Time
		want Status
	}{
		{"P8 purchase day", monthly, at("2026-02-01T12:00:00Z"), StatusPendingProvisioning},
		{"P8 last instant before 4 days", monthly, at("2026-02-04T23:59:59.999999999Z"), StatusPendingProvisioning},
		{"P8 exactly 4 days", monthly, day("2026-02-05"), StatusNotRedeemed},
		{"P8 date-based, purchase at 18:30", lateBuy, day("2026-02-05"), StatusNotRedeemed},
		{"P4 assigned", assigned(monthly, "raj@fabrikam.example"), day("2026-02-06"), StatusAssigned},
		{"P5 redeemed", activated, day("2026-04-01"), StatusRedeemed},
		{"P3 last day of unredeemed credit", monthly, at("2027-02-04T23:59:59Z"), StatusNotRedeemed},
		{"P3 day after end date", monthly, day("2027-02-05"), StatusExpired},
		{"P11 last day of the membership, within 13 months", activated, at("2027-02-04T23:59:59Z"), StatusRedeemed},
		{"P11 the membership ends before 13 months", activated, day("2027-02-05"), StatusExpired},
		{"P11 last instant of 13 months", activatedLong, at("2027-04-10T08:59:59.999999999Z"), StatusRedeemed},
		{"P11 exactly 13 months", activatedLong, at("2027-04-10T09:00:00Z"), StatusExpired},
		{"P3 bulk ends at end date despite activation", bulk, day("2027-02-05"), StatusExpired},
		{"P3 bulk last day", bulk, at("2027-02-04T23:00:00Z"), StatusRedeemed},
		{"expired wins over pending", benefit("b-3", AzureBulkCredit), day("2030-01-01"), StatusExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := StatusOf(tt.b, tt.now); got != tt.want {
				t.Errorf("StatusOf = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestStatusLabels(t *testing.T) {
	want := map[Status]string{StatusPendingProvisioning: "Pending provisioning", StatusNotRedeemed: "Not redeemed",
		StatusAssigned: "Assigned", StatusRedeemed: "Redeemed", StatusExpired: "Expired"}
	for s, w := range want {
		if got := s.Label(); got != w {
			t.Errorf("%s.Label() = %q, want %q", s, got, w)
		}
	}
}

// TestAvailableAt: P8, the date the page names.
func TestAvailableAt(t *testing.T) {
	tests := []struct {
		purchase time.Time
		want     time.Time
	}{
		{day("2026-02-01"), day("2026-02-05")},
		{at("2026-02-01T23:59:59Z"), day("2026-02-05")},
		{at("2026-02-01T23:30:00-02:00"), day("2026-02-06")}, // 01:30 UTC on 2 February
		{day("2026-02-26"), day("2026-03-02")},
		{day("2028-02-26"), day("2028-03-01")}, // leap year
	}
	for _, tt := range tests {
		b := Benefit{PurchaseDate: tt.purchase}
		if got := AvailableAt(b); !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("AvailableAt(purchase %s) = %s, want %s UTC", tt.purchase, got, tt.want)
		}
	}
}

// TestAddMonths: P11's "13 months" and P3's credit months, clamped at month end.
func TestAddMonths(t *testing.T) {
	tests := []struct {
		from time.Time
		n    int
		want time.Time
	}{
		{at("2026-03-10T09:00:00Z"), 13, at("2027-04-10T09:00:00Z")},
		{at("2026-01-31T10:00:00Z"), 1, at("2026-02-28T10:00:00Z")},
		{at("2028-01-31T10:00:00Z"), 1, at("2028-02-29T10:00:00Z")},
		{at("2026-01-31T10:00:00Z"), 13, at("2027-02-28T10:00:00Z")},
		{at("2026-03-31T00:00:00Z"), 13, at("2027-04-30T00:00:00Z")},
		{at("2026-12-15T00:00:00Z"), 1, at("2027-01-15T00:00:00Z")},
		{at("2026-03-01T01:00:00+02:00"), 1, at("2026-03-28T23:00:00Z")}, // 28 Feb 23:00 UTC
		{at("2026-05-20T00:00:00Z"), 0, at("2026-05-20T00:00:00Z")},
	}
	for _, tt := range tests {
		if got := addMonths(tt.from, tt.n); !got.Equal(tt.want) {
			t.Errorf("addMonths(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestExpiresAt(t *testing.T) {
	m := benefit("b-1", AzureMonthlyCredit) // ends 2027-02-04
	long := m
	long.EndDate = day("2028-02-04")
	tests := []struct {
		name string
		b    Benefit
		want time.Time
	}{
		{"P3 unactivated monthly: end of end date", m, day("2027-02-05")},
		{"P11 activated monthly, 13 months before the end date", redeemed(long, "a@fabrikam.example", at("2026-02-10T08:00:00Z")),
			at("2027-03-10T08:00:00Z")},
		{"P11 activated monthly, the end date before 13 months", redeemed(m, "a@fabrikam.example", at("2026-03-10T08:00:00Z")),
			day("2027-02-05")},
		{"P11 both on the same instant", redeemed(m, "a@fabrikam.example", at("2026-01-05T00:00:00Z")), day("2027-02-05")},
		{"P3 bulk: end of end date", redeemed(benefit("b-2", AzureBulkCredit), "a@fabrikam.example",
			at("2026-02-10T08:00:00Z")), day("2027-02-05")},
		{"P7 benefit: end of end date", benefit("b-3", GitHubEnterpriseMetered), day("2027-02-05")},
	}
	for _, tt := range tests {
		if got := ExpiresAt(tt.b); !got.Equal(tt.want) {
			t.Errorf("%s: ExpiresAt = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestValidate: X2, every bad field named by its scenario JSON key.
func TestValidate(t *testing.T) {
	ok := benefit("b-001", AzureMonthlyCredit)
	red := redeemed(ok, "raj@fabrikam.example", day("2026-02-06"))
	tests := []struct {
		name   string
		change func(*Benefit)
		fields []string
	}{
		{"valid", func(*Benefit) {}, nil},
		{"valid redeemed", func(b *Benefit) { *b = red }, nil},
		{"unknown kind", func(b *Benefit) { b.Kind = "Monthly" }, []string{FieldKind}},
		{"zero amount", func(b *Benefit) { b.Amount = money.Zero }, []string{FieldAmount}},
		{"negative amount", func(b *Benefit) { b.Amount = money.FromUnits(-1) }, []string{FieldAmount}},
		{"bad currency", func(b *Benefit) { b.Currency = "usd" }, []string{FieldCurrency}},
		{"currency not on the ISO 4217 list", func(b *Benefit) { b.Currency = "ABC" }, []string{FieldCurrency}},
		{"currency without decimals", func(b *Benefit) { b.Currency = "JPY" }, nil},
		{"missing dates", func(b *Benefit) { b.PurchaseDate, b.StartDate, b.EndDate = time.Time{}, time.Time{}, time.Time{} },
			[]string{"purchaseDate", "startDate", "endDate"}},
		{"end before start", func(b *Benefit) { b.EndDate = day("2026-02-04") }, []string{"endDate"}},
		{"end equal start", func(b *Benefit) { b.EndDate = b.StartDate }, nil},
		{"malformed assignee", func(b *Benefit) { b.AssignedTo = "raj" }, []string{"assignedTo"}},
		{"subscription without redemption", func(b *Benefit) { b.SubscriptionID = red.SubscriptionID },
			[]string{"subscriptionId"}},
		{"redeemed without user", func(b *Benefit) { *b = red; b.AssignedTo = "" }, []string{"redeemedAt"}},
		{"P8 redeemed while provisioning", func(b *Benefit) { *b = red; b.RedeemedAt, b.ActivatedAt = day("2026-02-04"), day("2026-02-04") },
			[]string{"redeemedAt", "redeemedAt"}},
		{"activated after redemption", func(b *Benefit) { *b = red; b.ActivatedAt = day("2026-02-07") }, []string{"activatedAt"}},
		{"P5 redeemed without subscription", func(b *Benefit) { *b = red; b.SubscriptionID = "" }, []string{"subscriptionId"}},
		{"several at once", func(b *Benefit) { b.Kind, b.Currency = "", "" }, []string{FieldKind, FieldCurrency}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := ok
			tt.change(&b)
			errs := RuleErrors(b.Validate())
			var got []string
			for _, e := range errs {
				got = append(got, e.Field)
				if e.Rule != RuleInput {
					t.Errorf("rule = %s, want %s", e.Rule, RuleInput)
				}
			}
			if len(got) != len(tt.fields) {
				t.Fatalf("fields = %v, want %v", got, tt.fields)
			}
			for i := range got {
				if got[i] != tt.fields[i] {
					t.Errorf("fields = %v, want %v", got, tt.fields)
				}
			}
		})
	}
}

// TestActionRank: the list's default order puts what needs action first and expired last
// (issue 11), each status at its own rank.
func TestActionRank(t *testing.T) {
	want := []Status{StatusNotRedeemed, StatusAssigned, StatusPendingProvisioning, StatusRedeemed, StatusExpired}
	for i, s := range want {
		if got := s.ActionRank(); got != i {
			t.Errorf("%s ranks %d, want %d", s, got, i)
		}
	}
	got := slices.Clone(Statuses())
	slices.SortFunc(got, func(a, b Status) int { return a.ActionRank() - b.ActionRank() })
	if !slices.Equal(got, want) {
		t.Errorf("Statuses() by rank = %v, want %v", got, want)
	}
}
