-- Each signed head also carries the node's signature over the head as a C2SP checkpoint
-- (`<origin>\n<size>\n<base64 root>\n`), the form in which heads leave the machine on receipts and
-- proof files. Heads written before this version have none; verification accepts that only while
-- no earlier head of the chain has one.
ALTER TABLE signed_heads ADD COLUMN checkpoint_signature BLOB;

-- check-hash and the receipt check look a hash up without knowing where it is.
CREATE INDEX blocks_by_hash ON blocks (hash);
CREATE INDEX signed_heads_by_root ON signed_heads (root);
CREATE INDEX record_versions_by_hash ON record_versions (record_hash);
