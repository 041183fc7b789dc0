package costcsv

import "strings"

// The columns a Scanner uses, spelt as the spec writes them; problems name columns this way.
const (
	colProfile    = "billingProfileId"
	colDate       = "date"
	colCost       = "costInBillingCurrency"
	colCurrency   = "billingCurrency"
	colProduct    = "productName"
	colPublisher  = "publisherType"
	colChargeType = "chargeType"
	colEligible   = "isAzureCreditEligible"
)

// columns holds the 0-based field index of each column a Scanner uses, -1 when the file lacks it.
type columns struct {
	profile, date, cost, currency, product, publisher, chargeType, eligible int
}

// findColumns locates the columns in the header, which is on the given line. It reports a
// missing required column, or a used column that appears twice, and then returns false.
func findColumns(header []string, line int, probs *Collector) (columns, bool) {
	c := columns{-1, -1, -1, -1, -1, -1, -1, -1}
	specs := []struct {
		name     string
		at       *int
		required bool
	}{
		{colProfile, &c.profile, true},
		{colDate, &c.date, true},
		{colCost, &c.cost, true},
		{colCurrency, &c.currency, true},
		{colProduct, &c.product, true},
		{colPublisher, &c.publisher, false},
		{colChargeType, &c.chargeType, false},
		{colEligible, &c.eligible, false},
	}
	ok := true
	for i, h := range header {
		h = strings.TrimSpace(h)
		for _, s := range specs {
			if !strings.EqualFold(h, s.name) {
				continue
			}
			if *s.at >= 0 {
				probs.Add(line, s.name, KeyColumnTwice, *s.at+1, i+1)
				ok = false
				continue
			}
			*s.at = i
		}
	}
	for _, s := range specs {
		if s.required && *s.at < 0 {
			probs.Add(line, s.name, KeyMissingColumn)
			ok = false
		}
	}
	return c, ok
}
