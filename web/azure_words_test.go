package web_test

import (
	"testing"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/views"
)

// TestEverySyncProblemHasWords holds the problem keys of azsync and the sentences of the views
// together: each problem has its own sentence, none falls back to the generic one.
func TestEverySyncProblemHasWords(t *testing.T) {
	t.Parallel()
	fallback := views.SyncProblemText("no such problem")
	seen := map[string]azsync.Problem{}
	for _, p := range azsync.Problems {
		text := views.SyncProblemText(string(p))
		if p != azsync.ProblemInternal && text == fallback {
			t.Errorf("problem %s has no sentence", p)
		}
		if other, ok := seen[text]; ok {
			t.Errorf("problems %s and %s say the same", p, other)
		}
		seen[text] = p
	}
}
