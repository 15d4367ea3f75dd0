-- Wrong logins under usernames that have no account, counted and locked exactly like an account's
-- (accounts.failed_logins, accounts.locked_until), so that the lockout does not tell which names
-- exist. Keyed by the SHA-256 hex of the typed name under a domain label, never the name itself.
-- A row whose last failure is a day old and whose lock has ended is removed at the next failure.

CREATE TABLE unknown_logins (
    name_hash      TEXT    PRIMARY KEY CHECK (length(name_hash) = 64),
    failed_logins  INTEGER NOT NULL CHECK (failed_logins >= 1),
    locked_until   INTEGER,          -- milliseconds since the epoch, UTC; null when not locked
    last_failed_at INTEGER NOT NULL  -- milliseconds since the epoch, UTC
) STRICT, WITHOUT ROWID;
