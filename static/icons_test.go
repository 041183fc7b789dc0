package static

import (
	"io/fs"
	"regexp"
	"testing"
)

// TestIconsAreVendored: every icon icons.css names was copied into vendor/icons by `make
// assets` (from @fluentui/svg-icons), and nothing else was: the page would draw an empty box.
func TestIconsAreVendored(t *testing.T) {
	css, err := fs.ReadFile(FS, "css/icons.css")
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, m := range regexp.MustCompile(`url\(\.\./vendor/icons/([a-z0-9_]+\.svg)\)`).FindAllStringSubmatch(string(css), -1) {
		named[m[1]] = true
	}
	if len(named) == 0 {
		t.Fatal("icons.css names no icon")
	}
	for name := range named {
		if _, err := fs.Stat(FS, "vendor/icons/"+name); err != nil {
			t.Errorf("%s is not in static/vendor/icons (run make assets): %v", name, err)
		}
	}
	files, err := fs.Glob(FS, "vendor/icons/*.svg")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !named[f[len("vendor/icons/"):]] {
			t.Errorf("%s is vendored but icons.css does not name it", f)
		}
	}
}
