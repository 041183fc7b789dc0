-- +goose Up
-- An invoice's page lists its allocations by charge date, product and lot a hundred at a time
-- (keyset, store.InvoiceAllocationsPage): this index gives each page in that order without
-- sorting the whole invoice.
CREATE INDEX invoice_allocations_order ON invoice_allocations (invoice_id, date, product, lot_name, id);

-- +goose Down
DROP INDEX invoice_allocations_order;
