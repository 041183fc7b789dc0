package fault

import "strings"

// Lines is a list of problems that is one error: each problem's Error on a line of its own.
// Packages that report every problem of an input at once (scenario files, cost exports) name
// their lists with it, so that errors.As gets the whole list back.
type Lines[P error] []P

// Error joins the problems one per line.
func (l Lines[P]) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// maxClip is how many bytes of caller text a message quotes.
const maxClip = 40

// Clip shortens caller text that a message quotes to its first 40 bytes, cut between
// characters, and an ellipsis: a long or hostile value cannot make a long message.
func Clip(s string) string {
	if len(s) <= maxClip {
		return s
	}
	cut := maxClip
	for cut > 0 && s[cut]&0xC0 == 0x80 { // a UTF-8 continuation byte: do not split its character
		cut--
	}
	return s[:cut] + "…"
}
