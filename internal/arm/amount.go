package arm

import (
	"encoding/json"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Amount is the consumption amount object (contract §1.5). Value is written as a JSON number
// with the exact decimal digits of the ledger (M16), never a string and never via a float.
type Amount struct {
	Currency string       `json:"currency"`
	Value    money.Amount `json:"value"`
}

// AmountWithExchangeRate is an amount in the billing currency (2021-10-01 and newer).
// exchangeRateMonth is an integer literal, as the SDK requires (contract §9.11).
type AmountWithExchangeRate struct {
	Currency          string       `json:"currency"`
	Value             money.Amount `json:"value"`
	ExchangeRate      json.Number  `json:"exchangeRate"`
	ExchangeRateMonth int          `json:"exchangeRateMonth"`
}

// Reseller is the reseller object; CreditDesk tracks direct customers only, so it is always null.
type Reseller struct {
	ResellerID          string `json:"resellerId"`
	ResellerDescription string `json:"resellerDescription"`
}

// inBilling is an amount converted to the billing currency. A profile's credit is in its own
// billing currency (M2, M16), so the rate is exactly 1.
func inBilling(currency string, v money.Amount, month time.Month) *AmountWithExchangeRate {
	return &AmountWithExchangeRate{Currency: currency, Value: v, ExchangeRate: "1", ExchangeRateMonth: int(month)}
}

// The RFC 3339 forms of ledger days (contract §1.8): the day's start, and its last second for
// expiration dates, since a lot is usable to the end of that day (M11).
const (
	startOfDay = "T00:00:00.0000000Z"
	endOfDay   = "T23:59:59.0000000Z"
)

// StartOf is the instant a day begins, as the API writes it.
func StartOf(d ledger.Date) string { return d.String() + startOfDay }

// EndOf is the last second of a day, as the API writes expiration dates.
func EndOf(d ledger.Date) string { return d.String() + endOfDay }

// optionalStart is StartOf, or null for the zero date.
func optionalStart(d ledger.Date) *string {
	if d.IsZero() {
		return nil
	}
	s := StartOf(d)
	return &s
}

// List is every list response: {"value": [...], "nextLink": "<absolute URL>" | null}.
type List struct {
	Value    []any   `json:"value"`
	NextLink *string `json:"nextLink"`
}

// NewList returns a list; next "" ends paging (null nextLink).
func NewList(items []any, next string) List {
	l := List{Value: items}
	if l.Value == nil {
		l.Value = []any{}
	}
	if next != "" {
		l.NextLink = &next
	}
	return l
}
