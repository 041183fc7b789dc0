package web_test

import (
	"context"
	"strconv"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/billing/armbilling"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/consumption/armconsumption"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// fl is what the SDK reads for an exact amount: the float64 nearest its decimal digits.
func fl(a money.Amount) float64 {
	f, _ := strconv.ParseFloat(a.String(), 64)
	return f
}

// str dereferences an SDK string.
func str[T ~string](p *T) string {
	if p == nil {
		return "<nil>"
	}
	return string(*p)
}

// sdkCase is one database's conformance run: the harness and the profiles of testdata/arm.json.
type sdkCase struct {
	h        *harness
	account  store.BillingAccount
	profiles map[string]store.BillingProfile
	today    ledger.Date
}

func newSDKCase(t *testing.T, d store.Dialect) sdkCase {
	h := newARMHarness(t, d, "testdata/arm.json", armOptions{pageSize: 2})
	ctx := context.Background()
	a, err := h.store.AccountByName(ctx, accountName)
	if err != nil {
		t.Fatal(err)
	}
	ps, err := h.store.ProfilesOfAccount(ctx, a.ID)
	if err != nil || len(ps) != 3 {
		t.Fatalf("profiles: %d, %v", len(ps), err)
	}
	sc := sdkCase{h: h, account: a, profiles: map[string]store.BillingProfile{}, today: ledger.DateOf(h.clock.T)}
	for _, p := range ps {
		sc.profiles[p.Name] = p
	}
	return sc
}

// TestSDKConformance drives the official Azure SDK for Go (armbilling v1.0.0, armconsumption
// v1.2.0) against the real router over TLS, on SQLite and PostgreSQL, and compares every value
// with what the store and the ledger compute for the same scenario (issue 4 acceptance).
func TestSDKConformance(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		sc := newSDKCase(t, d)
		t.Run("billing accounts and profiles (B1-B4)", sc.billing)
		t.Run("balance summary (C1, M12)", sc.credits)
		t.Run("lots across pages (L1, L2, M7, M8)", sc.lots)
		t.Run("events across pages (E1, E2, M13)", sc.events)
	})
}

func (sc sdkCase) billing(t *testing.T) {
	ctx := context.Background()
	accounts, err := armbilling.NewAccountsClient(staticToken(ownerToken), sdkOptions(sc.h))
	if err != nil {
		t.Fatal(err)
	}
	var got []*armbilling.Account
	for pager := accounts.NewListPager(nil); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page.Value...)
	}
	if len(got) != 1 || *got[0].Name != accountName || *got[0].ID != "/providers/Microsoft.Billing/billingAccounts/"+accountName {
		t.Fatalf("accounts: %d, want the owner's one", len(got))
	}
	p := got[0].Properties
	if *p.DisplayName != sc.account.DisplayName || *p.AgreementType != armbilling.AgreementTypeMicrosoftCustomerAgreement ||
		*p.AccountType != armbilling.AccountTypeEnterprise || *p.AccountStatus != armbilling.AccountStatusActive || !*p.HasReadAccess ||
		*got[0].Type != "Microsoft.Billing/billingAccounts" {
		t.Errorf("account properties: %+v", p)
	}
	one, err := accounts.Get(ctx, accountName, nil)
	if err != nil || *one.Name != accountName || *one.Properties.HasNoBillingProfiles {
		t.Errorf("get account: %v %+v", err, one.Properties)
	}
	profiles, err := armbilling.NewProfilesClient(staticToken(ownerToken), sdkOptions(sc.h))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for pager := profiles.NewListByBillingAccountPager(accountName, nil); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, bp := range page.Value {
			n++
			want, ok := sc.profiles[*bp.Name]
			pp := bp.Properties
			if !ok || *pp.DisplayName != want.DisplayName || *pp.Currency != want.Currency || *pp.InvoiceDay != int32(want.InvoiceDay) ||
				*pp.PoNumber != want.PONumber || *pp.SystemID != want.Name || !*pp.HasReadAccess || *pp.Status != armbilling.BillingProfileStatusActive ||
				*bp.ID != "/providers/Microsoft.Billing/billingAccounts/"+accountName+"/billingProfiles/"+want.Name {
				t.Errorf("profile %s: %+v", *bp.Name, pp)
			}
		}
	}
	if n != len(sc.profiles) {
		t.Errorf("%d profiles listed, want %d", n, len(sc.profiles))
	}
	bp, err := profiles.Get(ctx, accountName, profileName, nil)
	if err != nil || *bp.Properties.DisplayName != "Engineering" {
		t.Errorf("get profile: %v", err)
	}
}

func (sc sdkCase) credits(t *testing.T) {
	ctx := context.Background()
	client, err := armconsumption.NewCreditsClient(staticToken(readerToken), sdkOptions(sc.h))
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range sc.profiles {
		res, err := client.Get(ctx, accountName, name, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := sc.h.store.ProfileSummary(ctx, p, sc.today)
		if err != nil {
			t.Fatal(err)
		}
		if name == researchName { // no credit ever: 204, an empty summary (contract §5)
			if res.Properties != nil || res.ID != nil {
				t.Errorf("%s: %+v, want the empty summary of a 204", name, res.CreditSummary)
			}
			continue
		}
		pr := res.Properties
		bs := pr.BalanceSummary
		for what, pair := range map[string][2]float64{
			"estimatedBalance":         {*bs.EstimatedBalance.Value, fl(want.EstimatedBalance)},
			"currentBalance":           {*bs.CurrentBalance.Value, fl(want.CurrentBalance)},
			"estimatedInBilling":       {*bs.EstimatedBalanceInBillingCurrency.Value, fl(want.EstimatedBalance)},
			"pendingCreditAdjustments": {*pr.PendingCreditAdjustments.Value, fl(want.PendingCreditAdjustments)},
			"expiredCredit":            {*pr.ExpiredCredit.Value, fl(want.ExpiredCredit)},
			"pendingEligibleCharges":   {*pr.PendingEligibleCharges.Value, fl(want.PendingEligibleCharges)},
		} {
			if pair[0] != pair[1] {
				t.Errorf("%s %s: SDK read %v, ledger says %v", name, what, pair[0], pair[1])
			}
		}
		// M12: estimated = current + adjustments + charges (negative) - expired, exactly.
		if !want.EstimatedBalance.Sub(want.CurrentBalance).Sub(want.PendingCreditAdjustments).Sub(want.PendingEligibleCharges).Add(want.ExpiredCredit).IsZero() ||
			want.PendingEligibleCharges.IsPositive() {
			t.Errorf("%s: the M12 identity does not hold: %+v", name, want)
		}
		if str(pr.CreditCurrency) != p.Currency || str(pr.BillingCurrency) != p.Currency || *bs.EstimatedBalance.Currency != p.Currency ||
			*bs.EstimatedBalanceInBillingCurrency.ExchangeRateMonth != 6 || *res.Type != "Microsoft.Consumption/credits/balanceSummary" {
			t.Errorf("%s: currencies or envelope: %+v", name, pr)
		}
	}
}
