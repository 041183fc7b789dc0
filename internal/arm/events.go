package arm

import (
	"fmt"
	"strconv"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// EventInput is one transaction as the events endpoints show it (E1, E2; contract §7, M13).
type EventInput struct {
	ScopeID        string // the id of the scope the request names
	Name           string // see SettledName and PendingName
	Kind           ledger.EventKind
	Pending        bool
	Date           ledger.Date
	Description    string
	InvoiceNumber  string
	Currency       string
	Amount         money.Amount // signed: negative lowers the balance
	Balance        money.Amount // the balance after the event
	ProfileID      string       // the profile's ARM id
	ProfileDisplay string
	LotID          string // the lot's ARM id, "" for charges
	LotSource      string
}

// EventType is the eventType the API reports for a ledger event. Settled adjustments were settled
// by an invoice, so they are SettledCharges events that carry an adjustments amount; settled
// expiry is CreditExpired (the enum value of later 2021-10-01 revisions); cancellation has no
// enum value and is reported as CanceledCredit, next to the canceledCredit amount it fills, and
// as PendingCanceledCredit until an invoice settles it, as expiry is.
func EventType(kind ledger.EventKind, pending bool) string {
	switch {
	case pending && kind == ledger.EventNewCredit:
		return "PendingNewCredit"
	case pending && kind == ledger.EventAdjustment:
		return "PendingAdjustments"
	case pending && kind == ledger.EventExpiredCredit:
		return "PendingExpiredCredit"
	case pending && kind == ledger.EventCanceledCredit:
		return "PendingCanceledCredit"
	case kind == ledger.EventPendingCharges:
		return "PendingCharges"
	case kind == ledger.EventNewCredit:
		return "NewCredit"
	case kind == ledger.EventSettledCharges, kind == ledger.EventAdjustment:
		return "SettledCharges"
	case kind == ledger.EventExpiredCredit:
		return "CreditExpired"
	case kind == ledger.EventCanceledCredit:
		return "CanceledCredit"
	}
	return "UnKnown"
}

// EventTypes lists every eventType EventType returns, for $filter.
var EventTypes = []string{"NewCredit", "SettledCharges", "CreditExpired", "CanceledCredit", "PendingNewCredit",
	"PendingAdjustments", "PendingExpiredCredit", "PendingCanceledCredit", "PendingCharges"}

// EventResourceType is the resource type of an event.
const EventResourceType = "Microsoft.Consumption/events"

type event2019 struct {
	TransactionDate string `json:"transactionDate"`
	Description     string `json:"description"`
	NewCredit       Amount `json:"newCredit"`
	Adjustments     Amount `json:"adjustments"`
	CreditExpired   Amount `json:"creditExpired"`
	Charges         Amount `json:"charges"`
	ClosedBalance   Amount `json:"closedBalance"`
	EventType       string `json:"eventType"`
	InvoiceNumber   string `json:"invoiceNumber"`
}

type event2021 struct {
	event2019
	CanceledCredit                 Amount                  `json:"canceledCredit"`
	BillingProfileID               string                  `json:"billingProfileId"`
	BillingProfileDisplayName      string                  `json:"billingProfileDisplayName"`
	LotID                          string                  `json:"lotId,omitempty"`
	LotSource                      string                  `json:"lotSource,omitempty"`
	CreditCurrency                 string                  `json:"creditCurrency"`
	BillingCurrency                string                  `json:"billingCurrency"`
	Reseller                       *Reseller               `json:"reseller"`
	NewCreditInBillingCurrency     *AmountWithExchangeRate `json:"newCreditInBillingCurrency"`
	AdjustmentsInBillingCurrency   *AmountWithExchangeRate `json:"adjustmentsInBillingCurrency"`
	CreditExpiredInBillingCurrency *AmountWithExchangeRate `json:"creditExpiredInBillingCurrency"`
	ChargesInBillingCurrency       *AmountWithExchangeRate `json:"chargesInBillingCurrency"`
	ClosedBalanceInBillingCurrency *AmountWithExchangeRate `json:"closedBalanceInBillingCurrency"`
	ETag                           *string                 `json:"eTag"`
}

// Event shapes an event for an api-version: 2019-10-01 has the nine fields of the how-to; 2021-10-01
// and newer add the lot, profile, currency and billing-currency fields. Each amount field holds
// the event's amount when it is of that kind and 0 otherwise, so that closedBalance is always the
// previous balance plus the event's fields. 2019-10-01 has no canceledCredit: a cancellation is
// an adjustment there.
func Event(shape Shape, in EventInput) any {
	cur := in.Currency
	zero := Amount{cur, money.Zero}
	p := event2019{TransactionDate: StartOf(in.Date), Description: in.Description, NewCredit: zero, Adjustments: zero,
		CreditExpired: zero, Charges: zero, ClosedBalance: Amount{cur, in.Balance},
		EventType: EventType(in.Kind, in.Pending), InvoiceNumber: in.InvoiceNumber}
	canceled := zero
	switch in.Kind {
	case ledger.EventNewCredit:
		p.NewCredit.Value = in.Amount
	case ledger.EventSettledCharges, ledger.EventPendingCharges:
		p.Charges.Value = in.Amount
	case ledger.EventAdjustment:
		p.Adjustments.Value = in.Amount
	case ledger.EventExpiredCredit:
		p.CreditExpired.Value = in.Amount
	case ledger.EventCanceledCredit:
		canceled.Value = in.Amount
		if shape != Consumption2021 {
			p.Adjustments.Value = in.Amount
		}
	}
	out := proxyResource{ID: ConsumptionID(in.ScopeID, "events", in.Name), Name: in.Name, Type: EventResourceType, Properties: p}
	if shape == Consumption2021 {
		_, month, _ := in.Date.Civil()
		out.Properties = event2021{event2019: p, CanceledCredit: canceled, BillingProfileID: in.ProfileID,
			BillingProfileDisplayName: in.ProfileDisplay, LotID: in.LotID, LotSource: in.LotSource,
			CreditCurrency: cur, BillingCurrency: cur,
			NewCreditInBillingCurrency:     inBilling(cur, p.NewCredit.Value, month),
			AdjustmentsInBillingCurrency:   inBilling(cur, p.Adjustments.Value, month),
			CreditExpiredInBillingCurrency: inBilling(cur, p.CreditExpired.Value, month),
			ChargesInBillingCurrency:       inBilling(cur, p.Charges.Value, month),
			ClosedBalanceInBillingCurrency: inBilling(cur, in.Balance, month)}
	}
	return out
}

// SettledName is the stable GUID name of a settled event: its profile and sequence number.
func SettledName(profileID string, seq int64) string {
	return NameGUID("event", profileID, strconv.FormatInt(seq, 10))
}

// PendingName is the stable GUID name of a pending event, from its key.
func PendingName(profileID, key string) string { return NameGUID("pending", profileID, key) }

// PendingKey orders the pending events of a profile and is their keyset position: by date, then
// as the invoice applies them (credit arrives, adjustments, cancellation, expiry, charges), then
// by lot, amount and description. Pending events are recomputed on every request (M12), so a
// position by content, not by index, keeps paging stable when one is added.
func PendingKey(e ledger.Event) string {
	rank := map[ledger.EventKind]int{ledger.EventNewCredit: 0, ledger.EventAdjustment: 1,
		ledger.EventCanceledCredit: 2, ledger.EventExpiredCredit: 3}[e.Kind]
	if e.Kind == ledger.EventPendingCharges || e.Kind == ledger.EventSettledCharges {
		rank = 4
	}
	return fmt.Sprintf("%s|%d|%s|%d|%s", e.Date, rank, e.LotID, e.Amount.Micros(), e.Description)
}
