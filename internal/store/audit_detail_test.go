package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestAuditEntryRoundTrip (X1): an entry's messages come back from the detail column with each
// argument in its own type (a clause in a message too), so that the audit page formats it for
// its reader; a legacy row has no entry, and an argument of a type the column cannot hold is
// refused when written.
func TestAuditEntryRoundTrip(t *testing.T) {
	t.Parallel()
	e := store.AuditEntry{Action: store.AuditLotAdded, Scope: "/providers/Microsoft.Billing/billingAccounts/a",
		Target: fault.Say(store.KeyAuditValue, fault.ID("lot-1")),
		Before: fault.Say(store.KeyAuditValue, "Fabrikam, \"quoted\" {0}", 42, access.Owner, access.PartnerAdmin, fault.Email("a@b.example")),
		After: fault.Say(store.KeyAuditLot, fault.Money{Amount: money.MustParse("-6000.000001"), Currency: "EUR"},
			ledger.NewDate(2026, time.March, 1), time.Date(2027, 2, 28, 10, 0, 5, 0, time.UTC), fault.Code("creditdesk users"),
			fault.Minute(time.Date(2027, 7, 15, 10, 0, 0, 0, time.UTC)),
			fault.Say(benefits.KeySecondBulk, fault.Email("raj@b.example"), fault.ID("b-2"), ledger.NewDate(2026, time.March, 1),
				fault.Say(benefits.KeyValidThrough, ledger.NewDate(2027, time.February, 4))))}
	detail, err := e.Detail()
	if err != nil {
		t.Fatal(err)
	}
	got, ok, err := store.AuditEvent{Action: string(e.Action), Scope: e.Scope, Detail: detail}.Entry()
	if !ok || err != nil || !reflect.DeepEqual(got, e) {
		t.Errorf("Entry() = %+v, %v, %v\nwant %+v", got, ok, err, e)
	}
	if _, ok, err := (store.AuditEvent{Action: "role.granted", After: "owner"}).Entry(); ok || err != nil {
		t.Errorf("a legacy row: ok %v, err %v", ok, err)
	}
	if _, err := (store.AuditEntry{Action: store.AuditLotAdded, After: fault.Say(store.KeyAuditValue, 1.5)}).Detail(); err == nil {
		t.Error("a float argument was accepted")
	}
	if _, _, err := (store.AuditEvent{ID: 9, Detail: `{"after":{"key":"audit.value","args":[{"t":"float","v":"1.5"}]}}`}).Entry(); err == nil {
		t.Error("an argument of unknown type was read")
	}
}
