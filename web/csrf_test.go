package web_test

import (
	"bytes"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
)

// TestCSRFRefusedOnEveryStateChangingRoute: every POST route of the matrix refuses a
// signed-in owner's form without the token, with a wrong token in the header or the field, and
// a multipart form whose token field is wrong; nothing is changed, so one database serves.
func TestCSRFRefusedOnEveryStateChangingRoute(t *testing.T) {
	t.Parallel()
	h, c := rolesAs(t, "account.owner@northwind.example")
	for route, row := range matrix {
		method, _, _ := strings.Cut(route, " ")
		if method != http.MethodPost {
			continue
		}
		path := fillAssignments(t, h, row.path)
		form := url.Values{}
		maps.Copy(form, row.form)
		if resp, _ := c.do(method, path, form, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s without a token: %d, want 403", route, resp.StatusCode)
		}
		if resp, _ := c.do(method, path, form, map[string]string{"X-CSRF-Token": "not-the-token"}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s with a wrong header token: %d, want 403", route, resp.StatusCode)
		}
		form.Set("_csrf", "not-the-token")
		if resp, _ := c.do(method, path, form, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s with a wrong form token: %d, want 403", route, resp.StatusCode)
		}
		if resp := c.postMultipart(path, form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s with a wrong multipart token: %d, want 403", route, resp.StatusCode)
		}
	}
}

// postMultipart posts a form as multipart/form-data, its fields in no particular order.
func (c *client) postMultipart(path string, form url.Values) *http.Response {
	c.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	for k, vs := range form {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	_ = w.Close()
	req, err := http.NewRequest(http.MethodPost, c.h.server.URL+path, &body)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp
}

// TestUploadTokenInHeaderOrFirstPart: an upload passes the CSRF check with the cookie's token
// in the X-CSRF-Token header (no field at all) or in the form's field before the file, and the
// handler still reads the whole form: each upload's charge moves the figures.
func TestUploadTokenInHeaderOrFirstPart(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, "sqlite", "testdata/arm.json", armOptions{})
	c := h.signedIn(t, "owner@northwind.example")
	head := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n"
	for _, tt := range []struct {
		name, token string
		headers     map[string]string
		csv         string
		pending     string // the pending charges after the upload: -USD 333.60 before
	}{
		{"token in the header", "", map[string]string{"X-CSRF-Token": c.csrf()}, profileName + ",06/08/2026,VM,USD,10\n", "-USD 343.60"},
		{"token in the first field", c.csrf(), nil, profileName + ",06/09/2026,VM,USD,12\n", "-USD 355.60"},
	} {
		if resp, body := c.uploadWith(uploadPath, "x.csv", head+tt.csv, tt.token, tt.headers); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("%s: status %d\n%.300s", tt.name, resp.StatusCode, body)
		}
		if page, _ := creditFigures(t, h, c); !strings.Contains(page, "Pending eligible charges"+tt.pending) {
			t.Errorf("%s: pending charges are not %s:\n%.500s", tt.name, tt.pending, page)
		}
	}
}

// countingReader counts what is read of it: an endless file body after a form's prefix.
type countingReader struct {
	prefix io.Reader
	read   int64
}

func (r *countingReader) Read(p []byte) (int, error) {
	n, err := r.prefix.Read(p)
	if err == io.EOF {
		n, err = len(p), nil
		for i := range p {
			p[i] = 'x'
		}
	}
	r.read += int64(n)
	return n, err
}

// TestCSRFReadsNoMoreOfAnUploadThanItsToken: a huge upload whose token field is wrong, or
// whose file comes before any token, is refused (403) after reading at most the CSRF check's
// bounded prefix of the body, never the file.
func TestCSRFReadsNoMoreOfAnUploadThanItsToken(t *testing.T) {
	t.Parallel()
	h := newHarness(t, store.SQLite, ledgerFile, false)
	for _, tt := range []struct {
		name  string
		field bool
	}{{"wrong token first", true}, {"file first", false}} {
		var prefix bytes.Buffer
		w := multipart.NewWriter(&prefix)
		if tt.field {
			_ = w.WriteField("_csrf", "not-the-token")
		}
		_, _ = w.CreateFormFile("file", "huge.csv") // its content never ends
		body := &countingReader{prefix: &prefix}
		req := httptest.NewRequest(http.MethodPost, uploadPath, body)
		req.Header.Set("Content-Type", w.FormDataContentType())
		req.ContentLength = -1
		req.AddCookie(&http.Cookie{Name: "creditdesk_csrf", Value: "the-token"})
		rec := httptest.NewRecorder()
		h.web.ServeHTTP(rec, req)
		if rec.Code != http.StatusForbidden {
			t.Errorf("%s: status %d, want 403", tt.name, rec.Code)
		}
		if body.read > 64<<10 {
			t.Errorf("%s: %d bytes of the body read before refusing it", tt.name, body.read)
		}
	}
}
