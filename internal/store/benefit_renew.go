package store

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// RenewPartner renews an organisation's membership on the renewal day (not in the future): each
// benefit of the current membership (see unrenewed) gets its successor for the next membership
// year, by benefits.Renew (P6: a bulk credit's user can change only then). The organisation's row
// is locked, so a repeated or concurrent renewal issues nothing twice. The renewal is audited (X1)
// and moves the benefits version. A new benefit's id is its predecessor's with the year it starts
// ("b-001" renewed for 2027 is "b-001-y2027").
func (s *Store) RenewPartner(ctx context.Context, actor User, p Partner, renewal time.Time) ([]benefits.Benefit, error) {
	var issued []benefits.Benefit
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.lockPartner(ctx, p.ID); err != nil {
			return err
		}
		now := tx.now().UTC()
		if renewal.After(now) {
			return benefits.Input(benefits.FieldRenewal, benefits.KeyRenewalInFuture)
		}
		current, rowIDs, err := tx.unrenewed(ctx, p.ID, renewal)
		if err != nil {
			return err
		}
		if len(current) == 0 {
			return &benefits.RuleError{Rule: "P6", Field: benefits.FieldRenewal, Message: fault.Say(benefits.KeyNothingToRenew)}
		}
		next, err := benefits.Renew(current, renewal)
		if err != nil {
			return err
		}
		var ids []string
		for i, b := range next {
			b.ID = renewalID(current[i].ID, b.StartDate)
			if err := tx.createBenefit(ctx, p.ID, &rowIDs[i], b, nil); err != nil {
				return err
			}
			issued = append(issued, b)
			ids = append(ids, b.ID)
		}
		err = tx.audit(ctx, actor, AuditEntry{Action: AuditMembershipRenewed, Scope: p.ScopeID(), Target: idOf(p.Name),
			Before: fault.Say(KeyAuditBenefitCount, len(current)),
			After:  fault.Say(KeyAuditRenewed, ledger.DateOf(renewal), strings.Join(ids, ", "))})
		if err != nil {
			return err
		}
		return tx.touchBenefits(ctx, p.ID)
	})
	return issued, s.refused(ctx, actor, p, "(all)", benefits.ActionRenew, "", err)
}

// unrenewed returns the benefits a renewal on the given day renews, with their row ids: the
// current membership is the latest purchase among the benefits that have started by then, and
// its benefits that no later benefit renews yet are renewed. Older years left unrenewed stay as
// they are, and a year that has not begun cannot be renewed, so renewing twice issues nothing
// twice.
func (s *Store) unrenewed(ctx context.Context, partnerID int64, renewal time.Time) ([]benefits.Benefit, []int64, error) {
	var latest []string
	err := s.conn(ctx).Table("benefits").Where("partner_id = ? AND start_date <= ?", partnerID, civil(renewal)).
		Order("purchase_date DESC").Limit(1).Pluck("purchase_date", &latest).Error
	if err != nil || len(latest) == 0 {
		return nil, nil, wrap("benefits to renew", err)
	}
	vs, err := scanBenefits(s.benefitSelect(ctx).Where("b.partner_id = ? AND b.start_date <= ? AND b.purchase_date = ? AND "+
		"NOT EXISTS (SELECT 1 FROM benefits AS n WHERE n.previous_id = b.id)", partnerID, civil(renewal), latest[0]).
		Order("b.start_date, b.external_id"), "benefits to renew")
	out, ids := make([]benefits.Benefit, len(vs)), make([]int64, len(vs))
	for i, v := range vs {
		out[i], ids[i] = v.Benefit, v.RowID
	}
	return out, ids, err
}

// yearSuffix is the "-y2027" a renewal appends to an id.
var yearSuffix = regexp.MustCompile(`-y[0-9]{4}$`)

// renewalID is the id of the benefit renewing prev for the year starting at start.
func renewalID(prev string, start time.Time) string {
	return fmt.Sprintf("%s-y%04d", yearSuffix.ReplaceAllString(prev, ""), start.Year())
}
