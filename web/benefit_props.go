package web

import (
	"fmt"
	"strconv"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// benefitDay is the canonical form of a civil date in sentences and form values; pages show
// dates in the reader's locale (views.Prose, views.Day). Dates are whole UTC days (X3).
const benefitDay = "2006-01-02"

// benefitInstant is the canonical form of an instant in sentences, always UTC (X3).
const benefitInstant = "2006-01-02 15:04 UTC"

// benefitRow is a stored benefit as a row of the Azure credits list at now, for a reader of
// loc; list is the list's state, carried by the link that opens the pane.
func benefitRow(l links, v store.BenefitView, now time.Time, loc views.Locale, list string) views.BenefitRow {
	b := v.Benefit
	st := benefits.StatusOf(b, now)
	r := views.BenefitRow{
		Loc: loc, DOMID: "benefit-" + strconv.FormatInt(v.RowID, 10), ID: b.ID, Kind: b.Kind.Label(),
		Amount: views.Money(b.Amount, b.Currency), PerMonth: b.Kind.Monthly(),
		Start: ledger.DateOf(b.StartDate), End: ledger.DateOf(b.EndDate), Status: string(st),
		StatusLabel: st.Label(), StatusNote: statusNote(b, st), Holder: b.AssignedTo, HolderName: v.HolderName,
		Reassignments: reassignText(b.Kind, v.Reassignments), Href: withList(l.benefit(b.PartnerID, b.ID), list),
	}
	if st == benefits.StatusPendingProvisioning {
		r.NoteRule = "P8"
	}
	return r
}

// amountText is a benefit's amount as a sentence: per month for a monthly credit (P3).
func amountText(b benefits.Benefit) string {
	s := b.Amount.String() + " " + b.Currency
	if b.Kind.Monthly() {
		s += " per month"
	}
	return s
}

// statusNote explains a status with its date: when a pending benefit becomes available (P8),
// until when a live one can be used (P3, P11), until when an expired one could.
func statusNote(b benefits.Benefit, st benefits.Status) string {
	switch st {
	case benefits.StatusPendingProvisioning:
		return fmt.Sprintf("Available on %s, four days after the purchase while the payment is processed.",
			benefits.AvailableAt(b).Format(benefitDay))
	case benefits.StatusExpired:
		return "Ended: it was valid " + validity(b) + "."
	}
	return "Valid " + validity(b) + "."
}

// validity says until when a benefit can be used, in one wording everywhere (the list, the
// pane, Benefits assigned to me, the redemption message). A benefit ends with its end date,
// which is included (P3): "through 2027-02-04 (the last day included)". An activated monthly
// credit ends at the earlier of that and 13 months after its activation (P11), at that
// instant: "until 2027-07-15 10:00 UTC (13 months from activation)", or when that instant is a
// midnight, through the day before; when its end date comes first, the text says so.
func validity(b benefits.Benefit) string {
	end := benefits.ExpiresAt(b).UTC()
	byMonths := benefits.ExpiresBy13Months(b)
	if byMonths && !end.Equal(end.Truncate(24*time.Hour)) {
		return "until " + end.Format(benefitInstant) + " (13 months from activation)"
	}
	s := "through " + end.AddDate(0, 0, -1).Format(benefitDay) + " (the last day included"
	switch {
	case byMonths:
		s += "; 13 months from activation"
	case b.Kind.Monthly() && !b.ActivatedAt.IsZero():
		s += "; the membership ends before 13 months from activation"
	}
	return s + ")"
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

// benefitDetails is the pane's Details tab; values are sentences for views.Prose.
func benefitDetails(d store.BenefitDetail, st benefits.Status) []views.BenefitProp {
	b := d.Benefit
	holder := "None"
	if b.AssignedTo != "" {
		holder = d.HolderName + " (" + b.AssignedTo + ")"
	}
	props := []views.BenefitProp{
		{Label: "Benefit", Value: b.Kind.Label()},
		{Label: "Benefit ID", Value: b.ID},
		{Label: "Amount", Value: amountText(b)},
		{Label: "Purchased", Value: b.PurchaseDate.Format(benefitDay)},
		{Label: "Available from", Value: benefits.AvailableAt(b).Format(benefitDay)},
		{Label: "Start date", Value: b.StartDate.Format(benefitDay)},
		{Label: "End date", Value: b.EndDate.Format(benefitDay) + " (included)"},
		{Label: "Status", Value: st.Label(), TestID: "detail-status"},
		{Label: "Assigned user", Value: holder, TestID: "detail-holder"},
		{Label: "Reassignments", Value: reassignText(b.Kind, d.Reassignments)},
	}
	if !b.RedeemedAt.IsZero() {
		props = append(props, views.BenefitProp{Label: "Redeemed", Value: b.RedeemedAt.UTC().Format(benefitInstant)},
			views.BenefitProp{Label: "Azure subscription", Value: b.SubscriptionID, TestID: "detail-subscription"})
	}
	if b.PreviousID != "" {
		props = append(props, views.BenefitProp{Label: "Renews", Value: b.PreviousID})
	}
	return append(props, views.BenefitProp{Label: "Valid", Value: validity(b)})
}

// eventRows is a benefit's assignment history, oldest first (P12).
func eventRows(history []benefits.Event) []views.BenefitEventRow {
	out := make([]views.BenefitEventRow, len(history))
	for i, e := range history {
		var what string
		switch e.Action() {
		case benefits.ActionAssign:
			what = "Assigned to " + e.To
		case benefits.ActionRemove:
			what = "Removed " + e.From
		default:
			what = "Reassigned from " + e.From + " to " + e.To
		}
		out[i] = views.BenefitEventRow{At: e.At.UTC().Format(benefitInstant), Actor: e.Actor, What: what, Counted: e.Reassignment}
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
			Used:   views.Money(m.Used, b.Currency),
			Period: m.Start.UTC().Format(benefitInstant) + " to " + m.End.UTC().Format(benefitInstant)}
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
