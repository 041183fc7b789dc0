-- +goose Up
-- The unbilled month summarised (DOMAIN M12, M16): per profile and day not invoiced yet, the
-- day's eligible and ineligible charges and its adjustments, credits (positive) apart from debits
-- (negative), kept up to date in the transaction that writes the charges or adjustments and
-- trimmed by the invoice that settles the day. The balance section and the account summary read
-- one row per unbilled day, whatever the number of charge lines and adjustments behind it.
CREATE TABLE pending_days (
    billing_profile_id BIGINT NOT NULL REFERENCES billing_profiles (id) ON DELETE CASCADE,
    date               TEXT NOT NULL,
    eligible           BIGINT NOT NULL DEFAULT 0,
    ineligible         BIGINT NOT NULL DEFAULT 0,
    credit             BIGINT NOT NULL DEFAULT 0,
    debit              BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (billing_profile_id, date)
);
INSERT INTO pending_days (billing_profile_id, date, eligible, ineligible, credit, debit)
    SELECT x.billing_profile_id, x.date, SUM(x.eligible), SUM(x.ineligible), SUM(x.credit), SUM(x.debit)
    FROM (SELECT billing_profile_id, date,
                 CASE WHEN eligible THEN amount ELSE 0 END AS eligible,
                 CASE WHEN eligible THEN 0 ELSE amount END AS ineligible, 0 AS credit, 0 AS debit
          FROM charge_days
          UNION ALL
          SELECT billing_profile_id, date, 0, 0,
                 CASE WHEN amount > 0 THEN amount ELSE 0 END, CASE WHEN amount < 0 THEN amount ELSE 0 END
          FROM adjustments) AS x
    JOIN billing_profiles AS p ON p.id = x.billing_profile_id
    WHERE p.next_period = '' OR x.date >= p.next_period || '-01'
    GROUP BY x.billing_profile_id, x.date;

-- +goose Down
DROP TABLE pending_days;
