package store

import (
	"context"
	"slices"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// lotFacts is what a profile's stored events say of its lots: which entered the ledger, what
// their settled expiry took, and when they were canceled.
type lotFacts struct {
	inLedger map[string]bool
	expired  map[string]int64
	canceled map[string]string
}

func (s *Store) lotFactsOf(ctx context.Context, profileID int64) (lotFacts, error) {
	var rows []struct {
		LotName, Kind, Last string
		Total               int64
	}
	err := s.conn(ctx).Model(&EventRow{}).Select("lot_name, kind, SUM(amount) AS total, MAX(date) AS last").
		Where("billing_profile_id = ? AND lot_name <> '' AND kind IN ?", profileID,
			[]string{string(ledger.EventNewCredit), string(ledger.EventExpiredCredit), string(ledger.EventCanceledCredit)}).
		Group("lot_name, kind").Scan(&rows).Error
	f := lotFacts{inLedger: map[string]bool{}, expired: map[string]int64{}, canceled: map[string]string{}}
	for _, r := range rows {
		switch ledger.EventKind(r.Kind) {
		case ledger.EventNewCredit:
			f.inLedger[r.LotName] = true
		case ledger.EventExpiredCredit:
			f.expired[r.LotName] = -r.Total
		case ledger.EventCanceledCredit:
			f.canceled[r.LotName] = r.Last
		}
	}
	return f, wrap("lot facts", err)
}

// mirrorLots creates or brings up to date, by name, the lots Azure reports. A lot Azure no
// longer reports (past its retention) is kept as it was. A cancellation not settled yet is
// dated by Azure's pending canceled-credit event.
func (s *Store) mirrorLots(ctx context.Context, account BillingAccount, p BillingProfile, st AzureProfileState, today ledger.Date,
	ch *AzureSyncChanges) error {
	facts, err := s.lotFactsOf(ctx, p.ID)
	if err != nil {
		return err
	}
	for _, e := range st.Pending {
		if e.Event.Kind == ledger.EventCanceledCredit && e.Event.LotID != "" {
			facts.canceled[e.Event.LotID] = e.Event.Date.String()
		}
	}
	var stored []LotRow
	if err := s.conn(ctx).Where("billing_profile_id = ?", p.ID).Find(&stored).Error; err != nil {
		return wrap("lots of synced profile", err)
	}
	byName := make(map[string]LotRow, len(stored))
	for _, r := range stored {
		byName[r.Name] = r
	}
	for _, al := range st.Lots {
		in := ledger.MirrorLotInput{Status: al.Status, Closed: al.Closed, InLedger: facts.inLedger[al.Lot.ID],
			Expired: amount(facts.expired[al.Lot.ID]), Now: today}
		if d, ok := facts.canceled[al.Lot.ID]; ok {
			in.CanceledOn = mustDate(d)
		}
		want := lotRowOf(p, ledger.MirrorLot(al.Lot, in))
		old, ok := byName[want.Name]
		if !ok {
			if err := s.checkLotNameFree(ctx, account, p, want.Name); err != nil {
				return err
			}
			want.CreatedAt = s.now().UTC()
			if err := s.conn(ctx).Create(&want).Error; err != nil {
				return wrap("create synced lot", err)
			}
			ch.LotsAdded++
			continue
		}
		want.ID, want.CreatedAt = old.ID, old.CreatedAt
		if want == old {
			continue
		}
		err := s.conn(ctx).Model(&LotRow{}).Where("id = ?", old.ID).Updates(map[string]any{
			"source": want.Source, "currency": want.Currency, "original_amount": want.OriginalAmount,
			"start_date": want.StartDate, "expiration_date": want.ExpirationDate, "purchased_date": want.PurchasedDate,
			"po_number": want.PONumber, "state": want.State, "closed_balance": want.ClosedBalance,
			"expired_amount": want.ExpiredAmount, "canceled_on": want.CanceledOn, "released": true,
		}).Error
		if err != nil {
			return wrap("update synced lot", err)
		}
		ch.LotsUpdated++
	}
	return nil
}

// lotRowOf is the stored form of a synced lot: released at once, since Azure already shows it.
func lotRowOf(p BillingProfile, l ledger.Lot) LotRow {
	r := LotRow{BillingProfileID: p.ID, Name: l.ID, Source: l.Source, Currency: l.Currency,
		OriginalAmount: l.OriginalAmount, StartDate: l.StartDate, ExpirationDate: l.ExpirationDate,
		PONumber: l.PONumber, State: l.State, ClosedBalance: l.ClosedBalance,
		ExpiredAmount: l.ExpiredAmount, Released: true}
	if !l.PurchasedDate.IsZero() {
		r.PurchasedDate = l.PurchasedDate
	}
	if !l.CanceledOn.IsZero() {
		r.CanceledOn = l.CanceledOn
	}
	return r
}

// checkLotNameFree refuses a lot name another profile of the account uses (M7: lot names are
// unique within a billing account).
func (s *Store) checkLotNameFree(ctx context.Context, account BillingAccount, p BillingProfile, name string) error {
	var other []string
	err := s.conn(ctx).Table("lots AS l").Joins("JOIN billing_profiles AS p ON p.id = l.billing_profile_id").
		Where("l.name = ? AND p.billing_account_id = ? AND p.id <> ?", name, account.ID, p.ID).Limit(1).Pluck("p.name", &other).Error
	if err != nil {
		return wrap("lot name in account", err)
	}
	if len(other) > 0 {
		return refuse("M7", KeyAzureLotTaken, fault.ID(name), fault.ID(other[0]))
	}
	return nil
}

// mirrorPending replaces the profile's pending events when Azure's differ from them.
func (s *Store) mirrorPending(ctx context.Context, profileID int64, events []AzureEvent, ch *AzureSyncChanges) error {
	want := make([]azurePendingRow, len(events))
	for i, ae := range events {
		e := ae.Event
		want[i] = azurePendingRow{BillingProfileID: profileID, Kind: string(e.Kind), Date: e.Date.String(),
			Description: e.Description, Amount: e.Amount.Micros(), Balance: e.Balance.Micros(), LotName: e.LotID}
	}
	var old []azurePendingRow
	if err := s.conn(ctx).Where("billing_profile_id = ?", profileID).Order("id").Find(&old).Error; err != nil {
		return wrap("pending azure events", err)
	}
	same := slices.EqualFunc(old, want, func(a, b azurePendingRow) bool { a.ID = 0; return a == b })
	if same {
		return nil
	}
	ch.PendingChanged = true
	if err := s.conn(ctx).Where("billing_profile_id = ?", profileID).Delete(&azurePendingRow{}).Error; err != nil {
		return wrap("clear pending azure events", err)
	}
	if len(want) == 0 {
		return nil
	}
	return wrap("store pending azure events", s.conn(ctx).Create(&want).Error)
}

// markSynced stores Azure's balance summary and the time of the sync.
func (s *Store) markSynced(ctx context.Context, conn AzureConnection, profileID int64, st AzureProfileState, at time.Time,
	today ledger.Date, ch *AzureSyncChanges) error {
	b := st.Balance
	row := azureProfileRow{BillingProfileID: profileID, ConnectionID: &conn.ID, SyncedAt: at.UTC(), SyncedOn: today.String(),
		HasCredit: st.HasCredit, CurrentBalance: b.Current.Micros(), EstimatedBalance: b.Estimated.Micros(),
		PendingEligibleCharges: b.PendingEligibleCharges.Micros(), PendingCreditAdjustments: b.PendingCreditAdjustments.Micros(),
		ExpiredCredit: b.ExpiredCredit.Micros()}
	var old azureProfileRow
	err := s.conn(ctx).Where("billing_profile_id = ?", profileID).Take(&old).Error
	if isNotFound(wrap("", err)) {
		ch.BalanceChanged = true
		return wrap("mark profile synced", s.conn(ctx).Create(&row).Error)
	}
	if err != nil {
		return wrap("synced profile", err)
	}
	figures := func(r azureProfileRow) [6]int64 {
		credit := int64(0)
		if r.HasCredit {
			credit = 1
		}
		return [6]int64{credit, r.CurrentBalance, r.EstimatedBalance, r.PendingEligibleCharges, r.PendingCreditAdjustments, r.ExpiredCredit}
	}
	ch.BalanceChanged = figures(old) != figures(row)
	err = s.conn(ctx).Model(&azureProfileRow{}).Where("billing_profile_id = ?", profileID).Updates(map[string]any{
		"connection_id": conn.ID, "synced_at": row.SyncedAt, "synced_on": row.SyncedOn, "has_credit": row.HasCredit,
		"current_balance": row.CurrentBalance, "estimated_balance": row.EstimatedBalance,
		"pending_eligible_charges": row.PendingEligibleCharges, "pending_credit_adjustments": row.PendingCreditAdjustments,
		"expired_credit": row.ExpiredCredit}).Error
	return wrap("mark profile synced", err)
}
