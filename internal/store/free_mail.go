package store

import (
	"context"
	"strings"

	"github.com/creditdesk/creditdesk/internal/benefits"
)

// FreeMailPolicy returns the benefits rules' installation-editable part: the free-hosted mail
// domains this installation refuses besides the built-in list (P10), kept in the database so
// every instance applies the same list.
func (s *Store) FreeMailPolicy(ctx context.Context) (benefits.Policy, error) {
	var domains []string
	err := s.conn(ctx).Model(&FreeMailDomain{}).Order("domain").Pluck("domain", &domains).Error
	return benefits.Policy{ExtraFreeMailDomains: domains}, wrap("free mail policy", err)
}

// AddFreeMailDomain adds a domain to the installation's list of refused free-hosted mail
// domains (P10) unless listed; it reports whether it added it. A malformed domain is refused.
func (s *Store) AddFreeMailDomain(ctx context.Context, domain string) (bool, error) {
	domain = strings.TrimLeft(strings.ToLower(strings.TrimSpace(domain)), "@.")
	if err := (benefits.Policy{ExtraFreeMailDomains: []string{domain}}).Validate(); err != nil {
		return false, err
	}
	var n int64
	if err := s.conn(ctx).Model(&FreeMailDomain{}).Where("domain = ?", domain).Count(&n).Error; err != nil || n > 0 {
		return false, wrap("add free mail domain", err)
	}
	d := FreeMailDomain{Domain: domain, CreatedAt: s.now().UTC()}
	return true, wrap("add free mail domain", s.conn(ctx).Create(&d).Error)
}
