package costcsv

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// MaxDataLines is the most data lines (non-empty lines after the header) Parse reads; a
// longer export is refused, to be split by month.
const MaxDataLines = 1_000_000

// MaxLineBytes is the longest physical line Parse reads, in bytes without the line break.
const MaxLineBytes = 64 << 10

// limits are the bounds of one parse; tests lower them.
type limits struct {
	dataLines, lineBytes int
}

// lineLimiter passes bytes through until a physical line grows longer than max, and then fails,
// so that encoding/csv never buffers more than one bounded line.
type lineLimiter struct {
	r       io.Reader
	max     int
	run     int // bytes of the current line so far
	line    int // 1-based number of the current line
	tooLong bool
}

var errLineTooLong = errors.New("line too long")

func (l *lineLimiter) Read(p []byte) (int, error) {
	if l.tooLong {
		return 0, errLineTooLong
	}
	n, err := l.r.Read(p)
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

// read feeds every data line of the export to p.record. It returns only an I/O error of r;
// everything wrong with the content becomes a problem.
func (p *parser) read(r io.Reader, lim limits) error {
	ll := &lineLimiter{r: r, max: lim.lineBytes, line: 1}
	br := bufio.NewReaderSize(ll, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true // p.record copies what it keeps
	header, err := cr.Read()
	switch {
	case err == io.EOF:
		p.probs.add(0, "", "empty file: no header line")
		return nil
	case err != nil:
		return p.readError(err, ll)
	}
	headerLine, _ := cr.FieldPos(0)
	cols, ok := findColumns(header, headerLine, &p.probs)
	if !ok {
		return nil
	}
	p.cols = cols
	for n := 1; ; n++ {
		rec, err := cr.Read()
		fieldCount := err != nil && errors.Is(err, csv.ErrFieldCount) && !ll.tooLong
		switch {
		case err == io.EOF:
			return nil
		case err != nil && !fieldCount:
			return p.readError(err, ll)
		}
		line, _ := cr.FieldPos(0)
		switch {
		case n > lim.dataLines:
			p.probs.add(line, "", "more than %d data lines: export a shorter period", lim.dataLines)
			return nil
		case fieldCount:
			p.probs.add(line, "", "%d fields where the header has %d", len(rec), len(header))
		default:
			p.record(line, rec)
		}
	}
}

// readError turns what stopped encoding/csv into a problem, or returns an I/O error of the
// underlying reader, which is no fault of the file.
func (p *parser) readError(err error, ll *lineLimiter) error {
	var pe *csv.ParseError
	switch {
	case ll.tooLong:
		p.probs.add(ll.line, "", "line longer than %d bytes: not a cost export?", ll.max)
	case errors.As(err, &pe):
		p.probs.add(pe.Line, "", "CSV syntax: %v; reading stopped here", pe.Err)
	default:
		return fmt.Errorf("costcsv: read: %w", err)
	}
	return nil
}
