package web_test

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

const uploadPath = profilePath + "/charges/upload"

// creditFigures is what the credits page and the balance API show of the Engineering profile.
func creditFigures(t *testing.T, h *harness, c *client) (page, api string) {
	t.Helper()
	p := c.page(creditsPath, http.StatusOK)
	page = strings.Join(strings.Fields(p.Find(testid("balance")).Text()), " ") + " | " +
		strings.Join(cells(p, testid("lot-row")), "; ") + " | " + strings.Join(cells(p, testid("tx-row")), "; ")
	resp, body := apiGet(t, h, ownerToken, profilePathARM+"/providers/Microsoft.Consumption/credits/balanceSummary?api-version=2021-10-01")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("balanceSummary: status %d\n%s", resp.StatusCode, body)
	}
	return page, string(body)
}

// TestUploadPastTheMonthLimitChangesNothing: M16, X2: a file of 100 lines of 99,999,999,999 for
// one profile and month (together past int64 micro-units) is refused whole, naming the line
// where the month passes its limit (its first line: the 10 lines read before the file limit
// plus the 333.60 stored) and the line where the file passes its own; nothing stored changes,
// and the credits page and the API keep answering 200 with the same figures.
func TestUploadPastTheMonthLimitChangesNothing(t *testing.T) {
	checkUploadRefused(t, "huge.csv", "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n"+
		strings.Repeat(profileName+",06/08/2026,Virtual Machines,USD,99999999999\n", 100), []string{
		"line 2, column costInBillingCurrency: billing profile PBFV-AB12-CD3-EF4's charges of Jun 2026 would total " +
			"1000000000323.60: a profile's charges of one month stay below 100000000000.00 (M16)",
		"line 12, column costInBillingCurrency: the costs of this file add up to 1000000000000.00 or more (in absolute value) " +
			"by this line: split the export, at most 1000000000000.00 per file",
	})
}

// TestUploadReportsEveryProblemAtOnce: X2: one answer names every line's problems, those of the
// file (a bad date) and those only the database can tell (an invoiced month, a foreign
// currency, another profile), each at its line and column.
func TestUploadReportsEveryProblemAtOnce(t *testing.T) {
	checkUploadRefused(t, "four.csv", "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n"+
		profileName+",06/08/2026,Virtual Machines,USD,10\n"+
		profileName+",05/02/2026,Virtual Machines,USD,999\n"+
		profileName+",06/09/2026,Storage,EUR,5\n"+
		"ZZZZ-ZZZZ-ZZZ-ZZZ,06/09/2026,Storage,USD,5\n"+
		profileName+",2026-02-30,Storage,USD,5\n", []string{
		"line 3, column date: a charge for Virtual Machines dated May 2, 2026 falls in a month already invoiced " +
			"(the next invoice covers Jun 2026): invoiced data cannot change",
		"line 4, column billingCurrency: EUR, but billing profile PBFV-AB12-CD3-EF4 is billed in USD",
		"line 5, column billingProfileId: ZZZZ-ZZZZ-ZZZ-ZZZ is not this billing profile (PBFV-AB12-CD3-EF4): " +
			"upload each profile's charges on its own page",
		`line 6, column date: not a date: "2026-02-30" (want MM/DD/YYYY or YYYY-MM-DD)`,
	})
}

// checkUploadRefused uploads csv as name, as the owner of the ARM scenario, on every database:
// the answer is 422 listing the want problems, one a line, and nothing the credits page or the
// balance API shows changes (X2: a refused file is refused whole).
func checkUploadRefused(t *testing.T, name, csv string, want []string) {
	t.Helper()
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newARMHarness(t, d, "testdata/arm.json", armOptions{})
		c := h.signedIn(t, "owner@northwind.example")
		page, api := creditFigures(t, h, c)
		resp, body := c.uploadCSV(uploadPath, name, csv)
		got := strings.Join(sentences(doc(t, body).Find(testid("upload-problems")+" li")), "\n")
		if resp.StatusCode != http.StatusUnprocessableEntity || got != strings.Join(want, "\n") {
			t.Errorf("status %d, problems:\n%s\nwant:\n%s", resp.StatusCode, got, strings.Join(want, "\n"))
		}
		if p2, a2 := creditFigures(t, h, c); p2 != page || a2 != api {
			t.Errorf("the refused file changed the figures:\npage %s\n  -> %s\napi %s\n -> %s", page, p2, api, a2)
		}
	})
}

// TestUploadChecksItsCSRFTokenWhileStreaming: the streamed upload applies the CSRF policy of
// every other form: no token, a wrong token or a cross-site request is refused (403) before
// anything is read or stored; a browser's same-origin request needs no token.
func TestUploadChecksItsCSRFTokenWhileStreaming(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, "sqlite", "testdata/arm.json", armOptions{})
	c := h.signedIn(t, "owner@northwind.example")
	page, _ := creditFigures(t, h, c)
	csv := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n" + profileName + ",06/08/2026,VM,USD,10\n"
	tests := []struct {
		name    string
		token   string
		headers map[string]string
		want    int
	}{
		{"no token", "", nil, http.StatusForbidden},
		{"wrong token", "not-the-token", nil, http.StatusForbidden},
		{"cross-site, with the token", "cookie", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"same-site, without the token", "", map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden},
		{"same-site, with the token (a sibling subdomain may plant the cookie)", "cookie", map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden},
	}
	for _, tt := range tests {
		token := tt.token
		if token == "cookie" {
			token = c.csrf()
		}
		if resp, _ := c.uploadWith(uploadPath, "x.csv", csv, token, tt.headers); resp.StatusCode != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, resp.StatusCode, tt.want)
		}
	}
	if p2, _ := creditFigures(t, h, c); p2 != page {
		t.Errorf("a refused upload changed the page:\n%s\n -> %s", page, p2)
	}
	resp, _ := c.uploadWith(uploadPath, "x.csv", csv, "", map[string]string{"Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("same-origin upload without a token: status %d, want 303", resp.StatusCode)
	}
}

// TestUploadOverTheSizeLimit: an upload whose declared size passes the limit is answered 413
// with the form and the limit named, from its headers alone: nothing of the body is read.
func TestUploadOverTheSizeLimit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", ledgerFile, false)
	c := h.client(t)
	c.signInWith(ledgerOwner, ledgerPassword)
	conn, err := net.Dial("tcp", h.server.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	token := c.csrf() // before the cookies are read: it may fetch a page that sets the CSRF cookie
	var cookies []string
	for _, ck := range c.http.Jar.Cookies(mustURL(t, h.server.URL)) {
		cookies = append(cookies, ck.Name+"="+ck.Value)
	}
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nX-CSRF-Token: %s\r\n"+
		"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n--b\r\n",
		uploadPath, h.server.Listener.Addr(), strings.Join(cookies, "; "), token, 300<<20)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = bufio.NewReader(resp.Body).WriteTo(&b)
	if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(b.String(), "larger than 256 MiB") ||
		!strings.Contains(b.String(), "Sign out") {
		t.Errorf("over-large upload: status %d\n%.300s", resp.StatusCode, b.String())
	}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// sentences is the text of each element as a reader sees it, its spaces collapsed: a message's
// values (dates, codes) inside it read as part of its sentence.
func sentences(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, strings.Join(strings.Fields(e.Text()), " ")) })
	return out
}
