package arm

import (
	"net/url"
	"slices"
	"strings"
)

// Shape is the set of fields a response carries, chosen by api-version (contract §9).
type Shape int

// The shapes CreditDesk serves.
const (
	BillingPreview  Shape = iota + 1 // billing 2019-10-01-preview: the how-to; expanded profiles as an array
	Billing2020                      // billing 2020-05-01: armbilling v0.x; {hasMoreResults, value}
	Billing2024                      // billing 2024-04-01: armbilling v1.0.0; no expanded profiles
	Consumption2019                  // consumption 2019-10-01: the how-to's reduced field set
	Consumption2021                  // consumption 2021-05-01 and newer: the SDK's full field set (2021-10-01)
)

// The api-versions each family serves, for routing and for the InvalidApiVersionParameter message.
var (
	BillingVersions = []string{"2019-10-01-preview", "2020-05-01", "2024-04-01"}
	// 2021-05-01 is the version of Microsoft's MACC tracking how-to (lots and events of a
	// billing account); its credits, lots and events have the 2021-10-01 fields.
	ConsumptionVersions = []string{"2019-10-01", "2021-05-01", "2021-10-01", "2022-06-01", "2023-03-01", "2023-05-01",
		"2023-11-01", "2024-08-01"}
)

// APIVersion returns the request's api-version: the first value, so that the how-to's events URL
// with a second, malformed "?api-version=" still works (contract §1.3).
func APIVersion(q url.Values) (string, error) {
	v, ok := Param(q, "api-version")
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		return "", MissingAPIVersion()
	}
	return v, nil
}

// BillingShape routes a Microsoft.Billing api-version.
func BillingShape(version string) (Shape, error) {
	switch strings.ToLower(version) {
	case "2019-10-01-preview":
		return BillingPreview, nil
	case "2020-05-01":
		return Billing2020, nil
	case "2024-04-01":
		return Billing2024, nil
	}
	return 0, InvalidAPIVersion(version, BillingVersions)
}

// ConsumptionShape routes a Microsoft.Consumption api-version. The billing-account scope (lots
// and events, L2 and E2) exists from 2021-05-01 only (contract §2, and the MACC how-to); every
// version from 2021-05-01 has the 2021-10-01 shapes.
func ConsumptionShape(version string, accountScope bool) (Shape, error) {
	v := strings.ToLower(version)
	supported := ConsumptionVersions
	if accountScope {
		supported = ConsumptionVersions[1:]
	}
	if !slices.Contains(supported, v) {
		return 0, InvalidAPIVersion(version, supported)
	}
	if v == ConsumptionVersions[0] {
		return Consumption2019, nil
	}
	return Consumption2021, nil
}

// Param returns the first value of a query parameter, matching its name case-insensitively as
// ARM does; an exact match wins.
func Param(q url.Values, name string) (string, bool) {
	if vs, ok := q[name]; ok && len(vs) > 0 {
		return vs[0], true
	}
	for k, vs := range q {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0], true
		}
	}
	return "", false
}

// Expand returns the lower-cased items of $expand, or of expand without the $ as armbilling
// v1.0.0 sends it (contract §1.3): "billingProfiles", "billingProfiles/invoiceSections", ...
func Expand(q url.Values) map[string]bool {
	v, ok := Param(q, "$expand")
	if !ok {
		v, _ = Param(q, "expand")
	}
	out := map[string]bool{}
	for _, item := range strings.Split(v, ",") {
		if item = strings.ToLower(strings.TrimSpace(item)); item != "" {
			out[item] = true
		}
	}
	return out
}
