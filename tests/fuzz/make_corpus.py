#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target (tests/fuzz/corpus/<target>/seed-*) from the
project's own data: the bundled schema, the sandbox seed records and accounts, the error bodies
the contract documents (§7), and requests as the app sends them. Deterministic; rerun it after
the data changes. Files named crash-* or regress-* (inputs that once failed) are never touched.

    python3 tests/fuzz/make_corpus.py
"""
import json
import pathlib
import sqlite3
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus"
SCHEMA = sorted((ROOT / "resources" / "schema").glob("*.json"))
SANDBOX = ROOT / "resources" / "sandbox"
TOKEN = "fuzz-token"  # accepted by fuzz_sandboxrequest


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def first_records(limit):
    """A few native records of each provider, small bodies of real shape."""
    out = []
    for path in sorted(SANDBOX.glob("records-*.json")):
        data = json.loads(path.read_text())
        for resource, records in data.items():
            if isinstance(records, list) and records:
                out.append((path.stem[len("records-"):], resource, records[0]))
    return out[:limit]


# Error bodies: the contract's §7 shapes and the sandbox's own answers.
ERRORS = [
    (422, "Unprocessable Entity", "application/json", {
        "statusCode": 422, "error": "Unprocessable Entity", "message": "Phone number is not valid",
        "truto_is_remote_error": True,
        "raw_response": {"errors": [{"field": "phone", "code": "invalid"}]}}),
    (400, "Bad Request", "application/json", {
        "statusCode": 400, "error": "Bad Request", "message": "Missing required fields",
        "truto_error_insight": {
            "missing_required_body_fields": {"description": "Required", "value": ["first_name", "emails"]},
            "conditionally_required_body_fields": {"description": "If", "value": {"contact": "one of"}}}}),
    (400, "", "application/json; charset=utf-8", {
        "statusCode": 400, "error": "Bad Request", "message": "integrated_account_id is required",
        "truto_error_insight": {"missing_required_query_parameters": {
            "description": "Required", "value": ["integrated_account_id"]}}}),
    (403, "Forbidden", "application/json", {
        "statusCode": 403, "error": "Forbidden", "message": "",
        "truto_is_remote_error": True, "raw_response": {"error_description": "Scope missing"},
        "truto_error_insight": {"forbidden_error": {"description": "Scopes",
                                                    "value": {"missing_scopes": ["crm.objects.contacts.write"]}},
                                "remote_error": {"description": "Provider"}}}),
    (429, "Too Many Requests", "application/json", {
        "statusCode": 429, "error": "Too Many Requests", "message": "",
        "truto_is_remote_error": True, "raw_response": "Rate limit exceeded, retry later",
        "truto_error_insight": {"rate_limit_error": {"description": "Provider rate limit"}}}),
    (401, "Unauthorized", "application/json", {
        "statusCode": 401, "error": "Unauthorized", "message": "Invalid API token"}),
    (404, "Not Found", "application/json", {
        "statusCode": 404, "error": "Not Found", "message": "Record not found"}),
    (422, "", "application/json", {
        "statusCode": 422, "error": "Unprocessable Entity", "message": "Validation failed",
        "details": {"failures": [{"field": "email", "message": "is invalid"}]}}),
    (500, "Internal Server Error", "application/json", {
        "statusCode": 500, "error": "Internal Server Error", "message": "",
        "truto_is_remote_error": True, "raw_response": {"msg": "upstream exploded", "detail": {"summary": "x"}}}),
    (503, "Service Unavailable", "application/json", {
        "statusCode": 503, "error": "Service Unavailable", "message": "Integrated account is blocked"}),
]
ERROR_TEXTS = [
    (502, "Bad Gateway", "text/html", b"<html><body><h1>502 Bad Gateway</h1></body></html>"),
    (504, "", "text/plain", b"upstream request timeout"),
    (200, "OK", "application/json", b"{\"id\": \"42\", \"first_name\": "),
    (418, "", "", b""),
]


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"seed-{name}").write_bytes(data)


def clear_seeds():
    for path in CORPUS.glob("*/seed-*"):
        path.unlink()


def json_bodies():
    """(name, bytes) of real bodies: records, list pages, errors, small edge cases."""
    bodies = []
    for provider, resource, record in first_records(14):
        bodies.append((f"{provider}-{resource}", compact(record)))
    bodies.append(("list-page", json.dumps({"result": [r for _, _, r in first_records(3)],
                                            "next_cursor": "abc", "result_count": 3}, indent=2).encode()))
    for status, _, _, body in ERRORS[:4]:
        bodies.append((f"error-{status}", compact(body)))
    bodies += [
        ("scalars", b'[null, true, false, 0, -1.5e+300, "\\u00e9\\ud83d\\ude00\\n", {}, []]'),
        ("bom", b'\xef\xbb\xbf{"a": 1}'),
        ("nested", b"[" * 40 + b"1" + b"]" * 40),
        ("keys", b'{"a.b": {"c[0]": ["x", {"\\"q\\"": 1}]}, "": 2, "a": 3, "a": 4}'),
        ("invalid-comma", b'{"a": 1,}'),
        ("invalid-utf8", b'{"a": "\xff\xfe"}'),
        ("text", b"plain text, not JSON\n"),
        ("number-root", b"  42  "),
    ]
    return bodies


def history_files():
    """History databases as HistoryStore lays them out (app/history/historystore.cpp), small
    pages so that each seed is a few kB."""
    create_v1 = """CREATE TABLE requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT, sent_at TEXT NOT NULL,
        profile_id TEXT NOT NULL DEFAULT '', environment TEXT NOT NULL DEFAULT '',
        method TEXT NOT NULL, url TEXT NOT NULL, request_headers TEXT NOT NULL DEFAULT '[]',
        request_body BLOB, request_truncated INTEGER NOT NULL DEFAULT 0,
        status INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0,
        response_headers TEXT NOT NULL DEFAULT '[]', response_body BLOB,
        response_size INTEGER NOT NULL DEFAULT 0, response_truncated INTEGER NOT NULL DEFAULT 0,
        error TEXT NOT NULL DEFAULT '', resource TEXT NOT NULL DEFAULT '',
        record_id TEXT NOT NULL DEFAULT '', account_id TEXT NOT NULL DEFAULT '',
        idempotency_key TEXT NOT NULL DEFAULT '');
        CREATE INDEX requests_record ON requests(resource, record_id);"""
    create_v2 = """CREATE VIRTUAL TABLE requests_text USING fts5(url, record_id, request_body,
        response_body, content='requests', content_rowid='id', tokenize='trigram');
        CREATE TRIGGER requests_text_insert AFTER INSERT ON requests BEGIN
        INSERT INTO requests_text(rowid, url, record_id, request_body, response_body)
        VALUES (new.id, new.url, new.record_id, CAST(new.request_body AS TEXT),
        CAST(new.response_body AS TEXT)); END;
        CREATE TRIGGER requests_text_delete AFTER DELETE ON requests BEGIN
        INSERT INTO requests_text(requests_text, rowid, url, record_id, request_body,
        response_body) VALUES ('delete', old.id, old.url, old.record_id,
        CAST(old.request_body AS TEXT), CAST(old.response_body AS TEXT)); END;"""
    rows = [
        ("2026-01-02T10:00:00.000Z", "p1", "sandbox", "PATCH",
         "http://127.0.0.1:1/unified/crm/contacts/151?integrated_account_id=ce0cfd43",
         '[["content-type","application/json"],["authorization","Bearer <redacted>"]]',
         b'{"first_name":"Ada"}', 200, 12, '[["content-type","application/json"]]',
         b'{"id":"151","first_name":"Ada"}', 31, "", "contacts", "151", "ce0cfd43", "k-1"),
        ("2026-01-02T10:01:00.000Z", "p1", "production", "GET",
         "https://api.truto.one/unified/crm/notes?integrated_account_id=x&limit=25",
         "[]", None, 0, 30000, "[]", None, 0, "Timed out after 30 s", "notes", "", "x", ""),
        ("not a date", "", "", "PATCH", "", "[[1]]", b"\xff", 422, -5, "{}", b"", -1, "",
         "", "", "", ""),
    ]
    out = []
    for name, version, journal, with_rows in [("v2-wal", 2, "wal", True), ("v2-empty", 2, "delete", False),
                                              ("v1", 1, "delete", True), ("newer", 3, "delete", False)]:
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "history.sqlite"
            db = sqlite3.connect(path)
            db.execute("PRAGMA page_size = 512")
            db.executescript(create_v1 + (create_v2 if version >= 2 else ""))
            if with_rows:
                db.executemany(
                    "INSERT INTO requests (sent_at, profile_id, environment, method, url, "
                    "request_headers, request_body, status, duration_ms, response_headers, "
                    "response_body, response_size, error, resource, record_id, account_id, "
                    "idempotency_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            db.execute(f"PRAGMA user_version = {version}")
            db.commit()
            db.execute(f"PRAGMA journal_mode = {journal}")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)") if journal == "wal" else None
            db.close()
            out.append((name, path.read_bytes()))
    out.append(("empty-file", b""))
    out.append(("not-sqlite", b"SQLite format 2\x00" + b"\x00" * 84))
    return out


def main():
    clear_seeds()
    accounts = json.loads((SANDBOX / "accounts.json").read_text())["accounts"]
    bodies = json_bodies()

    # fuzz_jsonindex: Content-Type line, then a body.
    for name, body in bodies:
        write("jsonindex", name, b"application/json\n" + body)
    write("jsonindex", "typed-path", b"result[0].properties.email\n" + bodies[-9][1])
    write("jsonindex", "binary", b"application/octet-stream\n\x00\x01\x02\xff")
    write("jsonindex", "latin1", b"text/plain; charset=iso-8859-1\ncaf\xe9")

    # fuzz_prettyprint: search text line, then a body.
    for name, body in bodies:
        write("prettyprint", name, b"email\n" + body)
    write("prettyprint", "unicode-needle", "\u00e9\n".encode() + b'{"name": "Ren\xc3\xa9e"}')
    write("prettyprint", "empty-needle", b"\n[1, 2, 3]")

    # fuzz_errorenvelope: status, reason, Content-Type, body.
    for status, reason, ctype, body in ERRORS:
        write("errorenvelope", f"{status}-{len(body)}", f"{status}\n{reason}\n{ctype}\n".encode() + compact(body))
    for status, reason, ctype, body in ERROR_TEXTS:
        write("errorenvelope", f"{status}-text", f"{status}\n{reason}\n{ctype}\n".encode() + body)

    # fuzz_queryencoder: options as JSON.
    options = [
        {"account": accounts[0]["id"], "format": "raw", "exclude": ["remote_data", "a b"],
         "remote_query": {"properties": ["email", "phone"], "filter": {"owner": {"id": 7}}}},
        {"account": "x y+z&=?/", "query": {"contact[]": ["1", "2"], "engagement_type": "call"},
         "limit": 100, "cursor": "eyJwYWdlIjoyfQ=="},
        {"account": "a", "remote_query": {"": "", "n": None, "b": True, "d": 1.5, "big": 9007199254740993,
                                          "neg": -0.0, "e": 1e300, "nested": [[1, [2]], {"x": []}]}},
        {"account": "\u00e9\u6f22\U0001F600", "ignore_remote_data": True, "format": "stream"},
        {"account": "a", "remote_query": {"0": "x", "1": {"2": "y"}}},
    ]
    for i, option in enumerate(options):
        write("queryencoder", f"options-{i}", compact(option))
    write("queryencoder", "not-json", b"plain account id")

    # fuzz_querydecoder: query strings as clients send them (contract §5.2, §5.3).
    queries = [
        "integrated_account_id=ce0cfd43-d489-4408-a688-766af0bedc4f&truto_response_format=raw",
        "remote_query%5Bproperties%5D%5B%5D=email&remote_query%5Bproperties%5D%5B%5D=phone",
        "remote_query[filter][owner][id]=7&remote_query[filter][owner][name]=a+b",
        "contact[0]=1&contact[1]=2&contact[]=3",
        "a[x]=1&a[]=2&a[0][y]=3",
        "truto_exclude_fields=remote_data,id&truto_exclude_fields=x",
        "key=%2B%20%zz&=empty&novalue&&k%5B%5D",
        "a[9999]=1&a[0][0][0][0]=2&b]=3&c[=4&d[e]f=5",
        "truto_ignore_remote_data=TRUE&limit=25&next_cursor=eyJwIjoyfQ%3D%3D",
        "x=%C3%A9%F0%9F%98%80%FF",
    ]
    for i, query in enumerate(queries):
        write("querydecoder", f"query-{i}", query.encode())

    # fuzz_schema: the bundled schema files.
    for path in SCHEMA:
        write("schema", path.stem, path.read_bytes())
    write("schema", "minimal", compact({"resource": "contacts", "body": []}))

    # fuzz_livemeta: meta/update responses in the layouts LiveMetaMerger reads (§13).
    metas = {
        "json-schema": {"method": "update", "request_body_schema": {
            "type": "object", "required": ["first_name"], "properties": {
                "first_name": {"type": "string"}, "last_name": {"type": "string"},
                "emails": {"type": "array", "items": {"type": "object", "properties": {
                    "email": {"type": "string"}, "type": {"type": "string", "enum": ["work", "home"]}}}},
                "addresses": {"type": "object", "properties": {"city": {"type": "string"}}}}},
            "query_schema": {"type": "object", "properties": {"integrated_account_id": {"type": "string", "required": True}}}},
        "plain-map": {"request_body_schema": {"first_name": {"type": "string", "required": True},
                                              "stage": {"type": "string", "enum": ["open", "won"]}}},
        "as-string": {"request_body_schema": json.dumps({"type": "object", "properties": {"content": {"type": "string"}}})},
        "empty": {"method": "update", "schema": {}},
        "no-properties": {"request_body_schema": {"type": "object", "properties": {}}},
        "deep": {"request_body_schema": {"properties": {"a": {"properties": {"b": {"items": {"properties": {"c": {"type": "string"}}}}}}}}},
    }
    for name, meta in metas.items():
        write("livemeta", name, compact(meta))

    # fuzz_drafts: draft files as DraftStore writes them.
    for i, (provider, resource, record) in enumerate(first_records(4)):
        draft = {"format": "crmdesk-draft", "version": 1,
                 "key": {"profile_id": "p1", "account_id": accounts[i]["id"], "resource": resource,
                         "record_id": str(record.get("id", i))},
                 "provider": provider, "original": record, "edits": {"first_name": "Ada", "phone": None},
                 "query": {"integrated_account_id": accounts[i]["id"], "truto_response_format": "unified",
                           "truto_ignore_remote_data": False, "truto_exclude_fields": [],
                           "remote_query": {"properties": ["email"]}, "resource_query": {}},
                 "idempotency_key": "7c1d3b8e-0000-4000-8000-00000000000" + str(i),
                 "created_at": "2026-01-02T10:00:00.000Z", "updated_at": "2026-01-02T10:05:00.000Z"}
        write("drafts", f"{provider}-{resource}", json.dumps(draft, indent=4).encode())
    write("drafts", "newer-version", compact({"format": "crmdesk-draft", "version": 2, "key": {}}))
    write("drafts", "truncated", b'{"format": "crmdesk-draft", "version": 1, "key": {"profile_')

    # fuzz_history: database files.
    for name, data in history_files():
        write("history", name, data)

    # fuzz_sandboxrequest: requests to the routes of app/sandbox/README.md.
    def request(method, target, body=b"", headers=()):
        lines = [f"{method} {target}", "Host: 127.0.0.1:8080", f"Authorization: Bearer {TOKEN}"]
        lines += list(headers)
        if body:
            lines.append("Content-Type: application/json")
        return ("\n".join(lines) + "\n\n").encode() + body
    requests = [("accounts", request("GET", "/integrated-account?limit=5&integration[name]=hubspot"))]
    by_provider = {}
    for account in accounts:
        by_provider.setdefault(account["integration"], account)
    picked = list(by_provider.values())[:6] + [a for a in accounts if "fault" in a and "large" not in a["fault"]][:3]
    for account in picked:
        aid = account["id"]
        records = json.loads((SANDBOX / f"records-{account['integration']}.json").read_text())
        resource = next(r for r in ("contacts", "notes", "leads") if records.get(r))
        rid = str(records[resource][0]["id"])
        q = f"integrated_account_id={aid}"
        tag = f"{account['integration']}-{aid[-4:]}"
        requests += [
            (f"{tag}-list", request("GET", f"/unified/crm/{resource}?{q}&limit=2&truto_response_format=raw")),
            (f"{tag}-get", request("GET", f"/unified/crm/{resource}/{rid}?{q}&remote_query[properties][]=email")),
            (f"{tag}-patch", request("PATCH", f"/unified/crm/{resource}/{rid}?{q}",
                                     compact({"first_name": "Ada", "remote_data": {"x": 1}}),
                                     ["Idempotency-Key: k-1"])),
        ]
    aid = accounts[0]["id"]
    requests += [
        ("capabilities", request("GET", f"/integrated-account/{aid}/capabilities?type=unified")),
        ("meta-update", request("GET", f"/unified/crm/contacts/meta/update?integrated_account_id={aid}")),
        ("integration-meta", request("GET", "/unified/crm/notes/hubspot/meta/update")),
        ("fields", request("GET", f"/unified/crm/fields?integrated_account_id={aid}&entity_type=contact")),
        ("strict", request("GET", f"/unified/crm/contacts?integrated_account_id={aid}&a[0]=1",
                           headers=["X-Sandbox-Strict-Query: true"])),
        ("fault-header", request("PATCH", f"/unified/crm/contacts/151?integrated_account_id={aid}",
                                 b'{"first_name":"x"}', ["X-Sandbox-Fault: 500=2,latency=5,token=t"])),
        ("array-merge", request("PATCH", f"/unified/crm/contacts/151?integrated_account_id={aid}",
                                compact({"emails": [{"email": "a@b.example", "is_primary": True}]}),
                                ["X-Sandbox-Array-Mode: merge"])),
        ("no-token", b"GET /integrated-account\nHost: localhost\n\n"),
        ("bad-host", request("GET", "/integrated-account").replace(b"127.0.0.1:8080", b"evil.example")),
        ("encoded-id", request("GET", f"/unified/crm/contacts/alt%3Aref%2Fx%20y%2Bz?integrated_account_id={aid}")),
    ]
    for name, data in requests:
        write("sandboxrequest", name, data)

    # fuzz_bulkcsv: CSV files as people export them: comma and semicolon, quotes, newlines in
    # cells, UTF-16 with and without a BOM.
    write("bulkcsv", "contacts-comma",
          b'id,first_name,last_name,email_addresses.0.email,custom_fields.customer_tier\n'
          b'151,Ada,Lovelace,ada@example.com,gold\n152,"Grace ""Amazing""",Hopper,,NULL\n')
    write("bulkcsv", "deals-semicolon",
          b'id;name;amount;close_date;stage.name\r\n'
          b'5301;"Deal; with semicolon";48000;2026-07-31T00:00:00Z;Negotiation\r\n'
          b'5302;"multi\nline";lots;tomorrow;\r\n')
    write("bulkcsv", "utf16le-bom", b"\xff\xfe" + "id,title\n151,Gr\u00e4fin\n".encode("utf-16-le"))
    write("bulkcsv", "utf16be", 'id,content\n7001,"Note, with comma"\n'.encode("utf-16-be"))

    # fuzz_customfields: a value line, then a fields list answer (contract section 14).
    fields = json.loads((SANDBOX / "fields.json").read_text())
    write("customfields", "hubspot-number", b"42\n" + compact({"result": fields["HubSpot"]}))
    write("customfields", "hubspot-array", b'["Analytics","Training"]\n' + compact({"result": fields["HubSpot"]}))
    write("customfields", "pipedrive-bad-date", b"2026-02-30\n" + compact({"result": fields["Pipedrive"]}))
    write("customfields", "empty", b'null\n{"result":[]}')


if __name__ == "__main__":
    main()
