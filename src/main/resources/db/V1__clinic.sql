-- The clinic this data folder belongs to: one row, written at first-run set-up.
CREATE TABLE clinic (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    created_at TEXT    NOT NULL
) STRICT;
