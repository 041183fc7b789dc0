package arm

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// AppendJSON appends the list to b exactly as encoding/json writes it with SetEscapeHTML(false)
// (the API's encoding, no trailing newline), without reflection for the resources a large list
// holds: lots and events are written field by field in their structs' order, and anything else
// falls back to encoding/json. The structs and their tags stay the definition of the wire shape;
// TestAppendJSONWritesWhatEncodingJSONWrites holds the two encodings equal byte for byte.
func (l List) AppendJSON(b []byte) ([]byte, error) {
	b = append(b, `{"value":`...)
	if l.Value == nil {
		b = append(b, "null"...)
	} else {
		var err error
		if b, err = AppendItems(append(b, '['), l.Value); err != nil {
			return b, err
		}
		b = append(b, ']')
	}
	b = append(b, `,"nextLink":`...)
	return append(appendOptString(b, l.NextLink), '}'), nil
}

// AppendItems appends the elements of a list, comma-separated, as AppendJSON writes them between
// the brackets of its value: a page kept encoded (EncodedList).
func AppendItems(b []byte, items []any) ([]byte, error) {
	for i, item := range items {
		if i > 0 {
			b = append(b, ',')
		}
		var err error
		if b, err = appendItem(b, item); err != nil {
			return b, err
		}
	}
	return b, nil
}

// EncodedList is a list whose elements are encoded already (AppendItems), with its nextLink
// ("" ends paging): a page the API keeps across requests, written again without encoding it.
type EncodedList struct {
	Items    []byte
	NextLink string
}

// AppendJSON appends the list to b, the same bytes as List.AppendJSON of the elements (never a
// nil value: an EncodedList's is at least empty, as NewList's).
func (l EncodedList) AppendJSON(b []byte) []byte {
	b = append(append(append(b, `{"value":[`...), l.Items...), `],"nextLink":`...)
	if l.NextLink == "" {
		return append(b, "null}"...)
	}
	return append(appendString(b, l.NextLink), '}')
}

// appendItem appends one element of a list.
func appendItem(b []byte, item any) ([]byte, error) {
	r, ok := item.(proxyResource)
	if !ok {
		return appendReflect(b, item)
	}
	b = append(b, `{"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, r.Name)
	b = append(b, `,"type":`...)
	b = appendString(b, r.Type)
	b = append(b, `,"eTag":`...)
	b = appendOptString(b, r.ETag)
	b = append(b, `,"properties":`...)
	var err error
	switch p := r.Properties.(type) {
	case event2021:
		b, err = p.appendJSON(b)
	case event2019:
		b = p.appendFields(append(b, '{'))
		b = append(b, '}')
	case lot2021:
		b, err = p.appendJSON(b)
	case lot2019:
		b = p.appendFields(append(b, '{'))
		b = append(b, '}')
	default:
		b, err = appendReflect(b, p)
	}
	return append(b, '}'), err
}

// appendFields appends the fields of a 2019-10-01 event, without braces.
func (p event2019) appendFields(b []byte) []byte {
	b = append(b, `"transactionDate":`...)
	b = appendString(b, p.TransactionDate)
	b = append(b, `,"description":`...)
	b = appendString(b, p.Description)
	b = appendAmount(append(b, `,"newCredit":`...), p.NewCredit)
	b = appendAmount(append(b, `,"adjustments":`...), p.Adjustments)
	b = appendAmount(append(b, `,"creditExpired":`...), p.CreditExpired)
	b = appendAmount(append(b, `,"charges":`...), p.Charges)
	b = appendAmount(append(b, `,"closedBalance":`...), p.ClosedBalance)
	b = append(b, `,"eventType":`...)
	b = appendString(b, p.EventType)
	b = append(b, `,"invoiceNumber":`...)
	return appendString(b, p.InvoiceNumber)
}

// appendJSON appends a 2021-10-01 event's properties object.
func (p event2021) appendJSON(b []byte) ([]byte, error) {
	b = p.event2019.appendFields(append(b, '{'))
	b = appendAmount(append(b, `,"canceledCredit":`...), p.CanceledCredit)
	b = append(b, `,"billingProfileId":`...)
	b = appendString(b, p.BillingProfileID)
	b = append(b, `,"billingProfileDisplayName":`...)
	b = appendString(b, p.BillingProfileDisplayName)
	if p.LotID != "" {
		b = appendString(append(b, `,"lotId":`...), p.LotID)
	}
	if p.LotSource != "" {
		b = appendString(append(b, `,"lotSource":`...), p.LotSource)
	}
	b = appendString(append(b, `,"creditCurrency":`...), p.CreditCurrency)
	b = appendString(append(b, `,"billingCurrency":`...), p.BillingCurrency)
	b = appendReseller(append(b, `,"reseller":`...), p.Reseller)
	var err error
	for _, f := range [...]struct {
		key string
		v   *AmountWithExchangeRate
	}{{`,"newCreditInBillingCurrency":`, p.NewCreditInBillingCurrency},
		{`,"adjustmentsInBillingCurrency":`, p.AdjustmentsInBillingCurrency},
		{`,"creditExpiredInBillingCurrency":`, p.CreditExpiredInBillingCurrency},
		{`,"chargesInBillingCurrency":`, p.ChargesInBillingCurrency},
		{`,"closedBalanceInBillingCurrency":`, p.ClosedBalanceInBillingCurrency}} {
		if b, err = appendInBilling(append(b, f.key...), f.v); err != nil {
			return b, err
		}
	}
	b = appendOptString(append(b, `,"eTag":`...), p.ETag)
	return append(b, '}'), nil
}

// appendFields appends the fields of a 2019-10-01 lot, without braces.
func (p lot2019) appendFields(b []byte) []byte {
	b = appendAmount(append(b, `"originalAmount":`...), p.OriginalAmount)
	b = appendAmount(append(b, `,"closedBalance":`...), p.ClosedBalance)
	b = appendString(append(b, `,"source":`...), p.Source)
	b = appendString(append(b, `,"startDate":`...), p.StartDate)
	b = appendString(append(b, `,"expirationDate":`...), p.ExpirationDate)
	return appendString(append(b, `,"poNumber":`...), p.PONumber)
}

// appendJSON appends a 2021-10-01 lot's properties object.
func (p lot2021) appendJSON(b []byte) ([]byte, error) {
	b = p.lot2019.appendFields(append(b, '{'))
	b = appendOptString(append(b, `,"purchasedDate":`...), p.PurchasedDate)
	b = appendString(append(b, `,"status":`...), string(p.Status))
	b = appendString(append(b, `,"creditCurrency":`...), p.CreditCurrency)
	b = appendString(append(b, `,"billingCurrency":`...), p.BillingCurrency)
	b, err := appendInBilling(append(b, `,"originalAmountInBillingCurrency":`...), p.OriginalAmountInBillingCurrency)
	if err != nil {
		return b, err
	}
	if b, err = appendInBilling(append(b, `,"closedBalanceInBillingCurrency":`...), p.ClosedBalanceInBillingCurrency); err != nil {
		return b, err
	}
	b = appendReseller(append(b, `,"reseller":`...), p.Reseller)
	b = appendOptString(append(b, `,"eTag":`...), p.ETag)
	return append(b, '}'), nil
}

// appendAmount appends an amount object; its value is a JSON number (M16, contract §1.5).
func appendAmount(b []byte, a Amount) []byte {
	b = appendString(append(b, `{"currency":`...), a.Currency)
	b = a.Value.Append(append(b, `,"value":`...))
	return append(b, '}')
}

// appendInBilling appends an amount in the billing currency, or null.
func appendInBilling(b []byte, a *AmountWithExchangeRate) ([]byte, error) {
	if a == nil {
		return append(b, "null"...), nil
	}
	b = appendString(append(b, `{"currency":`...), a.Currency)
	b = a.Value.Append(append(b, `,"value":`...))
	b = append(b, `,"exchangeRate":`...)
	if isPlainInteger(string(a.ExchangeRate)) {
		b = append(b, a.ExchangeRate...)
	} else {
		var err error
		if b, err = appendReflect(b, a.ExchangeRate); err != nil {
			return b, err
		}
	}
	b = appendInt(append(b, `,"exchangeRateMonth":`...), a.ExchangeRateMonth)
	return append(b, '}'), nil
}

// appendReseller appends the reseller object, or null.
func appendReseller(b []byte, r *Reseller) []byte {
	if r == nil {
		return append(b, "null"...)
	}
	b = appendString(append(b, `{"resellerId":`...), r.ResellerID)
	b = appendString(append(b, `,"resellerDescription":`...), r.ResellerDescription)
	return append(b, '}')
}

// appendInt appends a decimal integer.
func appendInt(b []byte, n int) []byte {
	if n < 0 {
		b, n = append(b, '-'), -n
	}
	start := len(b)
	for {
		b = append(b, byte('0'+n%10))
		if n /= 10; n == 0 {
			break
		}
	}
	for i, j := start, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return b
}

// isPlainInteger reports whether s is a JSON integer without sign or leading zero, which
// encoding/json writes unchanged; anything else goes through it.
func isPlainInteger(s string) bool {
	if s == "" || s[0] == '0' && len(s) > 1 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// appendOptString appends a string, or null for nil.
func appendOptString(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendString(b, *s)
}

// appendString appends s as a JSON string. A string encoding/json writes as it is (valid UTF-8
// without quotes, backslashes, control characters or U+2028/U+2029; HTML characters are kept,
// as SetEscapeHTML(false) keeps them) is copied; any other is left to encoding/json.
func appendString(b []byte, s string) []byte {
	if !plainString(s) {
		out, _ := appendReflect(b, s) // a string always encodes
		return out
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// plainString reports whether encoding/json writes s between quotes unchanged.
func plainString(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// appendReflect appends v as encoding/json writes it with SetEscapeHTML(false).
func appendReflect(b []byte, v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return b, err
	}
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...), nil
}
