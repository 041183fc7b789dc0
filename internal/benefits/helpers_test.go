package benefits

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// day parses a civil date as 00:00 UTC.
func day(s string) time.Time { return ledger.MustDate(s).Time() }

// at parses an RFC 3339 instant (nanoseconds allowed).
func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

// The organisation of the scenario-format example.
var fabrikam = []string{"fabrikam.example"}

const admin = "olga@fabrikam.example"

// benefit returns a benefit of the given kind bought 2026-02-01, usable 2026-02-05 to
// 2027-02-04, amount 100 USD, with no user.
func benefit(id string, k Kind) Benefit {
	return Benefit{ID: id, PartnerID: "4390934", Kind: k, Amount: money.FromUnits(100), Currency: "USD",
		PurchaseDate: day("2026-02-01"), StartDate: day("2026-02-05"), EndDate: day("2027-02-04")}
}

// assigned returns b held by user.
func assigned(b Benefit, user string) Benefit {
	b.AssignedTo = user
	return b
}

// redeemed returns b held by user, redeemed at t into subscription sub.
func redeemed(b Benefit, user string, t time.Time) Benefit {
	b.AssignedTo, b.ActivatedAt, b.RedeemedAt = user, t, t
	b.SubscriptionID = "11111111-2222-4333-8444-555555555555"
	return b
}

// counted returns a history whose first event is the initial assignment and whose next n
// events each used a reassignment.
func counted(n int) []Event {
	h := []Event{{At: day("2026-02-06"), Actor: admin, To: "u0@fabrikam.example"}}
	for i := 1; i <= n; i++ {
		h = append(h, Event{At: day("2026-02-06").Add(time.Duration(i) * time.Hour), Actor: admin,
			From: h[i-1].To, To: "u" + string(rune('0'+i)) + "@fabrikam.example", Reassignment: true})
	}
	return h
}

// fixedRandom is a deterministic random source: sixteen 0xab bytes.
func fixedRandom() *bytes.Reader { return bytes.NewReader(bytes.Repeat([]byte{0xab}, 16)) }

// checkRule fails t unless err is a *RuleError with the wanted rule and field, or nil when
// wantRule is "". Every RuleError must also match ErrRuleViolation.
func checkRule(t *testing.T, err error, wantRule, wantField string) {
	t.Helper()
	if wantRule == "" {
		if err != nil {
			t.Fatalf("err = %v, want nil", err)
		}
		return
	}
	var re *RuleError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v, want a RuleError %s on %s", err, wantRule, wantField)
	}
	if re.Rule != wantRule || re.Field != wantField {
		t.Fatalf("got rule %s field %s (%q), want rule %s field %s", re.Rule, re.Field, re.Message,
			wantRule, wantField)
	}
	if !(errors.Is(err, fault.ErrConflict) || errors.Is(err, fault.ErrInvalid)) || re.Message.IsZero() {
		t.Fatalf("RuleError %v does not match ErrRuleViolation or has no message", err)
	}
}

// says reports whether m says key ("" for any) with each of args among its arguments.
func says(m fault.Message, key string, args ...any) bool {
	if key != "" && m.Key != key {
		return false
	}
	for _, want := range args {
		if !slices.ContainsFunc(m.Args, func(a any) bool { return reflect.DeepEqual(a, want) }) {
			return false
		}
	}
	return true
}
