package arm

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// CreditInput is what the credit summary of a billing profile shows (C1, contract §5).
type CreditInput struct {
	Account, Profile string // ARM names
	Currency         string
	Summary          ledger.Summary
	Month            time.Month // the current month, for exchangeRateMonth
}

// creditSummary is the CreditSummary resource. Both etag (read by SDK v1.2.0) and eTag (later
// revisions, the live service) are sent, null as the live service sends them (contract §9.4).
type creditSummary struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Type       string  `json:"type"`
	Etag       *string `json:"etag"`
	ETag       *string `json:"eTag"`
	Properties any     `json:"properties"`
}

type balance2019 struct {
	EstimatedBalance Amount `json:"estimatedBalance"`
	CurrentBalance   Amount `json:"currentBalance"`
}

type balance2021 struct {
	balance2019
	EstimatedBalanceInBillingCurrency *AmountWithExchangeRate `json:"estimatedBalanceInBillingCurrency"`
}

type creditProps2019 struct {
	BalanceSummary           balance2019 `json:"balanceSummary"`
	PendingCreditAdjustments Amount      `json:"pendingCreditAdjustments"`
	ExpiredCredit            Amount      `json:"expiredCredit"`
	PendingEligibleCharges   Amount      `json:"pendingEligibleCharges"`
}

type creditProps2021 struct {
	creditProps2019
	BalanceSummary  balance2021 `json:"balanceSummary"` // shadows the 2019 one
	CreditCurrency  string      `json:"creditCurrency"`
	BillingCurrency string      `json:"billingCurrency"`
	Reseller        *Reseller   `json:"reseller"`
	ETag            *string     `json:"eTag"`
}

// CreditSummaryType is the resource type of a credit summary.
const CreditSummaryType = "Microsoft.Consumption/credits/balanceSummary"

// CreditSummary shapes the balance section (M12) for an api-version: the reduced set for
// 2019-10-01, the full set for 2021-10-01 and newer. The identity estimatedBalance =
// currentBalance + pendingCreditAdjustments + pendingEligibleCharges - expiredCredit holds, with
// pendingEligibleCharges negative as the live service sends it.
func CreditSummary(shape Shape, in CreditInput) any {
	profileID := ProfileID(in.Account, in.Profile)
	name := NameGUID("balanceSummary", profileID)
	s, cur := in.Summary, in.Currency
	p := creditProps2019{
		BalanceSummary:           balance2019{EstimatedBalance: Amount{cur, s.EstimatedBalance}, CurrentBalance: Amount{cur, s.CurrentBalance}},
		PendingCreditAdjustments: Amount{cur, s.PendingCreditAdjustments},
		ExpiredCredit:            Amount{cur, s.ExpiredCredit},
		PendingEligibleCharges:   Amount{cur, s.PendingEligibleCharges},
	}
	out := creditSummary{ID: ConsumptionID(profileID, "credits/balanceSummary", name), Name: name, Type: CreditSummaryType, Properties: p}
	if shape == Consumption2021 {
		out.Properties = creditProps2021{creditProps2019: p, CreditCurrency: cur, BillingCurrency: cur,
			BalanceSummary: balance2021{balance2019: p.BalanceSummary,
				EstimatedBalanceInBillingCurrency: inBilling(cur, s.EstimatedBalance, in.Month)}}
	}
	return out
}

// HasNoCredit reports whether a profile never had credit: 2021-10-01 then answers 204 with no
// body, which the SDK turns into an empty summary (contract §5). pending: the profile has
// pending events (s need not hold them).
func HasNoCredit(s ledger.Summary, pending bool, settledEvents int64) bool {
	return settledEvents == 0 && len(s.Lots) == 0 && !pending && s.CurrentBalance.IsZero() &&
		s.EstimatedBalance.IsZero() && s.PendingCreditAdjustments.IsZero() && s.ExpiredCredit.IsZero()
}
