#!/usr/bin/env python3
"""Verify an lgsp-hub answer offline: its Content-Digest (RFC 9530) and its HTTP Message Signature (RFC 9421).

Usage: verify-answer.py HEADERS BODY KEYS
  HEADERS  the answer's status line and header fields as `curl -D HEADERS` saves them
  BODY     the answer's body as `curl -o BODY` saves it
  KEYS     the hub's JWK Set (GET /.well-known/http-message-signatures-directory), whose certificate's
           fingerprint the operator publishes: check it before trusting the keys
Exit 0: the answer is the hub's, unaltered; 1: it is not; 2: the files cannot be read as an answer.
Written from RFC 9421 and RFC 9530 alone, with the `cryptography` package: a second verifier beside the hub's.
"""
import base64, hashlib, json, re, sys
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

def main(headers_file, body_file, keys_file):
    lines = open(headers_file, encoding="iso-8859-1").read().replace("\r\n", "\n").strip().split("\n")
    status = lines[0].split()[1]
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields.setdefault(name.strip().lower(), []).append(value.strip())
    body = open(body_file, "rb").read()
    digest = "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"
    if fields.get("content-digest") != [digest]:
        return fail("Content-Digest does not match the body")
    label, params = fields["signature-input"][0].split("=", 1)
    covered = re.match(r"\(([^)]*)\)", params).group(1).split()
    base = []
    for component in (c.strip('"') for c in covered):
        value = status if component == "@status" else ", ".join(fields[component])
        base.append('"%s": %s' % (component, value))
    base.append('"@signature-params": ' + params)
    keyid = re.search(r';keyid="([^"]*)"', params).group(1)
    signature = fields["signature"][0]
    if not signature.startswith(label + "=:"):
        return fail("no signature labelled " + label)
    raw = base64.b64decode(signature[len(label) + 2:-1])
    jwk = next(k for k in json.load(open(keys_file))["keys"] if k["kid"] == keyid)
    coordinate = lambda v: int.from_bytes(base64.urlsafe_b64decode(v + "=" * (-len(v) % 4)), "big")
    key = ec.EllipticCurvePublicNumbers(coordinate(jwk["x"]), coordinate(jwk["y"]), ec.SECP256R1()).public_key()
    try:
        key.verify(encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
                   "\n".join(base).encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return fail("the signature does not verify with key " + keyid)
    print("verified: signed by %s, covering %s" % (keyid, " ".join(covered)))
    return 0

def fail(reason):
    print("NOT VERIFIED: " + reason)
    return 1

if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:4]))
    except (OSError, KeyError, IndexError, ValueError, StopIteration, AttributeError, TypeError) as e:
        print("cannot read the answer: %r" % e)
        sys.exit(2)
