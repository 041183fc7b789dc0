package scenario

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestReadmeListsEveryDemoUser (issue 11): the README's table of demo sign-ins names every user
// of the demo, partner admins and members included.
func TestReadmeListsEveryDemoUser(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	demo, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	if len(demo.Users) < 10 {
		t.Fatalf("%d demo users", len(demo.Users))
	}
	for _, u := range demo.Users {
		if !strings.Contains(string(readme), "| `"+u.Email+"` |") {
			t.Errorf("the README's demo table lacks %s", u.Email)
		}
	}
}

// TestDemoAtShiftsEveryDate: the demo moved to another day has every date and time moved by the
// same number of days, and nothing else changed (issue 11).
func TestDemoAtShiftsEveryDate(t *testing.T) {
	moved, err := DemoAt(DemoWrittenFor.AddDate(3, 0, 10).Add(15 * time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	orig, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	days := int(DemoWrittenFor.AddDate(3, 0, 10).Sub(DemoWrittenFor).Hours() / 24)
	lot, movedLot := orig.BillingAccounts[0].BillingProfiles[0].Lots[0], moved.BillingAccounts[0].BillingProfiles[0].Lots[0]
	if movedLot.Name != lot.Name || movedLot.Amount != lot.Amount {
		t.Errorf("the lot changed beyond its dates: %+v, was %+v", movedLot, lot)
	}
	if got, want := movedLot.StartDate, lot.StartDate.AddDate(0, 0, days); !got.Equal(want) {
		t.Errorf("start date %s, want %s", got, want)
	}
	b, movedB := orig.Partners[0].Benefits[0], moved.Partners[0].Benefits[0]
	if b.RedeemedAt == nil || movedB.RedeemedAt == nil || !movedB.RedeemedAt.Equal(b.RedeemedAt.AddDate(0, 0, days)) {
		t.Errorf("redeemed at %v, was %v, want %d days later", movedB.RedeemedAt, b.RedeemedAt, days)
	}
	if moved.BillingAccounts[0].Name != orig.BillingAccounts[0].Name {
		t.Errorf("an account id with a date in it changed: %s", moved.BillingAccounts[0].Name)
	}
}
