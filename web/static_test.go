package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/static"
)

// TestStaticFilesUnderTheirVersion: a page links its stylesheets, scripts and icon under the
// static files' version, where each file is the same as at its own path but may be kept by the
// browser for a year (immutable); so is an icon that icons.css names by a relative URL. At its
// own path a file carries no Cache-Control, as before; under another build's version (a rolling
// deploy) it is served but not kept; a missing file, a folder, or an escaped slash is a 404,
// never kept. HEAD answers as GET does, without the body.
func TestStaticFilesUnderTheirVersion(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, "account.owner@northwind.example")
	p := c.page(accountPath+"/credits", http.StatusOK)
	var linked []string
	for _, attr := range []string{"href", "src"} {
		p.Find("[" + attr + `^="/static"]`).Each(func(_ int, s *goquery.Selection) {
			v, _ := s.Attr(attr)
			linked = append(linked, v)
		})
	}
	prefix := "/static/" + static.Version() + "/"
	want := []string{"css/app.css", "css/icons.css", "img/favicon.svg", "js/app.js", "js/charts.js", "vendor/htmx.min.js", "vendor/chart.umd.min.js"}
	for _, name := range want {
		if !strings.Contains(strings.Join(linked, " "), prefix+name) {
			t.Errorf("the page does not link %s%s: %v", prefix, name, linked)
		}
	}
	_, icons := c.get("/static/css/icons.css")
	icon := regexp.MustCompile(`url\((\.\./vendor/icons/[a-z0-9_]+\.svg)\)`).FindStringSubmatch(icons)
	if icon == nil {
		t.Fatal("icons.css names no icon")
	}
	base, _ := url.Parse(prefix + "css/icons.css")
	iconURL, _ := base.Parse(icon[1])
	for _, path := range append(linked, iconURL.Path) {
		rest, ok := strings.CutPrefix(path, prefix)
		if !ok {
			t.Errorf("%s is not under the version %s", path, static.Version())
			continue
		}
		resp, body := c.get(path)
		plain, plainBody := c.get("/static/" + rest)
		if resp.StatusCode != http.StatusOK || plain.StatusCode != http.StatusOK || body != plainBody || body == "" {
			t.Errorf("%s: status %d, /static/%s: status %d, the same content: %v", path, resp.StatusCode, rest, plain.StatusCode, body == plainBody)
		}
		if got := resp.Header.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
			t.Errorf("%s: Cache-Control %q, want a year, immutable", path, got)
		}
		if got := plain.Header.Get("Cache-Control"); got != "" {
			t.Errorf("/static/%s: Cache-Control %q, want none", rest, got)
		}
	}
	if head, _ := c.do(http.MethodHead, prefix+"css/app.css", nil, nil); head.StatusCode != http.StatusOK ||
		head.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
		t.Errorf("HEAD of a file under the version: status %d, Cache-Control %q", head.StatusCode, head.Header.Get("Cache-Control"))
	}
	other, otherBody := c.get("/static/v0123456789abcdef/css/app.css") // another build's page
	_, plainBody := c.get("/static/css/app.css")
	if other.StatusCode != http.StatusOK || otherBody != plainBody || other.Header.Get("Cache-Control") != "" {
		t.Errorf("under another version: status %d, the same file %v, Cache-Control %q; want the file, not kept",
			other.StatusCode, otherBody == plainBody, other.Header.Get("Cache-Control"))
	}
	for _, path := range []string{prefix + "css/nothing.css", prefix + "css", "/static/css", "/static", prefix + "css%2Fapp.css"} {
		resp, _ := c.get(path)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(resp.Header.Get("Cache-Control"), "public") {
			t.Errorf("%s: status %d, Cache-Control %q; want 404, not kept", path, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
}
