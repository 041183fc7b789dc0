package web

import (
	"github.com/creditdesk/creditdesk/internal/arm"
)

// defaultAPIPageSize is how many lots or events a page of the ARM API holds.
const defaultAPIPageSize = 100

// apiState is what the ARM API keeps in the server: the key of its paging cursors (derived from
// the session key, so every instance with the same key reads every other's nextLinks), the
// per-token rate limiter (nil for none), and the page size.
type apiState struct {
	cursors  arm.Sealer
	limiter  apiLimiter
	pageSize int
}

// newAPIState derives the cursor key from the session key.
func newAPIState(sessionKey []byte, limiter apiLimiter, pageSize int) apiState {
	if pageSize <= 0 {
		pageSize = defaultAPIPageSize
	}
	return apiState{cursors: arm.NewSealer(sessionKey), limiter: limiter, pageSize: pageSize}
}

// The ARM paths of the API (contract §2), used by the route table; canonicalARMPath fixes their
// case before routing.
const (
	armAccounts    = "/providers/Microsoft.Billing/billingAccounts"
	armAccount     = armAccounts + "/:account"
	armProfile     = armAccount + "/billingProfiles/:profile"
	armConsumption = "/providers/Microsoft.Consumption"
)
