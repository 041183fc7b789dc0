package web

import (
	"fmt"
	"strconv"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// benefitDay renders civil dates; dates are whole UTC days (X3).
const benefitDay = "2006-01-02"

// benefitRow is a stored benefit as a row of the Azure credits list at now.
func benefitRow(v store.BenefitView, now time.Time) views.BenefitRow {
	b := v.Benefit
	st := benefits.StatusOf(b, now)
	return views.BenefitRow{
		DOMID: "benefit-" + strconv.FormatInt(v.RowID, 10), ID: b.ID, Kind: b.Kind.Label(), Amount: amountText(b),
		Period: b.StartDate.Format(benefitDay) + " to " + b.EndDate.Format(benefitDay), Status: string(st),
		StatusLabel: st.Label(), StatusNote: statusNote(b, st), Holder: b.AssignedTo, HolderName: v.HolderName,
		Reassignments: reassignText(b.Kind, v.Reassignments), Href: benefitHref(b.PartnerID, b.ID),
	}
}

// amountText is a benefit's amount: per month for a monthly credit (P3), once otherwise.
func amountText(b benefits.Benefit) string {
	s := b.Amount.String() + " " + b.Currency
	if b.Kind.Monthly() {
		s += " per month"
	}
	return s
}

// statusNote explains a status with its date: when a pending benefit becomes available (P8),
// until when a live one can be used (P3, P11), when an expired one ended.
func statusNote(b benefits.Benefit, st benefits.Status) string {
	switch st {
	case benefits.StatusPendingProvisioning:
		return fmt.Sprintf("Available on %s, four days after the purchase while the payment is processed (P8).",
			benefits.AvailableAt(b).Format(benefitDay))
	case benefits.StatusExpired:
		return "Ended " + validUntil(b) + "."
	}
	return "Usable until " + validUntil(b) + "."
}

// validUntil is the last moment a benefit can be used: 13 months after activation for a
// monthly credit that was activated (P11), otherwise its end date (P3).
func validUntil(b benefits.Benefit) string {
	end := benefits.ExpiresAt(b)
	if b.Kind.Monthly() && !b.ActivatedAt.IsZero() {
		return end.Format("2006-01-02 15:04 UTC") + " (13 months from activation)"
	}
	return end.Add(-time.Nanosecond).Format(benefitDay)
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

// benefitDetails is the pane's Details tab.
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
		{Label: "Available from", Value: benefits.AvailableAt(b).Format(benefitDay) + " (P8)"},
		{Label: "Start date", Value: b.StartDate.Format(benefitDay)},
		{Label: "End date", Value: b.EndDate.Format(benefitDay)},
		{Label: "Status", Value: st.Label(), TestID: "detail-status"},
		{Label: "Assigned user", Value: holder, TestID: "detail-holder"},
		{Label: "Reassignments", Value: reassignText(b.Kind, d.Reassignments)},
	}
	if !b.RedeemedAt.IsZero() {
		props = append(props, views.BenefitProp{Label: "Redeemed", Value: b.RedeemedAt.Format("2006-01-02 15:04 UTC")},
			views.BenefitProp{Label: "Azure subscription", Value: b.SubscriptionID, TestID: "detail-subscription"})
	}
	if b.PreviousID != "" {
		props = append(props, views.BenefitProp{Label: "Renews", Value: b.PreviousID})
	}
	return append(props, views.BenefitProp{Label: "Valid until", Value: validUntil(b)})
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
		out[i] = views.BenefitEventRow{At: e.At.Format("2006-01-02 15:04"), Actor: e.Actor, What: what, Counted: e.Reassignment}
	}
	return out
}

// monthRows is an activated monthly credit's lapse history (P3), none for other benefits.
func monthRows(d store.BenefitDetail, now time.Time) ([]views.BenefitMonthRow, error) {
	b := d.Benefit
	if !b.Kind.Monthly() || b.ActivatedAt.IsZero() {
		return nil, nil
	}
	months, err := benefits.MonthlyHistory(b.Amount, b.ActivatedAt, d.Usage, now)
	if err != nil {
		return nil, err
	}
	out := make([]views.BenefitMonthRow, len(months))
	for i, m := range months {
		r := views.BenefitMonthRow{Number: m.Number, Closed: m.Closed, Allotment: m.Allotment.String(), Used: m.Used.String(),
			Period: m.Start.Format("2006-01-02 15:04") + " to " + m.End.Format("2006-01-02 15:04")}
		if m.Closed {
			r.Lapsed = m.Lapsed.String()
		} else {
			r.Remaining = m.Remaining.String()
		}
		if m.Uncovered.IsPositive() {
			r.Uncovered = m.Uncovered.String()
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
