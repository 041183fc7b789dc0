package web

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v4"
)

// TestHTMXRequest: only an htmx request that is neither boosted nor a history restore wants a
// fragment; the target is read as sent.
func TestHTMXRequest(t *testing.T) {
	for _, tt := range []struct {
		name     string
		headers  map[string]string
		fragment bool
	}{
		{"plain", nil, false},
		{"htmx", map[string]string{"HX-Request": "true", "HX-Target": "lots"}, true},
		{"boosted", map[string]string{"HX-Request": "true", "HX-Boosted": "true"}, false},
		{"history restore", map[string]string{"HX-Request": "true", "HX-History-Restore-Request": "true"}, false},
		{"not true", map[string]string{"HX-Request": "1"}, false},
	} {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		for k, v := range tt.headers {
			r.Header.Set(k, v)
		}
		h := htmxOf(r)
		if h.Fragment() != tt.fragment || h.Target != tt.headers["HX-Target"] {
			t.Errorf("%s: fragment %t target %q", tt.name, h.Fragment(), h.Target)
		}
	}
}

// TestHTMXResponse: the fields set become headers, the empty ones are not sent.
func TestHTMXResponse(t *testing.T) {
	rec := httptest.NewRecorder()
	c := echo.New().NewContext(httptest.NewRequest(http.MethodGet, "/", nil), rec)
	hxResponse{Redirect: "/signin?next=%2Fscopes"}.Apply(c)
	if got := rec.Header().Get("HX-Redirect"); got != "/signin?next=%2Fscopes" {
		t.Errorf("HX-Redirect %q", got)
	}
	if _, ok := rec.Header()["Hx-Replace-Url"]; ok {
		t.Error("an empty HX-Replace-Url was sent")
	}
}
