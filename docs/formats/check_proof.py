#!/usr/bin/env python3
"""An independent checker of ClinicLedger proof files (clinicledger-proof/1), written from
docs/formats/proof.md alone, to show that nothing but the published specs is needed: C2SP
signed-note and tlog-checkpoint, RFC 9162 Merkle trees, SHA-256 and Ed25519.

    python3 check_proof.py PROOF.json [COPY.json] [CLINIC-FINGERPRINT]

Needs the 'cryptography' package for Ed25519. Prints each step; exits 0 when every step holds.
"""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def sha256(*parts):
    return hashlib.sha256(b"".join(parts)).digest()


def ed25519_ok(public_key, message, signature):
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
        return True
    except InvalidSignature:
        return False


def canonical(obj):
    """RFC 8785 for the two small objects a checker builds: ASCII keys and string values."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def fingerprint(clinic_key):
    digest = sha256(b"clinicledger/clinic-fingerprint/v1\0", clinic_key)[:20]
    bits = "".join(f"{byte:08b}" for byte in digest)
    return "".join(B32[int(bits[i:i + 5], 2)] for i in range(0, 160, 5))


def key_id(public_key):
    return sha256(b"clinicledger/key-id/v1\0", public_key)[:16].hex()


def open_note(note, name, public_key):
    """C2SP signed-note: the text is everything up to the last blank line."""
    text, _, signatures = note.rpartition("\n\n")
    text += "\n"
    key_hash = sha256(name.encode(), b"\n\x01", public_key)[:4]
    for line in signatures.rstrip("\n").split("\n"):
        if not line.startswith("\u2014 "):
            continue
        line_name, _, blob = line[2:].partition(" ")
        raw = base64.b64decode(blob)
        if line_name == name and raw[:4] == key_hash and ed25519_ok(public_key, text.encode(), raw[4:]):
            return text
    return None


def inclusion_root(index, size, leaf, path):
    """RFC 9162, section 2.1.3.2."""
    if index >= size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn % 2 == 1 or fn == sn:
            r = sha256(b"\x01", p, r)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = sha256(b"\x01", r, p)
        fn, sn = fn >> 1, sn >> 1
    return r if sn == 0 else None


def main(argv):
    proof = json.load(open(argv[1], encoding="utf-8"))
    copy = open(argv[2], "rb").read() if len(argv) > 2 else None
    trusted = argv[3].replace("-", "").upper() if len(argv) > 3 else None
    steps = []
    clinic_key = base64.b64decode(proof["clinicPublicKey"])
    clinic = proof["clinicKey"]
    steps.append(("clinic key has the fingerprint " + clinic, fingerprint(clinic_key) == clinic))
    if trusted:
        steps.append(("that is the fingerprint you trust", trusted == clinic))
    node = proof["nodeKey"]
    node_key = base64.b64decode(node["publicKey"])
    authorized = canonical({"chain": node["chain"], "subjectKey": node_key.hex()})
    steps.append(("clinic key authorized the node key", node["chain"] == "node/" + key_id(node_key)
                  and ed25519_ok(clinic_key, b"clinicledger/key-authorization/v1\0" + authorized,
                                 base64.b64decode(node["authorization"]))))
    name = "clinicledger/" + clinic + "/node/" + key_id(node_key)
    text = open_note(proof["checkpoint"], name, node_key)
    steps.append(("checkpoint signed by " + name, text is not None))
    if text is None:
        return report(steps)
    origin, size, root = text.split("\n")[:3]
    size, root = int(size), base64.b64decode(root)
    chain = origin[len("clinicledger/" + clinic + "/"):]
    block_bytes = base64.b64decode(proof["blockBytes"])
    steps.append(("block bytes hash to the block hash", sha256(block_bytes).hex() == proof["blockHash"]))
    label = b"clinicledger/block-hash/v1\0"
    block = json.loads(block_bytes[len(label):]) if block_bytes.startswith(label) else {}
    event = json.loads(bytes.fromhex(block.get("payload") or ""))
    steps.append(("block is on " + chain + " at the leaf index and names the record hash",
                  origin.startswith("clinicledger/" + clinic + "/") and block.get("chain") == chain
                  and block.get("height") == proof["leafIndex"]
                  and block.get("kind") in ("record-added", "record-amended")
                  and event.get("recordHash") == proof["recordHash"]
                  and event.get("record") == proof["recordId"] and event.get("version") == proof["version"]))
    leaf = sha256(b"\x00", bytes.fromhex(proof["blockHash"]))
    path = [bytes.fromhex(h) for h in proof["inclusionProof"]]
    steps.append(("inclusion proof leads to the checkpoint's root",
                  inclusion_root(proof["leafIndex"], size, leaf, path) == root))
    if copy is not None:
        steps.append(("the copy's SHA-256 is the record hash", sha256(copy).hex() == proof["recordHash"]))
    return report(steps)


def report(steps):
    for what, holds in steps:
        print(("ok     " if holds else "FAILED ") + what)
    return 0 if all(holds for _, holds in steps) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
