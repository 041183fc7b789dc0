package ledger

import "testing"

func TestEligible(t *testing.T) {
	list := DefaultNotCovered()
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
		{PublisherAzure, "Registered Users Pack", true},
		{PublisherAzure, "OpenLogic", false},
		{PublisherAzure, "openlogic CentOS", false},
		{PublisherAzure, "Remote Access Rights XenApp Essentials Registered User", false},
		{PublisherAzure, "Ubuntu Advantage", false},
		{PublisherAzure, "Visual Studio Enterprise (Monthly)", false},
		{PublisherAzure, "visual studio enterprise (annual)", false},
		{PublisherAzure, "Visual Studio Professional (Monthly)", false},
		{PublisherAzure, "Visual Studio Professional (Annual)", false},
		{PublisherAzure, "Visual Studio Enterprise", true}, // only the listed subscriptions
		{PublisherAzure, "Azure Support Plan - Developer", false},
		{PublisherAzure, "Azure Support Plans", false},
		{PublisherAzure, "Azure DevOps", true},
		{PublisherAzure, "", true},
	}
	for _, tt := range tests {
		if got := Eligible(tt.publisher, tt.product, list); got != tt.want {
			t.Errorf("M10 Eligible(%q, %q): got %v, want %v", tt.publisher, tt.product, got, tt.want)
		}
	}
}

func TestEligibleListIsData(t *testing.T) {
	// M10: an installation edits the list; an empty entry matches nothing.
	custom := []string{"Azure DevOps", ""}
	if Eligible(PublisherAzure, "Azure DevOps Basic", custom) {
		t.Error("a product added to the list is still eligible")
	}
	if !Eligible(PublisherAzure, "Canonical", custom) {
		t.Error("a product not in an edited list is not eligible")
	}
	a, b := DefaultNotCovered(), DefaultNotCovered()
	a[0] = "changed"
	if b[0] == "changed" {
		t.Error("DefaultNotCovered shares its slice between callers")
	}
}
