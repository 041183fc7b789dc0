package web

import (
	"strconv"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// benefitRow is a stored benefit as a row of the Azure credits list at now, for a reader of
// loc; list is the list's state, carried by the link that opens the pane.
func benefitRow(l links, v store.BenefitView, now time.Time, loc views.Locale, list string) views.BenefitRow {
	b := v.Benefit
	st := benefits.StatusOf(b, now)
	r := views.BenefitRow{
		Loc: loc, DOMID: "benefit-" + strconv.FormatInt(v.RowID, 10), ID: b.ID, Kind: b.Kind.Label(),
		Amount: views.Money(b.Amount, b.Currency), PerMonth: b.Kind.Monthly(),
		Start: ledger.DateOf(b.StartDate), End: ledger.DateOf(b.EndDate), Status: string(st),
		StatusLabel: st.Label(), StatusNote: benefits.StatusNote(b, st), Holder: b.AssignedTo, HolderName: v.HolderName,
		Reassignments: reassignText(b.Kind, v.Reassignments), Href: withList(l.benefit(b.PartnerID, b.ID), list),
	}
	if st == benefits.StatusPendingProvisioning {
		r.NoteRule = "P8"
	}
	return r
}

// amountSaid is a benefit's amount: per month for a monthly credit (P3).
func amountSaid(b benefits.Benefit) fault.Message {
	amount := fault.Money{Amount: b.Amount, Currency: b.Currency}
	if b.Kind.Monthly() {
		return fault.Say(views.KeyPerMonth, amount)
	}
	return fault.Say(fault.KeyText, amount)
}

// reassignText is the reassignments column (P12): "2 of 5 used", or "Not supported" (P6).
func reassignText(k benefits.Kind, used int) string {
	u := benefits.Reassignments(k, nil)
	u.Used = used
	if !u.Supported() {
		return "Not supported"
	}
	return u.String()
}

// benefitDetails is the pane's Details tab, each value a message the view formats.
func benefitDetails(d store.BenefitDetail, st benefits.Status) []views.BenefitProp {
	b := d.Benefit
	value := func(a any) fault.Message { return fault.Say(fault.KeyText, a) }
	holder := fault.Say(views.KeyNone)
	if b.AssignedTo != "" {
		holder = fault.Say(views.KeyNamed, d.HolderName, b.AssignedTo)
	}
	props := []views.BenefitProp{
		{Label: "Benefit", Value: value(b.Kind.Label())},
		{Label: "Benefit ID", Value: value(b.ID)},
		{Label: "Amount", Value: amountSaid(b), TestID: "detail-amount"},
		{Label: "Purchased", Value: value(ledger.DateOf(b.PurchaseDate))},
		{Label: "Available from", Value: value(ledger.DateOf(benefits.AvailableAt(b)))},
		{Label: "Start date", Value: value(ledger.DateOf(b.StartDate))},
		{Label: "End date", Value: fault.Say(views.KeyIncluded, ledger.DateOf(b.EndDate)), TestID: "detail-end"},
		{Label: "Status", Value: value(st.Label()), TestID: "detail-status"},
		{Label: "Assigned user", Value: holder, TestID: "detail-holder"},
		{Label: "Reassignments", Value: value(reassignText(b.Kind, d.Reassignments))},
	}
	if !b.RedeemedAt.IsZero() {
		props = append(props, views.BenefitProp{Label: "Redeemed", Value: value(fault.Minute(b.RedeemedAt))},
			views.BenefitProp{Label: "Azure subscription", Value: value(b.SubscriptionID), TestID: "detail-subscription"})
	}
	if b.PreviousID != "" {
		props = append(props, views.BenefitProp{Label: "Renews", Value: value(b.PreviousID)})
	}
	return append(props, views.BenefitProp{Label: "Valid", Value: benefits.Validity(b), TestID: "detail-valid"})
}

// eventRows is a benefit's assignment history, oldest first (P12).
func eventRows(history []benefits.Event) []views.BenefitEventRow {
	out := make([]views.BenefitEventRow, len(history))
	for i, e := range history {
		what := fault.Say(views.KeyHistoryReassigned, fault.Email(e.From), fault.Email(e.To))
		switch e.Action() {
		case benefits.ActionAssign:
			what = fault.Say(views.KeyHistoryAssigned, fault.Email(e.To))
		case benefits.ActionRemove:
			what = fault.Say(views.KeyHistoryRemoved, fault.Email(e.From))
		}
		out[i] = views.BenefitEventRow{At: e.At, Actor: e.Actor, What: what, Counted: e.Reassignment}
	}
	return out
}

// monthRows is an activated monthly credit's lapse history (P3), none for other benefits.
func monthRows(d store.BenefitDetail, now time.Time) ([]views.BenefitMonthRow, error) {
	b := d.Benefit
	if !b.Kind.Monthly() || b.ActivatedAt.IsZero() {
		return nil, nil
	}
	months, err := benefits.MonthlyHistory(b, d.Usage, now)
	if err != nil {
		return nil, err
	}
	out := make([]views.BenefitMonthRow, len(months))
	for i, m := range months {
		r := views.BenefitMonthRow{Number: m.Number, Closed: m.Closed, Allotment: views.Money(m.Allotment, b.Currency),
			Used: views.Money(m.Used, b.Currency), Start: m.Start, End: m.End}
		if m.Closed {
			r.Lapsed = views.Money(m.Lapsed, b.Currency)
		} else {
			r.Remaining = views.Money(m.Remaining, b.Currency)
		}
		if m.Uncovered.IsPositive() {
			r.Uncovered = views.Money(m.Uncovered, b.Currency)
		}
		out[i] = r
	}
	return out, nil
}

// ruleField maps the field a benefits.RuleError names to the form field that shows it.
func ruleField(field string) string {
	switch field {
	case benefits.FieldUser, benefits.FieldEmail, benefits.FieldName, benefits.FieldRenewal:
		return field
	}
	return "benefit"
}
