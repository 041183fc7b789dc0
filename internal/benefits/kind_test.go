package benefits

import "testing"

// TestKinds covers P3 (monthly vs bulk), P6 (only monthly is reassignable) and P7 (the three
// Azure-credit benefits follow the yearly process but are not "bulk" for P9).
func TestKinds(t *testing.T) {
	tests := []struct {
		kind                                   Kind
		monthly, bulk, yearly, reassign, valid bool
	}{
		{AzureMonthlyCredit, true, false, false, true, true},
		{AzureBulkCredit, false, true, true, false, true},
		{CopilotForSecurity, false, false, true, false, true},
		{GitHubCopilotEnterprise, false, false, true, false, true},
		{GitHubEnterpriseMetered, false, false, true, false, true},
		{"AzureMonthly", false, false, false, false, false},
		{"", false, false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			got := [5]bool{tt.kind.Monthly(), tt.kind.Bulk(), tt.kind.Yearly(), tt.kind.Reassignable(), tt.kind.Valid()}
			want := [5]bool{tt.monthly, tt.bulk, tt.yearly, tt.reassign, tt.valid}
			if got != want {
				t.Errorf("monthly, bulk, yearly, reassignable, valid = %v, want %v", got, want)
			}
		})
	}
}

func TestParseKind(t *testing.T) {
	labels := map[string]bool{}
	for _, k := range Kinds() {
		got, err := ParseKind(string(k))
		if err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, err)
		}
		if l := k.Label(); l == string(k) || labels[l] {
			t.Errorf("Label(%q) = %q: not a distinct human label", k, l)
		}
		labels[k.Label()] = true
	}
	for _, s := range []string{"", "azuremonthlycredit", "AzureBulkCredit ", "Bulk"} {
		_, err := ParseKind(s)
		checkRule(t, err, RuleInput, FieldKind)
	}
}
