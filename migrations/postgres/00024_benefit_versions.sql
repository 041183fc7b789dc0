-- +goose Up
-- The benefits kept (P8, issue 10): each organisation's benefits version, moved by every write
-- of what its Benefits workspace shows of its benefits (creation, renewal, assignment, removal,
-- redemption; a holder's or the organisation's new name) in the write's own transaction, as its
-- last statement. A portal keeps the workspace's totals and pages labelled with the version it
-- read first, and shows them again while the version is the same and no benefit has reached its
-- available or expiry instant, so that several portals over one database never show another's
-- stale state. A row in a table of its own, not a column of partners, whose row a renewal locks
-- first: the version is the last lock of a benefits write, so it never waits while holding what
-- another write needs.
CREATE TABLE benefit_versions (
    partner_id BIGINT NOT NULL PRIMARY KEY REFERENCES partners (id) ON DELETE CASCADE,
    version    BIGINT NOT NULL
);

-- +goose Down
DROP TABLE benefit_versions;
