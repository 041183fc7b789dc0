package azsync

import (
	"context"
	"fmt"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/billing/armbilling"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/consumption/armconsumption"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
)

// reader reads one Azure billing account with the SDK's clients.
type reader struct {
	accounts *armbilling.AccountsClient
	profiles *armbilling.ProfilesClient
	credits  *armconsumption.CreditsClient
	lots     *armconsumption.LotsClient
	events   *armconsumption.EventsClient
}

func newReader(cred azcore.TokenCredential, opts *arm.ClientOptions) (reader, error) {
	var r reader
	var err error
	if r.accounts, err = armbilling.NewAccountsClient(cred, opts); err != nil {
		return r, err
	}
	if r.profiles, err = armbilling.NewProfilesClient(cred, opts); err != nil {
		return r, err
	}
	if r.credits, err = armconsumption.NewCreditsClient(cred, opts); err != nil {
		return r, err
	}
	if r.lots, err = armconsumption.NewLotsClient(cred, opts); err != nil {
		return r, err
	}
	r.events, err = armconsumption.NewEventsClient(cred, opts)
	return r, err
}

// account reads the billing account (B2) and its profiles (B3), refusing an account that is not
// a Microsoft Customer Agreement: only those have Azure credits (M6).
func (r reader) account(ctx context.Context, name string) (string, []*armbilling.Profile, error) {
	a, err := r.accounts.Get(ctx, name, nil)
	if err != nil {
		return "", nil, err
	}
	var display string
	if p := a.Properties; p != nil {
		display = str(p.DisplayName)
		if at := str(p.AgreementType); at != string(armbilling.AgreementTypeMicrosoftCustomerAgreement) {
			return display, nil, &SyncError{Problem: ProblemNotMCA, Detail: "agreement type " + at}
		}
	}
	var out []*armbilling.Profile
	for pager := r.profiles.NewListByBillingAccountPager(name, nil); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return display, nil, err
		}
		out = append(out, page.Value...)
	}
	return display, out, nil
}

// window is what the store knows of a profile for choosing the first day of events to read.
type window struct {
	last     ledger.Date     // the business day of the last sync, zero if never
	inLedger map[string]bool // lots a settled new-credit event brought into the ledger
}

// eventsFrom is the first day of events to read. The first sync reads from the earliest lot's
// start; later ones from the first day of the month before the last sync (an invoice settles,
// and dates back to that month, what was pending then), or earlier when a lot that has not
// entered the ledger started before that (its new-credit event is dated on its start, M12a).
func (w window) eventsFrom(lots []store.AzureLot, today ledger.Date) ledger.Date {
	from := today
	if !w.last.IsZero() {
		from = ledger.PeriodOf(w.last).Prev().First()
	}
	for _, l := range lots {
		pending := !w.inLedger[l.Lot.ID] && l.Status != ledger.APICanceled
		if (w.last.IsZero() || pending) && l.Lot.StartDate.Before(from) {
			from = l.Lot.StartDate
		}
	}
	return from
}

// profile reads one billing profile's balance summary (C1), lots (L1) and the events (E1) from
// the first day the window asks for to today.
func (r reader) profile(ctx context.Context, account string, bp *armbilling.Profile, w window, today ledger.Date) (store.AzureProfileState, error) {
	name := str(bp.Name)
	st := store.AzureProfileState{Name: name, Status: "Active"}
	if p := bp.Properties; p != nil {
		st.DisplayName, st.Currency, st.PONumber = str(p.DisplayName), str(p.Currency), str(p.PoNumber)
		if p.InvoiceDay != nil {
			st.InvoiceDay = int(*p.InvoiceDay)
		}
		if s := str(p.Status); s != "" {
			st.Status = s
		}
	}
	if name == "" || st.Currency == "" || st.InvoiceDay < 1 || st.InvoiceDay > 28 {
		return st, dataError("billing profile %q: a name, a currency and an invoice day from 1 to 28 are needed", name)
	}
	if st.DisplayName == "" {
		st.DisplayName = name
	}
	sum, err := r.credits.Get(ctx, account, name, nil)
	if err != nil {
		return st, err
	}
	if st.Balance, st.HasCredit, err = balanceOf(sum.CreditSummary); err != nil {
		return st, err
	}
	for pager := r.lots.NewListByBillingProfilePager(account, name, nil); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return st, err
		}
		for _, l := range page.Value {
			lot, err := lotOf(l, st.Currency)
			if err != nil {
				return st, err
			}
			st.Lots = append(st.Lots, lot)
		}
	}
	from := w.eventsFrom(st.Lots, today)
	for pager := r.events.NewListByBillingProfilePager(account, name, from.String(), today.String(), nil); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			return st, err
		}
		for _, e := range page.Value {
			ev, pending, err := eventOf(e)
			if err != nil {
				return st, fmt.Errorf("billing profile %s: %w", name, err)
			}
			if pending {
				st.Pending = append(st.Pending, ev)
			} else {
				st.Settled = append(st.Settled, ev)
			}
		}
	}
	return st, nil
}
