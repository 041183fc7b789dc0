package arm

import (
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"
)

// bad400 fails unless err is nil or an ARM 400 (the fuzz rule: every bad input a 400).
func bad400(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var ae *Error
	if !errors.As(err, &ae) || ae.Status != http.StatusBadRequest || ae.Code == "" || ae.Message == "" {
		t.Fatalf("error %v (%T), want an ARM 400", err, err)
	}
}

// FuzzEventDays: any startDate/endDate gives a day range or an ARM 400, never a panic; a range
// without a day is accepted only when less than a day lies between the two instants, or when
// it lies outside the days a date can name.
// Seed corpus: testdata/fuzz/FuzzEventDays.
func FuzzEventDays(f *testing.F) {
	f.Add("2018-10-01T00:00:00.000Z", "2019-10-11T12:00:00.000Z?api-version=2019-10-01")
	f.Add("2026-05-01", "2026-06-30")
	f.Add("0000-01-01", "9999-12-31T23:59:59.999999999+14:00")
	f.Add("", "2026-02-30")
	f.Fuzz(func(t *testing.T, start, end string) {
		r, err := EventDays(url.Values{"startDate": {start}, "endDate": {end}}, true)
		bad400(t, err)
		if err == nil && r.Empty() {
			from, _, _ := parseInstant("startDate", start)
			to, _, _ := parseInstant("endDate", end)
			outside := to.Before(minDay.Time()) || from.After(maxDay.Time()) // no event can be dated there
			if to.Sub(from) >= 24*time.Hour && !outside {
				t.Fatalf("%q..%q: empty range accepted", start, end)
			}
		}
	})
}

// FuzzCursor: any $skiptoken opens only if this sealer made it for this binding; never a panic.
// Seed corpus: testdata/fuzz/FuzzCursor.
func FuzzCursor(f *testing.F) {
	s := NewSealer([]byte("fuzz key"))
	f.Add(s.Seal(Cursor{Bind: "b", After: 3}))
	f.Add("eyJiIjoiYiJ9.AAAA")
	f.Add("..")
	f.Fuzz(func(t *testing.T, tok string) {
		c, err := s.Open(tok, "b")
		bad400(t, err)
		if err == nil && (c.Bind != "b" || s.Seal(c) == "") {
			t.Fatalf("%q opened as %+v", tok, c)
		}
	})
}

// FuzzFilters: any $filter types into a lots and an events filter, or is an ARM 400.
// Seed corpus: testdata/fuzz/FuzzFilters.
func FuzzFilters(f *testing.F) {
	f.Add("status eq 'active' AND source eq 'consumptioncommitment'")
	f.Add("lotid eq 'G202001083926600XXXXX' AND lotsource eq 'consumptioncommitment'")
	f.Add("transactionDate ge 2026-01-01T00:00:00Z and expirationDate lt '9999-12-31'")
	f.Fuzz(func(t *testing.T, filter string) {
		q := url.Values{"$filter": {filter}}
		_, err := LotFilterOf(q)
		bad400(t, err)
		_, err = EventFilterOf(q)
		bad400(t, err)
	})
}
