package benefits

import (
	"slices"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// Kind is the type of a partner benefit (P3, P7). Its string value is the one used in scenario
// files, the database and URLs.
type Kind string

// The benefit kinds. The last three are paid through Azure credits and follow the bulk
// (yearly) redemption process (P7).
const (
	AzureMonthlyCredit      Kind = "AzureMonthlyCredit"
	AzureBulkCredit         Kind = "AzureBulkCredit"
	CopilotForSecurity      Kind = "CopilotForSecurity"
	GitHubCopilotEnterprise Kind = "GitHubCopilotEnterprise"
	GitHubEnterpriseMetered Kind = "GitHubEnterpriseMetered"
)

// Kinds returns every kind, in the order the page lists them.
func Kinds() []Kind {
	return []Kind{AzureMonthlyCredit, AzureBulkCredit, CopilotForSecurity,
		GitHubCopilotEnterprise, GitHubEnterpriseMetered}
}

// ParseKind reads a kind as written in a scenario file or a URL; the match is exact.
func ParseKind(s string) (Kind, error) {
	k := Kind(s)
	if !k.Valid() {
		return "", refuse(RuleInput, FieldKind, KeyBadKind, fault.Clip(s))
	}
	return k, nil
}

// Valid reports whether k is one of the five kinds.
func (k Kind) Valid() bool { return slices.Contains(Kinds(), k) }

// Monthly reports whether k grants an amount each month (P3): the only kind that can be
// reassigned (P6) and whose validity runs 13 months from activation (P11).
func (k Kind) Monthly() bool { return k == AzureMonthlyCredit }

// Bulk reports whether k is the Azure bulk (yearly) credit. Only this kind counts for P9
// ("never more than one bulk credit") and for the Bulk quick filter: the P7 benefits share
// its redemption process but are different products, so holding one of them alongside a bulk
// credit is allowed.
func (k Kind) Bulk() bool { return k == AzureBulkCredit }

// Yearly reports whether k is granted once per membership year: the bulk credit and the three
// P7 benefits. None of them can be reassigned; a new user comes only with renewal (P6, P7).
func (k Kind) Yearly() bool { return k.Valid() && !k.Monthly() }

// Reassignable reports whether a user can be removed or replaced on a benefit of kind k (P6).
func (k Kind) Reassignable() bool { return k.Monthly() }

// Label is the name shown on the page.
func (k Kind) Label() string {
	switch k {
	case AzureMonthlyCredit:
		return "Azure monthly credit"
	case AzureBulkCredit:
		return "Azure bulk (yearly) credit"
	case CopilotForSecurity:
		return "Copilot for Security"
	case GitHubCopilotEnterprise:
		return "GitHub Copilot Enterprise"
	case GitHubEnterpriseMetered:
		return "GitHub Enterprise Metered"
	}
	return string(k)
}

// aNoun names one benefit of kind k in a sentence, with its article: "an Azure monthly
// credit", "a GitHub Copilot Enterprise benefit".
func (k Kind) aNoun() string {
	n := k.Label()
	if !strings.Contains(n, "credit") {
		n += " benefit"
	}
	if strings.ContainsRune("AEIOU", rune(n[0])) {
		return "an " + n
	}
	return "a " + n
}
