#!/usr/bin/env python3
"""Runs tools/verify-exchange-log.py against every case of docs/evidence-test-vectors/manifest.json,
the record and seal vectors, and a few files made here (standard library unittest only).

  python3 tools/test_verify_exchange_log.py -v
"""
import base64
import importlib.util
import json
import pathlib
import subprocess
import sys
import tempfile
import unittest

TOOLS = pathlib.Path(__file__).resolve().parent
SCRIPT = TOOLS / "verify-exchange-log.py"
VECTORS = TOOLS.parent / "docs" / "evidence-test-vectors"
spec = importlib.util.spec_from_file_location("verify_exchange_log", SCRIPT)
v = importlib.util.module_from_spec(spec)
spec.loader.exec_module(v)
MANIFEST = json.loads((VECTORS / "manifest.json").read_text(encoding="utf-8"))
FINGERPRINT = "--fingerprint=sha256:119f66724a9c26d5697ac4f1180724c6d74d4b6f0c5f0abf3262eda392fe3313"


def run(*args):
    """The script as a command: (exit status, parsed JSON output)."""
    p = subprocess.run([sys.executable, str(SCRIPT), *args], cwd=VECTORS, capture_output=True, text=True)
    return p.returncode, json.loads(p.stdout)


class ManifestCases(unittest.TestCase):
    def test_every_case(self):
        self.assertGreaterEqual(len(MANIFEST["cases"]), 18)
        for case in MANIFEST["cases"]:
            with self.subTest(case["name"]):
                expect = case["expect"]
                status, report = run(*case["args"], case["file"])
                self.assertEqual(status, expect["exit"], report)
                for key, value in expect.items():
                    if key == "findings":
                        self.assertEqual(sorted({f["verdict"] for f in report["findings"]}), sorted(value), report)
                    else:
                        self.assertEqual(report[key], value, key)


class RecordAndSealVectors(unittest.TestCase):
    def test_records_hash_to_their_vectors(self):
        for vec in json.loads((VECTORS / "records.json").read_text(encoding="utf-8"))["vectors"]:
            with self.subTest(vec["name"]):
                values, _ = v.record_values(vec["record"])
                text = v.hashed_text(values, vec["seq"], vec["prevHash"])
                self.assertEqual(text, vec["hashedText"])
                self.assertEqual(text.encode(), base64.b64decode(vec["hashedTextBase64"]))
                self.assertEqual(v.form_of(values), vec["form"])
                self.assertEqual(v.record_hash(values, vec["seq"], vec["prevHash"]), vec["recordHash"])

    def test_seals_verify_as_the_vectors_say(self):
        doc = json.loads((VECTORS / "seal.json").read_text(encoding="utf-8"))
        cert = v.load_pem((VECTORS / doc["certificate"]).read_bytes(), "certificate")
        self.assertEqual(v.key_id(cert), doc["keyId"])
        for vec in (doc, doc["withMicroseconds"], doc["brokenSignature"]):
            seal = v.read_seal(vec["seal"], 1)
            self.assertEqual(v.seal_text(seal), vec["signedText"])
            self.assertEqual(v.signature_holds(cert, seal["sig"], v.seal_text(seal)), vec["valid"])


class MadeHere(unittest.TestCase):
    """Cases the manifest does not hold, made by editing the intact export's lines."""

    def lines(self):
        return (VECTORS / "export-intact.jsonl").read_bytes().split(b"\n")[:-1]

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def verify(self, lines):
        file = pathlib.Path(self.dir.name) / "made.jsonl"
        file.write_bytes(b"\n".join(lines) + b"\n")
        return run(FINGERPRINT, str(file))

    def test_no_trust_anchor_is_refused(self):
        self.assertEqual(run("export-intact.jsonl")[0], 2)

    def test_malformed_fingerprint_or_option(self):
        self.assertEqual(run("--fingerprint=sha256:abcd", "export-intact.jsonl")[0], 2)
        self.assertEqual(run("--fingerprint=md5:" + "0" * 64, "export-intact.jsonl")[0], 2)
        self.assertEqual(run(FINGERPRINT, "--trust-me", "export-intact.jsonl")[0], 2)

    def test_fingerprint_as_a_separate_argument(self):
        self.assertEqual(run("--fingerprint", FINGERPRINT.split("=")[1], "export-intact.jsonl")[0], 0)

    def test_a_duplicated_record_is_inserted(self):
        lines = self.lines()
        status, report = self.verify(lines[:5] + [lines[4]] + lines[5:])
        self.assertEqual((status, report["verdict"], report["failed"]), (1, "inserted", 1))

    def test_a_line_after_the_footer(self):
        status, report = self.verify(self.lines() + [b'{"type":"note"}'])
        self.assertEqual((status, report["verdict"]), (1, "footer-mismatch"))

    def test_nan_and_empty_lines_are_unusable(self):
        lines = self.lines()
        self.assertEqual(self.verify(lines[:3] + [lines[3].replace(b'"status":200', b'"status":NaN')] + lines[4:])[0], 2)
        self.assertEqual(self.verify(lines[:3] + [b""] + lines[3:])[0], 2)
        self.assertEqual(self.verify(lines[:3] + [lines[3].replace(b'"status":200', b'"status":200.0')] + lines[4:])[0], 2)

    def test_an_unpaired_surrogate_is_unusable(self):
        lines = self.lines()
        bad = lines[3].replace(b'"method":"GET"', b'"method":"G\\ud800T"')
        self.assertEqual(self.verify(lines[:3] + [bad] + lines[4:])[0], 2)


if __name__ == "__main__":
    unittest.main()
