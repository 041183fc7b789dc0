package store

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// encodeCursor makes an opaque keyset cursor of a sort value and a row id.
func encodeCursor(value string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(value + "\x00" + strconv.FormatInt(id, 10)))
}

// decodeCursor reads a cursor made by encodeCursor; anything else is a bad "after" parameter.
func decodeCursor(c string) (string, int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err == nil {
		if value, idText, ok := strings.Cut(string(b), "\x00"); ok {
			if id, err := strconv.ParseInt(idText, 10, 64); err == nil && id > 0 {
				return value, id, nil
			}
		}
	}
	return "", 0, fmt.Errorf("store: cursor: %w", fault.Field("after", "not a cursor this list gave out; start again from the first page"))
}
