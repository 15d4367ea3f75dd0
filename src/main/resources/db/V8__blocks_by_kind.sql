-- Blocks of a few kinds across all chains (grants when a working copy is opened, record events
-- when verifying the vault and the record tables) are found through this index instead of a scan
-- of every block.

CREATE INDEX blocks_by_kind ON blocks (kind, chain_id, height);
