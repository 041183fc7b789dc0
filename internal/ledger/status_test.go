package ledger

import "testing"

func TestLotStatus(t *testing.T) {
	tests := []struct {
		name    string
		lot     Lot
		now     string
		window  int
		want    Status
		wantAPI APIStatus
	}{
		{"M8 active", statusOpen("40"), "2026-05-20", 30, StatusActive, "Active"},
		{"M8 not started", statusLot(nil), "2026-04-30", 30, StatusNotStarted, "Inactive"},
		{"M8 starts today is active", statusLot(nil), "2026-05-01", 30, StatusActive, "Active"},
		{"M8 expiring within the window", statusOpen("40"), "2026-07-10", 30, StatusExpiring, "Active"},
		{"M8 expiring exactly window days ahead", statusOpen("40"), "2026-07-01", 30, StatusExpiring, "Active"},
		{"M8 not expiring window+1 days ahead", statusOpen("40"), "2026-06-30", 30, StatusActive, "Active"},
		{"M8 expiring on its last day", statusOpen("40"), "2026-07-31", 30, StatusExpiring, "Active"},
		{"M8 window is configurable", statusOpen("40"), "2026-06-01", 60, StatusExpiring, "Active"},
		{"M8 window 0: expiring on the last day only", statusOpen("40"), "2026-07-30", 0, StatusActive, "Active"},
		{"M8 negative window counts as 0", statusOpen("40"), "2026-07-31", -5, StatusExpiring, "Active"},
		{"M8 expired after its last day, before settling", statusOpen("40"), "2026-08-01", 30, StatusExpired, "Expired"},
		{"M8 expired and settled with credit lost", statusLot(func(l *Lot) {
			l.State, l.ClosedBalance, l.ExpiredAmount = LotExpired, amt("0"), amt("40")
		}), "2026-09-10", 30, StatusExpired, "Expired"},
		{"M8 used beats expired", statusLot(func(l *Lot) { l.State, l.ClosedBalance = LotExpired, amt("0") }), "2026-09-10", 30, StatusUsed, "Complete"},
		{"M8 used beats not started", statusLot(func(l *Lot) { l.OriginalAmount, l.ClosedBalance = amt("0"), amt("0") }), "2026-04-01", 30, StatusUsed, "Complete"},
		{"M8 used beats expiring", statusOpen("0"), "2026-07-20", 30, StatusUsed, "Complete"},
		{"M8 used while open and past expiry", statusOpen("0"), "2026-08-20", 30, StatusUsed, "Complete"},
		{"M8 canceled beats everything", statusLot(func(l *Lot) { l.State, l.ClosedBalance = LotCanceled, amt("0") }), "2026-09-10", 30, StatusCanceled, "Canceled"},
		{"M8 canceled before start", statusLot(func(l *Lot) { l.State = LotCanceled }), "2026-04-01", 30, StatusCanceled, "Canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.lot.Status(day(tt.now), tt.window)
			if got != tt.want {
				t.Errorf("Status: got %q, want %q", got, tt.want)
			}
			if got.API() != tt.wantAPI {
				t.Errorf("API: got %q, want %q", got.API(), tt.wantAPI)
			}
		})
	}
}

func TestDaysToExpiry(t *testing.T) {
	l := newLot("L", "100", "2026-05-01", "2026-07-31")
	tests := []struct {
		now  string
		want int
	}{{"2026-07-01", 30}, {"2026-07-31", 0}, {"2026-08-02", -2}, {"2025-07-31", 365}}
	for _, tt := range tests {
		if got := l.DaysToExpiry(day(tt.now)); got != tt.want {
			t.Errorf("M8 expires in N days on %s: got %d, want %d", tt.now, got, tt.want)
		}
	}
}
