package web

import (
	"strings"
	"testing"
)

// TestSafeNext: a post-sign-in destination is kept only when it is a clean path of this site;
// everything a browser could read as another host, or that hides characters a browser drops,
// goes home instead (issue 8, item 10).
func TestSafeNext(t *testing.T) {
	t.Parallel()
	tests := []struct {
		next, want string
	}{
		{"/scopes", "/scopes"},
		{"/accounts/5e98e158-1a2b:6f1e_2019-05-31/profiles/PBFV-AB12-CD3-EF4/credits?lots=2#top", "/accounts/5e98e158-1a2b:6f1e_2019-05-31/profiles/PBFV-AB12-CD3-EF4/credits?lots=2#top"},
		{"/scopes?q=north%20wind", "/scopes?q=north%20wind"},
		{"/%09/evil.example", "/%09/evil.example"}, // still escaped: a path of this site
		{"/", "/"},
		{"", "/"},
		{"//evil.example", "/"},
		{"//evil.example/x", "/"},
		{"/\\evil.example", "/"},
		{"/a\\b", "/"},
		{"/\t/evil.example", "/"},
		{"/\n/evil.example", "/"},
		{"/\r\n/evil.example", "/"},
		{"/\x00", "/"},
		{"/\x7f", "/"},
		{"/ /evil.example", "/"},
		{"/\u00a0/evil.example", "/"},
		{"/\uff0f/evil.example", "/"}, // a fullwidth solidus
		{"https://evil.example", "/"},
		{"javascript:alert(1)", "/"},
		{"http:/evil.example", "/"},
		{"evil.example", "/"},
		{"?next=/", "/"},
		{"/" + strings.Repeat("a", maxNextLength), "/"},
	}
	for _, tt := range tests {
		if got := safeNext(tt.next); got != tt.want {
			t.Errorf("safeNext(%q) = %q, want %q", tt.next, got, tt.want)
		}
	}
}
