package web

import (
	"io/fs"
	"regexp"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/static"
)

// staticFiles is the embedded static folder, its files only: a folder is not found, where
// echo would redirect it to itself with a slash and back, for good (301).
func staticFiles() fs.FS { return filesOnly{static.FS} }

// filesOnly is a file system whose folders cannot be opened.
type filesOnly struct{ fs.FS }

// Open opens name unless it is a folder.
func (f filesOnly) Open(name string) (fs.File, error) {
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := file.Stat(); err != nil || st.IsDir() {
		_ = file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return file, nil
}

// immutable is the Cache-Control of a file asked for under its version: a year, without asking
// again (RFC 8246), since the same URL never names other content.
const immutable = "public, max-age=31536000, immutable"

// versioned matches a path under a version of the static files (static.Version's form): the
// version, then the file's own path.
var versioned = regexp.MustCompile(`^/static/(v[0-9a-f]{16})(/.*)$`)

// staticVersion runs before routing: a path under a version of the static files (static.Path),
// /static/VERSION/..., becomes the file's own path, /static/..., so that the pages, which link
// every file under the version, let a browser fetch each once instead of at every page. Under
// this build's version a file found is marked immutable; under another (a page of an instance
// running another build, during a rolling deploy behind a load balancer) the file is served all
// the same, but not kept, since its content may not be the one that version names; a file not
// found is never kept. A path without a version is served as before, with no Cache-Control.
func staticVersion(next echo.HandlerFunc) echo.HandlerFunc {
	ours := static.Version()
	return func(c echo.Context) error {
		u := c.Request().URL
		m := versioned.FindStringSubmatch(u.Path)
		if m == nil || u.RawPath != "" { // an escaped path is no file's link: not found, as at /static
			return next(c)
		}
		u.Path = "/static" + m[2]
		if m[1] != ours {
			return next(c)
		}
		c.Response().Before(func() {
			if c.Response().Status == 200 {
				c.Response().Header().Set(echo.HeaderCacheControl, immutable)
			}
		})
		return next(c)
	}
}
