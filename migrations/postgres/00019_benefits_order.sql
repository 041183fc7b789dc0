-- +goose Up
-- The Benefits workspace pages in the database (P2, issue 10): within each status, and as the
-- tie-breaker of every sort, a partner's benefits are ordered by start date, id in any case, then
-- row id. This index walks them in that order, so that a page of the default order (what needs
-- action first) reads its rows from the index instead of sorting the partner's benefits; it
-- replaces the index on (partner_id, start_date), of which it is an extension.
CREATE INDEX benefits_partner_order ON benefits (partner_id, start_date, lower(external_id), id);
DROP INDEX benefits_partner;

-- +goose Down
CREATE INDEX benefits_partner ON benefits (partner_id, start_date);
DROP INDEX benefits_partner_order;
