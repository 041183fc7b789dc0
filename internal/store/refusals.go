package store

import (
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// The keys of what the store's own rules say when they refuse a change (fault.Refusal.Said):
// the ledger's (X1, M7, M8, M16), the not-covered list's (M10) and the Azure mirror's (M1, M2,
// M16, X1). The views word each key (views/sentences.go); the comment of each lists its
// arguments. Every key is in RefusalKeys, which a test holds against the views' sentences.
const (
	KeyLotDiffers          = "store.lot_differs"           // X1: the lot's name (ID)
	KeyLotNameUsed         = "store.lot_name_used"         // M7: the lot's name, the other profile's name (IDs)
	KeyLotCanceledAlready  = "store.lot_canceled_already"  // X1: the lot's name, its cancellation date
	KeyLotExpired          = "store.lot_expired"           // M8: the lot's name
	KeyCancelUsed          = "store.cancel_used"           // M8: the lot's name
	KeyCancelExpired       = "store.cancel_expired"        // M8: the lot's name
	KeyCancelCanceled      = "store.cancel_canceled"       // M8: the lot's name
	KeyCancelCanceledFrom  = "store.cancel_canceled_from"  // M8: the lot's name, its cancellation date
	KeyClosedCancellation  = "store.closed_cancellation"   // X1: the lot's name, the date, the next invoice's period
	KeyClosedAdjustment    = "store.closed_adjustment"     // X1: the date, the next invoice's period
	KeyCreditLimit         = "store.credit_limit"          // M16: the lot's amount, the limit (money.Amount)
	KeyAdjustmentLimit     = "store.adjustment_limit"      // M16: the month (ledger.Period), the limit (money.Amount)
	KeySyncedLedger        = "store.synced_ledger"         // X1
	KeyNotCoveredAlready   = "store.not_covered_already"   // M10: the name given, the name on the list
	KeyAzureAccountTaken   = "store.azure_account_taken"   // M1: the Azure billing account (ID)
	KeyAzureProfileTaken   = "store.azure_profile_taken"   // M2: the profile's name (ID)
	KeyAzureSyncedElsewise = "store.azure_synced_elsewise" // X1: the profile's name (ID)
	KeyAzureOwnLedger      = "store.azure_own_ledger"      // X1: the profile's name (ID)
	KeyAzureCurrency       = "store.azure_currency"        // M16: the profile's name (ID), the old and new currencies
	KeyAzureLotTaken       = "store.azure_lot_taken"       // M7: the lot's name, the other profile's name (IDs)
)

// RefusalKeys are every message key a refusal of the store says.
var RefusalKeys = []string{KeyLotDiffers, KeyLotNameUsed, KeyLotCanceledAlready, KeyLotExpired, KeyCancelUsed,
	KeyCancelExpired, KeyCancelCanceled, KeyCancelCanceledFrom, KeyClosedCancellation, KeyClosedAdjustment,
	KeyCreditLimit, KeyAdjustmentLimit, KeySyncedLedger, KeyNotCoveredAlready, KeyAzureAccountTaken,
	KeyAzureProfileTaken, KeyAzureSyncedElsewise, KeyAzureOwnLedger, KeyAzureCurrency, KeyAzureLotTaken}

// refuse is a refusal by rule, saying key with args.
func refuse(rule, key string, args ...any) fault.Refusal {
	return fault.Refusal{Rule: rule, Said: fault.Say(key, args...)}
}

// cancelRefusal says why a lot cannot be canceled, from the status that forbids it (M8).
func cancelRefusal(name string, l ledger.Lot, why ledger.Status) fault.Refusal {
	switch {
	case why == ledger.StatusUsed:
		return refuse("M8", KeyCancelUsed, fault.ID(name))
	case why == ledger.StatusExpired:
		return refuse("M8", KeyCancelExpired, fault.ID(name))
	case !l.CanceledOn.IsZero():
		return refuse("M8", KeyCancelCanceledFrom, fault.ID(name), l.CanceledOn)
	}
	return refuse("M8", KeyCancelCanceled, fault.ID(name))
}
