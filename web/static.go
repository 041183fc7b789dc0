package web

import (
	"io/fs"

	"github.com/creditdesk/creditdesk/static"
)

// staticFiles is the embedded static folder.
func staticFiles() fs.FS { return static.FS }
