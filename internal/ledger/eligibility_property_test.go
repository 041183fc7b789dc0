package ledger

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// A name in these tests is a list of tokens: a word of the vocabulary (by index) or a
// punctuation mark. spell writes it out one of the many ways people do.
type token struct {
	word  int    // index in the vocabulary; -1 for punctuation
	punct string // the mark, when word is -1
}

// plural is the regular English plural of a lower-case word.
func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case len(w) > 1 && strings.HasSuffix(w, "y") && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// randomVocabulary makes words of 2 to 8 letters, rich in the letters plurals play with, no two
// of which are forms of one another.
func randomVocabulary(r *rand.Rand) []string {
	const letters = "abcehilnorstuxyzsey"
	var words []string
	seen := map[string]bool{}
	for len(words) < 3+r.IntN(8) {
		b := make([]byte, 2+r.IntN(7))
		for i := range b {
			b[i] = letters[r.IntN(len(letters))]
		}
		if w := string(b); !seen[singular(w)] {
			seen[singular(w)] = true
			words = append(words, w)
		}
	}
	return words
}

func randomName(r *rand.Rand, vocab []string, min, max int) []token {
	name := make([]token, 0, max)
	for range min + r.IntN(max-min+1) {
		if r.IntN(5) == 0 {
			name = append(name, token{word: -1, punct: []string{"(", ")", "-", "/"}[r.IntN(4)]})
		} else {
			name = append(name, token{word: r.IntN(len(vocab))})
		}
	}
	return name
}

// spell writes a name with each word in its singular or plural form, each letter in either
// case, and white space of any kind and length between words (none needed next to a mark).
func spell(r *rand.Rand, vocab []string, name []token) string {
	space := func(least int) string {
		return strings.Repeat([]string{" ", "\t", "\u00a0", "  "}[r.IntN(4)], least+r.IntN(3))
	}
	var b strings.Builder
	b.WriteString(space(0))
	for i, tk := range name {
		if i > 0 {
			least := 1
			if tk.word < 0 || name[i-1].word < 0 {
				least = 0
			}
			b.WriteString(space(least))
		}
		if tk.word < 0 {
			b.WriteString(tk.punct)
			continue
		}
		w := vocab[tk.word]
		if r.IntN(2) == 0 {
			w = plural(w)
		}
		for _, c := range w {
			if r.IntN(2) == 0 {
				c -= 'a' - 'A'
			}
			b.WriteRune(c)
		}
	}
	b.WriteString(space(0))
	return b.String()
}

// TestPropertyMatchingIgnoresCaseSpacingAndPlural (M10, issue 8 item 2): for random lists and
// products, however each entry and product is spelled (case, white space, singular or plural
// words), Matches says exactly whether an entry's words begin the product's, and Find finds the
// first entry with the same words.
func TestPropertyMatchingIgnoresCaseSpacingAndPlural(t *testing.T) {
	for seed := range uint64(2000) {
		r := rand.New(rand.NewPCG(seed, 10))
		vocab := randomVocabulary(r)
		entries := make([][]token, 1+r.IntN(5))
		for i := range entries {
			entries[i] = randomName(r, vocab, 1, 3)
		}
		spelled := func() NotCovered {
			names := make([]string, len(entries))
			for i, e := range entries {
				names[i] = spell(r, vocab, e)
			}
			return NewNotCovered(names)
		}
		lists := []NotCovered{spelled(), spelled()}
		for range 20 {
			product := randomName(r, vocab, 0, 5)
			if r.IntN(2) == 0 {
				product = append(slices.Clone(entries[r.IntN(len(entries))]), product[:r.IntN(len(product)+1)]...)
			}
			want := slices.ContainsFunc(entries, func(e []token) bool {
				return len(e) <= len(product) && slices.Equal(e, product[:len(e)])
			})
			for _, l := range lists {
				p := spell(r, vocab, product)
				if got := l.Matches(p); got != want {
					t.Fatalf("seed %d: list %q, product %q: Matches %v, want %v", seed, l.Names(), p, got, want)
				}
				if got := Eligible(PublisherAzure, p, l); got == want {
					t.Fatalf("seed %d: list %q, product %q: Eligible %v", seed, l.Names(), p, got)
				}
			}
		}
		for i, e := range entries {
			want := slices.IndexFunc(entries, func(o []token) bool { return slices.Equal(o, e) })
			for _, l := range lists {
				if got := l.Find(spell(r, vocab, entries[i])); got != want {
					t.Fatalf("seed %d: list %q: Find(entry %d) = %d, want %d", seed, l.Names(), i, got, want)
				}
			}
		}
	}
}
