// Package keptcache keeps, across requests, what the portal's pages and the API read or compute
// from one owner's data (a billing profile's ledger, a partner organisation's benefits), labelled
// with the owner's version read from the database: the one cache of the credits page, its charts,
// the account summary, the API's events and the Benefits workspace.
//
// Every write of what a value shows moves its owner's version in the database, so a reader that
// reads the version first, before anything the value is computed from, and finds a kept value of
// that version may show it again: an entry is never older than its label, and no portal can serve
// another portal's stale entry, since the version is in the database. A label also says when a
// value holds besides its version: Day, for a business day; Span, for an interval of instants.
// Each cache keeps a few queries of an owner (its latest pages, filters or locales) and a bounded
// number of owners.
package keptcache
