-- Each signed head names the one before it on its chain (SHA-256 of that head, signature included),
-- so that deleting, reordering or replacing a head breaks the link of the next one. Heads written
-- before this version name none; verification accepts that only for a chain's earliest heads.
ALTER TABLE signed_heads ADD COLUMN previous_head BLOB;
