package ledger

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxProductName is the longest entry of the not-covered list, in characters.
const MaxProductName = 200

// NotCovered is the installation's list of products Azure credit never pays for (M10), ready
// for matching. The list is data, not code: the store keeps it (a migration seeds it from M10)
// and operators edit it; NewNotCovered builds one from the stored names. The zero value is an
// empty list. Azure Marketplace products are recognised by their publisher type, not by name,
// so they are not in it.
type NotCovered struct {
	names []string
	words [][]string // words[i] is names[i] split by productWords
}

// NewNotCovered builds the list from its entries, kept in the order given.
func NewNotCovered(names []string) NotCovered {
	l := NotCovered{names: slices.Clone(names), words: make([][]string, len(names))}
	for i, n := range names {
		l.words[i] = productWords(n)
	}
	return l
}

// Names returns the entries as stored, in the order given to NewNotCovered.
func (l NotCovered) Names() []string { return slices.Clone(l.names) }

// Find returns the index in Names of the entry that names the same product as name (the same
// words, compared as Matches does), or -1 when there is none.
func (l NotCovered) Find(name string) int {
	w := productWords(name)
	for i, e := range l.words {
		if len(e) > 0 && slices.Equal(e, w) {
			return i
		}
	}
	return -1
}

// Matches reports whether product is on the list: its words equal an entry's words, or begin
// with them. Words compare without regard to case, to spacing, or to a regular English plural,
// so "Azure support plans" covers "azure  SUPPORT plan" and "Azure Support Plan - Developer",
// and "Canonical" covers "Canonical Ubuntu Pro" but not "Canonicalizer Service".
func (l NotCovered) Matches(product string) bool {
	p := productWords(product)
	for _, e := range l.words {
		if len(e) > 0 && len(e) <= len(p) && slices.Equal(p[:len(e)], e) {
			return true
		}
	}
	return false
}

// Eligible reports whether Azure credit may pay a charge for product from publisher (M10):
// Marketplace products never are, and no product on the not-covered list is.
func Eligible(publisher PublisherType, product string, notCovered NotCovered) bool {
	return publisher != PublisherMarketplace && !notCovered.Matches(product)
}

// CleanProductName checks a name for the not-covered list and returns it with runs of white
// space folded to one space. A name needs a letter or a digit, at most MaxProductName
// characters and no control characters; a bad one is an *InputError for field "name".
func CleanProductName(name string) (string, error) {
	clean := strings.Join(strings.Fields(name), " ")
	switch {
	case clean == "":
		return "", invalid("name", KeyNameRequired)
	case !utf8.ValidString(clean):
		return "", invalid("name", KeyNameUTF8)
	case utf8.RuneCountInString(clean) > MaxProductName:
		return "", invalid("name", KeyNameLong, MaxProductName)
	case strings.IndexFunc(clean, unicode.IsControl) >= 0:
		return "", invalid("name", KeyNameControl)
	case strings.IndexFunc(clean, isWordRune) < 0:
		return "", invalid("name", KeyNameLetter)
	}
	return clean, nil
}

// productWords splits a product name into the words that matching compares. Each run of letters
// and digits is a word, lower-cased and with a regular plural folded (see singular); every other
// character but white space is a word of its own, so "Plan-Developer" and "Plan - Developer"
// have the same words.
func productWords(s string) []string {
	var words []string
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case isWordRune(r):
			j := i + size
			for j < len(s) {
				r, size := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) {
					break
				}
				j += size
			}
			words = append(words, singular(strings.ToLower(s[i:j])))
			i = j
		default:
			words = append(words, string(r))
			i += size
		}
	}
	return words
}

// isWordRune reports whether r belongs to a word: a letter or a digit.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// singular gives a lower-case word and its regular English plurals one form: it strips a final
// s (but not ss) or e while more than two letters remain, then writes a final y as i. So "plan"
// and "plans", "box" and "boxes", "class" and "classes", "policy" and "policies" each meet.
// The form is a key for comparing, not a word ("service" gives "servic").
func singular(w string) string {
	for len(w) > 2 {
		last := w[len(w)-1]
		if last == 'e' || (last == 's' && w[len(w)-2] != 's') {
			w = w[:len(w)-1]
			continue
		}
		break
	}
	if strings.HasSuffix(w, "y") {
		w = w[:len(w)-1] + "i"
	}
	return w
}
