package passwordtest

import (
	"errors"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/password"
)

// TestCheapHashesVerify: a test hash is an argon2id PHC string with the test costs, and Verify
// tells the right password from a wrong one.
func TestCheapHashesVerify(t *testing.T) {
	h, err := Params().Hash("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=8,t=1,p=1$") {
		t.Errorf("hash %q does not carry the test costs", h)
	}
	if err := password.Verify("correct horse battery staple", h); err != nil {
		t.Errorf("Verify(right password) = %v", err)
	}
	if err := password.Verify("Correct horse battery staple", h); !errors.Is(err, password.ErrMismatch) {
		t.Errorf("Verify(wrong password) = %v, want ErrMismatch", err)
	}
}

// TestOnlyTestsImportThisPackage: no production file of the module imports passwordtest, so the
// cheap costs cannot reach a stored password.
func TestOnlyTestsImportThisPackage(t *testing.T) {
	const self = "github.com/creditdesk/creditdesk/internal/password/passwordtest"
	root := filepath.Join("..", "..", "..")
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("module root not found: %v", err)
	}
	files := 0
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case e.IsDir() && (e.Name() == "node_modules" || strings.HasPrefix(e.Name(), ".")) && path != root:
			return filepath.SkipDir
		case e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		case filepath.Dir(path) == ".":
			return nil // this package itself
		}
		files++
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			if p, _ := strconv.Unquote(imp.Path.Value); p == self {
				t.Errorf("%s imports %s: only tests may hash with the test costs", path, self)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("only %d Go files found under %s: the walk missed the module", files, root)
	}
}
