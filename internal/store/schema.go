package store

import (
	"context"
	"sort"
)

// Schema lists the tables of the database with their column names, sorted, leaving out goose's
// own version table: the store suite compares it across dialects to prove both sets of
// migrations build the same schema.
func (s *Store) Schema(ctx context.Context) (map[string][]string, error) {
	type col struct{ Table, Column string }
	var cols []col
	var err error
	if s.dialect == Postgres {
		err = s.conn(ctx).Raw(`SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
			WHERE table_schema = current_schema()`).Scan(&cols).Error
	} else {
		err = s.conn(ctx).Raw(`SELECT m.name AS "table", p.name AS "column" FROM sqlite_master m
			JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`).Scan(&cols).Error
	}
	if err != nil {
		return nil, wrap("schema", err)
	}
	out := map[string][]string{}
	for _, c := range cols {
		if c.Table == "goose_db_version" {
			continue
		}
		out[c.Table] = append(out[c.Table], c.Column)
	}
	for _, cs := range out {
		sort.Strings(cs)
	}
	return out, nil
}
