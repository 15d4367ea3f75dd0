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
 * <p>Authenticated encryption, key wrapping and Argon2id key derivation will join them here.
 *
 * <p>The package stands alone: it depends on the JDK, BouncyCastle and Jackson only, never on
 * JavaFX, JDBC or the rest of the application, so that it can be reviewed and tested in
 * isolation. Verification methods answer {@code false} rather than throw on malformed input,
 * because their input comes from outside and a malformed proof is just a proof that fails.
 */
package org.clinicledger.crypto;
