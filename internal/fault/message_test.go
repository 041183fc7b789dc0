package fault

import (
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/money"
)

// TestMessageString: in logs and errors a message reads as its key and its values in their
// canonical form, a clause as a message of its own; the views write it in words.
func TestMessageString(t *testing.T) {
	at := time.Date(2027, 7, 15, 10, 0, 5, 0, time.FixedZone("CEST", 2*3600))
	tests := []struct {
		m    Message
		want string
	}{
		{Message{}, ""},
		{Say("benefits.no_holder"), "benefits.no_holder"},
		{Say("k", Email("raj@x.example"), ID("b-1"), "a \"b\"", 5, Money{Amount: money.MustParse("6000.5"), Currency: "USD"}),
			`k(raj@x.example, b-1, "a \"b\"", 5, 6000.50 USD)`},
		{Say("k", at, Minute(at)), "k(2027-07-15T08:00:05Z, 2027-07-15 08:00 UTC)"},
		{Say("k", Say("inner", Code("creditdesk"))), "k(inner(creditdesk))"},
	}
	for _, tt := range tests {
		if got := tt.m.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}
