package store

import (
	"context"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// AzureProfileSync is the sync state of a billing profile whose ledger Azure keeps.
type AzureProfileSync struct {
	Profile   string // the profile's name
	Connected bool   // false once its connection was removed: the copy is kept as it was
	SyncedAt  time.Time
}

// AzureSyncOf returns the sync state of a profile, and false for a profile CreditDesk keeps.
func (s *Store) AzureSyncOf(ctx context.Context, profileID int64) (AzureProfileSync, bool, error) {
	rows, err := s.syncedRows(ctx, []int64{profileID})
	r, ok := rows[profileID]
	if err != nil || !ok {
		return AzureProfileSync{}, false, err
	}
	return AzureProfileSync{Connected: r.ConnectionID != nil, SyncedAt: r.SyncedAt}, true, nil
}

// AzureSyncsOfAccount lists the synced profiles of a billing account, by profile name.
func (s *Store) AzureSyncsOfAccount(ctx context.Context, accountID int64) ([]AzureProfileSync, error) {
	var rows []struct {
		BillingProfileID int64
		Name             string
		ConnectionID     *int64
		SyncedAt         time.Time
	}
	err := s.conn(ctx).Table("azure_profiles AS a").Select("a.billing_profile_id, p.name, a.connection_id, a.synced_at").
		Joins("JOIN billing_profiles AS p ON p.id = a.billing_profile_id").Where("p.billing_account_id = ?", accountID).
		Order("p.name").Scan(&rows).Error
	out := make([]AzureProfileSync, len(rows))
	for i, r := range rows {
		out[i] = AzureProfileSync{Profile: r.Name, Connected: r.ConnectionID != nil, SyncedAt: r.SyncedAt}
	}
	return out, wrap("synced profiles of account", err)
}

// syncedFromAzure reports whether Azure keeps the profile's ledger, so that the processing run
// leaves it alone.
func (s *Store) syncedFromAzure(ctx context.Context, profileID int64) (bool, error) {
	var n int64
	err := s.conn(ctx).Model(&azureProfileRow{}).Where("billing_profile_id = ?", profileID).Count(&n).Error
	return n > 0, wrap("synced from azure", err)
}

// syncedRows returns the sync rows of those of the profiles that are synced.
func (s *Store) syncedRows(ctx context.Context, ids []int64) (map[int64]azureProfileRow, error) {
	return findKeyed(ctx, s, "synced profiles", "billing_profile_id", ids, func(r azureProfileRow) int64 { return r.BillingProfileID })
}

// syncedSummaries is the balance section of those of the profiles Azure keeps: Azure's own
// figures and pending events as of the last sync, with lot estimates for the runway
// (ledger.Mirror). The others are not in the map.
func (s *Store) syncedSummaries(ctx context.Context, ps []BillingProfile, today ledger.Date) (map[int64]ledger.Summary, error) {
	ids := profileIDs(ps)
	rows, err := s.syncedRows(ctx, ids)
	if err != nil || len(rows) == 0 {
		return nil, err
	}
	synced := make([]int64, 0, len(rows))
	for id := range rows {
		synced = append(synced, id)
	}
	lots, err := s.liveLots(ctx, synced)
	if err != nil {
		return nil, err
	}
	var pending []azurePendingRow
	if err := s.conn(ctx).Where("billing_profile_id IN ?", synced).Order("billing_profile_id, id").Find(&pending).Error; err != nil {
		return nil, wrap("pending azure events", err)
	}
	events := map[int64][]ledger.Event{}
	for _, r := range pending {
		events[r.BillingProfileID] = append(events[r.BillingProfileID], ledger.Event{Kind: ledger.EventKind(r.Kind),
			Date: mustDate(r.Date), Description: r.Description, Amount: amount(r.Amount), Balance: amount(r.Balance), LotID: r.LotName})
	}
	out := make(map[int64]ledger.Summary, len(rows))
	for id, r := range rows {
		out[id] = ledger.Mirror(ledger.MirrorInput{CurrentBalance: amount(r.CurrentBalance), EstimatedBalance: amount(r.EstimatedBalance),
			PendingEligibleCharges: amount(r.PendingEligibleCharges), PendingCreditAdjustments: amount(r.PendingCreditAdjustments),
			ExpiredCredit: amount(r.ExpiredCredit), Events: events[id], Lots: lots[id], Now: today})
	}
	return out, nil
}

// BurnHistory is the daily credit-eligible charge history the runway forecast reads, and its
// first day (zero if none): the profile's charges (EligibleDaily), or for a profile Azure keeps,
// the charges Azure settled against credit and its pending eligible charges, spread over the
// days they cover (ledger.MirrorHistory).
func (s *Store) BurnHistory(ctx context.Context, p BillingProfile, from, to ledger.Date) ([]ledger.DayAmount, ledger.Date, error) {
	rows, err := s.syncedRows(ctx, []int64{p.ID})
	if err != nil {
		return nil, ledger.Date{}, err
	}
	r, ok := rows[p.ID]
	if !ok {
		return s.EligibleDaily(ctx, p.ID, from, to)
	}
	var settled []EventRow
	err = s.conn(ctx).Where("billing_profile_id = ? AND kind = ?", p.ID, string(ledger.EventSettledCharges)).Order("seq").Find(&settled).Error
	if err != nil {
		return nil, ledger.Date{}, wrap("settled azure charges", err)
	}
	events := make([]ledger.Event, len(settled))
	for i, e := range settled {
		events[i] = ledger.Event{Kind: ledger.EventSettledCharges, Date: e.Date, Amount: e.Amount}
	}
	days, start := ledger.MirrorHistory(events, amount(r.PendingEligibleCharges), p.InvoiceDay, mustDate(r.SyncedOn))
	var out []ledger.DayAmount
	for _, d := range days {
		if !d.Date.Before(from) && !d.Date.After(to) {
			out = append(out, d)
		}
	}
	return out, start, nil
}

// errSyncedLedger refuses a change to the ledger of a profile Azure keeps.
var errSyncedLedger error = refuse("X1", KeySyncedLedger)

// AzureSyncWindow is what a sync needs to choose the first day of a profile's events to read:
// the business day of its last sync (zero if it was never synced), and the lots a settled
// new-credit event has brought into its ledger.
func (s *Store) AzureSyncWindow(ctx context.Context, accountID int64, profileName string) (ledger.Date, map[string]bool, error) {
	p, err := s.ProfileByName(ctx, accountID, profileName)
	if isNotFound(err) {
		return ledger.Date{}, nil, nil
	}
	if err != nil {
		return ledger.Date{}, nil, err
	}
	rows, err := s.syncedRows(ctx, []int64{p.ID})
	if err != nil {
		return ledger.Date{}, nil, err
	}
	r, ok := rows[p.ID]
	if !ok {
		return ledger.Date{}, nil, nil
	}
	facts, err := s.lotFactsOf(ctx, p.ID)
	return mustDate(r.SyncedOn), facts.inLedger, err
}
