// Package static embeds the portal's stylesheets, scripts and images. Third-party scripts (htmx,
// Chart.js) come from npm and are copied into vendor/ by `make assets`; they are not committed.
package static

import "embed"

// FS holds css/, js/, img/ and vendor/.
//
//go:embed css js img all:vendor
var FS embed.FS
