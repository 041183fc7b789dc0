package ledger

// The keys of what the ledger says about bad input (InputError.Message), which the views word
// (views/sentences.go); the comment of each lists its arguments. Every key is in Keys, which a
// test holds against the views' sentences.
const (
	KeyAtField            = "ledger.at_field"             // the field (fault.Code), what is wrong (a message)
	KeyTooLarge           = "ledger.too_large"            // M16: the amount, the input limit, the credit limit, the month limit (money.Amount)
	KeyOutside            = "ledger.outside"              // the date, what the range is (string), its first and last days (Date)
	KeyCurrencyDiffers    = "ledger.currency_differs"     // M2, M16: the item's currency, the profile's
	KeyLotCurrencyDiffers = "ledger.lot_currency_differs" // M2, M16: the lot's currency, the profile's
	KeyChargeID           = "ledger.charge_id"            // none
	KeyAdjustmentID       = "ledger.adjustment_id"        // none
	KeyLotID              = "ledger.lot_id"               // none
	KeyInvoiceNumber      = "ledger.invoice_number"       // none
	KeyDuplicateCharge    = "ledger.duplicate_charge"     // the id (fault.ID)
	KeyDuplicateAdjust    = "ledger.duplicate_adjustment" // the id (fault.ID)
	KeyDuplicateLot       = "ledger.duplicate_lot"        // the id (fault.ID)
	KeyNegative           = "ledger.negative"             // none
	KeyPublisher          = "ledger.publisher"            // the value given (string)
	KeySource             = "ledger.source"               // the value given (string)
	KeyState              = "ledger.state"                // the value given (string)
	KeyExpiresBeforeStart = "ledger.expires_before_start" // none
	KeyCanceledAfter      = "ledger.canceled_after"       // none
	KeyPendingBalance     = "ledger.pending_balance"      // none
	KeyCanceledNeedsDate  = "ledger.canceled_needs_date"  // none
	KeyProfileCurrency    = "ledger.profile_currency"     // the value given (string)
	KeyInvoiceDay         = "ledger.invoice_day"          // the day given (int)
	KeyMonth              = "ledger.month"                // the month given (int)
	KeyDay                = "ledger.day"                  // X2: none (a typed date is not YYYY-MM-DD)
	KeyStatus             = "ledger.status"               // M8: the accepted keys, "active, expiring, …" (string)
	KeyNameRequired       = "ledger.name_required"        // M10: none
	KeyNameUTF8           = "ledger.name_utf8"            // M10: none
	KeyNameLong           = "ledger.name_long"            // M10: the most characters (int)
	KeyNameControl        = "ledger.name_control"         // M10: none
	KeyNameLetter         = "ledger.name_letter"          // M10: none
)

// Keys are every message key an InputError says.
var Keys = []string{KeyAtField, KeyTooLarge, KeyOutside, KeyCurrencyDiffers, KeyLotCurrencyDiffers, KeyChargeID,
	KeyAdjustmentID, KeyLotID, KeyInvoiceNumber, KeyDuplicateCharge, KeyDuplicateAdjust, KeyDuplicateLot, KeyNegative,
	KeyPublisher, KeySource, KeyState, KeyExpiresBeforeStart, KeyCanceledAfter, KeyPendingBalance, KeyCanceledNeedsDate,
	KeyProfileCurrency, KeyInvoiceDay, KeyMonth, KeyDay, KeyStatus, KeyNameRequired, KeyNameUTF8, KeyNameLong, KeyNameControl,
	KeyNameLetter}
