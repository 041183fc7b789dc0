package views

import (
	"strconv"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// SourceLabel names a lot's source (M7) in words.
func SourceLabel(source ledger.Source) string {
	switch source {
	case ledger.SourcePromotional:
		return "Promotional credit"
	case ledger.SourcePurchased:
		return "Purchased credit"
	case ledger.SourceCommitment:
		return "Consumption commitment"
	}
	return string(source)
}

// statusClass is the badge class of a status: its key.
func statusClass(s ledger.Status) string { return "badge " + string(s) }

// expiresIn is the M8 wording of an expiring lot's remaining days.
func expiresIn(days int) string {
	switch days {
	case 0:
		return "expires today"
	case 1:
		return "expires in 1 day"
	}
	return "expires in " + strconv.Itoa(days) + " days"
}

// days writes a count of days, "1 day" or "N days".
func days(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}
