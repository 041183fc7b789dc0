package arm

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// LotInput is one credit lot as the lots endpoints show it (L1, L2; contract §6).
type LotInput struct {
	ScopeID    string // the id of the scope the request names: a profile or an account
	Name       string
	Source     string
	Currency   string
	PONumber   string
	Original   money.Amount
	Closed     money.Amount // balance as of the last invoice (M12a)
	Start      ledger.Date
	Expiration ledger.Date
	Purchased  ledger.Date      // zero when unknown
	Status     ledger.APIStatus // (M8)
	Month      time.Month       // the current month, for the closed balance's exchangeRateMonth
}

// LotType is the resource type of a lot.
const LotType = "Microsoft.Consumption/lots"

type proxyResource struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Type       string  `json:"type"`
	ETag       *string `json:"eTag"`
	Properties any     `json:"properties"`
}

type lot2019 struct {
	OriginalAmount Amount `json:"originalAmount"`
	ClosedBalance  Amount `json:"closedBalance"`
	Source         string `json:"source"`
	StartDate      string `json:"startDate"`
	ExpirationDate string `json:"expirationDate"`
	PONumber       string `json:"poNumber"`
}

type lot2021 struct {
	lot2019
	PurchasedDate                   *string                 `json:"purchasedDate"`
	Status                          ledger.APIStatus        `json:"status"`
	CreditCurrency                  string                  `json:"creditCurrency"`
	BillingCurrency                 string                  `json:"billingCurrency"`
	OriginalAmountInBillingCurrency *AmountWithExchangeRate `json:"originalAmountInBillingCurrency"`
	ClosedBalanceInBillingCurrency  *AmountWithExchangeRate `json:"closedBalanceInBillingCurrency"`
	Reseller                        *Reseller               `json:"reseller"`
	ETag                            *string                 `json:"eTag"`
}

// Lot shapes a lot for an api-version: 2019-10-01 has no purchase date, status, currencies or
// billing-currency amounts; 2021-10-01 and newer have them all.
func Lot(shape Shape, in LotInput) any {
	cur := in.Currency
	p := lot2019{OriginalAmount: Amount{cur, in.Original}, ClosedBalance: Amount{cur, in.Closed}, Source: in.Source,
		StartDate: StartOf(in.Start), ExpirationDate: EndOf(in.Expiration), PONumber: in.PONumber}
	out := proxyResource{ID: ConsumptionID(in.ScopeID, "lots", in.Name), Name: in.Name, Type: LotType, Properties: p}
	if shape == Consumption2021 {
		_, startMonth, _ := in.Start.Civil()
		out.Properties = lot2021{lot2019: p, PurchasedDate: optionalStart(in.Purchased), Status: in.Status,
			CreditCurrency: cur, BillingCurrency: cur,
			OriginalAmountInBillingCurrency: inBilling(cur, in.Original, startMonth),
			ClosedBalanceInBillingCurrency:  inBilling(cur, in.Closed, in.Month)}
	}
	return out
}
