-- Reference exchange rates managed by the administrator, for the risk engine's comparisons of unit values and
-- quantities across currencies (docs/RISK.md). One rate per currency and day; a rate is never changed in place
-- (a correction is a new day's rate). Portable SQL (see 0001).

CREATE TABLE exchange_rates (
    id TEXT NOT NULL,
    -- ISO 4217, three capital letters (validated by the service against the list of active codes).
    currency TEXT NOT NULL,
    -- YYYY-MM-DD: the rate holds from this day until the currency's next rate.
    day TEXT NOT NULL,
    -- Units of the configured currency (`display.currency`) per 1 unit of `currency`, a decimal greater than 0.
    rate TEXT NOT NULL,
    -- Where the figure comes from (a central bank's publication, or "illustrative" in the demo).
    source TEXT NOT NULL,
    created_by TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT exchange_rates_pkey PRIMARY KEY (id),
    CONSTRAINT exchange_rates_currency_day_key UNIQUE (currency, day),
    CONSTRAINT exchange_rates_currency_check CHECK (LENGTH(currency) = 3),
    CONSTRAINT exchange_rates_day_check CHECK (LENGTH(day) = 10)
);
