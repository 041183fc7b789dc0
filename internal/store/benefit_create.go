package store

import (
	"context"
	"strings"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// BenefitByExternalID returns the benefit with the given id, of any organisation
// (case-insensitive); the scenario loader keys benefits by it.
func (s *Store) BenefitByExternalID(ctx context.Context, id string) (BenefitView, error) {
	vs, err := scanBenefits(s.benefitSelect(ctx).Where("lower(b.external_id) = ?", strings.ToLower(strings.TrimSpace(id))),
		"benefit by id")
	if err != nil {
		return BenefitView{}, err
	}
	if len(vs) == 0 {
		return BenefitView{}, wrap("benefit by id", errNotFound)
	}
	return vs[0], nil
}

// CreateBenefit stores a new benefit of an organisation as a scenario file describes it, held
// by holderID when b.AssignedTo is set: the holding enters the history as its first assignment
// (P12), by actor, the creation is audited (X1) and the organisation's benefits version moves,
// all in one transaction (the caller's, when it is in one). The caller has checked b by the
// rules (Benefit.Validate, ValidateEmail for P10, CheckBulkLimit for P9).
func (s *Store) CreateBenefit(ctx context.Context, actor User, p Partner, b benefits.Benefit, holderID *int64) error {
	return s.atomic(ctx, func(tx *Store) error {
		if err := tx.createBenefit(ctx, p.ID, nil, b, holderID); err != nil {
			return err
		}
		if b.AssignedTo != "" {
			v, err := tx.BenefitByExternalID(ctx, b.ID)
			if err != nil {
				return err
			}
			ev := BenefitEventRow{BenefitID: v.RowID, At: tx.now().UTC(), ActorEmail: actor.Email, ToEmail: b.AssignedTo}
			if err := tx.conn(ctx).Create(&ev).Error; err != nil {
				return wrap("record benefit event", err)
			}
		}
		err := tx.audit(ctx, actor, AuditEntry{Action: AuditBenefitCreated, Scope: p.ScopeID(),
			Target: fault.Say(KeyAuditBenefit, fault.ID(b.ID)), After: describeNew(b)})
		if err != nil {
			return err
		}
		return tx.touchBenefits(ctx, p.ID)
	})
}

// describeNew is what the audit log says of a created benefit: its kind, amount and dates, and
// its holder.
func describeNew(b benefits.Benefit) fault.Message {
	amount := fault.Money{Amount: b.Amount, Currency: b.Currency}
	start, end := ledger.DateOf(b.StartDate), ledger.DateOf(b.EndDate)
	if b.AssignedTo == "" {
		return fault.Say(KeyAuditBenefitNew, b.Kind.Label(), amount, start, end)
	}
	return fault.Say(KeyAuditBenefitNewHeld, b.Kind.Label(), amount, start, end, fault.Email(b.AssignedTo))
}

// createBenefit inserts a benefit of an organisation, renewing the row previousID when set and
// held by holderID when set; the derived columns come from the rules. The caller moves the
// benefits version (touchBenefits).
func (s *Store) createBenefit(ctx context.Context, partnerID int64, previousID *int64, b benefits.Benefit, holderID *int64) error {
	now := s.now().UTC()
	r := BenefitRow{PartnerID: partnerID, PreviousID: previousID, AssignedUserID: holderID, CreatedAt: now, UpdatedAt: now}
	setBenefitColumns(&r, b)
	return wrap("create benefit", s.conn(ctx).Create(&r).Error)
}
