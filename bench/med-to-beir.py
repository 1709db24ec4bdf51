#!/usr/bin/env python3
"""Convert the SMART-format MED collection (MED.ALL, MED.QRY, MED.REL) into BEIR files the eval command reads.

Usage: bench/med-to-beir.py ../shared/corpus/ir/medline-med OUT_DIR
Writes OUT_DIR/corpus.jsonl, OUT_DIR/queries.jsonl and OUT_DIR/qrels.tsv. The data itself is never committed.
"""
import json
import pathlib
import sys


def smart(path):
    record_id, lines = None, []
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(".I "):
            if record_id is not None:
                yield record_id, " ".join(lines).strip()
            record_id, lines = line[3:].strip(), []
        elif line.strip() != ".W":
            lines.append(line.strip())
    if record_id is not None:
        yield record_id, " ".join(lines).strip()


def main(source, out):
    source, out = pathlib.Path(source), pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as f:
        for doc_id, text in smart(source / "MED.ALL"):
            f.write(json.dumps({"_id": doc_id, "title": "", "text": text, "language": "en"}) + "\n")
    # Queries are numbered by position in MED.QRY, as MED.REL numbers them.
    with open(out / "queries.jsonl", "w", encoding="utf-8") as f:
        for n, (_, text) in enumerate(smart(source / "MED.QRY"), start=1):
            f.write(json.dumps({"_id": str(n), "text": text}) + "\n")
    with open(out / "qrels.tsv", "w", encoding="utf-8") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        for line in (source / "MED.REL").read_text().splitlines():
            cols = line.split()
            if len(cols) == 4:
                f.write(f"{cols[0]}\t{cols[2]}\t{cols[3]}\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
