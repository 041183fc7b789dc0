package costcsv

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// MaxDataLines is the most data lines (non-empty lines after the header) a Scanner reads; a
// longer export is refused, to be split by month.
const MaxDataLines = 1_000_000

// MaxLineBytes is the longest physical line a Scanner reads, in bytes without the line break.
const MaxLineBytes = 64 << 10

// MaxBytes is the largest export a Scanner reads: 256 MiB, about 1,000,000 lines of a real
// export's useful columns.
const MaxBytes = 256 << 20

// limits are the bounds of one scan; tests lower them.
type limits struct {
	dataLines, lineBytes int
	bytes                int64
}

var defaultLimits = limits{dataLines: MaxDataLines, lineBytes: MaxLineBytes, bytes: MaxBytes}

// Scanner reads an export line by line in constant memory, whatever its length: the caller
// sums the lines (a database does it for the store), so no per-product state is kept here.
// Every problem of every line goes to the Collector given to NewScanner, and reading goes on
// after a bad line, so that one answer names them all (DOMAIN X2); Scan hands over only good
// lines. Reading stops early at a CSV syntax error, a line longer than MaxLineBytes, more than
// MaxDataLines lines or MaxBytes bytes: what follows cannot be trusted or is not wanted.
type Scanner struct {
	notCovered ledger.NotCovered
	probs      *Collector
	lim        limits
	ll         *lineLimiter
	cr         *csv.Reader
	header     int // fields in the header; 0 until it is read
	cols       columns
	n          int // data lines read
	line       Line
	err        error
	done       bool
	absTotal   money.Amount // the absolute costs of the good lines so far (FileLimit)
	overLimit  bool
	profiles   map[string]profileRef // billingProfileId cell -> what it names
	eligible   map[eligibilityKey]bool
}

// NewScanner returns a Scanner of the export r. notCovered is the M10 list that decides
// eligibility when the export has no isAzureCreditEligible column. Problems go to probs.
func NewScanner(r io.Reader, notCovered ledger.NotCovered, probs *Collector) *Scanner {
	return newScanner(r, notCovered, probs, defaultLimits)
}

func newScanner(r io.Reader, notCovered ledger.NotCovered, probs *Collector, lim limits) *Scanner {
	ll := &lineLimiter{r: r, max: lim.lineBytes, maxBytes: lim.bytes, line: 1}
	br := bufio.NewReaderSize(ll, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true // record copies nothing it keeps beyond the next Scan
	cr.FieldsPerRecord = -1
	return &Scanner{notCovered: notCovered, probs: probs, lim: lim, ll: ll, cr: cr,
		profiles: make(map[string]profileRef), eligible: make(map[eligibilityKey]bool)}
}

// Scan advances to the next good line, reporting every bad one on its way. It returns false at
// the end of the export, when reading had to stop (see Scanner), or on an I/O error (Err).
func (s *Scanner) Scan() bool {
	if s.done {
		return false
	}
	if s.header == 0 && !s.readHeader() {
		s.done = true
		return false
	}
	for {
		rec, err := s.cr.Read()
		switch {
		case err == io.EOF:
			s.done = true
			return false
		case err != nil:
			s.done = true
			s.err = s.readError(err)
			return false
		}
		number, _ := s.cr.FieldPos(0)
		s.n++
		switch {
		case s.n > s.lim.dataLines:
			s.probs.Add(number, "", KeyDataLines, s.lim.dataLines)
			s.done = true
			return false
		case len(rec) != s.header:
			s.probs.Add(number, "", KeyFieldCount, len(rec), s.header)
			continue
		}
		if l, ok := s.record(number, rec); ok {
			s.line = l
			return true
		}
	}
}

// Line returns the line the last successful Scan read.
func (s *Scanner) Line() Line { return s.line }

// Err returns the I/O error of the reader that stopped the Scanner, if any: it is no fault of
// the file and is not a Problem.
func (s *Scanner) Err() error { return s.err }

// readHeader reads the header line and finds the columns, reporting what is wrong with it; a
// header that is not UTF-8 and lacks a column is said to be not UTF-8.
func (s *Scanner) readHeader() bool {
	header, err := s.cr.Read()
	switch {
	case err == io.EOF:
		s.probs.Add(0, "", KeyEmptyFile)
		return false
	case err != nil:
		s.err = s.readError(err)
		return false
	}
	line, _ := s.cr.FieldPos(0)
	if !utf8.ValidString(strings.Join(header, "")) { // UTF-16 or Latin-1: say so, not what is missing
		var quiet Collector
		if _, ok := findColumns(header, line, &quiet); !ok {
			s.probs.Add(line, "", KeyNotUTF8)
			return false
		}
	}
	cols, ok := findColumns(header, line, s.probs)
	s.cols, s.header = cols, len(header)
	return ok
}

// readError turns what stopped encoding/csv into a problem, or returns an I/O error of the
// underlying reader, which is no fault of the file.
func (s *Scanner) readError(err error) error {
	var pe *csv.ParseError
	switch {
	case s.ll.tooLarge:
		s.probs.Add(0, "", KeyFileTooLarge, int(s.ll.maxBytes>>20))
	case s.ll.tooLong:
		s.probs.Add(s.ll.line, "", KeyLineTooLong, s.ll.max)
	case errors.As(err, &pe):
		s.probs.Add(pe.Line, "", KeyCSVSyntax, pe.Err.Error())
	default:
		return fmt.Errorf("costcsv: read: %w", err)
	}
	return nil
}

// lineLimiter passes bytes through until a physical line grows longer than max, or the whole
// input longer than maxBytes, and then fails, so that encoding/csv never buffers more than one
// bounded line and a reader never runs on without end.
type lineLimiter struct {
	r        io.Reader
	max      int
	maxBytes int64
	total    int64
	run      int // bytes of the current line so far
	line     int // 1-based number of the current line
	tooLong  bool
	tooLarge bool
}

var errLineTooLong = errors.New("line too long")

func (l *lineLimiter) Read(p []byte) (int, error) {
	if l.tooLong || l.tooLarge {
		return 0, errLineTooLong
	}
	n, err := l.r.Read(p)
	if l.total += int64(n); l.total > l.maxBytes {
		l.tooLarge = true
		return 0, errLineTooLong
	}
	for off := 0; off < n; {
		i := bytes.IndexByte(p[off:n], '\n')
		end := n // end of the current line within p, without its line break
		if i >= 0 {
			end = off + i
		}
		if l.run+end-off > l.max {
			// Pass no more than max+1 bytes of the line: encoding/csv must never see its end.
			l.tooLong = true
			return off + l.max - l.run + 1, errLineTooLong
		}
		if i < 0 {
			l.run += end - off
			break
		}
		l.run, l.line, off = 0, l.line+1, end+1
	}
	return n, err
}
