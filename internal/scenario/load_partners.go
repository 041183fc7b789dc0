package scenario

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// savePartners stores the partner organisations of the file (P1-P12): each organisation keyed
// by its id, its company domains, its members (users declared in the file or already in the
// database) with their partner roles, and its benefits keyed by id. A benefit's assignedTo
// and redeemedAt are checked by the rules of package benefits (P8 via Benefit.Validate, P10
// via ValidateEmail, P9 via CheckBulkLimit against the database and the file) and reported
// with their JSON paths; they apply when the benefit is created. An existing benefit with the
// same definition is left as it is, assignment included: after creation the Benefits
// workspace owns it. One with another definition is refused: benefits are never edited in
// place (X1). An existing benefit whose assignment in the file differs is listed in the
// summary (Summary.Unapplied), so that the file's author knows it was not applied.
func (l *loader) savePartners(ctx context.Context, partners []Partner) error {
	if len(partners) == 0 {
		return nil
	}
	policy, err := l.tx.FreeMailPolicy(ctx)
	if err != nil {
		return err
	}
	held := map[string][]benefits.Benefit{} // benefits of this file assigned so far, by email (P9)
	for _, p := range partners {
		sp, err := l.savePartner(ctx, p)
		if err != nil {
			return err
		}
		domains, err := l.tx.PartnerDomains(ctx, sp.ID)
		if err != nil {
			return err
		}
		for _, b := range p.Benefits {
			ps, err := l.saveBenefit(ctx, sp, b, domains, policy, held)
			if err != nil {
				return fmt.Errorf("%s: %w", b.Path, err)
			}
			l.probs = append(l.probs, ps...)
		}
	}
	return nil
}

// savePartner stores an organisation, its domains and its members with their roles.
func (l *loader) savePartner(ctx context.Context, p Partner) (store.Partner, error) {
	sp, change, err := l.tx.SavePartner(ctx, system, store.Partner{ExternalID: p.ID, Name: p.Name})
	if err != nil {
		return sp, fmt.Errorf("%s: %w", p.Path, err)
	}
	l.sum.count("partners", change)
	for _, d := range p.Domains {
		if _, err := l.tx.EnsurePartnerDomain(ctx, system, sp, d); err != nil {
			return sp, fmt.Errorf("%s.domains: %w", p.Path, err)
		}
	}
	for _, m := range p.Members {
		u, ok := l.users[m.User]
		if !ok {
			continue
		}
		member, created, err := l.tx.EnsurePartnerMember(ctx, system, sp, u)
		if err != nil {
			return sp, fmt.Errorf("%s: %w", m.Path, err)
		}
		l.sum.count("partner members", boolChange(created))
		for i, r := range m.Roles {
			role, err := access.ParsePartnerRole(r) // Parse checked it; keep the store honest
			if err != nil {
				l.refuse(index(m.Path+".roles", i), err.Error())
				continue
			}
			created, err := l.tx.EnsurePartnerRole(ctx, system, sp, u, member, role)
			if err != nil {
				return sp, fmt.Errorf("%s: %w", m.Path, err)
			}
			l.sum.count("partner roles", boolChange(created))
		}
	}
	return sp, nil
}

// saveBenefit creates a benefit after checking it by the rules, or checks that the stored one
// has the same definition. Rule problems are returned as Problems, other failures as errors.
func (l *loader) saveBenefit(ctx context.Context, sp store.Partner, b Benefit, domains []string, policy benefits.Policy,
	held map[string][]benefits.Benefit) (Problems, error) {
	bb := benefits.Benefit{ID: b.ID, PartnerID: sp.ExternalID, Kind: benefits.Kind(b.Kind), Amount: b.Amount,
		Currency: b.Currency, PurchaseDate: b.PurchaseDate, StartDate: b.StartDate, EndDate: b.EndDate, AssignedTo: b.AssignedTo}
	if b.RedeemedAt != nil {
		bb.ActivatedAt, bb.RedeemedAt = b.RedeemedAt.UTC(), b.RedeemedAt.UTC()
		sum := sha256.Sum256([]byte("creditdesk scenario subscription:" + sp.ExternalID + "/" + b.ID))
		sub, err := benefits.NewSubscriptionID(bytes.NewReader(sum[:16])) // the same id at every load
		if err != nil {
			return nil, err
		}
		bb.SubscriptionID = sub
	}
	existing, err := l.tx.BenefitByExternalID(ctx, b.ID)
	switch {
	case err == nil:
		if existing.PartnerRowID != sp.ID || !sameDefinition(existing.Benefit, bb) {
			return Problems{{Path: b.Path + ".id", Message: fmt.Sprintf("benefit %s already exists with another organisation, "+
				"kind, amount, currency or dates; benefits are never edited in place, so give this one a new id", b.ID)}}, nil
		}
		l.sum.count("benefits", store.Unchanged)
		l.noteUnapplied(b, existing.Benefit, bb)
		return nil, nil
	case !errors.Is(err, fault.ErrNotFound):
		return nil, err
	}
	if probs := l.checkBenefit(ctx, b, bb, domains, policy, held); len(probs) > 0 {
		return probs, nil
	}
	var holder *int64
	if b.AssignedTo != "" {
		id, ok := l.userID(b.AssignedTo)
		if !ok {
			return nil, nil
		}
		holder = &id
		held[b.AssignedTo] = append(held[b.AssignedTo], bb)
	}
	l.sum.count("benefits", store.Created)
	return nil, l.tx.CreateBenefit(ctx, system, sp, bb, holder)
}

// checkBenefit applies the rules to a new benefit of the file: its fields and redemption
// (Benefit.Validate, P8), the holder's domain (P10) and one bulk credit per user (P9).
func (l *loader) checkBenefit(ctx context.Context, b Benefit, bb benefits.Benefit, domains []string, policy benefits.Policy,
	held map[string][]benefits.Benefit) Problems {
	var probs Problems
	// The rules name their own fields; the file's are assignedTo and redeemedAt.
	paths := map[string]string{"activatedAt": "redeemedAt", "subscriptionId": "redeemedAt",
		benefits.FieldUser: "assignedTo", benefits.FieldEmail: "assignedTo"}
	add := func(err error) {
		for _, re := range benefits.RuleErrors(err) {
			field := re.Field
			if f, ok := paths[field]; ok {
				field = f
			}
			msg := views.Text(re.Message)
			if re.Rule != benefits.RuleInput {
				msg += " (rule " + re.Rule + ")"
			}
			probs = append(probs, Problem{Path: b.Path + "." + field, Message: msg})
		}
	}
	add(bb.Validate())
	if b.AssignedTo == "" {
		return probs
	}
	_, err := benefits.ValidateEmail(b.AssignedTo, domains, policy)
	add(err)
	holdings := held[b.AssignedTo]
	if u, ok := l.users[b.AssignedTo]; ok && u.ID != 0 {
		stored, err := l.tx.BenefitsAssignedTo(ctx, u.ID)
		if err != nil {
			return append(probs, Problem{Path: b.Path, Message: err.Error()})
		}
		for _, d := range stored {
			holdings = append(holdings, d.Benefit)
		}
	}
	add(benefits.CheckBulkLimit(bb, b.AssignedTo, holdings))
	return probs
}

// noteUnapplied lists in the summary each assignment field of the file that differs from the
// stored benefit's.
func (l *loader) noteUnapplied(b Benefit, stored, file benefits.Benefit) {
	instant := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	for _, f := range []struct{ field, file, stored string }{
		{"assignedTo", file.AssignedTo, stored.AssignedTo},
		{"redeemedAt", instant(file.RedeemedAt), instant(stored.RedeemedAt)},
	} {
		if f.file != f.stored {
			l.sum.Unapplied = append(l.sum.Unapplied, Unapplied{Path: b.Path, Benefit: b.ID, Field: f.field, File: f.file, Stored: f.stored})
		}
	}
}

// sameDefinition reports whether two benefits have the same kind, amount, currency and dates.
func sameDefinition(a, b benefits.Benefit) bool {
	day := func(t time.Time) string { return t.UTC().Format(time.DateOnly) }
	return a.Kind == b.Kind && a.Amount == b.Amount && a.Currency == b.Currency &&
		day(a.PurchaseDate) == day(b.PurchaseDate) && day(a.StartDate) == day(b.StartDate) && day(a.EndDate) == day(b.EndDate)
}
