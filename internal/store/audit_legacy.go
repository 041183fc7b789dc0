package store

import "strings"

// refusalPrefix starts the after column of a refused attempt in a legacy entry (one written
// before entries were data, AuditEvent.Entry): "refused by P6: " and the rule's sentence.
const refusalPrefix = "refused by "

// RefusalOf splits the after column of a legacy entry of a refused attempt into the rule that
// refused it (a DOMAIN.md number such as "P6") and its sentence, so that a page shows the
// sentence in words and keeps the rule code out of it; ok is false for any other entry.
func RefusalOf(after string) (rule, message string, ok bool) {
	rest, found := strings.CutPrefix(after, refusalPrefix)
	if !found {
		return "", "", false
	}
	rule, message, found = strings.Cut(rest, ": ")
	if !found || rule == "" || strings.ContainsRune(rule, ' ') {
		return "", "", false
	}
	return rule, message, true
}
