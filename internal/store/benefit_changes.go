package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
)

// AssignBenefit sets the member with email on a benefit of an organisation (P4), or with
// reassign replaces its holder (P6), by the rules of package benefits, in one transaction that
// first locks the benefit's row and then the user's memberships, so that the five-reassignment
// limit (P6) and the one-bulk-credit rule (P9) hold under concurrent requests. A refusal is a
// *benefits.RuleError, recorded in the audit log in a transaction of its own (X1); a benefit
// of another organisation is fault.ErrNotFound.
func (s *Store) AssignBenefit(ctx context.Context, actor User, p Partner, benefitID, email string, reassign bool) (benefits.Change, error) {
	var ch benefits.Change
	err := s.Tx(ctx, func(tx *Store) error {
		row, err := tx.lockBenefit(ctx, p.ID, benefitID, 0)
		if err != nil {
			return err
		}
		ch, err = tx.setBenefitUser(ctx, actor, p, row, email, reassign)
		return err
	})
	return ch, s.refused(ctx, actor, p, benefitID, setAction(reassign), email, err)
}

// AddMemberAndAssign is "Add a new user" (P4): it creates the user (name and email of a company
// domain of the organisation, P10) without a usable password, makes them a member and assigns
// (or with reassign, reassigns) the benefit to them, all in one transaction: a refusal leaves
// nothing behind. An email that belongs to an existing user who is not yet a member makes that
// user a member; one of an existing member is refused (search for them instead).
func (s *Store) AddMemberAndAssign(ctx context.Context, actor User, p Partner, benefitID, name, email string, reassign bool) (benefits.Change, error) {
	var ch benefits.Change
	err := s.Tx(ctx, func(tx *Store) error {
		row, err := tx.lockBenefit(ctx, p.ID, benefitID, 0)
		if err != nil {
			return err
		}
		domains, policy, err := tx.assignContext(ctx, p.ID)
		if err != nil {
			return err
		}
		nu, err := benefits.NewUser(name, email, domains, policy)
		if err != nil {
			return err
		}
		if err := tx.addMember(ctx, actor, p, nu); err != nil {
			return err
		}
		ch, err = tx.setBenefitUser(ctx, actor, p, row, nu.Email, reassign)
		return err
	})
	return ch, s.refused(ctx, actor, p, benefitID, setAction(reassign), strings.TrimSpace(email), err)
}

// RemoveBenefitUser takes the holder off a monthly credit (P6), under the benefit's row lock.
func (s *Store) RemoveBenefitUser(ctx context.Context, actor User, p Partner, benefitID string) (benefits.Change, error) {
	var ch benefits.Change
	err := s.Tx(ctx, func(tx *Store) error {
		row, err := tx.lockBenefit(ctx, p.ID, benefitID, 0)
		if err != nil {
			return err
		}
		v, err := tx.benefitView(ctx, row.ID)
		if err != nil {
			return err
		}
		history, err := tx.benefitHistory(ctx, row.ID)
		if err != nil {
			return err
		}
		ch, err = benefits.Remove(benefits.RemoveRequest{Benefit: v.Benefit, History: history, Actor: actor.Email, Now: tx.now().UTC()})
		if err != nil {
			return err
		}
		return tx.applyChange(ctx, actor, p, row.ID, nil, ch)
	})
	return ch, s.refused(ctx, actor, p, benefitID, benefits.ActionRemove, "", err)
}

// setBenefitUser decides and applies Assign or Reassign on a locked benefit row. The decision
// runs before the membership check so that a malformed email, the benefit's state, the limit
// and the domain (X2, P8, P4, P6, P10) are reported in the rules' own order.
func (s *Store) setBenefitUser(ctx context.Context, actor User, p Partner, row BenefitRow, email string, reassign bool) (benefits.Change, error) {
	v, err := s.benefitView(ctx, row.ID)
	if err != nil {
		return benefits.Change{}, err
	}
	history, err := s.benefitHistory(ctx, row.ID)
	if err != nil {
		return benefits.Change{}, err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	user, member, err := s.memberByEmail(ctx, p.ID, email)
	if err != nil {
		return benefits.Change{}, err
	}
	var holdings []benefits.Benefit
	if member {
		if err := s.lockMemberships(ctx, user.ID); err != nil {
			return benefits.Change{}, err
		}
		if holdings, err = s.holdingsOf(ctx, user.ID); err != nil {
			return benefits.Change{}, err
		}
	}
	domains, policy, err := s.assignContext(ctx, p.ID)
	if err != nil {
		return benefits.Change{}, err
	}
	req := benefits.AssignRequest{Benefit: v.Benefit, History: history, User: email, Holdings: holdings,
		Domains: domains, Actor: actor.Email, Now: s.now().UTC()}
	decide := benefits.Assign
	if reassign {
		decide = benefits.Reassign
	}
	ch, err := decide(policy, req)
	if err != nil {
		return ch, err
	}
	if !member {
		return benefits.Change{}, &benefits.RuleError{Rule: "P4", Field: benefits.FieldUser,
			Message: fault.Say(benefits.KeyNotMember, fault.Email(email), p.Name)}
	}
	return ch, s.applyChange(ctx, actor, p, row.ID, &user.ID, ch)
}

// assignContext loads what a decision needs besides the benefit: the organisation's company
// domains and the installation's free-mail list (P10).
func (s *Store) assignContext(ctx context.Context, partnerID int64) ([]string, benefits.Policy, error) {
	domains, err := s.PartnerDomains(ctx, partnerID)
	if err != nil {
		return nil, benefits.Policy{}, err
	}
	policy, err := s.FreeMailPolicy(ctx)
	return domains, policy, err
}

// memberByEmail finds the user with email among the members of an organisation.
func (s *Store) memberByEmail(ctx context.Context, partnerID int64, email string) (User, bool, error) {
	var users []User
	err := s.conn(ctx).Table("users AS u").Select("u.*").Joins("JOIN partner_members AS m ON m.user_id = u.id").
		Where("m.partner_id = ? AND u.email = ?", partnerID, email).Scan(&users).Error
	if err != nil || len(users) == 0 {
		return User{}, false, wrap("member by email", err)
	}
	return users[0], true, nil
}

// applyChange writes an accepted decision: the benefit's new state, its history event and the
// audit entry (X1), then moves the organisation's benefits version, in the caller's transaction.
func (s *Store) applyChange(ctx context.Context, actor User, p Partner, rowID int64, holderID *int64, ch benefits.Change) error {
	if err := s.updateBenefitState(ctx, rowID, holderID, ch.After); err != nil {
		return err
	}
	if e := ch.Event; e != nil {
		ev := BenefitEventRow{BenefitID: rowID, At: e.At.UTC(), ActorEmail: e.Actor, FromEmail: e.From,
			ToEmail: e.To, Reassignment: e.Reassignment}
		if err := s.conn(ctx).Create(&ev).Error; err != nil {
			return wrap("record benefit event", err)
		}
	}
	err := s.audit(ctx, actor, AuditEntry{Action: AuditBenefit(ch.Action), Scope: p.ScopeID(),
		Target: fault.Say(KeyAuditBenefit, fault.ID(ch.Before.ID)), Before: holderLine(ch.Before), After: ch.Summary})
	if err != nil {
		return err
	}
	return s.touchBenefits(ctx, p.ID)
}

// refused records a rule's refusal of an attempt in the audit log (X1), in a transaction of its
// own since the attempt's was rolled back, and returns err unchanged. Malformed input (X2) and
// unknown benefits are not recorded: they are not attempts the rules judged.
func (s *Store) refused(ctx context.Context, actor User, p Partner, benefitID string, action benefits.Action, user string, err error) error {
	var re *benefits.RuleError
	if !errors.As(err, &re) || re.Rule == benefits.RuleInput {
		return err
	}
	target := fault.Say(KeyAuditAttempt, fault.ID(benefitID), string(action))
	if user != "" {
		target = fault.Say(KeyAuditAttemptUser, fault.ID(benefitID), string(action), fault.Email(user))
	}
	e := AuditEntry{Action: AuditBenefit(action).Refused(), Scope: p.ScopeID(), Target: target,
		After: fault.Say(KeyAuditRefused, re.Rule, re.Message)}
	if aerr := s.audit(ctx, actor, e); aerr != nil {
		return fmt.Errorf("store: record refusal: %w", aerr)
	}
	return err
}

// setAction names Assign or Reassign.
func setAction(reassign bool) benefits.Action {
	if reassign {
		return benefits.ActionReassign
	}
	return benefits.ActionAssign
}

// holderLine says who holds a benefit, for the audit log.
func holderLine(b benefits.Benefit) fault.Message {
	switch {
	case b.AssignedTo == "":
		return fault.Say(KeyAuditUnassigned)
	case b.RedeemedAt.IsZero():
		return fault.Say(KeyAuditAssigned, fault.Email(b.AssignedTo))
	}
	return fault.Say(KeyAuditRedeemed, fault.Email(b.AssignedTo), fault.ID(b.SubscriptionID))
}
