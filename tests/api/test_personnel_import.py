"""The personnel CSV import and export (docs/personnel.md): the dry run's report by row,
column and stable code; the all-or-nothing commit, only of the file whose dry run was read;
UTF-8 with or without a byte order mark, CRLF or LF; Arabic round-tripping byte for byte
through export and import; the import's own body limit; who may import and export; and the
projections after a restart and a rebuild."""

import hashlib

import pytest

from conftest import assert_problem, cli, login
from personnel_helpers import (BOM, COLUMNS, CSV, EXPORT_COLUMNS, commit, csv_rows, csv_text,
                               dry_run, export, import_csv, make_force, next_service_number,
                               person_fields, register_person, search_all)


@pytest.fixture(scope="module")
def hr(server):
    return login(server, "pasf.hr")


@pytest.fixture(scope="module")
def force(server, hr):
    return make_force(server, hr, persons=False)


def rows(n, tag=None, **fields):
    tag = tag or next_service_number("IMP")
    return [person_fields(service_number=f"{tag}-{i:04d}", name_en=f"Imported {tag} {i}",
                          **fields) for i in range(n)]


def seq_of(server):
    return server.get("/healthz").json()["seq"]


def persons_with(client, tag):
    return search_all(client, f"q={tag}")


# --- The dry run ------------------------------------------------------------------------------


def test_a_clean_dry_run_reports_the_digest_and_writes_nothing(server, hr, force):
    tag = next_service_number("DRY")
    text = csv_text(rows(250, tag), bom=True)
    before = seq_of(server)
    r = dry_run(hr, text)
    assert r.status_code == 200, r.text
    report = r.json()
    assert report == {"digest": hashlib.sha256(text.encode("utf-8")).hexdigest(), "rows": 250,
                      "valid_rows": 250, "error_count": 0, "errors": [], "truncated": False}
    assert seq_of(server) == before
    assert persons_with(hr, tag) == []


def test_the_dry_run_reports_each_issue_at_its_row_line_and_column(server, hr, force):
    taken = register_person(server, hr)["service_number"]
    tag = next_service_number("ERR")
    good = rows(6, tag)
    bad = [
        dict(good[0], service_number=""),                                  # row 1
        dict(good[1], birth_date="1990-13-01"),                            # row 2
        dict(good[2], service="XX"),                                       # row 3
        dict(good[3], rank="GEN", status="vanished"),                      # row 4
        dict(good[4], unit="NSF-NOPE"),                                    # row 5
        dict(good[5], unit="CP-PS0115"),                                   # row 6
        dict(good[0], service_number=good[1]["service_number"]),           # row 7 (a dup of 2)
        dict(good[0], service_number=taken),                               # row 8
        dict(good[0], service_number=tag + "-A", name_ar="Mohammad"),      # row 9
        dict(good[0], service_number=tag + "-B", name_en="n" * 201),       # row 10
        dict(good[0], service_number=tag + "-C", notes="multi\nline"),     # row 11 (clean)
        dict(good[0], service_number=tag + "-D", sex="unknown"),           # row 12
    ]
    text = csv_text(bad)
    report = dry_run(hr, text).json()
    got = [(e["row"], e["line"], e["column"], e["code"]) for e in report["errors"]]
    assert got == [
        (1, 2, "service_number", "required"),
        (2, 3, "birth_date", "invalid_date"),
        (3, 4, "service", "unknown_service"),
        (4, 5, "rank", "unknown_rank"),
        (4, 5, "status", "invalid_status"),
        (5, 6, "unit", "unknown_unit"),
        (6, 7, "unit", "unit_service_mismatch"),
        (7, 8, "service_number", "duplicate_in_file"),
        (8, 9, "service_number", "duplicate_in_registry"),
        (9, 10, "name_ar", "not_arabic"),
        (10, 11, "name_en", "too_long"),
        # Row 11's notes span lines 12 and 13.
        (12, 14, "sex", "invalid_value"),
    ]
    assert report["rows"] == 12 and report["valid_rows"] == 1
    assert report["error_count"] == 12 and report["truncated"] is False
    assert all(e["message"] for e in report["errors"])
    assert "row 2" in report["errors"][7]["message"]


def test_the_header_and_the_file_format_are_checked(server, hr, force):
    def codes(text):
        r = dry_run(hr, text)
        assert r.status_code == 200, r.text
        return [(e["row"], e["column"], e["code"]) for e in r.json()["errors"]]

    base = rows(1)[0]
    cols = ["service_number", "name_ar", "name_en", "birth_date", "joined_on", "service",
            "unit", "rank"]
    assert codes(csv_text([dict(base, colour="red")], cols + ["colour"])) == [
        (0, "colour", "unknown_column")]
    assert codes(csv_text([base], cols[:-1])) == [(0, "rank", "missing_column")]
    assert codes(csv_text([base], cols + ["rank"])) == [(0, "rank", "duplicate_column")]
    # An unclosed quote, a stray quote, a row of the wrong length, not UTF-8.
    header = ",".join(cols) + "\r\n"
    line = ",".join(str(base[c]) for c in cols) + "\r\n"
    assert codes(header + line + 'X,"open\r\n') == [(2, None, "malformed_csv")]
    assert codes(header + 'a"b,' + line + line.replace(base["service_number"], "Z-1")) == [
        (1, None, "malformed_csv")]
    assert codes(header + "a,b\r\n") == [(1, None, "malformed_csv")]
    bytes_ = (header + line).encode("utf-8").replace(b"Imported", b"Mu\xe7a")
    r = dry_run(hr, bytes_)
    assert [(e["column"], e["code"]) for e in r.json()["errors"]] == [
        ("name_en", "invalid_encoding")]
    assert codes("") == [(0, None, "malformed_csv")]
    # Column names in any order and any case, an id column ignored, LF, no BOM: accepted.
    shuffled = ["Rank", "ID"] + [c.upper() for c in cols[:-1]]
    text = csv_text([dict(base, id="PER-0000042")], ["rank", "id"] + cols[:-1], line_end="\n")
    text = ",".join(shuffled) + text[text.index("\n"):]
    assert codes(text) == []


def test_issues_beyond_a_thousand_are_counted_not_listed(server, hr, force):
    text = csv_text(rows(1200, rank="GEN"))
    report = dry_run(hr, text).json()
    assert report["error_count"] == 1200 and len(report["errors"]) == 1000
    assert report["truncated"] is True and report["valid_rows"] == 0


# --- The commit -------------------------------------------------------------------------------


def test_a_commit_registers_every_row_of_the_checked_file(server, hr, force):
    tag = next_service_number("COM")
    text = csv_text(rows(300, tag, unit="NSF-PS0101-1", rank="PVT"), bom=True)
    out = import_csv(hr, text)
    assert out["import"].startswith("IMP-") and out["registered"] == 300
    got = persons_with(hr, tag)
    assert len(got) == 300
    assert {p["import"] for p in got} == {out["import"]}
    assert {(p["unit"], p["district"], p["rank"], p["band"], p["status"]) for p in got} == {
        ("NSF-PS0101-1", "PS0101", "PVT", "enlisted", "active")}
    # The event is in the registry party's log, shared with the coordinator.
    events = login(server, "pasf.auditor").get(
        f"/api/v1/audit/events?type=personnel.registered&after={out['seq'] - 1}&limit=5"
    ).json()["items"]
    assert events[0]["seq"] == out["seq"]
    assert events[0]["subject"] == f"personnel/import/{out['import']}"
    assert events[0]["party"] == "pasf" and events[0]["shared_with"] == ["ussc"]
    assert len(events[0]["body"]["persons"]) == 300


def test_more_than_a_thousand_rows_are_registered_in_one_all_or_nothing_command(server, hr,
                                                                                 force):
    tag = next_service_number("BIG")
    text = csv_text(rows(1001, tag))
    out = import_csv(hr, text)
    assert out["registered"] == 1001
    events = login(server, "pasf.auditor").get(
        f"/api/v1/audit/events?type=personnel.registered&after={out['seq'] - 1}&limit=5"
    ).json()["items"]
    parts = [e for e in events if e["body"].get("import") == out["import"]]
    assert [len(e["body"]["persons"]) for e in parts] == [1000, 1]
    assert [(e["body"]["part"], e["body"]["parts"]) for e in parts] == [(1, 2), (2, 2)]
    assert len(persons_with(hr, tag)) == 1001


def test_a_file_with_one_bad_row_writes_nothing(server, hr, force):
    tag = next_service_number("BAD")
    good = rows(300, tag)
    good[217]["rank"] = "GEN"
    text = csv_text(good)
    report = dry_run(hr, text).json()
    assert report["error_count"] == 1 and report["valid_rows"] == 299
    before = seq_of(server)
    r = commit(hr, text, report["digest"])
    p = assert_problem(r, 422)
    assert p["error_count"] == 1 and p["rows"] == 300
    assert [(e["row"], e["column"], e["code"]) for e in p["errors"]] == [(218, "rank",
                                                                          "unknown_rank")]
    assert seq_of(server) == before
    assert persons_with(hr, tag) == []


def test_a_commit_needs_the_digest_of_this_very_file(server, hr, force):
    tag = next_service_number("DIG")
    text = csv_text(rows(20, tag))
    digest = dry_run(hr, text).json()["digest"]
    other = text.replace(f"{tag}-0019", f"{tag}-0099")
    before = seq_of(server)
    assert_problem(commit(hr, other, digest), 409, field="/digest")
    assert_problem(hr.post("/api/v1/personnel/import/commit", data=text.encode(), headers=CSV),
                   400, field="/digest")
    assert_problem(commit(hr, text, "0" * 64), 409, field="/digest")
    assert seq_of(server) == before
    assert persons_with(hr, tag) == []
    # The digest is case-insensitive hex.
    r = commit(hr, text, digest.upper())
    assert r.status_code == 201, r.text


def test_a_commit_checks_the_file_again_against_the_registry_as_it_is_now(server, hr, force):
    tag = next_service_number("RACE")
    lines = rows(50, tag)
    text = csv_text(lines)
    digest = dry_run(hr, text).json()["digest"]
    # Someone registers one of the file's persons in between.
    register_person(server, hr, service_number=lines[30]["service_number"])
    p = assert_problem(commit(hr, text, digest), 422)
    assert [(e["row"], e["code"]) for e in p["errors"]] == [(31, "duplicate_in_registry")]
    assert len(persons_with(hr, tag)) == 1


def test_the_body_must_be_csv(server, hr, force):
    text = csv_text(rows(1))
    for ct in ("application/json", "", "multipart/form-data"):
        r = hr.post("/api/v1/personnel/import/dry-run", data=text.encode(),
                    headers={"Content-Type": ct})
        assert_problem(r, 400)
    for ct in ("text/csv", "text/plain; charset=utf-8", "application/vnd.ms-excel"):
        r = hr.post("/api/v1/personnel/import/dry-run", data=text.encode(),
                    headers={"Content-Type": ct})
        assert r.status_code == 200, (ct, r.text)


def test_who_may_import_and_export(server, hr, force):
    text = csv_text(rows(2))
    digest = dry_run(hr, text).json()["digest"]
    for user in ("ussc.hr", "ussc.vetting", "ussc.trainer", "isf.admin", "pasf.admin",
                 "pasf.jenin", "isf.auditor"):
        c = login(server, user)
        assert_problem(dry_run(c, text), 403)
        assert_problem(commit(c, text, digest), 403)
    for user in ("ussc.hr", "ussc.vetting", "ussc.trainer"):
        assert export(login(server, user)).status_code == 200
    for user in ("isf.admin", "isf.jenin", "pasf.jenin", "pasf.analyst", "ussc.duty"):
        assert_problem(export(login(server, user)), 403)


# --- Export and the round trip ----------------------------------------------------------------

ARABIC = [
    "عبدُ الرَّحمن بن عوف، أبو محمد",      # diacritics, the Arabic comma
    "محمد \"أبو علي\" الخطيب",             # quotes
    "ليلى, بنت يوسف",                        # an ASCII comma
    "نورالهدى‌ سعيد",                        # a zero-width non-joiner
    "ﻣﺤﻤﺪ ٱلأمين",                            # presentation forms and alef wasla
]


def round_trip_rows(tag):
    out = []
    for i, name in enumerate(ARABIC):
        out.append(person_fields(
            service_number=f"{tag}-{i}", name_ar=name, name_en=f"=HYPERLINK(\"x\") {i}",
            unit="NSF-PS0101" if i % 2 else "CP-PS0115", service="NSF" if i % 2 else "CP",
            rank=["PVT", "SGT", "CPT", "MAJ", "WO"][i], sex="f" if i % 2 else "m",
            status=["active", "suspended", "retired", "separated", "deceased"][i],
            education="دبلوم, شرطة" if i == 0 else None,
            post="-RIFLE" if i == 1 else None,
            notes=f"سطر أول\r\nسطر ثان، \"مقتبس\" {i}" if i < 3 else None))
    return out


def test_arabic_round_trips_byte_for_byte_through_export_and_import(make_server):
    a, b = make_server(name="a"), make_server(name="b")
    hr_a, hr_b = login(a, "pasf.hr"), login(b, "pasf.hr")
    make_force(a, hr_a, persons=False)
    make_force(b, hr_b, persons=False)
    tag = next_service_number("RT")
    source = round_trip_rows(tag)
    import_csv(hr_a, csv_text(source, bom=True))
    first = export(hr_a)
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in first.headers["Content-Disposition"]
    data = first.content
    assert data.startswith(BOM.encode("utf-8"))
    assert b"\r\n" in data and data.count(b"\r\n") >= len(source) + 1
    exported = csv_rows(data.decode("utf-8"))
    assert list(exported[0]) == EXPORT_COLUMNS
    # Every value as given, exactly; formulas neutralised for spreadsheets.
    for given, got in zip(source, exported):
        for c in COLUMNS:
            want = given.get(c, "")
            if c == "name_en" or (c == "post" and want):
                want = "'" + want
            assert got[c] == want, (c, got[c], want)
    assert [r["id"] for r in exported] == sorted(r["id"] for r in exported)

    # Re-imported elsewhere, it exports the very same bytes.
    import_csv(hr_b, data)
    second = export(hr_b).content
    assert second == data
    got_b = {p["service_number"]: p for p in search_all(hr_b, f"q={tag}")}
    for given in source:
        p = got_b[given["service_number"]]
        assert p["name_ar"] == given["name_ar"] and p["name_en"] == given["name_en"]
        assert p["notes"] == given.get("notes") and p["status"] == given["status"]
    # Filters apply to the export too, and it is an access event.
    only_cp = csv_rows(export(hr_b, "service=CP").content.decode("utf-8"))
    assert {r["service"] for r in only_cp} == {"CP"} and len(only_cp) == 3
    reads = [e for e in login(b, "pasf.auditor").get(
        "/api/v1/audit/events?type=access&limit=1000").json()["items"]
        if e["body"]["what"] == "personnel.export"]
    assert len(reads) == 2 and reads[0]["actor"] == "pasf.hr"


def test_the_import_has_its_own_body_limit(make_server):
    srv = make_server({"server": {"max_body_bytes": 4096, "max_import_bytes": 60_000}})
    hr = login(srv, "pasf.hr")
    make_force(srv, hr, persons=False)
    tag = next_service_number("LIM")
    text = csv_text(rows(200, tag))
    assert 4096 < len(text.encode()) < 60_000
    out = import_csv(hr, text)
    assert out["registered"] == 200
    too_big = csv_text(rows(600))
    assert len(too_big.encode()) > 60_000
    assert_problem(dry_run(hr, too_big), 413)
    # Other bodies keep the general limit.
    hr = login(srv, "pasf.hr")
    r = hr.post("/api/v1/personnel", json=person_fields(notes="n" * 3000, education="e" * 1500))
    assert_problem(r, 413)


def test_imports_survive_a_restart_and_rebuild_identically(make_server):
    srv = make_server()
    hr = login(srv, "pasf.hr")
    make_force(srv, hr)
    tag = next_service_number("RB")
    import_csv(hr, csv_text(round_trip_rows(tag), bom=True))
    import_csv(hr, csv_text(rows(120, tag + "X")))
    before = export(hr).content
    everyone = search_all(hr)
    srv.restart()
    hr = login(srv, "pasf.hr")
    assert export(hr).content == before
    assert search_all(hr) == everyone
    assert srv.stop() == 0
    r = cli("rebuild", "--data", srv.data, "--check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "identical" in r.stdout and "DIFFERED" not in r.stdout
