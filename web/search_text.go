package web

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// maxSearch bounds the length of a search text, in bytes.
const maxSearch = 200

// Search texts the lists refuse (400, naming the q parameter).
var (
	errSearchTooLong = fault.New(fault.ErrBadRequest, "q: the search text is longer than 200 characters.")
	errSearchControl = fault.New(fault.ErrBadRequest, "q: the search text must be text, without control characters.")
)

// searchText reads the q parameter of a list (the scopes picker, the benefits list, a benefit
// pane's member search): trimmed, at most maxSearch bytes, valid UTF-8 without control
// characters, which no name or email holds and which the page would echo back.
func searchText(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	switch {
	case len(s) > maxSearch:
		return "", errSearchTooLong
	case !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl):
		return "", errSearchControl
	}
	return s, nil
}
