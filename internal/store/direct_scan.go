package store

import (
	"database/sql"
	"strings"
)

// profileColumns are the columns of BillingProfile in profileFields's order.
var profileColumns = []string{"id", "billing_account_id", "name", "display_name", "currency", "invoice_day", "po_number",
	"status", "created_at", "next_period", "current_balance", "event_seq", "ledger_version"}

// profileFields are the fields of p that profileColumns scan into, in their order.
func profileFields(p *BillingProfile) []any {
	return []any{&p.ID, &p.BillingAccountID, &p.Name, &p.DisplayName, &p.Currency, &p.InvoiceDay, &p.PONumber,
		&p.Status, &p.CreatedAt, &p.NextPeriod, &p.CurrentBalance, &p.EventSeq, &p.LedgerVersion}
}

// userColumns are the columns of User in userFields's order.
const userColumns = "id, email, name, password_hash, last_scope, session_epoch, created_at, updated_at"

// userFields are the fields of u that userColumns scan into, in their order: every signed-in
// request and every API call reads a user.
func userFields(u *User) []any {
	return []any{&u.ID, &u.Email, &u.Name, &u.PasswordHash, &u.LastScope, &u.SessionEpoch, &u.CreatedAt, &u.UpdatedAt}
}

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
		if err := rows.Scan(profileFields(&p)...); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
