package scenario

import (
	"fmt"
	"time"
)

// provisioningDelay is how long after its purchase date a benefit becomes available (P8).
const provisioningDelay = 4 * 24 * time.Hour

func (v *validator) partner(p Partner) {
	v.unique(v.partners, "partner id", p.ID, p.Path+".id", p.Path)
	domains := map[string]string{}
	for i, d := range p.Domains {
		path := index(p.Path+".domains", i)
		v.unique(domains, "domain", d, path, path)
	}
	members := map[string]string{}
	for _, m := range p.Members {
		v.unique(members, "member", m.User, m.Path+".user", m.Path)
	}
	for _, b := range p.Benefits {
		v.benefit(b, members)
	}
}

// benefit checks one benefit of a partner whose members (lower-cased emails) are given.
func (v *validator) benefit(b Benefit, members map[string]string) {
	v.unique(v.benefits, "benefit id", b.ID, b.Path+".id", b.Path)
	v.currency(b.Currency, b.Path+".currency")
	if before(b.StartDate, b.PurchaseDate) {
		v.probs.add(b.Path+".purchaseDate", "must not be after startDate "+formatDate(b.StartDate))
	}
	if before(b.EndDate, b.StartDate) {
		v.probs.add(b.Path+".endDate", "must not be before startDate "+formatDate(b.StartDate))
	}
	if b.AssignedTo != "" {
		if _, ok := members[b.AssignedTo]; !ok {
			v.probs.add(b.Path+".assignedTo", fmt.Sprintf("%q is not a member of this partner: list the user in members", b.AssignedTo))
		}
		if b.Kind == "AzureBulkCredit" && !b.StartDate.IsZero() && !b.EndDate.IsZero() {
			v.oneBulkCredit(b)
		}
	}
	if b.RedeemedAt != nil {
		switch {
		case b.AssignedTo == "":
			v.probs.add(b.Path+".redeemedAt", "requires assignedTo: only the assigned user can redeem a benefit")
		case before(*b.RedeemedAt, b.PurchaseDate.Add(provisioningDelay)):
			v.probs.add(b.Path+".redeemedAt", fmt.Sprintf(
				"must be at least 4 days after purchaseDate %s: a benefit is provisioned then (rule P8)",
				formatDate(b.PurchaseDate)))
		}
	}
}

// oneBulkCredit enforces P9: a user holds at most one bulk credit at a time, so two bulk credits
// assigned to the same user must not overlap in time.
func (v *validator) oneBulkCredit(b Benefit) {
	for _, other := range v.bulk[b.AssignedTo] {
		if !b.StartDate.After(other.EndDate) && !other.StartDate.After(b.EndDate) {
			v.probs.add(b.Path+".assignedTo", fmt.Sprintf(
				"%s already holds bulk credit %s for an overlapping period: at most one bulk credit per user (rule P9)",
				b.AssignedTo, other.Path))
			return
		}
	}
	v.bulk[b.AssignedTo] = append(v.bulk[b.AssignedTo], b)
}
