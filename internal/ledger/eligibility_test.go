package ledger

import (
	"errors"
	"strings"
	"testing"
)

// m10 is the list DOMAIN M10 names, as the migration seeds it: tests build their lists
// explicitly, the code has no copy of its own.
var m10 = NewNotCovered([]string{"Azure support plans", "Canonical", "Citrix XenApp Essentials",
	"Citrix XenDesktop", "Registered User", "OpenLogic", "Remote Access Rights XenApp Essentials Registered User",
	"Ubuntu Advantage", "Visual Studio Enterprise (Monthly)", "Visual Studio Enterprise (Annual)",
	"Visual Studio Professional (Monthly)", "Visual Studio Professional (Annual)"})

func TestEligible(t *testing.T) {
	tests := []struct {
		publisher PublisherType
		product   string
		want      bool
	}{
		{PublisherAzure, "Virtual Machines", true},
		{"", "Storage", true}, // M10: an empty publisher type is Azure
		{PublisherMarketplace, "Contoso Firewall", false},
		{PublisherMarketplace, "Virtual Machines", false}, // Marketplace is never covered, whatever the name
		{PublisherAzure, "Canonical", false},
		{PublisherAzure, "canonical ubuntu pro", false}, // leading words, any case
		{PublisherAzure, "Canonicalizer Service", true}, // not a word boundary
		{PublisherAzure, "Citrix XenApp Essentials", false},
		{PublisherAzure, "Citrix  XenDesktop", false}, // runs of spaces fold
		{PublisherAzure, "Registered User", false},
		{PublisherAzure, "Registered Users Pack", false}, // plural, then more words
		{PublisherAzure, "Registered Userbase", true},    // another word
		{PublisherAzure, "OpenLogic", false},
		{PublisherAzure, "openlogic CentOS", false},
		{PublisherAzure, "Remote Access Rights XenApp Essentials Registered User", false},
		{PublisherAzure, "Remote Access Right XenApp Essential Registered Users", false},
		{PublisherAzure, "Ubuntu Advantage", false},
		{PublisherAzure, "Visual Studio Enterprise (Monthly)", false},
		{PublisherAzure, "visual studio enterprise (annual)", false},
		{PublisherAzure, "Visual Studio Enterprise(Annual)", false}, // spacing around punctuation
		{PublisherAzure, "Visual Studio Professional (Monthly)", false},
		{PublisherAzure, "Visual Studio Professional (Annual)", false},
		{PublisherAzure, "Visual Studio Enterprise", true}, // only the listed subscriptions
		{PublisherAzure, "Visual Studio Enterprise - Monthly", true},
		{PublisherAzure, "Azure Support Plan", false}, // issue 8 item 2: singular
		{PublisherAzure, "azure  SUPPORT plans", false},
		{PublisherAzure, "Azure\tSupport\u00a0Plans", false}, // any white space
		{PublisherAzure, "Azure Support Plan - Developer", false},
		{PublisherAzure, "Azure Support", true}, // a shorter name is not the entry
		{PublisherAzure, "Azure DevOps", true},
		{PublisherAzure, "", true},
		{PublisherAzure, " - ", true},
	}
	for _, tt := range tests {
		if got := Eligible(tt.publisher, tt.product, m10); got != tt.want {
			t.Errorf("M10 Eligible(%q, %q): got %v, want %v", tt.publisher, tt.product, got, tt.want)
		}
	}
}

func TestNotCoveredListIsData(t *testing.T) {
	// M10: an installation edits the list; an entry without words matches nothing.
	custom := NewNotCovered([]string{"Azure DevOps", "", " ( ) "})
	if Eligible(PublisherAzure, "Azure DevOps Basic", custom) {
		t.Error("a product added to the list is still eligible")
	}
	if !Eligible(PublisherAzure, "Canonical", custom) || !Eligible(PublisherAzure, "Storage", custom) {
		t.Error("a product not in an edited list is not eligible")
	}
	if !Eligible(PublisherAzure, "Canonical", NotCovered{}) {
		t.Error("the empty list covers a product")
	}
	names := []string{"B", "A"}
	l := NewNotCovered(names)
	names[0] = "changed"
	got := l.Names()
	got[1] = "changed"
	if l.Names()[0] != "B" || l.Names()[1] != "A" {
		t.Errorf("the list shares its names with callers: %q", l.Names())
	}
}

func TestNotCoveredFind(t *testing.T) {
	tests := []struct {
		name string
		want int // index in m10.Names(), -1 for none
	}{
		{"Azure support plans", 0},
		{"AZURE SUPPORT PLAN", 0},
		{"  azure   support   plans ", 0},
		{"Azure Support Plan - Developer", -1}, // covered, but not the same entry
		{"Visual Studio Enterprise(annual)", 9},
		{"Canonicals", 1},
		{"Canonical Ubuntu", -1},
		{"", -1},
	}
	for _, tt := range tests {
		if got := m10.Find(tt.name); got != tt.want {
			t.Errorf("Find(%q): got %d, want %d", tt.name, got, tt.want)
		}
	}
	// The seeded list has no two entries for the same product.
	for i, n := range m10.Names() {
		if got := m10.Find(n); got != i {
			t.Errorf("M10 entry %q is found at %d, not %d", n, got, i)
		}
	}
}

func TestCleanProductName(t *testing.T) {
	tests := []struct {
		in, want, problem string
	}{
		{"  Azure   DevOps\t", "Azure DevOps", ""},
		{"Visual Studio (Annual)", "Visual Studio (Annual)", ""},
		{"Ünïcode Ltd", "Ünïcode Ltd", ""},
		{"", "", KeyNameRequired},
		{" \t\n", "", KeyNameRequired},
		{"- ( )", "", KeyNameLetter},
		{"Bad\x00Name", "", KeyNameControl},
		{"Bad\xffName", "", KeyNameUTF8},
		{strings.Repeat("é", MaxProductName), strings.Repeat("é", MaxProductName), ""},
		{strings.Repeat("a", MaxProductName+1), "", KeyNameLong},
	}
	for _, tt := range tests {
		got, err := CleanProductName(tt.in)
		if tt.problem == "" {
			if err != nil || got != tt.want {
				t.Errorf("CleanProductName(%q): got %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != "name" || ie.Message.Key != tt.problem || !errors.Is(err, ErrInvalid) {
			t.Errorf("CleanProductName(%q): got %q, %v; want a problem with name saying %q", tt.in, got, err, tt.problem)
		}
	}
}

func TestSingular(t *testing.T) {
	for _, pair := range [][2]string{
		{"plan", "plans"}, {"box", "boxes"}, {"class", "classes"}, {"policy", "policies"},
		{"day", "days"}, {"essential", "essentials"}, {"right", "rights"}, {"license", "licenses"},
		{"access", "accesses"}, {"bus", "buses"}, {"status", "statuses"}, {"branch", "branches"},
		{"vm", "vms"}, {"user", "users"}, {"enterprise", "enterprises"},
	} {
		if a, b := singular(pair[0]), singular(pair[1]); a != b {
			t.Errorf("singular(%q) = %q, singular(%q) = %q: want one form", pair[0], a, pair[1], b)
		}
	}
	for _, pair := range [][2]string{{"access", "acces"}, {"canonical", "canonicalizer"}, {"user", "userbase"}} {
		if singular(pair[0]) == singular(pair[1]) {
			t.Errorf("%q and %q meet: they are different words", pair[0], pair[1])
		}
	}
}
