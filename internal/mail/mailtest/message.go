package mailtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"slices"
	"strings"
)

// Message is one received email, decoded.
type Message struct {
	EnvelopeFrom string   // MAIL FROM
	EnvelopeTo   []string // every RCPT TO
	From         string   // the From header's address
	To           []string // the To header's addresses
	Subject      string   // decoded
	Text         string   // the text/plain part, decoded
	HTML         string   // the text/html part, decoded
	Raw          []byte   // the message as transferred
}

// linkPattern finds absolute http(s) URLs in a text part.
var linkPattern = regexp.MustCompile(`https?://[^\s<>"')]+`)

// hrefPattern finds the href attributes of an HTML part.
var hrefPattern = regexp.MustCompile(`href="([^"]*)"`)

// TextLinks are the absolute URLs in the text part, in order.
func (m Message) TextLinks() []string { return linkPattern.FindAllString(m.Text, -1) }

// HTMLLinks are the href targets of the HTML part, unescaped, in order.
func (m Message) HTMLLinks() []string {
	var links []string
	for _, g := range hrefPattern.FindAllStringSubmatch(m.HTML, -1) {
		links = append(links, html.UnescapeString(g[1]))
	}
	return links
}

// Link returns the one link starting with prefix that both parts carry, and an error when the
// parts disagree, or it is missing or not unique.
func (m Message) Link(prefix string) (string, error) {
	pick := func(links []string) []string {
		var out []string
		for _, l := range links {
			if strings.HasPrefix(l, prefix) && !slices.Contains(out, l) {
				out = append(out, l)
			}
		}
		return out
	}
	text, htm := pick(m.TextLinks()), pick(m.HTMLLinks())
	if len(text) != 1 || len(htm) != 1 || text[0] != htm[0] {
		return "", fmt.Errorf("mailtest: links starting %q: text part %q, HTML part %q; want the same one in both", prefix, text, htm)
	}
	return text[0], nil
}

// parse decodes a message: headers, and a single part or a multipart/alternative body.
func parse(raw []byte) (Message, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Message{}, err
	}
	var m Message
	dec := new(mime.WordDecoder)
	if m.Subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		return Message{}, fmt.Errorf("subject: %w", err)
	}
	from, err := mail.ParseAddress(msg.Header.Get("From"))
	if err != nil {
		return Message{}, fmt.Errorf("from: %w", err)
	}
	m.From = from.Address
	to, err := msg.Header.AddressList("To")
	if err != nil {
		return Message{}, fmt.Errorf("to: %w", err)
	}
	for _, a := range to {
		m.To = append(m.To, a.Address)
	}
	return m, m.readPart(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
}

// readPart stores a text/plain or text/html part, or walks a multipart one.
func (m *Message) readPart(contentType, encoding string, body io.Reader) error {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return fmt.Errorf("content type %q: %w", contentType, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		r := multipart.NewReader(body, params["boundary"])
		for {
			p, err := r.NextRawPart()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			if err := m.readPart(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(encoding) {
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return fmt.Errorf("%s part: %w", mt, err)
	}
	switch mt {
	case "text/plain":
		m.Text = strings.ReplaceAll(string(b), "\r\n", "\n")
	case "text/html":
		m.HTML = strings.ReplaceAll(string(b), "\r\n", "\n")
	default:
		return fmt.Errorf("unexpected part %s", mt)
	}
	return nil
}
