package store

import (
	"context"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/money"
)

// BenefitDetail is one benefit with its assignment history (P12) and usage (P3), for the side
// pane.
type BenefitDetail struct {
	BenefitView
	History []benefits.Event // oldest first
	Usage   []benefits.Usage // oldest first
}

// BenefitOfPartner returns a benefit of an organisation by its external id (case-insensitive)
// with its history and usage. A benefit of another organisation is fault.ErrNotFound, exactly
// like a missing one.
func (s *Store) BenefitOfPartner(ctx context.Context, partnerID int64, externalID string) (BenefitDetail, error) {
	vs, err := scanBenefits(s.benefitSelect(ctx).Where("b.partner_id = ? AND lower(b.external_id) = ?",
		partnerID, strings.ToLower(strings.TrimSpace(externalID))), "benefit of partner")
	if err != nil {
		return BenefitDetail{}, err
	}
	if len(vs) == 0 {
		return BenefitDetail{}, wrap("benefit of partner", errNotFound)
	}
	return s.detail(ctx, vs[0])
}

// detail adds a benefit's history and usage.
func (s *Store) detail(ctx context.Context, v BenefitView) (BenefitDetail, error) {
	ds, err := s.details(ctx, []BenefitView{v})
	if err != nil {
		return BenefitDetail{}, err
	}
	return ds[0], nil
}

// details adds the history and usage of several benefits with two queries in all.
func (s *Store) details(ctx context.Context, vs []BenefitView) ([]BenefitDetail, error) {
	ids := make([]int64, len(vs))
	for i, v := range vs {
		ids[i] = v.RowID
	}
	var events []BenefitEventRow
	if err := s.conn(ctx).Where("benefit_id IN ?", ids).Order("benefit_id, id").Find(&events).Error; err != nil {
		return nil, wrap("benefit history", err)
	}
	var usage []BenefitUsageRow
	if err := s.conn(ctx).Where("benefit_id IN ?", ids).Order("benefit_id, at, id").Find(&usage).Error; err != nil {
		return nil, wrap("benefit usage", err)
	}
	history, used := map[int64][]benefits.Event{}, map[int64][]benefits.Usage{}
	for _, r := range events {
		history[r.BenefitID] = append(history[r.BenefitID], benefitEvent(r))
	}
	for _, u := range usage {
		used[u.BenefitID] = append(used[u.BenefitID], benefits.Usage{At: u.At.UTC(), Amount: money.FromMicros(u.Amount)})
	}
	out := make([]BenefitDetail, len(vs))
	for i, v := range vs {
		out[i] = BenefitDetail{BenefitView: v, History: history[v.RowID], Usage: used[v.RowID]}
	}
	return out, nil
}

// benefitEvent converts a stored history row.
func benefitEvent(r BenefitEventRow) benefits.Event {
	return benefits.Event{At: r.At.UTC(), Actor: r.ActorEmail, From: r.FromEmail, To: r.ToEmail, Reassignment: r.Reassignment}
}

// benefitHistory returns a benefit's assignment events, oldest first (P12).
func (s *Store) benefitHistory(ctx context.Context, rowID int64) ([]benefits.Event, error) {
	var rows []BenefitEventRow
	if err := s.conn(ctx).Where("benefit_id = ?", rowID).Order("id").Find(&rows).Error; err != nil {
		return nil, wrap("benefit history", err)
	}
	out := make([]benefits.Event, len(rows))
	for i, r := range rows {
		out[i] = benefitEvent(r)
	}
	return out, nil
}

// BenefitsAssignedTo lists the benefits a user holds, of every organisation: the "Benefits
// assigned to me" page (P4, P5), by organisation and start date.
func (s *Store) BenefitsAssignedTo(ctx context.Context, userID int64) ([]BenefitDetail, error) {
	vs, err := scanBenefits(s.benefitSelect(ctx).Where("b.assigned_user_id = ?", userID).
		Order("p.name, b.start_date, b.external_id"), "benefits assigned to user")
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, nil
	}
	return s.details(ctx, vs)
}

// holdingsOf returns the benefits a user holds, for the one-bulk-credit rule (P9).
func (s *Store) holdingsOf(ctx context.Context, userID int64) ([]benefits.Benefit, error) {
	vs, err := scanBenefits(s.benefitSelect(ctx).Where("b.assigned_user_id = ?", userID), "holdings of user")
	out := make([]benefits.Benefit, len(vs))
	for i, v := range vs {
		out[i] = v.Benefit
	}
	return out, err
}

// RecordBenefitUsage adds consumption charged against a monthly credit (P3). The scenario
// format has no usage; tests and operators' tools add it here.
func (s *Store) RecordBenefitUsage(ctx context.Context, externalID string, at time.Time, amount money.Amount) error {
	if amount.IsNegative() {
		return benefits.Input(benefits.FieldUsage, benefits.KeyUsageNegative)
	}
	r, err := takeFolded[BenefitRow](ctx, s, "record benefit usage", "external_id", externalID)
	if err != nil {
		return err
	}
	u := BenefitUsageRow{BenefitID: r.ID, At: at.UTC(), Amount: amount.Micros(), CreatedAt: s.now().UTC()}
	return wrap("record benefit usage", s.conn(ctx).Create(&u).Error)
}
