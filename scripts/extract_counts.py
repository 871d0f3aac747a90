#!/usr/bin/env python3
"""Independent count table for the provider schema.

Writes tests/data/schema_counts.tsv: one row per printed "N supported[M required]" line of the
five Truto update pages, as resource, section (query|body|response), path, supported, required.

Deliberately simple and separate from transcribe_schema.py: it does not parse fields, it only
pairs each count line with the nearest preceding line that looks like a field header. Fields with
counts are top-level on every page, so the path is the header's field name. The contacts page
prints no field names; there the k-th count line of a section is paired with the k-th name of
CONTACTS_COUNTED_NAMES (typed in by hand from the page's curl example and alphabetical order).

    scripts/extract_counts.py [SEEDS_DIR] [OUT_TSV]
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = os.path.normpath(os.path.join(ROOT, "..", "shared", "seeds"))
OUT = os.path.join(ROOT, "tests", "data", "schema_counts.tsv")

FILES = {"000_": "notes", "001_": "contacts", "002_": "leads", "003_": "opportunities", "004_": "engagements"}

COUNT = re.compile(r"^(\d+) supported(?:(\d+) required)?$")
# a field header: starts with a lowercase word, optionally followed by a printed type
HEADER = re.compile(r"^([a-z][a-z0-9_]*?)(Record<string, any>|object\[\]|string\[\]|object|string|number|boolean)?"
                    r"( · [a-z-]+)?$")

SECTION_OF = {
    "Query Parameters": "query",
    "Show Truto-specific parameters": None,  # no counts there; rows would be skipped anyway
    "Request Body": "body",
    "Response Body": "response",
    "Path Parameters": None,
}

CONTACTS_COUNTED_NAMES = {
    "body": [
        "account", "addresses", "created_at", "custom_fields",
        "unnamed_between_custom_fields_and_email_addresses",
        "email_addresses", "etag", "first_name",
        "unnamed_between_first_name_and_last_name",
        "last_name", "name", "owner",
        "unnamed_between_owner_and_phone_numbers",
        "phone_numbers",
        "unnamed_between_phone_numbers_and_remote_data",
        "tags", "title",
    ],
    "response": [
        "id", "account", "addresses", "created_at", "custom_fields", "email_addresses", "etag",
        "first_name", "last_activity_at", "last_name", "name", "owner", "phone_numbers", "tags",
        "title", "updated_at", "urls",
    ],
}


def rows_for(resource, lines):
    rows = []
    section = None
    last_header = None
    skip_next = False
    k = {"query": 0, "body": 0, "response": 0}
    for raw in lines:
        line = raw.strip()
        if line.startswith("curl -X PATCH"):
            break
        # contacts glues an example onto the next section's heading
        for head in SECTION_OF:
            if line.endswith(head):
                section = SECTION_OF[head]
                last_header = None
                line = ""
        if not line:
            continue
        if skip_next:  # the enum line after "Possible values:" looks like a header
            skip_next = False
            continue
        if line == "Possible values:":
            skip_next = True
            continue
        m = COUNT.match(line)
        if m:
            if section is None:
                raise SystemExit("%s: count line outside query/body/response" % resource)
            if resource == "contacts":
                path = CONTACTS_COUNTED_NAMES[section][k[section]]
                k[section] += 1
            else:
                if last_header is None:
                    raise SystemExit("%s: count line %r without a header" % (resource, line))
                path = last_header
            rows.append((resource, section, path, m.group(1), m.group(2) or "0"))
            continue
        h = HEADER.match(line)
        if h:
            last_header = h.group(1)
    if resource == "contacts":
        for sec, names in CONTACTS_COUNTED_NAMES.items():
            if k[sec] != len(names):
                raise SystemExit("contacts %s: %d count lines, %d names" % (sec, k[sec], len(names)))
    return rows


def main(argv):
    seeds = os.path.abspath(argv[1]) if len(argv) > 1 else SEEDS
    out = os.path.abspath(argv[2]) if len(argv) > 2 else OUT
    rows = []
    for prefix, resource in FILES.items():
        names = [f for f in sorted(os.listdir(seeds)) if f.startswith(prefix) and f.endswith(".txt")]
        if len(names) != 1:
            raise SystemExit("expected one %s*.txt in %s" % (prefix, seeds))
        with open(os.path.join(seeds, names[0]), encoding="utf-8") as f:
            rows.extend(rows_for(resource, f.read().split("\n")))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("resource\tsection\tpath\tsupported\trequired\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("wrote %s (%d rows)" % (os.path.relpath(out, ROOT), len(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
