package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/labstack/echo/v4"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// The ceiling's table: ceilingRows rows, ceilingPage of them under each key.
const (
	ceilingRows = 1_000_000
	ceilingPage = 50
	ceilingKeys = ceilingRows / ceilingPage
)

// ceilingRow is a row of the ceiling's table.
type ceilingRow struct {
	ID        int64
	K         int64
	Name      string
	Amount    int64
	CreatedAt time.Time
}

// ceilingPageHTML is the ceiling's page: a document with a 50-row table.
var ceilingPageHTML = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rows {{.K}}</title></head>
<body><main><h1>Rows under key {{.K}}</h1>
<table><thead><tr><th>Id</th><th>Name</th><th>Amount</th><th>Created</th></tr></thead><tbody>
{{range .Rows}}<tr><td>{{.ID}}</td><td>{{.Name}}</td><td>{{.Money}}</td><td>{{.CreatedAt.Format "2006-01-02"}}</td></tr>
{{end}}</tbody></table></main></body></html>`))

// Money writes the row's amount of micro-units as a decimal.
func (r ceilingRow) Money() string {
	return fmt.Sprintf("%d.%06d", r.Amount/1_000_000, r.Amount%1_000_000)
}

// openGORM opens a PostgreSQL URL or an SQLite file as the portal does (WAL, busy timeout),
// with maxOpen connections kept open and idle.
func openGORM(dsn string, maxOpen int) (*gorm.DB, error) {
	var d gorm.Dialector
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		d = postgres.Open(dsn)
	} else {
		d = sqlite.Open("file:" + strings.TrimPrefix(dsn, "sqlite:") +
			"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)")
	}
	db, err := gorm.Open(d, &gorm.Config{Logger: logger.Discard, SkipDefaultTransaction: true})
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(maxOpen)
	sqlDB.SetMaxIdleConns(maxOpen)
	return db, nil
}

// fillCeiling creates the ceiling's table of a million rows with an index on its key, once. The
// index is made sure of at every start: a start stopped between the rows and the index (the
// suite stops the ceiling when the portal fails to start) must not leave the page reading the
// whole table.
func fillCeiling(db *gorm.DB) error {
	err := db.Exec(`CREATE TABLE IF NOT EXISTS ceiling_rows (id BIGINT PRIMARY KEY, k BIGINT NOT NULL,
		name TEXT NOT NULL, amount BIGINT NOT NULL, created_at TIMESTAMP NOT NULL)`).Error
	if err != nil {
		return err
	}
	var n int64
	if err := db.Table("ceiling_rows").Count(&n).Error; err != nil {
		return err
	}
	var stmts []string
	if n != ceilingRows {
		fill := fmt.Sprintf(`INSERT INTO ceiling_rows (id, k, name, amount, created_at)
			SELECT g, g / %d, 'Row ' || g, g * 1000, CURRENT_TIMESTAMP FROM generate_series(0, %d) AS g`, ceilingPage, ceilingRows-1)
		if db.Dialector.Name() == "sqlite" {
			fill = fmt.Sprintf(`INSERT INTO ceiling_rows (id, k, name, amount, created_at)
				WITH RECURSIVE s(g) AS (SELECT 0 UNION ALL SELECT g + 1 FROM s WHERE g < %d)
				SELECT g, g / %d, 'Row ' || g, g * 1000, CURRENT_TIMESTAMP FROM s`, ceilingRows-1, ceilingPage)
		}
		stmts = append(stmts, "DELETE FROM ceiling_rows", fill)
	}
	for _, stmt := range append(stmts, "CREATE INDEX IF NOT EXISTS ceiling_rows_k ON ceiling_rows (k)", "ANALYZE ceiling_rows") {
		if err := db.Exec(stmt).Error; err != nil {
			return fmt.Errorf("ceiling table: %w", err)
		}
	}
	return nil
}

// serveCeiling runs the ceiling program until ctx ends.
func serveCeiling(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("loadtest ceiling", flag.ContinueOnError)
	dsn := fs.String("database", "", "postgres:// URL or SQLite file of the ceiling's own database (required)")
	addr := fs.String("addr", "127.0.0.1:8099", "listen address (loopback)")
	maxOpen := fs.Int("max-open", 16, "database connections kept open and idle")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dsn == "" || !strings.HasPrefix(*addr, "127.0.0.1:") {
		return errors.New("ceiling: -database is required and -addr must be 127.0.0.1:PORT")
	}
	db, err := openGORM(*dsn, *maxOpen)
	if err != nil {
		return err
	}
	if err := fillCeiling(db); err != nil {
		return err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.GET("/", func(c echo.Context) error {
		k, err := strconv.ParseInt(c.QueryParam("k"), 10, 64)
		if err != nil || k < 0 || k >= ceilingKeys {
			return echo.NewHTTPError(http.StatusBadRequest, "k: a key from 0 to 19999")
		}
		var rows []ceilingRow
		if err := db.WithContext(c.Request().Context()).Where("k = ?", k).Order("id").Limit(ceilingPage).Find(&rows).Error; err != nil {
			return err
		}
		var buf bytes.Buffer
		if err := ceilingPageHTML.Execute(&buf, struct {
			K    int64
			Rows []ceilingRow
		}{k, rows}); err != nil {
			return err
		}
		return c.HTMLBlob(http.StatusOK, buf.Bytes())
	})
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = e.Shutdown(shut)
	}()
	fmt.Fprintf(out, "ceiling serving on %s\n", *addr)
	if err := e.Start(*addr); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
