// Package static embeds the portal's stylesheets, scripts and images. Third-party scripts (htmx,
// Chart.js) come from npm and are copied into vendor/ by `make assets`; they are not committed.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"sync"
)

// FS holds css/, js/, img/ and vendor/.
//
//go:embed css js img all:vendor
var FS embed.FS

// Version is a hash of the names and contents of every file in FS. The pages link the files
// under it (Path), so a browser may keep a file for as long as it likes: any change to any file
// gives every file a new URL. A relative URL in a stylesheet (icons.css names its icons
// ../vendor/icons/...) stays under the version too.
var Version = sync.OnceValue(func() string {
	v, err := version(FS)
	if err != nil { // an embedded FS cannot fail to read
		panic(err)
	}
	return v
})

// version is "v" and the first 16 hex digits of a SHA-256 over the names and contents of the
// files of fsys, in the lexical order of fs.WalkDir.
func version(fsys fs.FS) (string, error) {
	sum := sha256.New()
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum.Write([]byte(name + "\x00"))
		sum.Write(b)
		sum.Write([]byte{0})
		return nil
	})
	if err != nil {
		return "", err
	}
	return "v" + hex.EncodeToString(sum.Sum(nil))[:16], nil
}

// Path is the URL of a file of FS (a path such as "css/app.css") under Version:
// /static/VERSION/css/app.css. The portal serves it as /static/css/app.css, marked immutable.
func Path(name string) string { return "/static/" + Version() + "/" + name }
