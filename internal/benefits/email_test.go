package benefits

import (
	"slices"
	"strings"
	"testing"
)

// longEmail returns a syntactically valid address at a subdomain of fabrikam.example with
// exactly n bytes (n from 211 to 273).
func longEmail(n int) string {
	return strings.Repeat("l", 64) + "@" + strings.Repeat("a", 63) + "." + strings.Repeat("b", 63) + "." +
		strings.Repeat("c", n-210) + ".fabrikam.example"
}

// TestValidateEmail covers P10 (free-hosted and company domains) and X2 (syntax, length).
func TestValidateEmail(t *testing.T) {
	extra := Policy{ExtraFreeMailDomains: []string{" CorpMail.example ", "@freebox.example"}}
	tests := []struct {
		name     string
		email    string
		domains  []string
		policy   Policy
		want     string
		wantRule string
	}{
		{"company domain", "raj@fabrikam.example", fabrikam, Policy{}, "raj@fabrikam.example", ""},
		{"normalised", "  Raj.Patel@Fabrikam.EXAMPLE ", fabrikam, Policy{}, "raj.patel@fabrikam.example", ""},
		{"company subdomain", "raj@eu.fabrikam.example", fabrikam, Policy{}, "raj@eu.fabrikam.example", ""},
		{"plus and symbols", "o'neil+credits@fabrikam.example", fabrikam, Policy{}, "o'neil+credits@fabrikam.example", ""},
		{"254 bytes", longEmail(254), fabrikam, Policy{}, longEmail(254), ""},
		{"P10 gmail.com", "raj@gmail.com", nil, Policy{}, "", "P10"},
		{"P10 Gmail.com", "raj@Gmail.com", nil, Policy{}, "", "P10"},
		{"P10 mail.gmail.com", "raj@mail.gmail.com", nil, Policy{}, "", "P10"},
		{"P10 GMAIL.COM", "RAJ@GMAIL.COM", fabrikam, Policy{}, "", "P10"},
		{"P10 live.com", "raj@live.com", nil, Policy{}, "", "P10"},
		{"P10 hotmail.com", "raj@hotmail.com", nil, Policy{}, "", "P10"},
		{"P10 outlook.com", "raj@outlook.com", nil, Policy{}, "", "P10"},
		{"P10 yahoo.com", "raj@yahoo.com", nil, Policy{}, "", "P10"},
		{"P10 free domain listed as company domain", "raj@gmail.com", []string{"gmail.com"}, Policy{}, "", "P10"},
		{"P10 installation list", "raj@corpmail.example", nil, extra, "", "P10"},
		{"P10 installation list with @", "raj@x.freebox.example", nil, extra, "", "P10"},
		{"P10 installation list not applied by default", "raj@corpmail.example", nil, Policy{}, "raj@corpmail.example", ""},
		{"label boundary: notgmail.com is not gmail.com", "raj@notgmail.com", nil, Policy{}, "raj@notgmail.com", ""},
		{"P10 other company", "raj@contoso.example", fabrikam, Policy{}, "", "P10"},
		{"P10 look-alike suffix", "raj@evilfabrikam.example", fabrikam, Policy{}, "", "P10"},
		{"P10 company domain as prefix", "raj@fabrikam.example.evil.example", fabrikam, Policy{}, "", "P10"},
		{"second company domain", "raj@fabrikam.test", []string{"fabrikam.example", "Fabrikam.TEST"}, Policy{}, "raj@fabrikam.test", ""},
		{"X2 empty", "", fabrikam, Policy{}, "", RuleInput},
		{"X2 blank", "   ", fabrikam, Policy{}, "", RuleInput},
		{"X2 no at", "raj", fabrikam, Policy{}, "", RuleInput},
		{"X2 no domain", "raj@", fabrikam, Policy{}, "", RuleInput},
		{"X2 no local part", "@fabrikam.example", fabrikam, Policy{}, "", RuleInput},
		{"X2 two ats", "raj@@fabrikam.example", fabrikam, Policy{}, "", RuleInput},
		{"X2 single-label domain", "raj@fabrikam", nil, Policy{}, "", RuleInput},
		{"X2 space", "ra j@fabrikam.example", fabrikam, Policy{}, "", RuleInput},
		{"X2 double dot", "raj..p@fabrikam.example", fabrikam, Policy{}, "", RuleInput},
		{"X2 leading dot", ".raj@fabrikam.example", fabrikam, Policy{}, "", RuleInput},
		{"X2 hyphen label", "raj@-fabrikam.example", fabrikam, Policy{}, "", RuleInput},
		{"X2 numeric top-level", "raj@10.0.0.1", nil, Policy{}, "", RuleInput},
		{"X2 display-name form", "Raj <raj@fabrikam.example>", fabrikam, Policy{}, "", RuleInput},
		{"X2 non-ASCII domain", "raj@fabrikäm.example", nil, Policy{}, "", RuleInput},
		{"X2 65-byte local part", strings.Repeat("r", 65) + "@fabrikam.example", fabrikam, Policy{}, "", RuleInput},
		{"X2 255 bytes", longEmail(255), fabrikam, Policy{}, "", RuleInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ValidateEmail(tt.email, tt.domains, tt.policy)
			checkRule(t, err, tt.wantRule, FieldEmail)
			if got != tt.want {
				t.Errorf("email = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNewUser: the Add a new user form (P4) reports every bad field at once (X2, P10).
func TestNewUser(t *testing.T) {
	tests := []struct {
		name, userName, email string
		want                  User
		wantFields            []string
	}{
		{"valid", "  Ana Ruiz ", "Ana@Fabrikam.example", User{"Ana Ruiz", "ana@fabrikam.example"}, nil},
		{"100 characters", strings.Repeat("é", 100), "ana@fabrikam.example",
			User{strings.Repeat("é", 100), "ana@fabrikam.example"}, nil},
		{"X2 101 characters", strings.Repeat("é", 101), "ana@fabrikam.example", User{}, []string{FieldName}},
		{"X2 empty name", "", "ana@fabrikam.example", User{}, []string{FieldName}},
		{"X2 blank name", " \t ", "ana@fabrikam.example", User{}, []string{FieldName}},
		{"X2 control character", "Ana\x00Ruiz", "ana@fabrikam.example", User{}, []string{FieldName}},
		{"X2 invalid UTF-8", "Ana\xff", "ana@fabrikam.example", User{}, []string{FieldName}},
		{"X2 empty email", "Ana Ruiz", "", User{}, []string{FieldEmail}},
		{"P10 free mail", "Ana Ruiz", "ana@hotmail.com", User{}, []string{FieldEmail}},
		{"both fields", "", "ana@gmail.com", User{}, []string{FieldName, FieldEmail}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewUser(tt.userName, tt.email, fabrikam, Policy{})
			if got != tt.want {
				t.Errorf("user = %+v, want %+v", got, tt.want)
			}
			var fields []string
			for _, e := range RuleErrors(err) {
				fields = append(fields, e.Field)
			}
			if !slices.Equal(fields, tt.wantFields) {
				t.Errorf("fields = %v, want %v (err %v)", fields, tt.wantFields, err)
			}
		})
	}
}

// TestPolicy: the installation list is added to the defaults, never replaces them (P10).
func TestPolicy(t *testing.T) {
	p := Policy{ExtraFreeMailDomains: []string{"GMAIL.com", "corpmail.example", "", ".freebox.example"}}
	got := p.FreeMailDomains()
	for _, d := range []string{"gmail.com", "hotmail.com", "live.com", "corpmail.example", "freebox.example"} {
		if !slices.Contains(got, d) {
			t.Errorf("FreeMailDomains lacks %s", d)
		}
	}
	if n := len(got); n != len(DefaultFreeMailDomains())+2 {
		t.Errorf("len = %d, want defaults + 2 (duplicates and blanks dropped)", n)
	}
	d := DefaultFreeMailDomains()
	d[0] = "changed.example"
	if DefaultFreeMailDomains()[0] == "changed.example" {
		t.Error("DefaultFreeMailDomains shares its slice between callers")
	}
	if err := (Policy{ExtraFreeMailDomains: []string{"corp.example", "@x.example"}}).Validate(); err != nil {
		t.Errorf("Validate = %v, want nil", err)
	}
	err := Policy{ExtraFreeMailDomains: []string{"ok.example", "not a domain", "nodot"}}.Validate()
	if n := len(RuleErrors(err)); n != 2 {
		t.Errorf("Validate found %d errors, want 2: %v", n, err)
	}
}
