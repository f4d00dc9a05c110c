#!/usr/bin/env python3
"""A subscriber's receiver for lgsp-hub's pushed events, for trying them out: it listens on
http://127.0.0.1:PORT/, verifies each delivery's Standard Webhooks signature (webhook-id,
webhook-timestamp, webhook-signature: HMAC-SHA256 with the subscription's secret over
"id.timestamp.body"), prints the CloudEvent, and answers 204, or 401 when the signature does not
verify (the hub then retries). A delivery already seen (same webhook-id) is acknowledged and not
printed again: the hub delivers at least once.

Usage: webhook-receiver.py --port 9999 --secret whsec_...
Written from the Standard Webhooks specification with the Python standard library alone.
"""
import argparse, base64, hashlib, hmac, json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 300


def verify(secret, headers, body):
    msg_id, timestamp, signatures = (headers.get("webhook-id"), headers.get("webhook-timestamp"),
                                     headers.get("webhook-signature"))
    if not (msg_id and timestamp and signatures) or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
    expected = base64.b64encode(hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest())
    return any(hmac.compare_digest(expected, s.split(",", 1)[1].encode())
               for s in signatures.split() if s.startswith("v1,"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--secret", required=True)
    args = parser.parse_args()
    seen = set()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if not verify(args.secret, self.headers, body):
                print("refused: signature does not verify", file=sys.stderr, flush=True)
                self.send_response(401)
                self.end_headers()
                return
            event = json.loads(body)
            if event["id"] not in seen:
                seen.add(event["id"])
                print(f"verified {event['id']} {event['type']} {json.dumps(event['data'], ensure_ascii=False)}",
                      flush=True)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *_):
            pass

    ThreadingHTTPServer(("127.0.0.1", args.port), Receiver).serve_forever()


if __name__ == "__main__":
    main()
