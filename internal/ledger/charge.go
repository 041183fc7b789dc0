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
	if ch.ID == "" {
		return invalid("id", KeyChargeID)
	}
	if _, dup := seen[ch.ID]; dup {
		return invalid("id", KeyDuplicateCharge, fault.ID(ch.ID))
	}
	seen[ch.ID] = struct{}{}
	if err := c.currencyOf(ch.Currency); err != nil {
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

func (c itemCheck) charges(charges []Charge) error {
	seen := make(map[string]struct{}, len(charges))
	for i := range charges {
		if err := c.charge(&charges[i], seen); err != nil {
			return under(err, fmt.Sprintf("charges[%d]", i))
		}
	}
	return nil
}

func (c itemCheck) adjustment(a *Adjustment, seen map[string]struct{}) error {
	if a.ID == "" {
		return invalid("id", KeyAdjustmentID)
	}
	if _, dup := seen[a.ID]; dup {
		return invalid("id", KeyDuplicateAdjust, fault.ID(a.ID))
	}
	seen[a.ID] = struct{}{}
	if err := c.currencyOf(a.Currency); err != nil {
		return err
	}
	return c.date(a.Date)
}

func (c itemCheck) adjustments(adjs []Adjustment) error {
	seen := make(map[string]struct{}, len(adjs))
	for i := range adjs {
		if err := c.adjustment(&adjs[i], seen); err != nil {
			return under(err, fmt.Sprintf("adjustments[%d]", i))
		}
	}
	return nil
}

// checkLots validates every lot and refuses duplicate ids.
func checkLots(lots []Lot, currency string) error {
	seen := make(map[string]struct{}, len(lots))
	for i := range lots {
		if err := lots[i].check(currency); err != nil {
			return under(err, fmt.Sprintf("lots[%d]", i))
		}
		if _, dup := seen[lots[i].ID]; dup {
			return under(invalid("id", KeyDuplicateLot, fault.ID(lots[i].ID)), fmt.Sprintf("lots[%d]", i))
		}
		seen[lots[i].ID] = struct{}{}
	}
	return nil
}
