-- Run once in the PostgreSQL template after its migrations (template.go). It keeps what the
-- migrations inserted, and defines storetest.reset(), which brings a database used by a test back
-- to that state: the pool (pool.go) reuses its databases instead of creating and dropping one per
-- test. The store reads and writes schema public only, so this schema stays out of its way.
CREATE SCHEMA storetest;

-- The tables of the application: schema public, except goose's version table.
CREATE VIEW storetest.tables AS
    SELECT c.oid, c.oid::regclass AS name, c.relname
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'goose_db_version';

-- The sequences those tables own (identity and serial columns).
CREATE VIEW storetest.sequences AS
    SELECT s.oid::regclass AS name
    FROM pg_class s
    JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype IN ('a', 'i')
    JOIN storetest.tables t ON t.oid = d.refobjid
    WHERE s.relkind = 'S';

-- What the migrations left: the position of each sequence they moved, and a copy of each table
-- they filled (named after it, in the order the migrations created the tables).
-- (MATERIALIZED: pg_sequence_last_value must see sequences only, never rows of pg_class the view
-- filters out.)
CREATE TABLE storetest.sequence_positions AS
    WITH s AS MATERIALIZED (SELECT name, pg_sequence_last_value(name) AS last_value FROM storetest.sequences)
    SELECT name::text AS name, last_value FROM s WHERE last_value IS NOT NULL;
CREATE SCHEMA storetest_rows;
DO $$
DECLARE
    t record;
    filled boolean;
BEGIN
    FOR t IN SELECT relname FROM storetest.tables ORDER BY oid LOOP
        EXECUTE format('SELECT EXISTS (SELECT FROM public.%I)', t.relname) INTO filled;
        IF filled THEN
            EXECUTE format('CREATE TABLE storetest_rows.%I AS TABLE public.%I', t.relname, t.relname);
        END IF;
    END LOOP;
END $$;

-- reset empties every table, restarts every sequence, and puts back the rows and sequence
-- positions of the migrations. Tables are emptied children first (the reverse of the order of
-- creation); one that rows of another table still refer to is tried again in the next pass.
CREATE FUNCTION storetest.reset() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t record;
    deleted bigint;
    refused int;
    progress boolean;
BEGIN
    LOOP
        refused := 0;
        progress := false;
        FOR t IN SELECT name FROM storetest.tables ORDER BY oid DESC LOOP
            BEGIN
                EXECUTE format('DELETE FROM %s', t.name);
                GET DIAGNOSTICS deleted = ROW_COUNT;
                progress := progress OR deleted > 0;
            EXCEPTION WHEN foreign_key_violation THEN
                refused := refused + 1;
            END;
        END LOOP;
        EXIT WHEN refused = 0;
        IF NOT progress THEN
            RAISE EXCEPTION 'storetest.reset: % tables refer to each other and cannot be emptied', refused;
        END IF;
    END LOOP;
    FOR t IN SELECT name FROM storetest.sequences LOOP
        EXECUTE format('ALTER SEQUENCE %s RESTART', t.name);
    END LOOP;
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'storetest_rows' AND c.relkind = 'r' ORDER BY c.oid LOOP
        EXECUTE format('INSERT INTO public.%I OVERRIDING SYSTEM VALUE SELECT * FROM storetest_rows.%I', t.relname, t.relname);
    END LOOP;
    FOR t IN SELECT name, last_value FROM storetest.sequence_positions LOOP
        PERFORM setval(t.name, t.last_value, true);
    END LOOP;
END $$;
