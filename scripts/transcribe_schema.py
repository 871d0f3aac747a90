#!/usr/bin/env python3
"""Transcribe Truto's Unified CRM `PATCH /unified/crm/{resource}/{id}` reference pages into the
provider-schema JSON files described in resources/schema/README.md.

Usage:
    scripts/transcribe_schema.py [SEEDS_DIR]          write resources/schema/*.json
    scripts/transcribe_schema.py --check [SEEDS_DIR]  verify the written files (no writing)

SEEDS_DIR defaults to ../shared/seeds relative to the repository root (the directory that holds
scripts/). Standard library only.

Four pages (notes, leads, opportunities, engagements) are well formed and parsed mechanically.
The contacts page lost every field name, type marker, `required·` marker and provider name; it is
read against the hand-maintained table CONTACTS_* below, which names each field in page order and
says where each recovered fact comes from.
"""

import json
import os
import re
import sys

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SEEDS = os.path.normpath(os.path.join(REPO_ROOT, "..", "shared", "seeds"))
SCHEMA_DIR = os.path.join(REPO_ROOT, "resources", "schema")
COUNTS_TSV = os.path.join(REPO_ROOT, "tests", "data", "schema_counts.tsv")

# resource -> (seed file prefix, label, page URL). URLs as given in ../shared/seeds/README.md.
RESOURCES = [
    ("notes", "000_", "Notes", "https://www.truto.one/docs/api-reference/unified-crm-api/notes/update"),
    ("contacts", "001_", "Contacts", "https://www.truto.one/docs/api-reference/unified-crm-api/contacts/update"),
    ("leads", "002_", "Leads", "https://www.truto.one/docs/api-reference/unified-crm-api/leads/update"),
    ("opportunities", "003_", "Opportunities",
     "https://www.truto.one/docs/api-reference/unified-crm-api/opportunities/update"),
    ("engagements", "004_", "Engagements",
     "https://www.truto.one/docs/api-reference/unified-crm-api/engagements/update"),
]

# ../shared/docs/api-contract.md §17.1: integrations listed as supporting update, with the page
# each list was taken from. Leads: no current list exists, so no entry.
UPDATE_PROVIDER_LISTS = {
    "contacts": ("https://truto.one/docs/api-reference/unified-crm-api/contacts/update", [
        "Affinity", "Attio", "Capsule", "Close", "Copper", "Microsoft Dynamics 365 Sales", "Freshsales",
        "Highlevel", "HubSpot", "Insightly", "Keap", "Monday CRM", "Nutshell", "OnePageCRM", "Outreach",
        "Pipedrive", "Pipeliner", "Planhat", "Salesflare", "Salesforce", "Teamleader", "Wix",
        "Zendesk Sell", "Zoho CRM"]),
    "notes": ("https://truto.one/docs/api-reference/unified-crm-api/notes/update", [
        "Affinity", "Capsule", "Close", "Freshsales", "Highlevel", "HubSpot", "Insightly", "Keap",
        "OnePageCRM", "Pipedrive", "Pipeliner", "Planhat", "Salesforce", "Zendesk Sell", "Zoho CRM"]),
    "opportunities": ("https://preview.truto.one/docs/api-reference/unified-crm-api/opportunities/update", [
        "Affinity", "Attio", "Capsule", "Close", "Freshsales", "Highlevel", "HubSpot", "Insightly", "Keap",
        "Monday CRM", "OnePageCRM", "Outreach", "Pipedrive", "Pipeliner", "Planhat", "Salesflare",
        "Salesforce", "Teamleader", "Zendesk Sell", "Zoho CRM"]),
    "engagements": ("https://truto.one/docs/api-reference/unified-crm-api/engagements/update", [
        "Affinity", "Capsule", "Close", "Copper", "Freshsales", "HubSpot", "OnePageCRM", "Pipedrive",
        "Planhat", "Salesforce", "Zendesk Sell", "Zoho CRM"]),
}

# Every provider name a page may print (used only to reject mis-parsed lines).
KNOWN_PROVIDERS = set(UPDATE_PROVIDER_LISTS["contacts"][1])

# Rules stated in page text. Only the notes page states one.

# How each resource's form reads: the fields people edit most come first (the rest follow in
# schema order), and the entity_type its custom field definitions carry (contract §14; no
# seeded provider defines engagement fields, and "engagement" is not a documented entity type).
FORMS = {
    "notes": {
        "form_order": ["title", "content", "contact", "account", "opportunity", "lead", "owner"],
        "custom_field_entity": "note",
    },
    "contacts": {
        "form_order": ["first_name", "last_name", "name", "title", "email_addresses", "phone_numbers", "account", "owner", "addresses", "tags"],
        "custom_field_entity": "contact",
    },
    "leads": {
        "form_order": ["first_name", "last_name", "name", "title", "status", "lead_source", "email_addresses", "phone_numbers", "account", "contact", "owner"],
        "custom_field_entity": "lead",
    },
    "opportunities": {
        "form_order": ["name", "amount", "currency", "stage", "status", "close_date", "account", "contact", "owner", "description"],
        "custom_field_entity": "opportunity",
    },
    "engagements": {
        "form_order": ["engagement_type", "subject", "content", "start_time", "end_time", "duration", "direction", "status", "contact", "account", "opportunity", "owner"],
        "custom_field_entity": "engagement",
    },
}

RULES = {
    "notes": [{
        "kind": "one_of_required",
        "fields": ["contact", "account", "opportunity"],
        "message": "One of contact, account and opportunity is always required.",
    }],
}

# ---------------------------------------------------------------------------------------------
# Enum splitting. The pages print enum values glued together ("callmeeting").
# ENUM_VOCABULARY: single values that are split mechanically (every glued line must have exactly
# one segmentation into these). MANUAL_SPLITS: hand-written splits keyed by the glued string, used
# for values that contain spaces (phrases), so that no phrase boundary is left to a heuristic.
# ---------------------------------------------------------------------------------------------
ENUM_VOCABULARY = [
    # truto_response_format
    "unified", "raw", "normalized", "stream",
    # notes visibility
    "public", "private",
    # email / phone types
    "primary", "secondary", "work", "mobile", "fax", "phone", "home", "other", "assistant",
    # opportunities status
    "lead", "in_progress", "won", "lost", "open", "abandoned", "all", "suspended", "deleted",
    # engagements engagement_type / direction / status
    "call", "meeting", "chat", "note", "email", "inbound", "outbound",
    "inbox", "draft", "scheduled", "outbox", "sent",
    # leads status (Zendesk Sell)
    "new", "working", "unqualified",
]

MANUAL_SPLITS = {
    # leads lead_source (union line and Microsoft Dynamics 365 Sales line are identical)
    "AdvertisementEmployee ReferralExternal ReferralPartnerPublic RelationsSeminarTrade ShowWebWord of MouthOther": [
        "Advertisement", "Employee Referral", "External Referral", "Partner", "Public Relations",
        "Seminar", "Trade Show", "Web", "Word of Mouth", "Other"],
    # leads status: union line, then Monday CRM's list
    "attempted to contactnew leadcontactedunqualifiedqualifiednewworkingunqualified": [
        "attempted to contact", "new lead", "contacted", "unqualified", "qualified",
        "new", "working", "unqualified"],
    "attempted to contactnew leadcontactedunqualifiedqualified": [
        "attempted to contact", "new lead", "contacted", "unqualified", "qualified"],
}


def split_enum(glued):
    """Split a glued enum line into values. Returns the list in printed order (duplicates kept)."""
    if glued in MANUAL_SPLITS:
        parts = MANUAL_SPLITS[glued]
        if "".join(parts) != glued:
            raise ValueError("MANUAL_SPLITS entry does not re-join to its key: %r" % glued)
        return list(parts)
    vocab = sorted(set(ENUM_VOCABULARY), key=len, reverse=True)
    # Enumerate every segmentation; exactly one must exist.
    n = len(glued)
    ways = [[] for _ in range(n + 1)]  # ways[i] = list of segmentations of glued[i:]
    ways[n] = [[]]
    for i in range(n - 1, -1, -1):
        for v in vocab:
            if glued.startswith(v, i):
                for rest in ways[i + len(v)]:
                    ways[i].append([v] + rest)
                    if len(ways[i]) > 2:
                        break
    if len(ways[0]) != 1:
        raise ValueError("enum line %r has %d segmentations; add it to MANUAL_SPLITS"
                         % (glued, len(ways[0])))
    return ways[0][0]


def splittable(line):
    try:
        split_enum(line)
        return True
    except ValueError:
        return False


def dedupe(values):
    out = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


# ---------------------------------------------------------------------------------------------
# Well-formed pages
# ---------------------------------------------------------------------------------------------
TYPES = ["Record<string, any>", "object[]", "string[]", "object", "string", "number", "boolean"]
HEADER_RE = re.compile(
    r"^([a-z_][a-z0-9_]*?)(" + "|".join(re.escape(t) for t in TYPES) + r")?(?: · (date-time|uuid))?$")
COUNT_RE = re.compile(r"^(\d+) supported(?:(\d+) required)?$")
MORE_RE = re.compile(r"^(.*?)\+ (\d+) more$")
REF_RE = re.compile(r"^References: (.+?) → id$")
SECTION_HEADS = {
    "Path Parameters": "path",
    "Query Parameters": "query",
    "Show Truto-specific parameters": "truto_query",
    "Request Body": "body",
    "Response Body": "response",
}
SKIP_LINES = {
    "Skip to content",
    "Refer Specifying query parameters in Truto APIs",
    "Refer Writing data using Unified APIs",
}
STATUS = ("required", "supported")

# Nesting. No printed text marks nesting; these are the decisions, checked on every run:
# * a field with a count line is always top-level (no sub-field on these pages has one);
# * an uncounted field right after an object/object[] field (or its sub-fields) is a sub-field
#   when its name is one of SUBFIELD_NAMES, top-level when it is one of TOP_LEVEL_UNCOUNTED;
#   anything else stops the script.
SUBFIELD_NAMES = {"id", "name", "email", "type", "number", "extension", "is_primary", "url",
                  "city", "country", "postal_code", "state", "street_1", "street_2"}
TOP_LEVEL_UNCOUNTED = {"remote_data", "internal_notes", "visibility"}

# Notes attached to specific fields of the well-formed pages: (resource, section, path) -> text.
FIELD_NOTES = {
    ("notes", "response", "visibility"):
        "Printed after urls' sub-fields type and url without indentation; read as a top-level "
        "field (description \"The note's visibility\"), not as a sub-field of urls.",
    ("leads", "body", "phone_numbers.email"):
        "Printed among phone_numbers' sub-fields (after number and type, before extension and "
        "is_primary), without a description; kept as a sub-field of phone_numbers as printed.",
    ("leads", "body", "phone_numbers.is_primary"):
        "Printed without a description; type string as printed.",
    ("leads", "body", "email_addresses.type"):
        "The page prints the values run together with no provider names "
        "(primarysecondaryprimarysecondary); enum is the de-duplicated list.",
    ("leads", "body", "phone_numbers.type"):
        "The page prints the values run together with no provider names "
        "(workmobilefaxphonefaxphonefax); enum is the de-duplicated list.",
    ("leads", "response", "converted_account"):
        "Typed string in the response but object {id} in the request body, as printed.",
    ("leads", "response", "converted_contact"):
        "Typed string in the response but object {id} in the request body, as printed.",
    ("engagements", "query", "engagement_type"):
        "The page prints Possible values call, meeting with no per-provider lists; the "
        "description also names email and raw response.",
    ("engagements", "body", "internal_notes"):
        "The page prints no count and no provider for this field.",
}


class Block:
    def __init__(self, name, type_, fmt):
        self.name = name
        self.type = type_
        self.format = fmt
        self.desc = []
        self.references = None
        self.example = None
        self.api_required = False
        self.union_line = None
        self.more = None
        self.counts = None  # (supported, required)
        self.providers = []  # [(name, status)]
        self.provider_enum = {}  # name -> [values]
        self.children = []


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def segment(lines):
    """Cut a well-formed page into sections of field blocks. Returns {section: [Block]}."""
    sections = {}
    section = None
    cur = None
    expect_union = False
    i = 0
    n = len(lines)
    while i < n:
        raw = lines[i]
        line = raw.strip()
        nxt = lines[i + 1].strip() if i + 1 < n else ""
        prev = lines[i - 1].strip() if i > 0 else ""
        i += 1
        if line.startswith("curl -X PATCH"):
            break
        if not line or line in SKIP_LINES or line.startswith("PATCH /unified/crm/"):
            continue
        if line in SECTION_HEADS:
            section = SECTION_HEADS[line]
            sections.setdefault(section, [])
            cur = None
            continue
        if section is None:
            raise ValueError("text before the first section: %r" % line)
        if expect_union:
            m = MORE_RE.match(line)
            glued = m.group(1) if m else line
            cur.more = int(m.group(2)) if m else None
            cur.union_line = glued
            split_enum(glued)  # must split
            expect_union = False
            continue
        if line == "Possible values:":
            expect_union = True
            continue
        if line in STATUS:
            if not cur.providers or cur.providers[-1][1] is not None:
                raise ValueError("status line without provider near %r" % prev)
            cur.providers[-1] = (cur.providers[-1][0], line)
            continue
        if nxt in STATUS:
            if line not in KNOWN_PROVIDERS:
                raise ValueError("unknown provider name %r" % line)
            if cur.counts is None:
                raise ValueError("provider %r before a count line" % line)
            cur.providers.append((line, None))
            continue
        if line == "required·":
            cur.api_required = True
            continue
        m = COUNT_RE.match(line)
        if m:
            cur.counts = (int(m.group(1)), int(m.group(2) or 0))
            continue
        if (prev in STATUS and cur is not None and cur.union_line is not None
                and cur.providers and splittable(line)):
            pname = cur.providers[-1][0]
            cur.provider_enum[pname] = split_enum(line)
            continue
        m = REF_RE.match(line)
        if m:
            cur.references = m.group(1)
            continue
        if line.startswith("Example: "):
            cur.example = line[len("Example: "):]
            continue
        m = HEADER_RE.match(line)
        if m:
            cur = Block(m.group(1), m.group(2), m.group(3))
            sections[section].append(cur)
            continue
        # description text
        if cur is None or cur.counts is not None or cur.providers:
            raise ValueError("unexpected text %r" % line)
        text = line
        if text.startswith("• "):
            pass
        cur.desc.append(text)
    return sections


def nest(resource, section, blocks):
    top = []
    parent = None
    for b in blocks:
        if b.counts is not None or b.name in TOP_LEVEL_UNCOUNTED or parent is None:
            if b.counts is None and parent is None and section in ("body", "response", "query") \
                    and b.name not in TOP_LEVEL_UNCOUNTED and b.name in SUBFIELD_NAMES:
                raise ValueError("%s %s: sub-field-like %r with no parent" % (resource, section, b.name))
            top.append(b)
            parent = b if b.type in ("object", "object[]") else None
        elif b.name in SUBFIELD_NAMES:
            parent.children.append(b)
        else:
            raise ValueError("%s %s: cannot place uncounted field %r after %r"
                             % (resource, section, b.name, parent.name))
    return top


def block_to_field(resource, section, b, path_prefix=""):
    path = path_prefix + b.name
    f = {"name": b.name, "type": b.type}
    if b.format:
        f["format"] = b.format
    if b.desc:
        f["description"] = "\n".join(b.desc)
    notes = []
    if b.union_line is not None:
        shown = split_enum(b.union_line)
        if b.provider_enum:
            concat = [v for vals in b.provider_enum.values() for v in vals]
            if concat[:len(shown)] != shown:
                raise ValueError("%s %s: union line does not match provider lists" % (resource, path))
            if len(shown) + (b.more or 0) != len(concat):
                raise ValueError("%s %s: union count mismatch" % (resource, path))
            f["enum"] = dedupe(concat)
            f["provider_enum"] = b.provider_enum
        else:
            if b.more:
                raise ValueError("%s %s: '+ N more' without provider lists" % (resource, path))
            f["enum"] = dedupe(shown)
        if b.more:
            notes.append("The page's Possible values line shows %d values and then '+ %d more'; "
                         "enum is the de-duplicated union of the per-provider lists "
                         "(%d values listed in all)." % (len(shown), b.more, len(shown) + b.more))
    if b.references:
        f["references"] = b.references
    f["api_required"] = b.api_required
    if b.counts is not None:
        sup, req = b.counts
        if any(s is None for _, s in b.providers):
            raise ValueError("%s %s: provider without status" % (resource, path))
        f["supported_count"] = sup
        f["required_count"] = req
        f["providers"] = {p: s for p, s in b.providers}
        f["providers_complete"] = True
        if len(b.providers) != sup or sum(1 for _, s in b.providers if s == "required") != req:
            raise ValueError("%s %s: provider list does not match its counts" % (resource, path))
    elif b.providers:
        raise ValueError("%s %s: providers without a count" % (resource, path))
    if b.example is not None:
        f["example"] = b.example
    extra = FIELD_NOTES.get((resource, section, path))
    if extra:
        notes.append(extra)
    if notes:
        f["note"] = " ".join(notes)
    if b.children:
        f["fields"] = [block_to_field(resource, section, c, path + ".") for c in b.children]
    return f


def parse_well_formed(resource, path):
    sections = segment(read_lines(path))
    out = {}
    for sec in ("query", "truto_query", "body", "response"):
        blocks = nest(resource, sec, sections.get(sec, []))
        out[sec] = [block_to_field(resource, sec, b) for b in blocks]
    return out


# ---------------------------------------------------------------------------------------------
# Contacts page (001): hand-maintained table
# ---------------------------------------------------------------------------------------------
# The page prints, per field, only its description (if any), its count line and, once, a glued
# enum line. The entries below name the fields in page order. Each entry:
#   (name, type, format, expected description or None, counted?, extra) with extra keys:
#   "fields": sub-entries, "note": text, "unnamed": True, "example_lines": n (lines of a
#   multi-line example after the description), "enum_line": True (a glued enum line follows),
#   "providers": {name: status} recovered from another page, "api_required": bool.
# Types, formats and sub-field names are not printed on this page; they are recovered from the
# page's curl example (field names, [] / {} / string values), from the older versions of this
# page in ../shared/reference/ and from the same fields on the four well-formed pages.
SNAP5 = "crm-contacts-update--truto.one-snapshot-5-integrations.txt"
SNAP10 = "crm-contacts-update--truto.one-snapshot-10-integrations.txt"
CREATE = "crm-contacts-create--www-excerpt.txt"

C_NAME_NOTE = ("The current contacts update page lost field names, types and provider names; name "
               "recovered from the page's curl example and the alphabetical field order, type from "
               "the curl example and the same field on other pages. Providers unknown.")
C_RESP_NOTE = ("The current contacts update page lost field names, types and provider names; name "
               "recovered from the alphabetical field order, the description and the request body. "
               "Providers unknown.")
C_TQ_NOTE = ("Name and type lost on the current contacts page; recovered from the other update "
             "pages, whose text is otherwise the same.")
C_REQ_NOTE = (" This page lost all required· markers, so api_required of the sub-fields is unknown "
              "and left false: the leads page marks %s required·; the older version of this page "
              "(%s) does not mark %s.")


def unnamed(before, after):
    return ("unnamed_between_%s_and_%s" % (before, after), None, None, None, True, {
        "unnamed": True,
        "note": ("Placeholder, not a real field name: the page prints only '1 supported' here, "
                 "with no name, type or description; by the alphabetical order of the fields it "
                 "sorts between %s and %s. Provider unknown. Not editable." % (before, after)),
    })


def sub(name, desc, type_="string"):
    return (name, type_, None, desc, False, {})


ADDRESS_SUBS = [
    sub("city", "The city"),
    sub("country", "The country"),
    sub("id", "The unique identifier of the address"),
    sub("postal_code", "The postal code"),
    sub("state", "The state"),
    sub("street_1", "Line 1 of the street address"),
    sub("street_2", "Line 2 of the street address"),
    sub("type", "The address type"),
]
EMAIL_SUBS = [
    sub("email", "The email address"),
    sub("id", "The unique identifier of the email addresses"),
    sub("type", "The email address type"),
]
TAG_SUBS = [sub("id", "The tag's unique identifier"), sub("name", "The tag's name")]
ACCOUNT_SUBS = [sub("id", "The account's unique identifier"), sub("name", "The account's name")]
OWNER_SUBS = [sub("id", "The owner's unique identifier")]

CONTACTS_TRUTO_QUERY = [
    ("integrated_account_id", "string", "uuid", "The ID of the integrated account to use for the request.",
     False, {"api_required": True, "example": "62f44730-dd91-461e-bd6a-aedd9e0ad79d",
             "note": "Name, type and required· marker lost on the current page; recovered from the "
                     "older version of this page (%s) and every other update page." % SNAP10}),
    ("truto_response_format", "string", None, None, False, {"truto_response_format": True}),
    ("truto_ignore_remote_data", "boolean", None, "Excludes the remote_data attribute from the response.",
     False, {"note": C_TQ_NOTE}),
    ("truto_exclude_fields", "string[]", None, "Array of fields to exclude from the response.", False,
     {"example": "truto_exclude_fields[]=id&truto_exclude_fields[]=name", "note": C_TQ_NOTE}),
    ("remote_query", "Record<string, any>", None,
     "Query parameters to pass to the underlying API without any transformations. Refer this guide "
     "to see how to structure the query parameters.", False,
     {"example": "remote_query[foo]=bar", "note": C_TQ_NOTE}),
]

FIRST_LAST_SUPPORTED = ["Close", "Highlevel", "HubSpot", "Pipedrive", "Planhat", "Salesforce",
                        "Teamleader", "Zendesk Sell", "Zoho CRM"]

CONTACTS_BODY = [
    ("account", "object", None, "The contact's account", True, {
        "fields": ACCOUNT_SUBS, "references": "Accounts",
        "note": C_NAME_NOTE + " References (Accounts) as for account on the other pages."
                " The contacts create page (%s) lists 20 providers for account "
                "(Close, Planhat and Zoho CRM required there); that is a different endpoint, so "
                "they are not recorded here." % CREATE}),
    ("addresses", "object[]", None, None, True, {"fields": ADDRESS_SUBS, "note": C_NAME_NOTE}),
    ("created_at", "string", "date-time", "The date and time of the contact's creation", True,
     {"note": C_NAME_NOTE}),
    ("custom_fields", "Record<string, any>", None,
     "Custom fields to be set on the contact. The custom_fields object will be a key-value pair, "
     "where the key will be the name attribute of the custom field found in the response of "
     "https://truto.one/docs/api-reference/unified-crm-api/fields/list endpoint.", True,
     {"example_lines": 4,
      "note": C_NAME_NOTE + " The curl example sends it as a JSON string; typed as on the other "
              "pages."}),
    unnamed("custom_fields", "email_addresses"),
    ("email_addresses", "object[]", None, None, True, {
        "fields": EMAIL_SUBS,
        "providers": {p: "supported" for p in
                      ["Capsule", "Close", "Highlevel", "HubSpot", "Pipedrive", "Salesforce"]},
        "note": C_NAME_NOTE.replace(" Providers unknown.", "") +
        " Providers partly known: Capsule, Close, Highlevel, HubSpot, Pipedrive from %s (its list "
        "is cut off after Pipedrive) and Close, Highlevel, HubSpot, Pipedrive, Salesforce from %s, "
        "older versions of this page; the other 15 of the 21 are unknown." % (SNAP10, SNAP5)
        + C_REQ_NOTE % ("email and type", SNAP5, "them")}),
    ("etag", "string", None, "The unique identifier for the specific version of the resource.", True,
     {"note": C_NAME_NOTE.replace(" Providers unknown.", "") +
      " Providers unknown, including the one that requires it."}),
    ("first_name", "string", None, "The contact's first name", True, {
        "providers": dict([("Capsule", "required")] + [(p, "supported") for p in FIRST_LAST_SUPPORTED]),
        "note": C_NAME_NOTE.replace(" Providers unknown.", "") +
        " Providers from an older version of this page (%s): Capsule required; Close, Highlevel, "
        "HubSpot, Pipedrive, Planhat, Salesforce, Teamleader, Zendesk Sell, Zoho CRM supported "
        "(Close, Highlevel, HubSpot, Pipedrive and Salesforce also in %s). The current page counts 20 supported, 2 required: the "
        "second required provider and 10 supported ones are unknown." % (SNAP10, SNAP5)}),
    unnamed("first_name", "last_name"),
    ("last_name", "string", None, "The contact's last name", True, {
        "providers": {p: "supported" for p in ["Capsule"] + FIRST_LAST_SUPPORTED},
        "note": C_NAME_NOTE.replace(" Providers unknown.", "") +
        " Providers from an older version of this page (%s), where none required it: Capsule, "
        "Close, Highlevel, HubSpot, Pipedrive, Planhat, Salesforce, Teamleader, Zendesk Sell, "
        "Zoho CRM. The current page counts 20 supported, 1 required: the required provider is "
        "unknown (it may be one of these) and 10 supported ones are unknown." % SNAP10}),
    ("name", "string", None, "The contact's full name", True, {
        "note": C_NAME_NOTE.replace(" Providers unknown.", "") +
        " Providers unknown, including the one that requires it."}),
    ("owner", "object", None, "The account's owner", True, {"fields": OWNER_SUBS, "note": C_NAME_NOTE}),
    unnamed("owner", "phone_numbers"),
    ("phone_numbers", "object[]", None, None, True, {
        "fields": [
            sub("number", "The phone number"),
            sub("id", "The unique identifier of the phone number"),
            ("type", "string", None, "The phone number type", False, {
                "enum_line": True,
                "note": "The page prints the values run together with provider names lost "
                        "(phonemobilefaxworkmobilefaxphonemobilehomeotherassistantfax); enum is the "
                        "de-duplicated list and per-provider lists are unknown. It shows exactly 12 "
                        "values; the other pages cut such lines at 12 and add '+ N more', a suffix "
                        "this page may have lost, so the list may be incomplete."}),
        ],
        "providers": {p: "supported" for p in ["Close", "Highlevel", "HubSpot", "Pipedrive", "Salesforce"]},
        "note": C_NAME_NOTE.replace(" Providers unknown.", "") +
        " Providers partly known: Close, Highlevel, HubSpot, Pipedrive, Salesforce from an older "
        "version of this page (%s); the other 15 of the 20 are unknown. Sub-fields printed in the "
        "order number, id, type." % SNAP5
        + C_REQ_NOTE % ("number and type", SNAP5, "number")}),
    unnamed("phone_numbers", "remote_data"),
    ("remote_data", "Record<string, any>", None,
     "Any additional data that should be passed as part of the request body. This data is not "
     "transformed by Truto and is passed as is to the remote API.", False,
     {"note": "Name and type recovered from the curl example and the other pages."}),
    ("tags", "object[]", None, "The contact's tags", True, {"fields": TAG_SUBS, "note": C_NAME_NOTE}),
    ("title", "string", None, "The contact's job title", True, {"note": C_NAME_NOTE}),
]

CONTACTS_RESPONSE = [
    ("id", "string", None, "The contact's unique identifier", True, {
        "note": C_RESP_NOTE + " The other update pages mark the response id required·; this page "
                "lost all such markers."}),
    ("account", "object", None, "The contact's account", True,
     {"fields": ACCOUNT_SUBS, "references": "Accounts",
      "note": C_RESP_NOTE + " References (Accounts) as for account on the other pages."}),
    ("addresses", "object[]", None, None, True, {"fields": ADDRESS_SUBS, "note": C_RESP_NOTE}),
    ("created_at", "string", "date-time", "The date and time of the contact's creation", True,
     {"note": C_RESP_NOTE}),
    ("custom_fields", "Record<string, any>", None, "All the custom fields present on the contact", True,
     {"note": C_RESP_NOTE}),
    ("email_addresses", "object[]", None, None, True, {"fields": EMAIL_SUBS, "note": C_RESP_NOTE}),
    ("etag", "string", None, "The unique identifier for the specific version of the resource.", True,
     {"note": C_RESP_NOTE}),
    ("first_name", "string", None, "The contact's first name", True, {"note": C_RESP_NOTE}),
    ("last_activity_at", "string", "date-time", "The date and time of the contact's last activity", True,
     {"note": C_RESP_NOTE}),
    ("last_name", "string", None, "The contact's last name", True, {"note": C_RESP_NOTE}),
    ("name", "string", None, "The contact's full name", True, {"note": C_RESP_NOTE}),
    ("owner", "object", None, "The account's owner", True, {"fields": OWNER_SUBS, "note": C_RESP_NOTE}),
    ("phone_numbers", "object[]", None, None, True, {
        "fields": [
            sub("extension", "The extension of the phone number"),
            sub("id", "The unique identifier of the phone number"),
            sub("number", "The phone number"),
            sub("type", "The phone number type"),
        ],
        "note": C_RESP_NOTE}),
    ("remote_data", "Record<string, any>", None, "Raw data returned from the remote API call.", False,
     {"note": "Name and type recovered from the other pages."}),
    ("tags", "object[]", None, "The contact's tags", True, {"fields": TAG_SUBS, "note": C_RESP_NOTE}),
    ("title", "string", None, "The contact's job title", True, {"note": C_RESP_NOTE}),
    ("updated_at", "string", "date-time", "The date and time of the contact's last update", True,
     {"note": C_RESP_NOTE}),
    ("urls", "object[]", None, "The contact's urls", True, {
        "fields": [sub("type", "The contact's URL type"), sub("url", "The contact's URL")],
        "note": C_RESP_NOTE}),
]

# Glued lines on the contacts page: an example value runs into the next line's text.
CONTACTS_GLUED_PREFIXES = [
    "23423523",
    "62f44730-dd91-461e-bd6a-aedd9e0ad79d",
    "truto_exclude_fields[]=id&truto_exclude_fields[]=name",
    "remote_query[foo]=bar",
]
TRF_BULLET_RE = re.compile(r"(?:(?<=\.)|^)(unified|raw|normalized|stream)(?=returns |applies )")


def contacts_sections(lines):
    """Return {section: [lines]} for the contacts page, un-gluing example values."""
    fixed = []
    for raw in lines:
        line = raw.strip()
        if line.startswith("curl -X PATCH"):
            break
        for p in CONTACTS_GLUED_PREFIXES:
            if line.startswith(p) and line != p:
                fixed.append(p)
                line = line[len(p):]
                break
        if line == "unifiedunifiedrawnormalizedstream":  # example "unified" + possible values
            fixed.extend(["unified", "unifiedrawnormalizedstream"])
            continue
        if line:
            fixed.append(line)
    heads = {"Path Parameters": "path", "Query Parameters": "query",
             "Show Truto-specific parameters": "truto_query", "Request Body": "body",
             "Response Body": "response"}
    out = {}
    sec = None
    for line in fixed:
        if line in heads:
            sec = heads[line]
            out[sec] = []
        elif sec is not None and line not in SKIP_LINES:
            out[sec].append(line)
    return out


def truto_response_format_from(lines, pos):
    """Read the truto_response_format block of the contacts page starting at pos."""
    def take(expected):
        nonlocal pos
        if lines[pos] != expected:
            raise ValueError("contacts: expected %r, found %r" % (expected, lines[pos]))
        pos += 1
    take("The format of the response.")
    bullets = TRF_BULLET_RE.sub(lambda m: "\n• " + m.group(1) + " ", lines[pos]).strip("\n").split("\n")
    pos += 1
    if len(bullets) != 4:
        raise ValueError("contacts: truto_response_format bullets not split")
    take("Defaults to unified.")
    example = lines[pos]
    pos += 1
    glued = lines[pos]
    pos += 1
    desc = "\n".join(["The format of the response."] + [b.strip() for b in bullets] + ["Defaults to unified."])
    f = {"name": "truto_response_format", "type": "string", "description": desc,
         "enum": dedupe(split_enum(glued)), "api_required": False, "example": example,
         "note": C_TQ_NOTE}
    return f, pos


def contacts_entry_to_field(entry, lines, pos, section):
    name, type_, fmt, desc, counted, extra = entry

    def take(expected=None):
        nonlocal pos
        if pos >= len(lines):
            raise ValueError("contacts %s: page ended before %r" % (section, name))
        line = lines[pos]
        if expected is not None and line != expected:
            raise ValueError("contacts %s %s: expected %r, found %r" % (section, name, expected, line))
        pos += 1
        return line

    if extra.get("truto_response_format"):
        return truto_response_format_from(lines, pos)
    f = {"name": name}
    if extra.get("unnamed"):
        f["unnamed"] = True
    f["type"] = type_
    if fmt:
        f["format"] = fmt
    if desc is not None:
        take(desc)
        f["description"] = desc
    example = extra.get("example")
    if extra.get("example_lines"):
        ex = [take() for _ in range(extra["example_lines"])]
        example = " ".join(ex)
    elif example is not None:
        take(example)
    if extra.get("enum_line"):
        f["enum"] = dedupe(split_enum(take()))
    if extra.get("references"):
        f["references"] = extra["references"]
    f["api_required"] = bool(extra.get("api_required", False))
    if counted:
        m = COUNT_RE.match(take())
        if not m:
            raise ValueError("contacts %s %s: expected a count line, found %r" % (section, name, lines[pos - 1]))
        sup, req = int(m.group(1)), int(m.group(2) or 0)
        f["supported_count"] = sup
        f["required_count"] = req
        f["providers"] = dict(extra.get("providers", {}))
        f["providers_complete"] = False
    if example is not None:
        f["example"] = example
    if extra.get("note"):
        f["note"] = extra["note"]
    if extra.get("fields"):
        subs = []
        for s in extra["fields"]:
            sf, pos = contacts_entry_to_field(s, lines, pos, section)
            subs.append(sf)
        f["fields"] = subs
    return f, pos


def parse_contacts(path):
    secs = contacts_sections(read_lines(path))
    out = {"query": []}
    if secs.get("query"):
        raise ValueError("contacts: unexpected query parameter text %r" % secs["query"])
    for sec, table in (("truto_query", CONTACTS_TRUTO_QUERY), ("body", CONTACTS_BODY),
                       ("response", CONTACTS_RESPONSE)):
        lines = secs[sec]
        pos = 0
        fields = []
        for entry in table:
            f, pos = contacts_entry_to_field(entry, lines, pos, sec)
            fields.append(f)
        if pos != len(lines):
            raise ValueError("contacts %s: unread text from %r" % (sec, lines[pos]))
        out[sec] = fields
    return out


# ---------------------------------------------------------------------------------------------
# Assembly
# ---------------------------------------------------------------------------------------------
def walk(fields, prefix=""):
    for f in fields:
        path = prefix + f["name"]
        yield path, f
        for item in walk(f.get("fields", []), path + "."):
            yield item


def build(resource, label, url, parsed):
    names = set()
    for sec in ("query", "body", "response"):
        for _, f in walk(parsed[sec]):
            names.update(f.get("providers", {}).keys())
    providers = sorted(names, key=str.casefold)
    without = []
    if resource in UPDATE_PROVIDER_LISTS:
        src, listed = UPDATE_PROVIDER_LISTS[resource]
        for p in sorted(listed, key=str.casefold):
            if p not in names:
                without.append({"name": p, "source": src})
    return {
        "resource": resource,
        "label": label,
        "source": url,
        "providers": providers,
        "providers_without_field_data": without,
        "rules": RULES.get(resource, []),
        "form_order": FORMS[resource]["form_order"],
        "custom_field_entity": FORMS[resource]["custom_field_entity"],
        "query": parsed["query"],
        "truto_query": parsed["truto_query"],
        "body": parsed["body"],
        "response": parsed["response"],
    }


def find_seed(seeds, prefix):
    hits = sorted(f for f in os.listdir(seeds) if f.startswith(prefix) and f.endswith(".txt"))
    if len(hits) != 1:
        raise SystemExit("expected one %s*.txt in %s, found %r" % (prefix, seeds, hits))
    return os.path.join(seeds, hits[0])


def generate(seeds):
    docs = {}
    for resource, prefix, label, url in RESOURCES:
        path = find_seed(seeds, prefix)
        parsed = parse_contacts(path) if resource == "contacts" else parse_well_formed(resource, path)
        docs[resource] = build(resource, label, url, parsed)
    return docs


def dump(doc):
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# Self-check
# ---------------------------------------------------------------------------------------------
def check(seeds):
    errors = []
    loaded = {}
    for resource, _, _, _ in RESOURCES:
        p = os.path.join(SCHEMA_DIR, resource + ".json")
        try:
            with open(p, encoding="utf-8") as f:
                text = f.read()
            loaded[resource] = json.loads(text)
        except (OSError, ValueError) as e:
            errors.append("%s: does not load: %s" % (p, e))
            continue
        if not text.endswith("\n"):
            errors.append("%s: no final newline" % p)
    # the files must be what the script generates from the pages
    if os.path.isdir(seeds):
        for resource, doc in generate(seeds).items():
            p = os.path.join(SCHEMA_DIR, resource + ".json")
            if os.path.exists(p):
                with open(p, encoding="utf-8") as f:
                    if f.read() != dump(doc):
                        errors.append("%s: differs from a fresh transcription" % p)
    json_counts = []
    for resource, doc in loaded.items():
        for sec in ("query", "truto_query", "body", "response"):
            for path, f in walk(doc.get(sec, [])):
                where = "%s %s %s" % (resource, sec, path)
                has_count = "supported_count" in f
                if has_count != ("required_count" in f):
                    errors.append(where + ": only one of supported_count/required_count")
                    continue
                if not has_count:
                    if f.get("providers"):
                        errors.append(where + ": providers without counts")
                    continue
                provs = f.get("providers", {})
                sup = len(provs)
                req = sum(1 for s in provs.values() if s == "required")
                bad = [s for s in provs.values() if s not in STATUS]
                if bad:
                    errors.append(where + ": bad provider status %r" % bad)
                if f.get("providers_complete") is True:
                    if sup != f["supported_count"] or req != f["required_count"]:
                        errors.append("%s: %d providers / %d required vs counts %d / %d"
                                      % (where, sup, req, f["supported_count"], f["required_count"]))
                elif f.get("providers_complete") is False:
                    if sup > f["supported_count"] or req > f["required_count"]:
                        errors.append("%s: more providers than counted" % where)
                else:
                    errors.append(where + ": providers_complete missing")
                for p in f.get("provider_enum", {}):
                    if p not in provs:
                        errors.append("%s: provider_enum names %s, not in providers" % (where, p))
                if f["required_count"] > f["supported_count"]:
                    errors.append(where + ": required_count > supported_count")
                if sec != "truto_query":
                    json_counts.append((resource, sec, path, f["supported_count"], f["required_count"]))
                for p in provs:
                    if p not in doc["providers"]:
                        errors.append("%s: %s missing from top-level providers" % (where, p))
        listed = set(doc["providers"])
        for w in doc["providers_without_field_data"]:
            if w["name"] in listed:
                errors.append("%s: %s both in providers and providers_without_field_data"
                              % (resource, w["name"]))
    # compare with the independent count table
    if os.path.exists(COUNTS_TSV):
        with open(COUNTS_TSV, encoding="utf-8") as f:
            rows = [l.rstrip("\n").split("\t") for l in f if l.strip()]
        header, rows = rows[0], rows[1:]
        if header != ["resource", "section", "path", "supported", "required"]:
            errors.append("%s: bad header %r" % (COUNTS_TSV, header))
        tsv = [(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in rows]
        a, b = set(tsv), set(json_counts)
        for r in sorted(a - b):
            errors.append("count in %s but not in JSON: %r" % (os.path.basename(COUNTS_TSV), r))
        for r in sorted(b - a):
            errors.append("count in JSON but not in %s: %r" % (os.path.basename(COUNTS_TSV), r))
        if len(tsv) != len(a) or len(json_counts) != len(b):
            errors.append("duplicate count rows")
    else:
        errors.append("missing " + COUNTS_TSV)
    for e in errors:
        print("CHECK FAILED: " + e, file=sys.stderr)
    if not errors:
        total = sum(1 for _ in json_counts)
        print("check OK: %d files load, %d counted fields agree with providers and with %s"
              % (len(loaded), total, os.path.relpath(COUNTS_TSV, REPO_ROOT)))
    return 1 if errors else 0


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = [a for a in argv[1:] if a.startswith("--")]
    if any(f not in ("--check",) for f in flags) or len(args) > 1:
        print(__doc__, file=sys.stderr)
        return 2
    seeds = os.path.abspath(args[0]) if args else DEFAULT_SEEDS
    if "--check" in flags:
        return check(seeds)
    docs = generate(seeds)
    os.makedirs(SCHEMA_DIR, exist_ok=True)
    for resource, doc in docs.items():
        with open(os.path.join(SCHEMA_DIR, resource + ".json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(dump(doc))
        print("wrote resources/schema/%s.json" % resource)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
