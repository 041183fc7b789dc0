package store

import (
	"strings"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// lotStatusSQL returns the WHERE fragment, and its arguments, that selects the lots of the
// lots table whose ledger.Lot.Status on today with an expiry window of window days is one of
// statuses (M8); no statuses select no lot. Every lot query filters by status through it, so
// the portal's credits list and the Consumption lots API cannot disagree with the Go rule:
// a status holds when its own condition does and none of those before it in
// ledger.Precedence does, exactly as Lot.Status decides.
func lotStatusSQL(statuses []ledger.Status, today ledger.Date, window int) (string, []any) {
	if len(statuses) == 0 {
		return "1 = 0", nil
	}
	var parts []string
	var args []any
	for _, st := range statuses {
		var conds []string
		for _, earlier := range ledger.Precedence {
			c, a := lotStatusCond(earlier, today, window)
			if earlier == st {
				conds = append(conds, "("+c+")")
				args = append(args, a...)
				break
			}
			conds = append(conds, "NOT ("+c+")")
			args = append(args, a...)
		}
		parts = append(parts, "("+strings.Join(conds, " AND ")+")")
	}
	return "(" + strings.Join(parts, " OR ") + ")", args
}

// lotStatusCond is the condition of one status on its own, ignoring those that take
// precedence over it; each line is the SQL of one case of ledger.Lot.Status. The columns are
// NOT NULL, so NOT of a condition is its complement.
func lotStatusCond(st ledger.Status, today ledger.Date, window int) (string, []any) {
	t := today.String()
	switch st {
	case ledger.StatusCanceled:
		return "state = ? OR (canceled_on <> '' AND canceled_on <= ?)", []any{string(ledger.LotCanceled), t}
	case ledger.StatusUsed:
		return "(state = ? AND expired_amount = 0) OR (state <> ? AND closed_balance = 0)",
			[]any{string(ledger.LotExpired), string(ledger.LotExpired)}
	case ledger.StatusExpired:
		return "state = ? OR expiration_date < ?", []any{string(ledger.LotExpired), t}
	case ledger.StatusNotStarted:
		return "start_date > ?", []any{t}
	case ledger.StatusExpiring:
		return "expiration_date <= ?", []any{today.AddDays(max(window, 0)).String()}
	case ledger.StatusActive:
		return "1 = 1", nil
	}
	return "1 = 0", nil
}

// liveStates are the ledger states of the lots that can still take part in an invoice
// (ledger.LotState.Live), as a SQL argument.
func liveStates() []string {
	var out []string
	for _, s := range ledger.LiveStates() {
		out = append(out, string(s))
	}
	return out
}
