package costcsv

import (
	"strconv"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// The keys of what a Scanner says about an export (Problem.Said), which the views word
// (views/sentences.go); the comment of each lists its arguments. A cell's value is a string,
// cut short and with control characters and invalid UTF-8 escaped (cellValue). Every key is in
// Keys, which a test holds against the views' sentences.
const (
	KeyAtCell        = "costcsv.at_cell"        // the line (int), the column (fault.Code), what is wrong (a message)
	KeyAtLine        = "costcsv.at_line"        // the line (int), what is wrong (a message)
	KeyMore          = "costcsv.more"           // how many problems more (int)
	KeyEmptyFile     = "costcsv.empty_file"     // none
	KeyFileTooLarge  = "costcsv.file_too_large" // the bound in MiB (int)
	KeyLineTooLong   = "costcsv.line_too_long"  // the bound in bytes (int)
	KeyCSVSyntax     = "costcsv.csv_syntax"     // what encoding/csv found (string)
	KeyDataLines     = "costcsv.data_lines"     // the bound in lines (int)
	KeyFieldCount    = "costcsv.field_count"    // the line's fields, the header's (ints)
	KeyColumnTwice   = "costcsv.column_twice"   // the two field numbers (ints)
	KeyMissingColumn = "costcsv.missing_column" // none
	KeyEmpty         = "costcsv.empty"          // none
	KeyNotNumber     = "costcsv.not_number"     // the cell
	KeyCostTooLarge  = "costcsv.cost_too_large" // the bound, in whole units (int)
	KeyFileLimit     = "costcsv.file_limit"     // the file's bound (money.Amount)
	KeyNotDate       = "costcsv.not_date"       // the cell
	KeyDateRange     = "costcsv.date_range"     // the cell, the first and last days allowed (ledger.Date)
	KeyNotProfile    = "costcsv.not_profile"    // the cell
	KeyNotCurrency   = "costcsv.not_currency"   // the cell
	KeyNotUTF8       = "costcsv.not_utf8"       // none
	KeyProductLong   = "costcsv.product_long"   // the bound in characters (int)
	KeyControl       = "costcsv.control"        // the cell
	KeyPublisher     = "costcsv.publisher"      // the cell
	KeyChargeType    = "costcsv.charge_type"    // the cell
	KeyEligible      = "costcsv.eligible"       // the cell
	KeyNegativeNet   = "costcsv.negative_net"   // the total (a KeyTotal message), its net (money.Amount), its lines (a message)
	KeyTotal         = "costcsv.total"          // the profile (fault.ID), the product (string), the publisher type (string), the date (ledger.Date)
	KeyTotalNot      = "costcsv.total_not"      // as KeyTotal, for a total not eligible for credit
	KeyOneLine       = "costcsv.one_line"       // the line (int)
	KeyLines         = "costcsv.lines"          // the line numbers, "4, 9" (string)
	KeyLinesAndMore  = "costcsv.lines_and_more" // the first line numbers (string), how many more (int)
)

// Keys are every message key a Scanner, Collector or NegativeNet says.
var Keys = []string{KeyAtCell, KeyAtLine, KeyMore, KeyEmptyFile, KeyFileTooLarge, KeyLineTooLong, KeyCSVSyntax,
	KeyDataLines, KeyFieldCount, KeyColumnTwice, KeyMissingColumn, KeyEmpty, KeyNotNumber, KeyCostTooLarge,
	KeyFileLimit, KeyNotDate, KeyDateRange, KeyNotProfile, KeyNotCurrency, KeyNotUTF8, KeyProductLong, KeyControl, KeyPublisher,
	KeyChargeType, KeyEligible, KeyNegativeNet, KeyTotal, KeyTotalNot, KeyOneLine, KeyLines, KeyLinesAndMore}

// cellError is what is wrong with one cell, as a message; the Scanner adds its line and column.
type cellError struct{ said fault.Message }

// Error is the message's key and values, for logs.
func (e cellError) Error() string { return e.said.String() }

// bad is a cellError saying key with args.
func bad(key string, args ...any) error { return cellError{fault.Say(key, args...)} }

// cellValue is a cell as a message quotes it: cut short (fault.Clip) so that a 64 KiB cell does
// not flood the page, with control characters and invalid UTF-8 escaped as Go writes them.
func cellValue(s string) string {
	q := strconv.Quote(fault.Clip(s))
	return q[1 : len(q)-1]
}
