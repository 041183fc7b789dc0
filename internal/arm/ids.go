package arm

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"
)

// AccountID is the ARM id of a billing account.
func AccountID(account string) string {
	return "/providers/Microsoft.Billing/billingAccounts/" + account
}

// ProfileID is the ARM id of a billing profile; it is the scope prefix of its credits (contract §4).
func ProfileID(account, profile string) string {
	return AccountID(account) + "/billingProfiles/" + profile
}

// ConsumptionID is the id of a consumption resource (a lot, an event, the credit summary) under
// a scope id.
func ConsumptionID(scopeID, kind, name string) string {
	return scopeID + "/providers/Microsoft.Consumption/" + kind + "/" + name
}

// NameGUID derives a stable GUID-shaped name from parts (an RFC 4122 version 5 style hash), for
// resources that the live service names with GUIDs and CreditDesk numbers otherwise.
func NameGUID(parts ...string) string {
	sum := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	var out [36]byte // 8-4-4-4-12 hexadecimal digits
	hex.Encode(out[0:8], b[0:4])
	hex.Encode(out[9:13], b[4:6])
	hex.Encode(out[14:18], b[6:8])
	hex.Encode(out[19:23], b[8:10])
	hex.Encode(out[24:36], b[10:16])
	out[8], out[13], out[18], out[23] = '-', '-', '-', '-'
	return string(out[:])
}
