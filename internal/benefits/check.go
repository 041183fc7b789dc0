package benefits

import "time"

// Check returns why the benefit's own state refuses action at now, or nil when the state allows
// it. It is the first check every decision makes (expiry P3/P11, provisioning P8, then the
// action's preconditions P4/P5/P6), exposed so that a page can explain a missing button with
// the very sentence the decision would give. Allowed is the same check as booleans.
func Check(b Benefit, history []Event, action Action, now time.Time) error {
	return gate(b, history, action, now.UTC())
}
