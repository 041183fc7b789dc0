package static

import (
	"regexp"
	"testing"
	"testing/fstest"
)

// TestVersionFollowsEveryFile: the version changes with a file's content and with a file's
// name, and only then, so that a URL under it (Path) always names the same bytes.
func TestVersionFollowsEveryFile(t *testing.T) {
	files := func() fstest.MapFS {
		return fstest.MapFS{"css/app.css": {Data: []byte("body{}")}, "js/app.js": {Data: []byte("x()")}}
	}
	base, err := version(files())
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := version(files()); again != base {
		t.Errorf("the same files: version %s, then %s", base, again)
	}
	edited := files()
	edited["js/app.js"] = &fstest.MapFile{Data: []byte("y()")}
	renamed := files()
	renamed["js/main.js"] = renamed["js/app.js"]
	delete(renamed, "js/app.js")
	for name, fsys := range map[string]fstest.MapFS{"a file edited": edited, "a file renamed": renamed} {
		if v, _ := version(fsys); v == base {
			t.Errorf("%s: version still %s", name, v)
		}
	}
	if !regexp.MustCompile(`^v[0-9a-f]{16}$`).MatchString(Version()) {
		t.Errorf("Version() = %q, want v and 16 hex digits", Version())
	}
	if got, want := Path("css/app.css"), "/static/"+Version()+"/css/app.css"; got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
}
