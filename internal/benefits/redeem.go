package benefits

import (
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// RedeemRequest carries what the store loaded for Redeem.
type RedeemRequest struct {
	Benefit Benefit
	User    string // the signed-in user redeeming; must be the holder (P5)
	Now     time.Time
}

// Redeem activates a benefit for its holder (P4, P5). It always creates a new subscription,
// whose id it generates from random, and never accepts an existing one: the request has no
// field for it. The first redemption sets ActivatedAt, which starts a monthly credit's 13
// months (P11); a later holder's redemption after a reassignment keeps it. Refused: expired
// (P3, P11), pending provisioning (P8), no holder (P4), already redeemed (P5), before the
// start date (P3), a user other than the holder (P5). An error from random is returned
// wrapped; it is not a RuleError.
func Redeem(r RedeemRequest, random io.Reader) (Change, error) {
	if r.Now.IsZero() || random == nil {
		return Change{}, errBadCall("now and a random source are required")
	}
	b, now := r.Benefit, r.Now.UTC()
	user := strings.ToLower(strings.TrimSpace(r.User))
	if user == "" {
		return Change{}, refuse(RuleInput, FieldUser, KeySignInToRedeem)
	}
	// Checked before the benefit's state, and without naming the holder or the subscription,
	// so that somebody else learns nothing about the benefit.
	if b.AssignedTo != "" && !strings.EqualFold(b.AssignedTo, user) {
		return Change{}, refuse("P5", FieldUser, KeyNotHolder)
	}
	if err := gate(b, nil, ActionRedeem, now); err != nil {
		return Change{}, err
	}
	sub, err := NewSubscriptionID(random)
	if err != nil {
		return Change{}, err
	}
	after := b
	after.RedeemedAt, after.SubscriptionID = now, sub
	if after.ActivatedAt.IsZero() {
		after.ActivatedAt = now
	}
	sum := fault.Say(KeyDidRedeem, fault.Email(user), fault.ID(b.ID), b.Kind.Label(), fault.ID(sub), Validity(after))
	return Change{Action: ActionRedeem, Before: b, After: after, Summary: sum}, nil
}

// NewSubscriptionID returns a new subscription id, a random (version 4) GUID in lower-case
// 8-4-4-4-12 form, from 16 bytes of random. Production passes crypto/rand.Reader; tests pass
// a fixed reader.
func NewSubscriptionID(random io.Reader) (string, error) {
	var u [16]byte
	if _, err := io.ReadFull(random, u[:]); err != nil {
		return "", fmt.Errorf("benefits: new subscription id: %w", err)
	}
	u[6] = u[6]&0x0f | 0x40 // version 4: random
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32], nil
}

// validGUID reports whether s has the 8-4-4-4-12 hex form of a GUID (either case).
func validGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
			return false
		}
	}
	return true
}
