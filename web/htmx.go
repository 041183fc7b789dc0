package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// The htmx headers this server reads and writes (https://htmx.org/reference/#headers).
const (
	hxRequestHeader  = "HX-Request"
	hxBoosted        = "HX-Boosted"
	hxHistoryRestore = "HX-History-Restore-Request"
	hxTarget         = "HX-Target"
	hxRedirect       = "HX-Redirect"
	hxReplaceURL     = "HX-Replace-Url"
)

// hxRequest is what an htmx request says about itself.
type hxRequest struct {
	Enabled        bool   // htmx sent the request
	Boosted        bool   // boosted navigation: the whole page is swapped in
	HistoryRestore bool   // the history cache missed: the whole page is needed
	Target         string // the id of the element the answer is swapped into
}

// htmxOf reads the htmx headers of a request.
func htmxOf(r *http.Request) hxRequest {
	return hxRequest{Enabled: r.Header.Get(hxRequestHeader) == "true", Boosted: r.Header.Get(hxBoosted) == "true",
		HistoryRestore: r.Header.Get(hxHistoryRestore) == "true", Target: r.Header.Get(hxTarget)}
}

// Fragment reports whether the request wants a fragment of a page rather than the whole page:
// an htmx request that is neither boosted navigation nor a history restore, which both need the
// full document.
func (h hxRequest) Fragment() bool { return h.Enabled && !h.Boosted && !h.HistoryRestore }

// hxResponse is what an answer asks htmx to do; empty fields are not sent.
type hxResponse struct {
	Redirect   string // a full-page navigation to this URL
	ReplaceURL string // the URL the browser's address bar shows, without a new history entry
}

// Apply sets the response headers of r on c's response.
func (r hxResponse) Apply(c echo.Context) {
	h := c.Response().Header()
	for name, v := range map[string]string{hxRedirect: r.Redirect, hxReplaceURL: r.ReplaceURL} {
		if v != "" {
			h.Set(name, v)
		}
	}
}
