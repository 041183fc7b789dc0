// Package passwordtest holds the password hash costs of tests: argon2id at its smallest (8 KiB,
// one pass, one lane), so a test that creates and signs in a dozen users spends microseconds on
// hashing instead of a second. Only tests import it (its own test checks the module); production
// hashes use password.Production.
package passwordtest

import "github.com/creditdesk/creditdesk/internal/password"

// Params are the cheapest argon2id costs. A hash made with them verifies like any other:
// password.Verify reads the costs from the hash.
func Params() password.Params { return password.Params{MemoryKiB: 8, Passes: 1, Lanes: 1} }
