package arm

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// wantARM fails unless err is an *Error with the status and a message naming want.
func wantARM(t *testing.T, err error, status int, code, want string) {
	t.Helper()
	var ae *Error
	if !errors.As(err, &ae) {
		t.Fatalf("error %v (%T), want *arm.Error", err, err)
	}
	if ae.Status != status || ae.Code != code || !strings.Contains(ae.Message, want) {
		t.Errorf("got %d %s %q, want %d %s containing %q", ae.Status, ae.Code, ae.Message, status, code, want)
	}
}

// TestAPIVersion: the first api-version wins (the how-to's malformed events URL, contract §1.3);
// a missing one is MissingApiVersionParameter, an unknown one InvalidApiVersionParameter (§9.1).
func TestAPIVersion(t *testing.T) {
	q, _ := url.ParseQuery("api-version=2019-10-01&startDate=2018-10-01T00:00:00.000Z&endDate=2019-10-11T12:00:00.000Z?api-version=2019-10-01")
	if v, err := APIVersion(q); err != nil || v != "2019-10-01" {
		t.Errorf("how-to URL: %q, %v", v, err)
	}
	_, err := APIVersion(url.Values{})
	wantARM(t, err, http.StatusBadRequest, CodeMissingAPIVersion, "api-version")
	_, err = APIVersion(url.Values{"api-version": {" "}})
	wantARM(t, err, http.StatusBadRequest, CodeMissingAPIVersion, "required")
	if v, err := APIVersion(url.Values{"API-Version": {"2021-10-01"}}); err != nil || v != "2021-10-01" {
		t.Errorf("case-insensitive name: %q %v", v, err)
	}
	for v, want := range map[string]Shape{"2019-10-01-preview": BillingPreview, "2019-10-01-Preview": BillingPreview,
		"2020-05-01": Billing2020, "2024-04-01": Billing2024} {
		if got, err := BillingShape(v); err != nil || got != want {
			t.Errorf("BillingShape(%s) = %v, %v", v, got, err)
		}
	}
	_, err = BillingShape("2021-10-01")
	wantARM(t, err, http.StatusBadRequest, CodeInvalidAPIVersion, "2019-10-01-preview,2020-05-01,2024-04-01")
	for _, tt := range []struct {
		v       string
		account bool
		want    Shape
	}{{"2019-10-01", false, Consumption2019}, {"2021-10-01", false, Consumption2021}, {"2024-08-01", false, Consumption2021},
		{"2021-10-01", true, Consumption2021}, {"2023-05-01", true, Consumption2021},
		{"2021-05-01", false, Consumption2021}, {"2021-05-01", true, Consumption2021}} { // the MACC how-to's version
		if got, err := ConsumptionShape(tt.v, tt.account); err != nil || got != tt.want {
			t.Errorf("ConsumptionShape(%s, %t) = %v, %v", tt.v, tt.account, got, err)
		}
	}
	_, err = ConsumptionShape("2019-10-01", true) // account scope exists from 2021-10-01 (§2)
	wantARM(t, err, http.StatusBadRequest, CodeInvalidAPIVersion, "'2019-10-01' is invalid")
	_, err = ConsumptionShape("2020-01-01", false)
	wantARM(t, err, http.StatusBadRequest, CodeInvalidAPIVersion, "2019-10-01,2021-05-01,2021-10-01")
}

// TestExpand accepts $expand and expand, lists, and any case (contract §1.3).
func TestExpand(t *testing.T) {
	for raw, want := range map[string]string{
		"$expand=billingProfiles":                          "billingprofiles",
		"expand=BillingProfiles":                           "billingprofiles",
		"%24expand=soldTo,billingProfiles/invoiceSections": "billingprofiles/invoicesections",
	} {
		q, _ := url.ParseQuery(raw)
		if !Expand(q)[want] {
			t.Errorf("Expand(%s) = %v, want %s", raw, Expand(q), want)
		}
	}
	if len(Expand(url.Values{})) != 0 {
		t.Error("no $expand expands something")
	}
}

// TestEventDays: startDate and endDate as dates or date-times, a date-only end inclusive, the
// how-to's trailing "?api-version" ignored (contract §1.8, §7); an end before the start is
// refused, two instants of one day with no midnight between them are an empty range.
func TestEventDays(t *testing.T) {
	tests := []struct {
		query    string
		from, to string
	}{
		{"startDate=2026-05-01&endDate=2026-06-30", "2026-05-01", "2026-06-30"},
		{"startDate=2018-10-01T00:00:00.000Z&endDate=2019-10-11T12:00:00.000Z?api-version=2019-10-01", "2018-10-01", "2019-10-11"},
		{"startDate=2026-05-01T00:00:01Z&endDate=2026-05-31T23:59:59Z", "2026-05-02", "2026-05-31"},
		{"startDate=2026-05-01T02:00:00%2B02:00&endDate=2026-05-31T00:00:00", "2026-05-01", "2026-05-31"},
		{"startDate=2026-05-01T02:00:00+02:00&endDate=2026-05-31", "2026-05-01", "2026-05-31"}, // '+' arrived as a space
		{"startDate=2026-05-01&endDate=2026-05-01", "2026-05-01", "2026-05-01"},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		r, err := EventDays(q, true)
		if err != nil {
			t.Errorf("%s: %v", tt.query, err)
			continue
		}
		if from, to := r.Bounds(); from.String() != tt.from || to.String() != tt.to {
			t.Errorf("%s: %s..%s, want %s..%s", tt.query, from, to, tt.from, tt.to)
		}
	}
	for query, want := range map[string]string{
		"endDate=2026-06-30":                                          "'startDate' is invalid: it is required",
		"startDate=2026-05-01&endDate=":                               "'endDate' is invalid: it is required",
		"startDate=05/01/2026&endDate=2026-06-30":                     "'startDate' is invalid: \"05/01/2026\" is not a date",
		"startDate=2026-02-30&endDate=2026-06-30":                     "'startDate'",
		"startDate=2026-06-30&endDate=2026-05-01":                     "'endDate' is invalid: it is before startDate",
		"startDate=2026-05-01T00:00:01Z&endDate=2026-05-01T00:00:00Z": "before startDate",
	} {
		q, _ := url.ParseQuery(query)
		_, err := EventDays(q, true)
		wantARM(t, err, http.StatusBadRequest, CodeBadRequest, want)
	}
	// Two instants of one day, the end not before the start, with no midnight between them:
	// no event, and no error (a script polling from its last run's instant until today).
	for _, query := range []string{"startDate=2026-05-01T00:00:01Z&endDate=2026-05-01",
		"startDate=2026-12-05T10:00:00Z&endDate=2026-12-05", "startDate=2026-12-05T00:00:01Z&endDate=2026-12-05T23:59:59Z"} {
		q, _ := url.ParseQuery(query)
		if r, err := EventDays(q, true); err != nil || !r.Empty() {
			t.Errorf("%s: %v, %v; want an empty range", query, r, err)
		}
	}
	if r, err := EventDays(url.Values{}, false); err != nil || r != AllDays {
		t.Errorf("optional dates absent: %v %v", r, err)
	}
}

// TestDays covers the range algebra the filters use.
func TestDays(t *testing.T) {
	d := ledger.MustDate
	r := DaysFrom(d("2026-01-01")).And(DaysTo(d("2026-01-31")))
	if !r.Contains(d("2026-01-01")) || !r.Contains(d("2026-01-31")) || r.Contains(d("2026-02-01")) || r.Empty() {
		t.Errorf("January: %+v", r)
	}
	if !DaysFrom(d("2026-02-01")).And(DaysTo(d("2026-01-31"))).Empty() {
		t.Error("crossed bounds are not empty")
	}
	if !DaysFrom(d("9999-12-31").AddDays(1)).Empty() || !DaysTo(d("0001-01-01").AddDays(-1)).Empty() {
		t.Error("days beyond the calendar are not empty")
	}
	if from, to := AllDays.Bounds(); !from.IsZero() || !to.IsZero() {
		t.Errorf("open range bounds %s %s", from, to)
	}
}
