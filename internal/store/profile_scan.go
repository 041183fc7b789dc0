package store

import (
	"database/sql"
	"strings"
)

// profileColumns are the columns of BillingProfile in scanProfile's order.
var profileColumns = []string{"id", "billing_account_id", "name", "display_name", "currency", "invoice_day", "po_number",
	"status", "created_at", "next_period", "current_balance", "event_seq", "ledger_version"}

// profileSelect is profileColumns as a select list.
var profileSelect = strings.Join(profileColumns, ", ")

// scanProfiles reads rows of profileSelect, each column into its field directly: the account
// summary reads 50 profiles at every request, and GORM's scanning by reflection took a sixth of
// the page (issue 10).
func scanProfiles(rows *sql.Rows) ([]BillingProfile, error) {
	defer rows.Close()
	out := []BillingProfile{} // as GORM's Find: empty, not nil
	for rows.Next() {
		var p BillingProfile
		if err := rows.Scan(&p.ID, &p.BillingAccountID, &p.Name, &p.DisplayName, &p.Currency, &p.InvoiceDay, &p.PONumber,
			&p.Status, &p.CreatedAt, &p.NextPeriod, &p.CurrentBalance, &p.EventSeq, &p.LedgerVersion); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
