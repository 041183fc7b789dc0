package ledger

import (
	"errors"
	"strings"
	"testing"
)

// X2: bad input gets an error naming the field, and M2/M16: one currency per profile.
func TestInputErrors(t *testing.T) {
	p := mustProfile(t, "2026-05")
	usd := newLot("A", "100", "2026-05-01", "2026-12-31")
	eur := usd
	eur.ID, eur.Currency = "E", "EUR"
	issue := func(lots []Lot, cs []Charge, as []Adjustment) error {
		_, err := IssueInvoice(InvoiceInput{Profile: p, Number: "INV-1", Lots: lots, Charges: cs, Adjustments: as})
		return err
	}
	summarize := func(prof Profile, lots []Lot, cs []Charge) error {
		_, err := Summarize(SummaryInput{Profile: prof, Lots: lots, Charges: cs, Now: day("2026-05-20")})
		return err
	}
	eurCharge := usage("c1", "2026-05-10", "10")
	eurCharge.Currency = "EUR"
	gbpRefund := refund("r1", "2026-05-10", "10")
	gbpRefund.Currency = "GBP"
	negative := usage("c1", "2026-05-10", "-1")
	badPublisher := usage("c1", "2026-05-10", "1")
	badPublisher.Publisher = "ThirdParty"
	noID := usage("", "2026-05-10", "1")
	touched := usd
	touched.ClosedBalance = amt("50")
	unknown := usd
	unknown.Source = "Gift"
	open := usd
	open.State = LotOpen
	reversed := newLotUnchecked("R", "10", "2026-06-01", "2026-05-01")
	lateCancel := usd
	lateCancel.CanceledOn = day("2027-01-01")
	undated := usd
	undated.State, undated.ClosedBalance = LotCanceled, amt("0")

	tests := []struct {
		name      string
		err       error
		wantKind  error
		wantField string
	}{
		{"M16 a second currency among lots", issue([]Lot{usd, eur}, nil, nil), ErrCurrency, "lots[1].currency"},
		{"M16 a charge in another currency", issue([]Lot{usd}, []Charge{eurCharge}, nil), ErrCurrency, "charges[0].currency"},
		{"M16 an adjustment in another currency", issue(nil, nil, []Adjustment{gbpRefund}), ErrCurrency, "adjustments[0].currency"},
		{"M11 a lot canceled after it expired", issue([]Lot{lateCancel}, nil, nil), ErrInvalid, "lots[0].canceledOn"},
		{"a canceled lot has its cancellation date", issue([]Lot{undated}, nil, nil), ErrInvalid, "lots[0].canceledOn"},
		{"M16 summary refuses another currency", summarize(p, nil, []Charge{eurCharge}), ErrCurrency, "charges[0].currency"},
		{"negative charge", issue(nil, []Charge{negative}, nil), ErrInvalid, "charges[0].amount"},
		{"charge without id", issue(nil, []Charge{noID}, nil), ErrInvalid, "charges[0].id"},
		{"duplicate charge id", issue(nil, []Charge{usage("c1", "2026-05-10", "1"), usage("c1", "2026-05-11", "1")}, nil),
			ErrInvalid, "charges[1].id"},
		{"adjustment without id", issue(nil, nil, []Adjustment{refund("", "2026-05-10", "1")}), ErrInvalid, "adjustments[0].id"},
		{"duplicate adjustment id", issue(nil, nil, []Adjustment{refund("r", "2026-05-10", "1"), refund("r", "2026-05-10", "2")}),
			ErrInvalid, "adjustments[1].id"},
		{"unknown publisher", issue(nil, []Charge{badPublisher}, nil), ErrInvalid, "charges[0].publisherType"},
		{"M9 charge outside the invoice period", issue(nil, []Charge{usage("c1", "2026-06-01", "1")}, nil), ErrInvalid, "charges[0].date"},
		{"M9 adjustment outside the invoice period", issue(nil, nil, []Adjustment{refund("r1", "2026-04-30", "1")}), ErrInvalid, "adjustments[0].date"},
		{"duplicate lot id", issue([]Lot{usd, usd}, nil, nil), ErrInvalid, "lots[1].id"},
		{"M7 expiration before start", issue([]Lot{reversed}, nil, nil), ErrInvalid, "lots[0].expirationDate"},
		{"M7 unknown source", issue([]Lot{unknown}, nil, nil), ErrInvalid, "lots[0].source"},
		{"M12a a pending lot's balance is its original amount", issue([]Lot{touched}, nil, nil), ErrInvalid, "lots[0].closedBalance"},
		{"M12 summary refuses charges already invoiced", summarize(p, nil, []Charge{usage("c1", "2026-04-30", "1")}), ErrInvalid, "charges[0].date"},
		{"current balance not the sum of open lots", issue([]Lot{open}, nil, nil), ErrInconsistent, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !errors.Is(tt.err, tt.wantKind) {
				t.Fatalf("got %v, want %v", tt.err, tt.wantKind)
			}
			var ie *InputError
			gotField := ""
			if errors.As(tt.err, &ie) {
				gotField = ie.Field
			}
			if gotField != tt.wantField {
				t.Errorf("field: got %q, want %q (%v)", gotField, tt.wantField, tt.err)
			}
			if !strings.Contains(tt.err.Error(), tt.wantField) {
				t.Errorf("message %q does not name %q", tt.err, tt.wantField)
			}
		})
	}
}

func newLotUnchecked(id, amount, start, expiration string) Lot {
	return Lot{ID: id, Source: SourcePurchased, Currency: "USD", OriginalAmount: amt(amount),
		StartDate: day(start), ExpirationDate: day(expiration), State: LotPending, ClosedBalance: amt(amount)}
}

func TestConstructorsValidate(t *testing.T) {
	tests := []struct {
		name      string
		err       error
		wantField string
	}{
		{"M2 invoice day 29 does not exist every month", second(NewProfile("USD", 29, Period{2026, 5})), "profile.invoiceDay"},
		{"M2 invoice day 0", second(NewProfile("USD", 0, Period{2026, 5})), "profile.invoiceDay"},
		{"M2 currency is an ISO code", second(NewProfile("usd", 5, Period{2026, 5})), "profile.currency"},
		{"M2 currency is not digits", second(NewProfile("123", 5, Period{2026, 5})), "profile.currency"},
		{"M2 currency is on the ISO 4217 list", second(NewProfile("ABC", 5, Period{2026, 5})), "profile.currency"},
		{"M2 currency without decimals", second(NewProfile("JPY", 5, Period{2026, 5})), ""},
		{"M2 month in range", second(NewProfile("USD", 5, Period{2026, 13})), "profile.nextPeriod"},
		{"M7 lot needs an id", second(NewLot("", SourcePurchased, "USD", amt("1"), day("2026-01-01"), day("2026-02-01"))), "lot.id"},
		{"M7 negative amount", second(NewLot("L", SourcePurchased, "USD", amt("-1"), day("2026-01-01"), day("2026-02-01"))), "lot.amount"},
		{"M7 lot valid one day", second(NewLot("L", SourceCommitment, "USD", amt("1"), day("2026-01-01"), day("2026-01-01"))), ""},
		{"invoice needs a number", second(IssueInvoice(InvoiceInput{Profile: mustProfile(t, "2026-05")})), "number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotField := ""
			var ie *InputError
			if errors.As(tt.err, &ie) {
				gotField = ie.Field
				if !errors.Is(tt.err, ErrInvalid) {
					t.Errorf("%v does not match ErrInvalid", tt.err)
				}
			} else if tt.err != nil {
				t.Fatalf("got %v, want an *InputError", tt.err)
			}
			if gotField != tt.wantField {
				t.Errorf("field: got %q, want %q (%v)", gotField, tt.wantField, tt.err)
			}
		})
	}
}

func second[T any](_ T, err error) error { return err }
