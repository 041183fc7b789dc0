package access

import "time"

// MCAName reads name as the id of a Microsoft Customer Agreement billing account,
// <guid>:<guid>_<yyyy-mm-dd> with GUIDs in either case: shaped says whether it has that shape,
// and realDay whether the day it ends with exists (2019-02-30 does not), day being that day.
func MCAName(name string) (day string, shaped, realDay bool) {
	const guidLen = 36
	if len(name) != 2*guidLen+2+len(time.DateOnly) || name[guidLen] != ':' || name[2*guidLen+1] != '_' ||
		!IsGUID(name[:guidLen]) || !IsGUID(name[guidLen+1:2*guidLen+1]) {
		return "", false, false
	}
	day = name[2*guidLen+2:]
	for i, c := range day {
		if (i == 4 || i == 7) != (c == '-') || c != '-' && (c < '0' || c > '9') {
			return "", false, false
		}
	}
	_, err := time.Parse(time.DateOnly, day)
	return day, true, err == nil
}

// IsGUID reports whether s is a GUID, 8-4-4-4-12 hexadecimal digits in either case.
func IsGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i, c := range s {
		dash := i == 8 || i == 13 || i == 18 || i == 23
		hex := '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
		if dash != (c == '-') || !dash && !hex {
			return false
		}
	}
	return true
}
