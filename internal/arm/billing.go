package arm

import "strings"

// AccountInput is a billing account as the billing endpoints show it (B1, B2; contract §3).
type AccountInput struct {
	Name, DisplayName, AgreementType, AccountType, Status string
	HasReadAccess                                         bool           // the caller holds a role on the account itself
	Profiles                                              []ProfileInput // the profiles the caller reaches, for $expand
}

// ProfileInput is a billing profile as the billing endpoints show it (B3, B4; contract §4).
type ProfileInput struct {
	Account, Name, DisplayName, Currency, PONumber, Status string
	InvoiceDay                                             int
}

// The resource types of the billing endpoints.
const (
	AccountType = "Microsoft.Billing/billingAccounts"
	ProfileType = "Microsoft.Billing/billingAccounts/billingProfiles"
)

type resource struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	Type       string `json:"type"`
	Properties any    `json:"properties"`
}

type accountProps struct {
	DisplayName          string `json:"displayName"`
	AgreementType        string `json:"agreementType"`
	AccountType          string `json:"accountType"`
	CustomerType         string `json:"customerType,omitempty"` // 2019-10-01-preview: one revision's name for accountType
	AccountStatus        string `json:"accountStatus"`
	AccountID            string `json:"accountId,omitempty"` // 2019-10-01-preview, as returned live
	HasReadAccess        bool   `json:"hasReadAccess"`
	HasNoBillingProfiles *bool  `json:"hasNoBillingProfiles,omitempty"` // 2024-04-01
	BillingProfiles      any    `json:"billingProfiles,omitempty"`
}

// onExpand is the 2020-05-01 form of an expanded list: at most 50 inline, hasMoreResults when
// the client must call the list endpoint for the rest.
type onExpand struct {
	HasMoreResults bool  `json:"hasMoreResults"`
	Value          []any `json:"value"`
}

// notExpanded is what 2020-05-01 sends for billingProfiles without $expand.
type notExpanded struct {
	HasMoreResults bool `json:"hasMoreResults"`
}

// maxInline is how many profiles 2020-05-01 puts inline under an account.
const maxInline = 50

// Account shapes a billing account for an api-version and $expand (contract §3.2): the expanded
// billing profiles are a bare array in 2019-10-01-preview, {hasMoreResults, value} in 2020-05-01
// (and {hasMoreResults: false} without $expand, as the live service sends), absent in 2024-04-01.
func Account(shape Shape, a AccountInput, expand map[string]bool) any {
	p := accountProps{DisplayName: a.DisplayName, AgreementType: a.AgreementType, AccountType: a.AccountType,
		AccountStatus: a.Status, HasReadAccess: a.HasReadAccess}
	withProfiles := expand["billingprofiles"] || expand["billingprofiles/invoicesections"]
	sub := map[string]bool{"invoicesections": expand["billingprofiles/invoicesections"]}
	var profiles []any
	for _, bp := range a.Profiles {
		profiles = append(profiles, Profile(shape, bp, sub))
	}
	switch shape {
	case BillingPreview:
		p.CustomerType = a.AccountType
		p.AccountID, _, _ = strings.Cut(a.Name, ":")
		if withProfiles {
			p.BillingProfiles = nonNil(profiles)
		}
	case Billing2020:
		more := len(profiles) > maxInline
		if !withProfiles {
			p.BillingProfiles = notExpanded{}
		} else if more {
			p.BillingProfiles = onExpand{HasMoreResults: true, Value: profiles[:maxInline]}
		} else {
			p.BillingProfiles = onExpand{Value: nonNil(profiles)}
		}
	case Billing2024:
		none := len(a.Profiles) == 0
		p.HasNoBillingProfiles = &none
	}
	return resource{ID: AccountID(a.Name), Name: a.Name, Type: AccountType, Properties: p}
}

type profileProps struct {
	DisplayName     string `json:"displayName"`
	Currency        string `json:"currency"`
	InvoiceDay      int    `json:"invoiceDay"`
	PONumber        string `json:"poNumber"`
	HasReadAccess   bool   `json:"hasReadAccess"`
	SystemID        string `json:"systemId,omitempty"` // 2020-05-01 and newer
	Status          string `json:"status"`
	InvoiceSections any    `json:"invoiceSections,omitempty"`
}

// Profile shapes a billing profile. Every profile shown is one the caller reaches, hence
// hasReadAccess. CreditDesk keeps no invoice sections: $expand=invoiceSections gives an empty
// array (2019-10-01-preview) or {hasMoreResults: false, value: []} (2020-05-01).
func Profile(shape Shape, bp ProfileInput, expand map[string]bool) any {
	p := profileProps{DisplayName: bp.DisplayName, Currency: bp.Currency, InvoiceDay: bp.InvoiceDay,
		PONumber: bp.PONumber, HasReadAccess: true, Status: bp.Status}
	if shape != BillingPreview {
		p.SystemID = bp.Name
	}
	if expand["invoicesections"] {
		switch shape {
		case BillingPreview:
			p.InvoiceSections = []any{}
		case Billing2020:
			p.InvoiceSections = onExpand{Value: []any{}}
		}
	}
	return resource{ID: ProfileID(bp.Account, bp.Name), Name: bp.Name, Type: ProfileType, Properties: p}
}

func nonNil(items []any) []any {
	if items == nil {
		return []any{}
	}
	return items
}
