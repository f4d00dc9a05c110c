#!/usr/bin/env python3
"""Second, independent verifier of lgsp-hub exchange-log exports and archives.

Written from docs/EVIDENCE-FORMAT.md and docs/evidence-test-vectors/ alone (never from the hub's
code), so that an auditor can check the hub's evidence without trusting the hub's own verifier.
Section numbers (section 8, step 2.3, ...) refer to that page.

  python3 tools/verify-exchange-log.py --fingerprint=sha256:HEX export.jsonl
  python3 tools/verify-exchange-log.py --certificate=seal.pem export.jsonl [more.jsonl ...]

Options may also be written "--fingerprint HEX"; both may be repeated (old keys after a rotation).
A trust anchor is required: without one the script prints an `unusable` report and exits 2 (the
hub's Java command instead checks the file against its own certificate and exits 3).
Output: the report of section 9 as one JSON object (several files: a JSON array of them).
Exit: 0 intact, 1 a fault was found, 2 unusable (the worst over all files).
Needs Python 3.11+ and the `cryptography` package.
"""
import base64
import datetime
import hashlib
import json
import re
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

GENESIS = "0" * 64
FORMATS = ("lgsp-hub-exchange-log/1", "lgsp-hub-exchange-log/2")
FORMS = ("lgsp-hub-record/1", "lgsp-hub-record/2", "lgsp-hub-record/3")
SIGNATURES = ["requestSignature", "answerSignature", "providerSignature"]
ORDER = ["altered", "broken-link", "inserted", "removed", "reordered", "seal-mismatch", "seal-forged",
         "seal-missing", "truncated", "footer-mismatch", "footer-forged"]  # section 8, most serious first
INT32, INT64 = (-2**31, 2**31 - 1), (-2**63, 2**63 - 1)
STRING_FIELDS = ["messageId", "clientId", "claimedClientId", "serviceId", "userId", "issue", "method", "path"]
INSTANT_FIELDS = ["requestInAt", "requestOutAt", "responseInAt", "responseOutAt"]
# section 2: canonical order after seq; "shortened" (field 27) only in forms /2 and /3, the signatures only in /3
FIELDS = (["id", "kind"] + STRING_FIELDS + ["status", "errorType", "requestSize", "responseSize"] + INSTANT_FIELDS
          + ["requestHash", "responseHash", "subjectHash", "traceparent", "covertUntil", "actor", "action", "reason"])
INSTANT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?Z")
DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


class Unusable(Exception):
    """The file or an argument cannot be read as this format (exit 2)."""


# ---- reading values strictly (sections 2, 4, 6) -------------------------------------------------

def integer(obj, name, bounds=INT64, required=True, minimum=None):
    v = obj.get(name)
    if v is None and not required:
        return None
    if type(v) is not int or not bounds[0] <= v <= bounds[1] or (minimum is not None and v < minimum):
        raise Unusable(f"{name}: not an integer in range: {v!r}")
    return v


def string(obj, name, required=False):
    v = obj.get(name)
    if v is None and not required:
        return None
    if type(v) is not str:
        raise Unusable(f"{name}: not a string: {v!r}")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in v):
        raise Unusable(f"{name}: unpaired surrogate")
    return v


def instant(obj, name, required=False):
    """Returns (year, month, day, hour, minute, second, microsecond) truncated to the microsecond."""
    v = string(obj, name, required)
    if v is None:
        return None
    m = INSTANT.fullmatch(v)
    try:
        parts = [int(g) for g in m.groups()[:6]]
        datetime.datetime(*parts)  # a real date and time: year 1-9999, second 0-59
    except (AttributeError, ValueError):
        raise Unusable(f"{name}: not an instant: {v!r}") from None
    return (*parts, int(((m.group(7) or "") + "000000")[:6]))


def canonical_instant(t):
    return "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ" % t


def seal_instant(t):
    """Java's Instant.toString() form of a microsecond instant (section 4)."""
    frac = "" if t[6] == 0 else ".%03d" % (t[6] // 1000) if t[6] % 1000 == 0 else ".%06d" % t[6]
    return "%04d-%02d-%02dT%02d:%02d:%02d" % t[:6] + frac + "Z"


def record_values(rec):
    """The record object's values, read strictly, as canonical text values (None: no value)."""
    if type(rec) is not dict:
        raise Unusable("record: not an object")
    v = {}
    uid = string(rec, "id")
    if uid is not None and not UUID.fullmatch(uid):
        raise Unusable(f"id: not a UUID: {uid!r}")
    v["id"] = uid.lower() if uid is not None else None
    v["kind"] = string(rec, "kind") if rec.get("kind") is not None else "exchange"
    for f in STRING_FIELDS + ["errorType", "requestHash", "responseHash", "subjectHash", "traceparent",
                              "actor", "action", "reason", "shortened"] + SIGNATURES:
        v[f] = string(rec, f)
    v["status"] = integer(rec, "status", INT32)
    v["requestSize"] = integer(rec, "requestSize")
    v["responseSize"] = integer(rec, "responseSize")
    for f in INSTANT_FIELDS:
        t = instant(rec, f)
        v[f] = canonical_instant(t) if t else None
    d = string(rec, "covertUntil")
    if d is not None:
        m = DATE.fullmatch(d)
        try:
            datetime.date(*[int(g) for g in m.groups()])
        except (AttributeError, ValueError):
            raise Unusable(f"covertUntil: not a date: {d!r}") from None
    v["covertUntil"] = d
    chain = rec.get("chain")
    if type(chain) is not dict:
        raise Unusable("chain: missing or not an object")
    return v, (integer(chain, "seq"), string(chain, "prevHash", True), string(chain, "recordHash", True))


# ---- the record hash (section 3) -----------------------------------------------------------------

def quote(s):
    out = []
    for c in s:
        out.append('\\"' if c == '"' else "\\\\" if c == "\\" else "\\u%04x" % ord(c) if ord(c) < 0x20 else c)
    return '"' + "".join(out) + '"'


def form_of(values):
    if any(values[f] is not None for f in SIGNATURES):
        return FORMS[2]
    return FORMS[0] if values["shortened"] is None else FORMS[1]


def hashed_text(values, seq, prev_hash):
    form = form_of(values)
    lines = [prev_hash, form, f"seq={seq}"]
    extra = {FORMS[0]: [], FORMS[1]: ["shortened"], FORMS[2]: ["shortened"] + SIGNATURES}[form]
    for f in FIELDS + extra:
        x = values[f]
        lines.append(f"{f}={'null' if x is None else x if type(x) is int else quote(x)}")
    return "\n".join(lines) + "\n"


def record_hash(values, seq, prev_hash):
    return hashlib.sha256(hashed_text(values, seq, prev_hash).encode("utf-8")).hexdigest()


# ---- keys and signatures (sections 4, 5) ---------------------------------------------------------

def seal_text(seal):
    return (f"lgsp-hub-seal/1\nupTo={seal['upTo']}\nhead={seal['head']}\nsealedAt={seal_instant(seal['at'])}"
            f"\nkey={seal['key']}\n")


def read_seal(s, number):
    if type(s) is not dict:
        raise Unusable(f"line {number}: seal is not an object")
    return {"line": number, "upTo": integer(s, "upToSeq"), "head": string(s, "headHash", True),
            "at": instant(s, "sealedAt", True), "key": string(s, "keyId", True),
            "sig": string(s, "signature", True), "state": "unchecked"}


def key_id(cert):
    return cert.fingerprint(hashes.SHA256()).hex()


def load_pem(data, what):
    try:
        return x509.load_pem_x509_certificate(data.encode() if isinstance(data, str) else data)
    except (ValueError, TypeError, AttributeError):
        raise Unusable(f"{what}: not a PEM certificate") from None


def parse_fingerprint(text):
    t = text.strip().lower()
    if t.startswith("sha256:") and re.fullmatch(r"[0-9a-f]{64}", t[7:].replace(":", "")):
        return t[7:].replace(":", "")
    raise Unusable(f"--fingerprint: not sha256: and 64 hex digits: {text!r}")


def signature_holds(cert, signature, text):
    try:
        cert.public_key().verify(base64.b64decode(signature, validate=True), text.encode("utf-8"),
                                 ec.ECDSA(hashes.SHA256()))
        return True
    except Exception:  # not Base64, not DER, not an EC key, or not this key's signature: invalid
        return False


# ---- reading the file (section 8, step 0) --------------------------------------------------------

def no_constants(name):
    raise ValueError(f"{name} is not JSON")


def parse_line(raw, number):
    try:
        obj = json.loads(raw.decode("utf-8"), parse_constant=no_constants)
    except (UnicodeDecodeError, ValueError) as e:
        raise Unusable(f"line {number}: not UTF-8 JSON: {e}") from None
    if type(obj) is not dict:
        raise Unusable(f"line {number}: not a JSON object")
    return obj


def verify(data, anchors, given_certs):
    if b"\n" not in data:
        raise Unusable("no complete line, no header")
    *lines, partial = data.split(b"\n")
    header = parse_line(lines[0], 1)
    fmt = header.get("format")
    if header.get("type") != "header" or fmt not in FORMATS:
        raise Unusable("line 1: not a header of format /1 or /2")
    base_seq, base_hash = integer(header, "baseSeq", minimum=0), string(header, "baseHash", True)
    max_run = integer(header, "maxUnsealedRun", minimum=0)
    pems = header.get("certificates") if fmt == FORMATS[1] else [header.get("certificate")]
    if type(pems) is not list or not pems:
        raise Unusable("header: no certificates")
    certs = dict(given_certs)
    for pem in pems:
        c = load_pem(pem if type(pem) is str else None, "header certificate")  # None: not a PEM string
        certs.setdefault(key_id(c), c)

    seals, records, footer, footer_line, offset = [], [], None, None, len(lines[0]) + 1
    for number, raw in enumerate(lines[1:], start=2):
        obj = parse_line(raw, number)
        kind = obj.get("type")
        if kind == "seal":
            seals.append(read_seal(obj.get("seal"), number))
        elif kind == "record":
            form = obj.get("form")
            if form is not None and form not in FORMS:
                raise Unusable(f"line {number}: form {form!r} unknown (written by a newer hub?)")
            values, (s, ph, rh) = record_values(obj.get("record"))
            records.append({"line": number, "form": form, "values": values, "s": s, "ph": ph, "rh": rh})
        elif kind == "footer":
            footer, footer_line = obj, number
            for f in ("lastSeq", "records"):
                integer(footer, f)
            for f in ("lastHash", "digest", "keyId", "signature"):
                string(footer, f, True)
            break
        else:
            raise Unusable(f"line {number}: type {kind!r} is not seal, record or footer")
        offset += len(raw) + 1

    report = {"verdict": None, "exit": None, "format": fmt, "baseSeq": base_seq, "lastSeq": None,
              "records": len(records), "checked": 0, "unchecked": 0, "failed": 0, "missing": 0,
              "seals": len(seals), "sealsValid": 0, "sealsFailed": 0, "sealsUnchecked": 0,
              "sealed": 0, "exportSignatureOnly": 0, "exportSignatureOnlyRanges": [], "findings": [],
              "signedBy": footer.get("keyId") if footer else None,
              "verifiedBeforeSigning": header.get("verifiedBeforeSigning")}

    def finding(verdict, line, seq, detail):
        f = {"verdict": verdict, "line": line, "chainSeq": seq, "detail": detail}
        report["findings"].append({k: x for k, x in f.items() if x is not None})  # chainSeq only for a record

    by_position = {}  # step 1: seals by upToSeq, in file order
    for seal in seals:
        by_position.setdefault(seal["upTo"], []).append(seal)
    # Step 2: records in file order
    # run: the current run's records not yet sealed; tail: its newest record (None: no run)
    seen, last_valid, run, tail, prev, seal_missing = set(), base_seq, [], None, None, False
    for r in records:
        s, ph, rh, line = r["s"], r["ph"], r["rh"], r["line"]
        r["state"], r["sealed"] = None, False
        if s <= base_seq or s in seen:                                        # 2.1
            r["state"] = "failed"
            finding("inserted", line, s, "position at or before baseSeq" if s <= base_seq else "position seen before")
            run, tail, prev = [], None, r
            continue
        seen.add(s)
        if record_hash(r["values"], s, ph) != rh:                             # 2.2
            r["state"] = "failed"
            finding("altered", line, s, "content does not match recordHash")
        elif r["form"] is not None and r["form"] != form_of(r["values"]):
            r["state"] = "failed"
            finding("altered", line, s, f"form {r['form']} contradicts shortened and signatures")
        elif (prev is None and s == base_seq + 1) or (prev is not None and s == prev["s"] + 1):  # 2.3
            if ph == (base_hash if prev is None else prev["rh"]):
                r["state"] = "checked"
            else:
                r["state"] = "failed"
                finding("broken-link", line, s, "prevHash is not the predecessor's hash")
        else:                                                                 # 2.4
            r["state"] = "unchecked"
            if prev is not None and s < prev["s"]:
                finding("reordered", line, s, f"after position {prev['s']}")
        if r["state"] == "failed":                                            # 2.5 runs
            run, tail = [], None
        elif r["state"] == "checked" and prev is not None and prev is tail:
            run.append(r)
            tail = r
        else:
            run, tail = [r], r
        for seal in by_position.get(s, []):                                   # 2.6
            if seal["head"] != rh:
                seal["state"] = "failed"
                finding("seal-mismatch", line, s, f"the seal on line {seal['line']}: headHash is not the record's hash")
                continue
            if seal["key"] not in certs or not signature_holds(certs[seal["key"]], seal["sig"], seal_text(seal)):
                seal["state"] = "failed"
                finding("seal-forged", line, s, f"the seal on line {seal['line']}: no certificate for its keyId, "
                        "or the signature does not verify")
                continue
            seal["state"] = "valid"
            last_valid = max(last_valid, s)
            if tail is r:
                for x in run:
                    x["sealed"] = True
                run = []
        if max_run > 0 and s - last_valid > max_run and not seal_missing:    # 2.7
            seal_missing = True
            finding("seal-missing", line, s, f"more than {max_run} records after the last valid seal")
        prev = r

    # Step 3: the end, reported at the last line read (the footer, or the last complete line)
    missing = (max(seen, default=base_seq) - base_seq) - len(seen)
    if missing > 0:
        finding("removed", footer_line or len(lines), None, f"{missing} positions missing inside the stretch")

    # Step 0's end conditions (reported at the line after the last complete one) and step 4: the footer
    if footer is None:
        finding("truncated", len(lines) + 1, None, "the file ends inside a line" if partial else "no footer line")
    else:
        end_s, end_h = (records[-1]["s"], records[-1]["rh"]) if records else (base_seq, base_hash)
        digest = hashlib.sha256(data[:offset]).hexdigest()
        wrong = [n for n, bad in [("records", footer["records"] != len(records)), ("lastSeq", footer["lastSeq"] != end_s),
                                  ("lastHash", footer["lastHash"] != end_h), ("digest", footer["digest"] != digest),
                                  ("not the end", footer_line < len(lines) or bool(partial))] if bad]
        if wrong:
            finding("footer-mismatch", footer_line, None, "footer: " + ", ".join(wrong))
        text = (f"lgsp-hub-export/1\nlastSeq={footer['lastSeq']}\nlastHash={footer['lastHash']}\nrecords="
                f"{footer['records']}\ndigest={footer['digest']}\nkey={footer['keyId']}\n")
        key = footer["keyId"]
        if key not in anchors or key not in certs or not signature_holds(certs[key], footer["signature"], text):
            finding("footer-forged", footer_line, None, "footer not signed by a trusted key")
        report["lastSeq"] = footer["lastSeq"]

    # Counts (section 9)
    for r in records:
        report[r["state"]] += 1
    for seal in seals:
        report["seals" + seal["state"].capitalize()] += 1
    only = [r["s"] for r in records if r["state"] != "failed" and not r["sealed"]]
    report["sealed"] = sum(1 for r in records if r["state"] != "failed" and r["sealed"])
    report["exportSignatureOnly"] = len(only)
    ranges = report["exportSignatureOnlyRanges"]
    for s in sorted(only):  # positions of coverable records are distinct (step 2.1)
        if ranges and s == ranges[-1][1] + 1:
            ranges[-1][1] = s
        else:
            ranges.append([s, s])
    report["missing"] = max(missing, 0)
    names = {f["verdict"] for f in report["findings"]}
    report["verdict"] = next((v for v in ORDER if v in names), "intact")
    report["exit"] = 0 if report["verdict"] == "intact" else 1
    return report


# ---- the command ---------------------------------------------------------------------------------

def unusable(detail):
    return {"verdict": "unusable", "exit": 2, "detail": detail}


def main(argv):
    anchors, certs, files, args = set(), {}, [], list(argv)
    try:
        while args:
            a = args.pop(0)
            name, eq, value = a.partition("=")
            if name in ("--fingerprint", "--certificate"):
                if not eq:
                    if not args:
                        raise Unusable(f"{name} needs a value")
                    value = args.pop(0)
                if name == "--fingerprint":
                    anchors.add(parse_fingerprint(value))
                else:
                    try:
                        with open(value, "rb") as f:
                            cert = load_pem(f.read(), f"--certificate {value}")
                    except OSError as e:
                        raise Unusable(f"--certificate {value}: {e}") from None
                    anchors.add(key_id(cert))
                    certs[key_id(cert)] = cert
            elif a.startswith("-"):
                raise Unusable(f"unknown option {a}")
            else:
                files.append(a)
        if not anchors:
            raise Unusable("no trust anchor: give --fingerprint=sha256:... or --certificate=FILE from the hub's operator")
        if not files:
            raise Unusable("no file to verify")
    except Unusable as e:
        print(json.dumps(unusable(str(e)), indent=2))
        print(__doc__, file=sys.stderr)
        return 2
    reports = []
    for name in files:
        try:
            with open(name, "rb") as f:
                report = verify(f.read(), anchors, certs)
        except (Unusable, OSError) as e:
            report = unusable(str(e))
        reports.append({"file": name, **report})
    print(json.dumps(reports[0] if len(reports) == 1 else reports, indent=2, ensure_ascii=False))
    return max(r["exit"] for r in reports)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
