#!/usr/bin/env python3
"""Send a request to lgsp-hub signed with HTTP Message Signatures (RFC 9421), as a consumer that signs would.

Usage: signed-request.py --key PEM --keyid ID --client SUBSYSTEM --token TOKEN [--issue PURPOSE]
                         [--data JSON] [--wrong-key] URL
  --key        the consumer's private key, PEM (Ed25519 or EC P-256)
  --keyid      the key's id as registered for the consumer's subsystem
  --client     the consumer's subsystem, sent as X-Road-Client (and covered by the signature)
  --token      a bearer token of the consumer (POST /oauth2/token)
  --issue      the purpose, sent as X-Road-Issue (covered)
  --data       a JSON body: POSTed, with its Content-Digest (RFC 9530) covered
  --wrong-key  sign with a fresh key instead (the hub must refuse: 401 Client.InvalidSignature)
Prints the answer's status line, header fields and body. The signature covers @method, @path, @query (when the
URL has one), x-road-client, x-road-issue and content-digest (when present), with created, keyid and alg.
Written from RFC 9421 and RFC 9530 alone, with the `cryptography` package.
"""
import argparse, base64, hashlib, sys, time, urllib.error, urllib.parse, urllib.request
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


def sign(key, base):
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(base)
    r, s = decode_dss_signature(key.sign(base, ec.ECDSA(hashes.SHA256())))  # RFC 9421 3.3.1: r and s, 32 bytes each
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("--key", "--keyid", "--client", "--token"):
        p.add_argument(name, required=True)
    p.add_argument("--issue")
    p.add_argument("--data")
    p.add_argument("--wrong-key", action="store_true")
    p.add_argument("url")
    a = p.parse_args()
    key = serialization.load_pem_private_key(open(a.key, "rb").read(), password=None)
    if a.wrong_key:
        key = ed25519.Ed25519PrivateKey.generate() if isinstance(key, ed25519.Ed25519PrivateKey) \
            else ec.generate_private_key(ec.SECP256R1())
    target = a.url if "://" in a.url else "http://" + a.url  # as curl reads localhost:8080/...
    url = urllib.parse.urlsplit(target)
    method = "POST" if a.data is not None else "GET"
    body = a.data.encode() if a.data is not None else b""
    headers = {"Authorization": "Bearer " + a.token, "X-Road-Client": a.client}
    components = [("@method", method), ("@path", url.path or "/")]
    if url.query:
        components.append(("@query", "?" + url.query))
    components.append(("x-road-client", a.client))
    if a.issue is not None:
        headers["X-Road-Issue"] = urllib.parse.quote(a.issue, safe="")
        components.append(("x-road-issue", headers["X-Road-Issue"]))
    if body:
        headers["Content-Type"] = "application/json"
        headers["Content-Digest"] = "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode() + ":"
        components.append(("content-digest", headers["Content-Digest"]))
    alg = "ed25519" if isinstance(key, ed25519.Ed25519PrivateKey) else "ecdsa-p256-sha256"
    params = "(" + " ".join('"%s"' % name for name, _ in components) + ")" \
        + ';created=%d;keyid="%s";alg="%s"' % (int(time.time()), a.keyid, alg)
    base = "".join('"%s": %s\n' % (name, value) for name, value in components) + '"@signature-params": ' + params
    signature = sign(key, base.encode())
    headers["Signature-Input"] = "sig1=" + params
    headers["Signature"] = "sig1=:" + base64.b64encode(signature).decode() + ":"
    request = urllib.request.Request(target, data=body if body else None, headers=headers, method=method)
    try:
        answer = urllib.request.urlopen(request)
    except urllib.error.HTTPError as e:
        answer = e
    print("HTTP/1.1", answer.status)
    for name, value in answer.headers.items():
        print("%s: %s" % (name, value))
    print()
    print(answer.read().decode("utf-8", "replace"))
    return 0 if answer.status < 400 else 1


if __name__ == "__main__":
    sys.exit(main())
