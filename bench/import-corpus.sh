#!/usr/bin/env bash
# The bulk import on the shared corpus, interrupted and not: builds a folder of symbolic links to the corpus's PDFs
# (read in place, never copied) plus three links to PDFs already in it (duplicates by content), a CSV of metadata
# generated from MANIFEST.tsv with bad rows added (unknown types, impossible dates, a country that is none, files that
# are missing), then imports it twice into two fresh portals (stopped: the command starts their embedded PostgreSQL):
# once uninterrupted, once killed with -9 midway and run again. Prints the times and outcome counts, and fails unless
# the two reports agree line by line (document ids aside) and each data directory stores exactly one file per
# imported document (nothing half-imported left by the kill).
#
# Usage: bench/import-corpus.sh [CORPUS_DIR] [KILL_AFTER_LINES]     defaults: ../shared/corpus/pdfs and 60
# Needs java (./portal builds the jar when it is missing or stale) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus="$(cd "${1:-../shared/corpus/pdfs}" && pwd)"
kill_after="${2:-60}"
[ -f "$corpus/MANIFEST.tsv" ] || { echo "No MANIFEST.tsv in $corpus" >&2; exit 2; }
work=$(mktemp -d -t portal-import-bench-XXXXXX)
email=admin@import-bench.test
export PORTAL_ADMIN_PASSWORD="a long enough bench passphrase"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

# The library: links mirroring the corpus, three duplicates, and the metadata CSV with its bad rows.
python3 - "$corpus" "$work" <<'PY'
import csv, os, sys
corpus, work = sys.argv[1], sys.argv[2]
library = os.path.join(work, "library")
types = {"articles-fr": "article", "articles-medical": "article", "articles-other": "article",
         "guidelines-protocols": "guideline", "methods-epi-biostat": "article", "public-health-fr": "report",
         "reports-long": "report", "tables": "report"}
rows = []
with open(os.path.join(corpus, "MANIFEST.tsv"), encoding="utf-8") as manifest:
    for i, entry in enumerate(csv.DictReader(manifest, delimiter="\t")):
        target = os.path.join(library, entry["file"])
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.symlink(os.path.join(corpus, entry["file"]), target)
        stem = os.path.splitext(os.path.basename(entry["file"]))[0].replace("-", " ")
        rows.append({"file": entry["file"], "title": (entry["note"] or stem)[:200] + " (" + stem + ")",
                     "authors": "Corpus, Shared; Bench, Import", "date": "%d-%02d-15" % (2010 + i % 15, 1 + i % 12),
                     "type": types.get(entry["category"], "report"), "language": entry["language"],
                     "countries": "FR;SN" if entry["language"] == "fr" else "",
                     "topics": entry["category"].replace("/", " "), "doi": "", "licence": entry["license"][:200]})
os.makedirs(os.path.join(library, "duplicates"))
for n, row in enumerate(rows[:60:20]):
    os.symlink(os.path.join(corpus, row["file"]), os.path.join(library, "duplicates", "copy-%d.pdf" % n))
# Bad rows: the lines they land on are reported with these numbers (the header is line 1).
rows[5]["type"] = "novel"
rows[17]["type"] = "Article"
rows[30]["date"] = "2019-02-30"
rows[41]["date"] = "15/03/2019"
rows[52]["countries"] = "XX"
rows.append(dict(rows[0], file="missing/nowhere.pdf"))
rows.append(dict(rows[1], file="also-missing.pdf"))
with open(os.path.join(work, "metadata.csv"), "w", encoding="utf-8", newline="") as out:
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
print(f"{len(rows) - 2} files with a row, 3 duplicates, 7 bad rows -> {work}/metadata.csv")
PY

prepare() { # a fresh data directory with its administrator, the portal stopped
  PORTAL_DATA_DIR="$1" PORTAL_EMBEDDED_DB_PORT="$2" ./portal create-admin --email "$email" >/dev/null
}
run_import() { # DATA PORT REPORT
  PORTAL_DATA_DIR="$1" PORTAL_EMBEDDED_DB_PORT="$2" ./portal import "$work/library" \
    --metadata "$work/metadata.csv" --as "$email" --report "$3"
}

whole_port=$(free_port)
prepare "$work/whole" "$whole_port"
start=$(now)
run_import "$work/whole" "$whole_port" "$work/whole.tsv" >"$work/whole.out" 2>&1 || true
whole_seconds=$(python3 -c "print(round($(now) - $start, 1))")
grep '^Import done' "$work/whole.out"

killed_port=$(free_port)
prepare "$work/killed" "$killed_port"
start=$(now)
run_import "$work/killed" "$killed_port" "$work/killed.tsv" >"$work/killed.out" 2>&1 &
pid=$!
until [ "$(grep -c '^\[' "$work/killed.out" || true)" -ge "$kill_after" ]; do
  kill -0 "$pid" 2>/dev/null || { echo "the import ended before line $kill_after" >&2; exit 1; }
  sleep 0.05
done
# The import's JVM alone (not the PostgreSQL it started): ./portal execs java, either in the background job's own
# process or in a child of it, depending on whether bash forked once more.
jvm="$pid"
if [ "$(cat /proc/"$pid"/comm)" != java ]; then
  for child in $(pgrep -P "$pid"); do
    [ "$(cat /proc/"$child"/comm)" = java ] && jvm="$child"
  done
fi
kill -9 "$jvm"
wait "$pid" 2>/dev/null || true
killed_at=$(grep -c '^\[' "$work/killed.out")
run_import "$work/killed" "$killed_port" "$work/killed.tsv" >"$work/resumed.out" 2>&1 || true
resumed_seconds=$(python3 -c "print(round($(now) - $start, 1))")
grep '^Import done' "$work/resumed.out"

python3 - "$work" "$whole_seconds" "$resumed_seconds" "$killed_at" <<'PY'
import collections, os, re, subprocess, sys
work, whole_s, resumed_s, killed_at = sys.argv[1:]
ids = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
def report(name):
    lines = open(os.path.join(work, name), encoding="utf-8").read().splitlines()[1:]
    return [line.split("\t") for line in lines]
def stored(data):
    files = os.path.join(work, data, "files")
    return sum(1 for root, _, names in os.walk(files) if ".incoming" not in root for _ in names)
whole, resumed = report("whole.tsv"), report("killed.tsv")
counts = collections.Counter(line[2] for line in whole)
print(f"lines {len(whole)}: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
print(f"uninterrupted: {whole_s} s; killed -9 after {killed_at} lines, then run again: {resumed_s} s in all")
same = [ids.sub("ID", "\t".join(l[:4])) for l in whole] == [ids.sub("ID", "\t".join(l[:4])) for l in resumed]
print("reports agree line by line (ids aside):", same)
files_ok = all(stored(d) == counts["imported"] for d in ("whole", "killed"))
print(f"stored files: {stored('whole')} and {stored('killed')} for {counts['imported']} imported documents")
for line in whole:
    if line[2] == "failed":
        print("  failed line", line[0] or "-", line[1], "-", line[3][:110])
sys.exit(0 if same and files_ok else 1)
PY
echo "Work directory (data, reports, outputs): $work"
