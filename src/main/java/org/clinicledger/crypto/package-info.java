/**
 * The cryptographic primitives ClinicLedger's chains are built from, each a small, documented
 * wrapper pinned to a published standard and tested against that standard's own vectors.
 *
 * <ul>
 *   <li>{@link org.clinicledger.crypto.Sha256} and {@link org.clinicledger.crypto.Hex}: hashing
 *       and the one textual form hashes and keys are shown and stored in.
 *   <li>{@link org.clinicledger.crypto.CanonicalJson}: RFC 8785 canonical bytes of a JSON tree,
 *       with a domain label in front, so that what is hashed or signed has exactly one encoding
 *       and cannot be mistaken for a different kind of structure.
 *   <li>{@link org.clinicledger.crypto.Ed25519}: RFC 8032 signatures.
 *   <li>{@link org.clinicledger.crypto.MerkleTree}: the RFC 9162 Merkle tree with inclusion and
 *       consistency proofs, so that anyone can check an entry is in a ledger and that a ledger
 *       only ever grew.
 * </ul>
 *
 * <p>Records are kept secret on the workstation with these:
 *
 * <ul>
 *   <li>{@link org.clinicledger.crypto.Aead}: AES-256-GCM through the JDK, with random 96-bit
 *       nonces, 128-bit tags and associated data that binds a ciphertext to where it belongs.
 *       Opening gives all of the plaintext or an
 *       {@link org.clinicledger.crypto.AuthenticationFailedException}, never a part of it.
 *   <li>{@link org.clinicledger.crypto.Hkdf}: HKDF-SHA256 (RFC 5869), one independent key per
 *       purpose from one secret.
 *   <li>{@link org.clinicledger.crypto.X25519}: RFC 7748 key agreement, refusing public keys of
 *       small order.
 *   <li>{@link org.clinicledger.crypto.KeyWrap}: a record's content key wrapped for a recipient's
 *       X25519 public key (ephemeral X25519, HKDF-SHA256, AES-256-GCM, in the manner of HPKE's
 *       base mode) and bound to a context such as the record id and version, so that a wrapped
 *       key only opens for its recipient and only on its own record.
 *   <li>{@link org.clinicledger.crypto.Argon2id}: RFC 9106 Argon2id from a passphrase to a key,
 *       with a cost of at least OWASP's 19 MiB and two passes, and a tuner that raises it to what
 *       the workstation can afford within a chosen time.
 * </ul>
 *
 * <p>Every one of them is tested against its standard's published vectors, and each vector is
 * cross-checked against a second, independent implementation (the JDK's, BouncyCastle's other
 * API, or one outside Java). Secrets that these classes create on the way are wiped before they
 * return; keys handed to the caller are the caller's to wipe.
 *
 * <p>The package stands alone: it depends on the JDK, BouncyCastle and Jackson only, never on
 * JavaFX, JDBC or the rest of the application, so that it can be reviewed and tested in
 * isolation. Verification methods answer {@code false} rather than throw on malformed input,
 * because their input comes from outside and a malformed proof is just a proof that fails.
 * Opening sealed data is the one exception: it throws the checked
 * {@link org.clinicledger.crypto.AuthenticationFailedException}, because a caller that forgot to
 * look at a {@code false} could go on to use plaintext that was never there.
 */
package org.clinicledger.crypto;
