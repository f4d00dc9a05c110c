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
    text = open(headers_file, encoding="iso-8859-1").read().replace("\r\n", "\n").strip()
    # curl -D keeps every response it got (100 Continue, redirects): the answer is the last
    text = text[text.rfind("\nHTTP/") + 1:] if "\nHTTP/" in text else text
    lines = text.split("\n")
    status = lines[0].split()[1]
    fields, previous = {}, None
    for line in lines[1:]:
        if previous is not None and line[:1] in (" ", "\t"):  # a folded line continues the one before
            previous[-1] += " " + line.strip()
            continue
        name, _, value = line.partition(":")
        previous = fields.setdefault(name.strip().lower(), [])
        previous.append(value.strip())
    body = open(body_file, "rb").read()
    digest = "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"
    if fields.get("content-digest") != [digest]:
        return fail("Content-Digest does not match the body")
    params, signature = member(fields, "signature-input"), member(fields, "signature")
    if params is None or signature is None:
        return unusable("no signature labelled hub")
    match = re.fullmatch(r'\(([^)]*)\);created=\d+;keyid="([^"]+)";alg="([^"]+)"', params)
    if not match or match.group(3) != "ecdsa-p256-sha256":
        return unusable("the hub's Signature-Input is not one this script reads")
    base = []
    for component in (c.strip('"') for c in match.group(1).split()):
        if component != "@status" and component not in fields:
            return fail("the signed field %s is missing" % component)
        base.append('"%s": %s' % (component, status if component == "@status" else ", ".join(fields[component])))
    base.append('"@signature-params": ' + params)
    keyid = match.group(2)
    raw = base64.b64decode(signature[1:-1]) if signature.startswith(":") and signature.endswith(":") else b""
    if len(raw) != 64:
        return fail("the hub's signature is not 64 bytes (r || s)")
    jwk = next((k for k in json.load(open(keys_file))["keys"] if k["kid"] == keyid), None)
    if jwk is None:
        return fail("signed by key %s, which the keys file does not hold" % keyid)
    coordinate = lambda v: int.from_bytes(base64.urlsafe_b64decode(v + "=" * (-len(v) % 4)), "big")
    key = ec.EllipticCurvePublicNumbers(coordinate(jwk["x"]), coordinate(jwk["y"]), ec.SECP256R1()).public_key()
    try:
        key.verify(encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
                   "\n".join(base).encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return fail("the signature does not verify with key " + keyid)
    print("verified: signed by %s, covering %s" % (keyid, match.group(1)))
    return 0

def member(fields, name, label="hub"):
    """The hub's member of a dictionary field (RFC 8941): split at the commas outside parentheses and quotes."""
    text, depth, quoted, start = ", ".join(fields.get(name, [])), 0, False, 0
    for i, c in enumerate(text + ","):
        if c == '"':
            quoted = not quoted
        elif not quoted and c in "()":
            depth += 1 if c == "(" else -1
        elif not quoted and depth == 0 and c == ",":
            item = text[start:i].strip()
            if item.startswith(label + "="):
                return item[len(label) + 1:]
            start = i + 1
    return None

def unusable(reason):
    print("cannot read the answer: " + reason)
    return 2

def fail(reason):
    print("NOT VERIFIED: " + reason)
    return 1

if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:4]))
    except (OSError, KeyError, IndexError, ValueError, StopIteration, AttributeError, TypeError) as e:
        print("cannot read the answer: %r" % e)
        sys.exit(2)
