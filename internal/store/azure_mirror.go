package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// AzureProfileState is one billing profile as Azure states it at a sync (issue 13): its
// description, balance summary, lots, and the events of the date range read.
type AzureProfileState struct {
	Name, DisplayName, Currency, PONumber, Status string
	InvoiceDay                                    int
	HasCredit                                     bool // false: Azure answered 204, no credit ever
	Balance                                       AzureBalance
	Lots                                          []AzureLot
	Settled                                       []AzureEvent // in Azure's order
	Pending                                       []AzureEvent
}

// AzureBalance is Azure's balance summary of a profile (M12, as the API reports it).
type AzureBalance struct {
	Current, Estimated, PendingEligibleCharges, PendingCreditAdjustments, ExpiredCredit money.Amount
}

// AzureLot is a lot as Azure reports it: its description (Lot's ledger state is set by the
// store from Status, Closed and the stored events, ledger.MirrorLot), status and closedBalance.
type AzureLot struct {
	Lot    ledger.Lot
	Status ledger.APIStatus
	Closed money.Amount
}

// AzureEvent is an event as Azure reports it, under Azure's name for it.
type AzureEvent struct {
	Name  string
	Event ledger.Event
}

// AzureSyncChanges counts what storing a profile's state changed.
type AzureSyncChanges struct {
	ProfileCreated, ProfileUpdated bool
	Events                         int // settled events appended
	LotsAdded, LotsUpdated         int
	PendingChanged, BalanceChanged bool
}

// Any reports whether anything changed.
func (c AzureSyncChanges) Any() bool {
	return c.ProfileCreated || c.ProfileUpdated || c.Events > 0 || c.LotsAdded > 0 || c.LotsUpdated > 0 ||
		c.PendingChanged || c.BalanceChanged
}

// String says what changed, for the audit log and the command line.
func (c AzureSyncChanges) String() string {
	return fmt.Sprintf("%d new events, %d lots added, %d lots updated, pending events changed: %t, balance changed: %t",
		c.Events, c.LotsAdded, c.LotsUpdated, c.PendingChanged, c.BalanceChanged)
}

// azureActor is the author of the audit entries of a sync.
var azureActor = User{Email: "Azure sync"}

// ApplyAzureProfile stores a profile's state as Azure reports it, under the connection's
// billing account, in one transaction with the profile row locked. Azure keeps the ledger of
// such a profile: its settled events are appended once each (by Azure's name), its lots are
// created or brought up to date by name, its pending events and balance summary replace the
// previous ones, and the processing run leaves it alone. Storing the same state twice changes
// nothing but the time of the sync. A profile of the account that has a ledger of its own, or
// that another connection syncs, is refused.
func (s *Store) ApplyAzureProfile(ctx context.Context, conn AzureConnection, account BillingAccount, st AzureProfileState,
	at time.Time, today ledger.Date) (AzureSyncChanges, error) {
	var ch AzureSyncChanges
	err := s.Tx(ctx, func(tx *Store) error {
		p, err := tx.mirrorProfile(ctx, conn, account, st, &ch)
		if err != nil {
			return err
		}
		if err := tx.touchLedger(ctx, p.ID); err != nil {
			return err
		}
		seq, err := tx.appendAzureEvents(ctx, p, st.Settled, &ch)
		if err != nil {
			return err
		}
		if err := tx.mirrorLots(ctx, account, p, st, today, &ch); err != nil {
			return err
		}
		if err := tx.mirrorPending(ctx, p.ID, st.Pending, &ch); err != nil {
			return err
		}
		if p.CurrentBalance != st.Balance.Current || p.EventSeq != seq {
			err := tx.conn(ctx).Model(&BillingProfile{}).Where("id = ?", p.ID).Updates(map[string]any{
				"current_balance": st.Balance.Current.Micros(), "event_seq": seq}).Error
			if err != nil {
				return wrap("mirror profile balance", err)
			}
		}
		if err := tx.markSynced(ctx, conn, p.ID, st, at, today, &ch); err != nil {
			return err
		}
		if !ch.Any() {
			return nil
		}
		return tx.audit(ctx, azureActor, AuditEntry{Action: AuditAzureSynced, Scope: Scope{Account: account, Profile: &p}.ID(),
			Target: idOf(p.Name), After: fault.Say(KeyAuditSynced, ch.Events, ch.LotsAdded, ch.LotsUpdated, yesNo(ch.PendingChanged),
				yesNo(ch.BalanceChanged))})
	})
	return ch, err
}

// mirrorProfile finds (or creates) the account's profile of that name, locks it, checks that
// this connection may keep its ledger, and brings its description up to date.
func (s *Store) mirrorProfile(ctx context.Context, conn AzureConnection, account BillingAccount, st AzureProfileState,
	ch *AzureSyncChanges) (BillingProfile, error) {
	want := BillingProfile{BillingAccountID: account.ID, Name: strings.ToUpper(st.Name), DisplayName: st.DisplayName,
		Currency: st.Currency, InvoiceDay: st.InvoiceDay, PONumber: st.PONumber, Status: st.Status}
	old, err := s.ProfileByName(ctx, account.ID, want.Name)
	switch {
	case isNotFound(err):
		var elsewhere int64
		if err := s.conn(ctx).Model(&BillingProfile{}).Where("name = ?", want.Name).Count(&elsewhere).Error; err != nil {
			return old, wrap("profile name in use", err)
		}
		if elsewhere > 0 {
			return old, refuse("M2", KeyAzureProfileTaken, fault.ID(want.Name))
		}
	case err != nil:
		return old, err
	default:
		if old, err = s.lockProfile(ctx, old.ID); err != nil {
			return old, err
		}
		if err := s.checkMirrorable(ctx, conn, old, want); err != nil {
			return old, err
		}
	}
	p, change, err := s.saveProfile(ctx, want)
	if err != nil {
		return p, err
	}
	ch.ProfileCreated, ch.ProfileUpdated = change == Created, change == Updated
	if change == Created {
		return p, nil
	}
	return s.lockProfile(ctx, p.ID)
}

// checkMirrorable refuses to let Azure take over a profile that another connection syncs or
// that has a ledger of its own, and a currency change of a profile that has lots.
func (s *Store) checkMirrorable(ctx context.Context, conn AzureConnection, old, want BillingProfile) error {
	var row azureProfileRow
	err := s.conn(ctx).Where("billing_profile_id = ?", old.ID).Take(&row).Error
	switch {
	case err == nil:
		if row.ConnectionID != nil && *row.ConnectionID != conn.ID {
			return refuse("X1", KeyAzureSyncedElsewise, fault.ID(old.Name))
		}
	case isNotFound(wrap("", err)):
		has, err := s.hasOwnLedger(ctx, old.ID)
		if err != nil {
			return err
		}
		if has {
			return refuse("X1", KeyAzureOwnLedger, fault.ID(old.Name))
		}
	default:
		return wrap("synced profile", err)
	}
	if old.Currency != want.Currency {
		var lots int64
		if err := s.conn(ctx).Model(&LotRow{}).Where("billing_profile_id = ?", old.ID).Count(&lots).Error; err != nil {
			return wrap("lots of profile", err)
		}
		if lots > 0 {
			return refuse("M16", KeyAzureCurrency, fault.ID(old.Name), old.Currency, want.Currency)
		}
	}
	return nil
}

// hasOwnLedger reports whether a profile has any lot, charge, adjustment, invoice or event.
func (s *Store) hasOwnLedger(ctx context.Context, profileID int64) (bool, error) {
	for _, table := range []string{"lots", "charges", "adjustments", "invoices", "ledger_events"} {
		var n int64
		if err := s.conn(ctx).Table(table).Where("billing_profile_id = ?", profileID).Limit(1).Count(&n).Error; err != nil {
			return false, wrap("ledger of profile: "+table, err)
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

// appendAzureEvents appends the settled events not stored yet, in the order Azure lists them
// (the order it booked them), and returns the profile's new event count.
func (s *Store) appendAzureEvents(ctx context.Context, p BillingProfile, events []AzureEvent, ch *AzureSyncChanges) (int64, error) {
	known := map[string]bool{}
	for chunk := range slices.Chunk(events, 500) {
		names := make([]string, len(chunk))
		for i, e := range chunk {
			names[i] = e.Name
		}
		var found []string
		err := s.conn(ctx).Model(&azureEventRow{}).Where("billing_profile_id = ? AND name IN ?", p.ID, names).Pluck("name", &found).Error
		if err != nil {
			return 0, wrap("known azure events", err)
		}
		for _, n := range found {
			known[n] = true
		}
	}
	var fresh []AzureEvent
	for _, e := range events {
		if !known[e.Name] {
			known[e.Name] = true
			fresh = append(fresh, e)
		}
	}
	if len(fresh) == 0 {
		return p.EventSeq, nil
	}
	rows, names := make([]EventRow, len(fresh)), make([]azureEventRow, len(fresh))
	now := s.now().UTC()
	for i, f := range fresh {
		e, seq := f.Event, p.EventSeq+int64(i)+1
		rows[i] = EventRow{BillingProfileID: p.ID, Seq: seq, Kind: e.Kind, Date: e.Date, Description: e.Description,
			Amount: e.Amount, Balance: e.Balance, InvoiceNumber: e.InvoiceNumber, LotName: e.LotID, CreatedAt: now}
		names[i] = azureEventRow{BillingProfileID: p.ID, Name: f.Name, Seq: seq}
	}
	if err := s.conn(ctx).CreateInBatches(rows, 500).Error; err != nil {
		return 0, wrap("append azure events", err)
	}
	if err := s.conn(ctx).CreateInBatches(names, 500).Error; err != nil {
		return 0, wrap("record azure event names", err)
	}
	ch.Events = len(fresh)
	return p.EventSeq + int64(len(fresh)), nil
}
