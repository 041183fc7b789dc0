package web

import "net/http"

// The htmx request headers this server reads.
const (
	hxRequest        = "HX-Request"
	hxBoosted        = "HX-Boosted"
	hxHistoryRestore = "HX-History-Restore-Request"
)

// isHTMX reports whether htmx sent the request.
func isHTMX(r *http.Request) bool { return r.Header.Get(hxRequest) == "true" }

// isFragment reports whether the request wants a fragment of a page rather than the whole page:
// an htmx request that is neither boosted navigation nor a history restore, which both need the
// full document.
func isFragment(r *http.Request) bool {
	return isHTMX(r) && r.Header.Get(hxBoosted) != "true" && r.Header.Get(hxHistoryRestore) != "true"
}
