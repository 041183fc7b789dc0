package access

import "testing"

// TestAgreements (M1, M6): each agreement type's portal label and usual account type.
func TestAgreements(t *testing.T) {
	want := map[Agreement][2]string{
		AgreementMCA:  {"Microsoft Customer Agreement", "Enterprise"},
		AgreementEA:   {"Enterprise Agreement", "Enterprise"},
		AgreementMOSP: {"Microsoft Online Services Program", "Individual"},
		AgreementMPA:  {"Microsoft Partner Agreement", "Partner"},
		"Unknown":     {"Unknown", ""},
	}
	if len(Agreements) != 4 {
		t.Errorf("Agreements = %v", Agreements)
	}
	for a, w := range want {
		if got := [2]string{a.Label(), a.DefaultAccountType()}; got != w {
			t.Errorf("%s: %q, want %q", a, got, w)
		}
	}
}
