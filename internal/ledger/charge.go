package ledger

import (
	"fmt"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
)

// PublisherType says who publishes a charged product (M10).
type PublisherType string

// The publisher types of cost exports. An empty PublisherType means Azure, as in scenario files.
const (
	PublisherAzure       PublisherType = "Azure"
	PublisherMarketplace PublisherType = "Marketplace"
)

// Charge is one usage or purchase charge of a billing profile, as a scenario file, a cost
// export or an upload brings it in. Eligible is decided before the charge reaches the ledger,
// by Eligible (M10) or by the export's isAzureCreditEligible column.
type Charge struct {
	ID        string // unique within the profile: the tie-break of the processing order
	Date      Date
	Amount    money.Amount // never negative: money refunds lower the charges of their day
	Currency  string
	Product   string
	Publisher PublisherType
	Eligible  bool // credit may pay it (M10)
}

// Adjustment changes the credit balance outside charges, for example a refund of credit-paid
// usage (M12). It is pending until the invoice of its month settles it. A positive amount adds
// credit, a negative one removes it; see doc.go for which lot it lands on.
type Adjustment struct {
	ID          string // unique within the profile
	Date        Date
	Amount      money.Amount
	Currency    string
	Description string
}

// itemCheck holds what checking a batch of charges and adjustments needs.
type itemCheck struct {
	currency    string
	first, last Date // the allowed date range, inclusive; zero first means no lower bound
	what        string
}

func (c itemCheck) date(d Date) error {
	if (!c.first.IsZero() && d.Before(c.first)) || (!c.last.IsZero() && d.After(c.last)) {
		return invalid("date", KeyOutside, d, c.what, c.first, c.last)
	}
	return nil
}

func (c itemCheck) currencyOf(cur string) error {
	if !strings.EqualFold(cur, c.currency) {
		return &InputError{Field: "currency", Err: ErrCurrency, Message: fault.Say(KeyCurrencyDiffers, cur, c.currency)}
	}
	return nil
}

// under prefixes the field of an *InputError with the path of the item at fault. Paths are
// built only on failure: formatting 100,000 of them for valid input would cost more than
// applying the charges.
func under(err error, prefix string) error {
	if ie, ok := err.(*InputError); ok {
		ie.Field = prefix + "." + ie.Field
	}
	return err
}

func (c itemCheck) charge(ch *Charge, seen map[string]struct{}) error {
	if err := c.checkEntry(ch.ID, ch.Currency, seen, KeyChargeID, KeyDuplicateCharge); err != nil {
		return err
	}
	if ch.Amount.IsNegative() {
		return invalid("amount", KeyNegative)
	}
	if ch.Publisher != "" && ch.Publisher != PublisherAzure && ch.Publisher != PublisherMarketplace {
		return invalid("publisherType", KeyPublisher, string(ch.Publisher))
	}
	return c.date(ch.Date)
}

// charges checks a batch of charges, naming the one at fault as charges[i].
func (c itemCheck) charges(charges []Charge) error { return eachItem(charges, "charges", c.charge) }

func (c itemCheck) adjustment(a *Adjustment, seen map[string]struct{}) error {
	if err := c.checkEntry(a.ID, a.Currency, seen, KeyAdjustmentID, KeyDuplicateAdjust); err != nil {
		return err
	}
	return c.date(a.Date)
}

// adjustments checks a batch of adjustments, naming the one at fault as adjustments[i].
func (c itemCheck) adjustments(adjs []Adjustment) error {
	return eachItem(adjs, "adjustments", c.adjustment)
}

// checkEntry checks what a charge and an adjustment share: an id (missing names the key of its
// absence), given once in the batch (duplicate names the key of a repeat), and the profile's
// currency.
func (c itemCheck) checkEntry(id, currency string, seen map[string]struct{}, missing, duplicate string) error {
	if id == "" {
		return invalid("id", missing)
	}
	if err := firstSeen(seen, id, duplicate); err != nil {
		return err
	}
	return c.currencyOf(currency)
}

// firstSeen records id in seen, refusing it under key when the batch had it before.
func firstSeen(seen map[string]struct{}, id, key string) error {
	if _, dup := seen[id]; dup {
		return invalid("id", key, fault.ID(id))
	}
	seen[id] = struct{}{}
	return nil
}

// eachItem checks every item of a batch, with the ids seen so far, and names the first one at
// fault by its place in field.
func eachItem[T any](items []T, field string, check func(*T, map[string]struct{}) error) error {
	seen := make(map[string]struct{}, len(items))
	for i := range items {
		if err := check(&items[i], seen); err != nil {
			return under(err, fmt.Sprintf("%s[%d]", field, i))
		}
	}
	return nil
}

// checkLots validates every lot and refuses duplicate ids.
func checkLots(lots []Lot, currency string) error {
	return eachItem(lots, "lots", func(l *Lot, seen map[string]struct{}) error {
		if err := l.check(currency); err != nil {
			return err
		}
		return firstSeen(seen, l.ID, KeyDuplicateLot)
	})
}
