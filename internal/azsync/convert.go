package azsync

import (
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/consumption/armconsumption"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
)

// amountOf reads an SDK amount exactly: the SDK decodes JSON numbers into float64, and the
// nearest six-decimal value of that float is the decimal Azure wrote (M16: money is never kept
// as a float). A missing amount is zero; what is not a finite number within money's range is
// an error naming where it is.
func amountOf(a *armconsumption.Amount, where string) (money.Amount, error) {
	if a == nil || a.Value == nil {
		return money.Zero, nil
	}
	v := *a.Value
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return money.Zero, dataError("%s is not a number", where)
	}
	m, err := money.Parse(strconv.FormatFloat(v, 'f', money.Scale, 64))
	if err != nil {
		return money.Zero, dataError("%s %v: %v", where, v, err)
	}
	return m, nil
}

// dateOf reads an SDK date-time as the UTC day it falls on (X3); a missing one is an error.
func dateOf(t *time.Time, where string) (ledger.Date, error) {
	if t == nil || t.IsZero() {
		return ledger.Date{}, dataError("%s is missing", where)
	}
	return ledger.DateOf(t.UTC()), nil
}

// fieldReader reads the amounts and dates of one SDK item, named by where in errors. It keeps
// the first error and reads nothing after it, so that a conversion reads its fields in a row
// and checks once.
type fieldReader struct {
	where string
	err   error
}

// amount reads the amount field of the item (amountOf).
func (r *fieldReader) amount(a *armconsumption.Amount, field string) money.Amount {
	if r.err != nil {
		return money.Zero
	}
	m, err := amountOf(a, r.where+" "+field)
	r.err = err
	return m
}

// date reads the date field of the item (dateOf).
func (r *fieldReader) date(t *time.Time, field string) ledger.Date {
	if r.err != nil {
		return ledger.Date{}
	}
	d, err := dateOf(t, r.where+" "+field)
	r.err = err
	return d
}

// str dereferences an SDK string.
func str[T ~string](p *T) string {
	if p == nil {
		return ""
	}
	return string(*p)
}

// lotSources maps the spellings Azure has used for lot sources to M7's.
var lotSources = map[string]ledger.Source{
	"promotionalcredit": ledger.SourcePromotional, "azurepromotionalcredit": ledger.SourcePromotional,
	"purchasedcredit": ledger.SourcePurchased, "azureprepayment": ledger.SourcePurchased, "prepayment": ledger.SourcePurchased,
	"consumptioncommitment": ledger.SourceCommitment, "azureconsumptioncommitment": ledger.SourceCommitment,
}

// sourceOf normalises a lot source; an unknown one is kept as Azure wrote it.
func sourceOf(s string) ledger.Source {
	if src, ok := lotSources[strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(s))]; ok {
		return src
	}
	return ledger.Source(s)
}

// lotOf converts one lot of the L1 list.
func lotOf(l *armconsumption.LotSummary, currency string) (store.AzureLot, error) {
	name := str(l.Name)
	if name == "" || l.Properties == nil {
		return store.AzureLot{}, dataError("a lot without a name or properties")
	}
	p, r := l.Properties, fieldReader{where: "lot " + name}
	original, closed := r.amount(p.OriginalAmount, "originalAmount"), r.amount(p.ClosedBalance, "closedBalance")
	start, expiration := r.date(p.StartDate, "startDate"), r.date(p.ExpirationDate, "expirationDate")
	if r.err != nil {
		return store.AzureLot{}, r.err
	}
	lot := ledger.Lot{ID: name, Source: sourceOf(str(p.Source)), Currency: currency, OriginalAmount: original,
		StartDate: start, ExpirationDate: expiration, PONumber: str(p.PoNumber)}
	if c := str(p.CreditCurrency); c != "" {
		lot.Currency = c
	}
	if p.PurchasedDate != nil && !p.PurchasedDate.IsZero() {
		lot.PurchasedDate = ledger.DateOf(p.PurchasedDate.UTC())
	}
	return store.AzureLot{Lot: lot, Status: ledger.APIStatus(str(p.Status)), Closed: closed}, nil
}

// eventOf converts one event of the E1 list. Its amount is the sum of its amount fields, so
// each settled event's closedBalance stays the previous one plus its amount; its kind is the
// ledger's (M13): a settled-charges event that only adjusts is an adjustment.
func eventOf(e *armconsumption.EventSummary) (store.AzureEvent, bool, error) {
	name := str(e.Name)
	if name == "" || e.Properties == nil {
		return store.AzureEvent{}, false, dataError("an event without a name or properties")
	}
	p, r := e.Properties, fieldReader{where: "event " + name}
	fields := map[string]*armconsumption.Amount{"newCredit": p.NewCredit, "adjustments": p.Adjustments,
		"creditExpired": p.CreditExpired, "charges": p.Charges, "canceledCredit": p.CanceledCredit}
	parts := map[string]money.Amount{}
	total := money.Zero
	for field, a := range fields {
		m := r.amount(a, field)
		parts[field], total = m, total.Add(m)
	}
	balance, date := r.amount(p.ClosedBalance, "closedBalance"), r.date(p.TransactionDate, "transactionDate")
	if r.err != nil {
		return store.AzureEvent{}, false, r.err
	}
	typ := str(p.EventType)
	pending := strings.HasPrefix(typ, "Pending")
	ev := ledger.Event{Kind: eventKind(typ, parts), Date: date, Description: str(p.Description), Amount: total,
		Balance: balance, InvoiceNumber: str(p.InvoiceNumber), Pending: pending}
	if id := str(p.LotID); id != "" {
		ev.LotID = path.Base(id)
	}
	return store.AzureEvent{Name: name, Event: ev}, pending, nil
}

// eventKind is the ledger kind of an Azure eventType (contract §7; arm.EventType the other way).
func eventKind(typ string, parts map[string]money.Amount) ledger.EventKind {
	switch typ {
	case "NewCredit", "PendingNewCredit":
		return ledger.EventNewCredit
	case "CreditExpired", "ExpiredCredit", "PendingExpiredCredit":
		return ledger.EventExpiredCredit
	case "CanceledCredit", "PendingCanceledCredit":
		return ledger.EventCanceledCredit
	case "PendingCharges":
		return ledger.EventPendingCharges
	case "PendingAdjustments":
		return ledger.EventAdjustment
	case "SettledCharges":
		if parts["charges"].IsZero() && !parts["adjustments"].IsZero() {
			return ledger.EventAdjustment
		}
		return ledger.EventSettledCharges
	}
	return ledger.EventAdjustment // an event type Azure added later: a change of the balance all the same
}

// balanceOf converts the C1 answer; an empty one (204) is a profile that never had credit.
func balanceOf(c armconsumption.CreditSummary) (store.AzureBalance, bool, error) {
	p := c.Properties
	if p == nil {
		return store.AzureBalance{}, false, nil
	}
	var b store.AzureBalance
	r := fieldReader{where: "balance summary"}
	if s := p.BalanceSummary; s != nil {
		b.Current, b.Estimated = r.amount(s.CurrentBalance, "currentBalance"), r.amount(s.EstimatedBalance, "estimatedBalance")
	}
	b.PendingEligibleCharges = r.amount(p.PendingEligibleCharges, "pendingEligibleCharges")
	b.PendingCreditAdjustments = r.amount(p.PendingCreditAdjustments, "pendingCreditAdjustments")
	b.ExpiredCredit = r.amount(p.ExpiredCredit, "expiredCredit")
	return b, true, r.err
}
