package web

import (
	"io/fs"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/static"
)

// staticFiles is the embedded static folder.
func staticFiles() fs.FS { return static.FS }

// immutable is the Cache-Control of a file asked for under its version: a year, without asking
// again (RFC 8246), since the same URL never names other content.
const immutable = "public, max-age=31536000, immutable"

// staticVersion runs before routing: a path under the static files' version (static.Path),
// /static/VERSION/..., becomes the file's own path, /static/..., with a Cache-Control that lets
// the browser keep it. The pages link every file under the version, so a browser fetches each
// once instead of at every page; a path without it is served as before, with no Cache-Control.
func staticVersion(next echo.HandlerFunc) echo.HandlerFunc {
	prefix := "/static/" + static.Version() + "/"
	return func(c echo.Context) error {
		u := c.Request().URL
		if rest, ok := strings.CutPrefix(u.Path, prefix); ok {
			u.Path = "/static/" + rest
			if u.RawPath != "" {
				u.RawPath = "/static/" + strings.TrimPrefix(u.RawPath, prefix)
			}
			c.Response().Header().Set(echo.HeaderCacheControl, immutable)
		}
		return next(c)
	}
}
