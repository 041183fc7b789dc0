package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func doc(t *testing.T, body string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// rowNames lists the display names of the picker's rows.
func rowNames(d *goquery.Document) []string {
	var names []string
	d.Find(`[data-testid="scope-row"] td:first-child a`).Each(func(_ int, s *goquery.Selection) {
		names = append(names, s.Text())
	})
	return names
}

// TestPickerListsOnlyScopesWithARole: M3, M5: the account reader sees both accounts it reads and
// the two profiles of the MCA one; the profile reader sees one profile, never its account.
func TestPickerListsOnlyScopesWithARole(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	tests := []struct {
		email string
		want  string
	}{
		{"account.reader@northwind.example", "Fabrikam Enrollment,Northwind Traders,Engineering,Marketing"},
		{"profile.reader@northwind.example", "Engineering"},
		{"outsider@elsewhere.example", "Fabrikam Enrollment"},
	}
	for _, tt := range tests {
		c := h.signedIn(t, tt.email)
		_, body := c.get("/scopes")
		if got := strings.Join(rowNames(doc(t, body)), ","); got != tt.want {
			t.Errorf("%s sees %q, want %q", tt.email, got, tt.want)
		}
	}
}

// TestPickerSearchFragmentAndURL: the same search works as a full page (by URL) and as an htmx
// fragment; the answer varies on HX-Request.
func TestPickerSearchFragmentAndURL(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, "account.reader@northwind.example")
	resp, page := c.get("/scopes?q=market")
	if got := strings.Join(rowNames(doc(t, page)), ","); got != "Marketing" {
		t.Errorf("page search: %q", got)
	}
	if !strings.Contains(page, "<html") || !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "HX-Request") {
		t.Error("the search page is not a whole document varying on HX-Request")
	}
	_, frag := c.do("GET", "/scopes?q=ENGIN", nil, map[string]string{"HX-Request": "true"})
	if strings.Contains(frag, "<html") || strings.Join(rowNames(doc(t, frag)), ",") != "Engineering" {
		t.Errorf("fragment search returned %.200s", frag)
	}
	_, boosted := c.do("GET", "/scopes?q=ENGIN", nil, map[string]string{"HX-Request": "true", "HX-Boosted": "true"})
	if !strings.Contains(boosted, "<html") {
		t.Error("a boosted request got a fragment instead of the page")
	}
	if resp, body := c.get("/scopes?q=market%07"); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(body, "without control characters") {
		t.Errorf("X2: a search with a control character: %d", resp.StatusCode)
	}
	_, none := c.get("/scopes?q=zzz")
	if !strings.Contains(none, "No billing scope matches") {
		t.Error("no empty state for a search without results")
	}
	if resp, _ := c.get("/scopes?q=" + strings.Repeat("x", 201)); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("an over-long search: status %d, want 400", resp.StatusCode)
	}
}

// TestHomeGoesToRememberedOrSingleScope: M5: a single scope skips the picker; the last scope
// opened is where the next sign-in lands.
func TestHomeGoesToRememberedOrSingleScope(t *testing.T) {
	t.Parallel()
	h, single := rolesAs(t, "profile.reader@northwind.example")
	if resp, _ := single.get("/"); resp.Header.Get("Location") != profilePath {
		t.Errorf("single profile: home redirects to %q, want %q", resp.Header.Get("Location"), profilePath)
	}
	owner := h.signedIn(t, "account.owner@northwind.example")
	if resp, _ := owner.get("/"); resp.Header.Get("Location") != accountPath {
		t.Errorf("single account (with its profiles): home redirects to %q, want %q", resp.Header.Get("Location"), accountPath)
	}
	c := h.signedIn(t, "account.reader@northwind.example")
	if resp, _ := c.get("/"); resp.Header.Get("Location") != "/scopes" {
		t.Errorf("several scopes, none remembered: home redirects to %q", resp.Header.Get("Location"))
	}
	c.get(profilePath)
	again := h.signedIn(t, "account.reader@northwind.example")
	if resp, _ := again.get("/"); resp.Header.Get("Location") != profilePath {
		t.Errorf("remembered scope: home redirects to %q, want %q", resp.Header.Get("Location"), profilePath)
	}
}

// TestAccountPropertiesAndNonMCA: M6: properties show the agreement type; a non-MCA account says
// plainly that it has no Azure credits page; an MCA account does not.
func TestAccountPropertiesAndNonMCA(t *testing.T) {
	t.Parallel()
	h, c := rolesAs(t, "account.owner@northwind.example")
	_, body := c.get(accountPath)
	d := doc(t, body)
	if got := d.Find(`[data-testid="agreement-type"]`).Text(); got != "Microsoft Customer Agreement" {
		t.Errorf("agreement type %q", got)
	}
	if d.Find(`[data-testid="not-mca"]`).Length() != 0 {
		t.Error("an MCA account shows the non-MCA notice")
	}
	if d.Find(`[data-testid="profiles"] tbody tr`).Length() != 2 {
		t.Error("the account page does not list its two profiles")
	}
	ea := h.signedIn(t, "outsider@elsewhere.example")
	_, body = ea.get("/accounts/" + eaAccount)
	notice := doc(t, body).Find(`[data-testid="not-mca"]`).Text()
	if !strings.Contains(notice, "Azure credits are available for Microsoft Customer Agreement accounts") {
		t.Errorf("EA account notice = %q", notice)
	}
}

// TestUnknownAndForeignScopesLookAlike: M3: a scope without a role and a scope that does not exist
// give the same 404 page, which names neither.
func TestUnknownAndForeignScopesLookAlike(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, "outsider@elsewhere.example")
	r1, b1 := c.get(accountPath)
	r2, b2 := c.get("/accounts/00000000-0000-0000-0000-000000000000:00000000-0000-0000-0000-000000000000_2020-01-01")
	if r1.StatusCode != http.StatusNotFound || r2.StatusCode != http.StatusNotFound {
		t.Fatalf("statuses %d and %d, want 404", r1.StatusCode, r2.StatusCode)
	}
	m1 := doc(t, b1).Find(`[data-testid="error"]`).Text()
	m2 := doc(t, b2).Find(`[data-testid="error"]`).Text()
	if m1 != m2 || strings.Contains(b1, "Northwind") {
		t.Errorf("foreign scope page %q differs from unknown scope page %q, or names the scope", m1, m2)
	}
}
