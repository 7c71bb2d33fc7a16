"""Personnel analytics (docs/personnel.md, "Analytics"): headcount, rank pyramid, vacancies,
retirement forecast and payroll over the persons on strength, each checked against figures
this test computes from the force it builds; who may read them; and the demo's synthetic
force (`liaison demo --personnel N`).

The force is built through the API: units with their establishment, persons imported from
a CSV file, then career events (a promotion, transfers, a suspension, a retirement). The test
keeps its own model of every person's state and derives every expected figure from it, with
its own implementation of the rules (a person retires in the year they reach the age or
complete the years of service, whichever comes first)."""

import datetime
from collections import Counter, defaultdict
from urllib.parse import quote

import pytest

from conftest import PASSWORD, assert_problem, cli, copy_data, login, sqlite, write_config
from personnel_helpers import (HEBRON, JENIN, NABLUS, csv_text, career_event, import_csv,
                               make_unit, next_service_number, post)

BASE = "/api/v1/analytics/personnel"
ROUTES = ["headcount", "rank-pyramid", "vacancies", "retirements", "payroll"]
BANDS = ["officer", "nco", "enlisted"]
ON_STRENGTH = {"active", "suspended"}
# The shipped defaults ([personnel] in liaison.toml, docs/operations.md).
DEFAULT_AGE, DEFAULT_SERVICE_YEARS = 60, 35
DEFAULT_TARGET = (1, 3, 6)

# The units: (id, service, district, parent, posts).
UNITS = [
    ("NSF", "NSF", None, None, [post("CMD", "officer", 2), post("STAFF", "nco", 3)]),
    ("NSF-PS0101", "NSF", JENIN, "NSF",
     [post("CO", "officer", 2), post("NCO", "nco", 5), post("RIFLE", "enlisted", 10)]),
    ("NSF-PS0101-1", "NSF", JENIN, "NSF-PS0101", [post("RIFLE", "enlisted", 4)]),
    ("CP", "CP", None, None, [post("CMD", "officer", 1)]),
    ("CP-PS0115", "CP", NABLUS, "CP", [post("STN", "officer", 1), post("PTL", "enlisted", 6)]),
    ("PSS", "PSS", None, None, []),
    ("PSS-PS0150", "PSS", HEBRON, "PSS", [post("OFF", "officer", 1), post("NCO", "nco", 2)]),
]
DISTRICT = {u[0]: u[2] for u in UNITS}
SERVICE = {u[0]: u[1] for u in UNITS}

# The persons: (key, rank, unit, status, sex, years from this year to the birth and to the
# joining). Births and joinings are placed so that retirements fall in this year, inside the
# forecast's ten years, after it, and before it (overdue), by age and by service, and once
# by both in the same year.
PERSONS = [
    ("hq-general", "MG", "NSF", "active", "m", -59, -36),
    ("hq-colonel", "COL", "NSF", "active", "m", -55, -30),
    ("hq-ssg", "SSG", "NSF", "active", "m", -48, -25),
    ("hq-sgt", "SGT", "NSF", "suspended", "m", -40, -18),
    ("hq-retired", "CWO", "NSF", "retired", "m", -62, -40),
    ("jen-major", "MAJ", "NSF-PS0101", "active", "m", -52, -28),
    ("jen-captain", "CPT", "NSF-PS0101", "active", "m", -45, -22),
    ("jen-captain-60", "CPT", "NSF-PS0101", "active", "m", -60, -20),
    ("jen-1lt", "1LT", "NSF-PS0101", "active", "m", -33, -10),
    ("jen-sgt", "SGT", "NSF-PS0101", "active", "m", -38, -15),
    ("jen-sgt-susp", "SGT", "NSF-PS0101", "suspended", "m", -41, -20),
    ("jen-pvt-1", "PVT", "NSF-PS0101", "active", "m", -22, -3),
    ("jen-pvt-2", "PVT", "NSF-PS0101", "active", "m", -24, -4),
    ("jen-cpl", "CPL", "NSF-PS0101", "active", "m", -30, -9),
    ("jen-separated", "PVT", "NSF-PS0101", "separated", "m", -26, -6),
    ("coy-cpl", "CPL", "NSF-PS0101-1", "active", "m", -57, -34),
    ("coy-pvt", "PVT", "NSF-PS0101-1", "active", "m", -21, -2),
    ("coy-deceased", "PVT", "NSF-PS0101-1", "deceased", "m", -29, -8),
    ("cp-ltc", "LTC", "CP", "active", "m", -58, -33),
    ("nab-cpt-66", "CPT", "CP-PS0115", "active", "m", -66, -30),
    ("nab-cpt-64", "CPT", "CP-PS0115", "active", "f", -64, -28),
    ("nab-pvt", "PVT", "CP-PS0115", "active", "f", -23, -4),
    ("nab-cpl", "CPL", "CP-PS0115", "suspended", "f", -31, -11),
    ("nab-retired", "PVT", "CP-PS0115", "retired", "m", -61, -35),
    ("nab-sgt", "SGT", "CP-PS0115", "active", "m", -50, -26),
    ("heb-major", "MAJ", "PSS-PS0150", "active", "m", -47, -24),
    ("heb-2lt", "2LT", "PSS-PS0150", "active", "m", -25, -1),
    ("heb-ssg", "SSG", "PSS-PS0150", "active", "m", -42, -19),
    ("heb-wo", "WO", "PSS-PS0150", "active", "m", -50, -25),
]


# Names for the persons (a name_ar must be written in Arabic letters).
GIVEN_AR = ["محمد", "أحمد", "خالد", "عمر", "ليلى", "سلمى"]
FAMILY_AR = ["الخطيب", "النجار", "حداد", "عودة", "سلامة", "خليل"]


def year_of(server):
    return datetime.datetime.fromtimestamp(server.now(), datetime.timezone.utc).year


@pytest.fixture(scope="module")
def force(server):
    """Builds the force; returns {"year", "persons": {key: state}, "units", "reference"}."""
    hr = login(server, "pasf.hr")
    for uid, service, district, parent, posts in UNITS:
        make_unit(server, hr, uid, service, district, parent, posts)
    r = hr.get("/api/v1/personnel/reference")
    assert r.status_code == 200, r.text
    reference = r.json()
    ranks = {rk["code"]: rk for rk in reference["ranks"]}
    year = year_of(server)
    rows, persons = [], {}
    for i, (key, rank, unit, status, sex, born, joined) in enumerate(PERSONS):
        number = next_service_number("AN")
        name_ar = f"{GIVEN_AR[i % len(GIVEN_AR)]} {FAMILY_AR[i // len(GIVEN_AR)]}"
        rows.append({"service_number": number, "name_ar": name_ar, "name_en": "Person " + key,
                     "sex": sex, "birth_date": f"{year + born}-04-15",
                     "joined_on": f"{year + joined}-09-01", "service": SERVICE[unit],
                     "unit": unit, "rank": rank, "status": status})
        persons[key] = {"service_number": number, "rank": rank, "band": ranks[rank]["band"],
                        "unit": unit, "service": SERVICE[unit], "district": DISTRICT[unit],
                        "status": status, "born": year + born, "joined": year + joined}
    reply = import_csv(hr, csv_text(rows, bom=True))
    assert reply["registered"] == len(PERSONS)
    # Their ids, by service number.
    for p in persons.values():
        r = hr.get("/api/v1/personnel?q=" + quote(p["service_number"]))
        assert r.status_code == 200, r.text
        [item] = [i for i in r.json()["items"] if i["service_number"] == p["service_number"]]
        p["id"] = item["id"]

    # Careers since: the state the figures must follow is the one the events derive.
    effective = f"{year - 1}-12-01"
    career_event(server, hr, persons["jen-pvt-1"]["id"], "promotion", effective, rank="CPL")
    persons["jen-pvt-1"].update(rank="CPL", band=ranks["CPL"]["band"])
    career_event(server, hr, persons["jen-sgt"]["id"], "transfer", effective, unit="NSF-PS0101-1")
    persons["jen-sgt"].update(unit="NSF-PS0101-1")
    career_event(server, hr, persons["coy-pvt"]["id"], "transfer", effective, unit="NSF")
    persons["coy-pvt"].update(unit="NSF", district=None)
    career_event(server, hr, persons["jen-1lt"]["id"], "suspension", effective)
    persons["jen-1lt"].update(status="suspended")
    career_event(server, hr, persons["nab-cpt-66"]["id"], "retirement", effective)
    persons["nab-cpt-66"].update(status="retired")
    return {"year": year, "persons": persons, "reference": reference, "ranks": ranks}


def on_strength(force, service=None, district=None):
    return [p for p in force["persons"].values()
            if p["status"] in ON_STRENGTH and (service is None or p["service"] == service)
            and (district is None or p["district"] == district)]


def get_ok(client, path):
    r = client.get(path)
    assert r.status_code == 200, f"GET {path} as {client.username}: {r.status_code} {r.text[:500]}"
    return r.json()


def nonzero(items, key, value="count"):
    return {i[key]: i[value] for i in items if i[value]}


# --- Headcount -------------------------------------------------------------------------------


@pytest.mark.parametrize("service,district", [(None, None), ("NSF", None), (None, JENIN),
                                              ("NSF", JENIN), ("CP", JENIN)])
def test_headcount_counts_the_persons_on_strength(server, force, service, district):
    query = "&".join(f"{k}={v}" for k, v in (("service", service), ("district", district)) if v)
    h = get_ok(login(server, "pasf.hr"), f"{BASE}/headcount?{query}")
    mine = on_strength(force, service, district)
    assert h["total"] == len(mine)
    assert h["suspended"] == sum(p["status"] == "suspended" for p in mine)
    assert h["active"] == sum(p["status"] == "active" for p in mine)
    assert nonzero(h["by_service"], "service") == dict(Counter(p["service"] for p in mine))
    assert nonzero(h["by_district"], "district") == dict(Counter(p["district"] for p in mine))
    assert {b["band"]: b["count"] for b in h["by_band"]} == \
        {b: sum(p["band"] == b for p in mine) for b in BANDS}
    expected = Counter((p["service"], p["band"]) for p in mine)
    assert {(i["service"], i["band"]): i["count"] for i in h["by_service_band"] if i["count"]} \
        == dict(expected)
    assert sum(i["count"] for i in h["by_service"]) == h["total"]
    assert sum(i["count"] for i in h["by_district"]) == h["total"]


def test_headcount_names_services_and_districts(server, force):
    h = get_ok(login(server, "pasf.hr"), f"{BASE}/headcount")
    services = {s["code"]: s for s in force["reference"]["services"]}
    # Every service of the reference is listed, with its names, even without persons.
    assert {i["service"] for i in h["by_service"]} >= set(services)
    for i in h["by_service"]:
        assert i["name_en"] == services[i["service"]]["name_en"]
        assert i["name_ar"] == services[i["service"]]["name_ar"]
    jenin = [i for i in h["by_district"] if i["district"] == JENIN]
    assert jenin and jenin[0]["name_en"] == "Jenin" and jenin[0]["name_ar"] == "جنين"
    # The headquarters' persons are in no governorate.
    national = [i for i in h["by_district"] if i["district"] is None]
    assert national and national[0]["count"] == len(
        [p for p in on_strength(force) if p["district"] is None])


@pytest.mark.parametrize("query,field", [("service=XYZ", "/service"),
                                         ("district=PS9999", "/district")])
def test_unknown_filters_are_refused(server, force, query, field):
    hr = login(server, "pasf.hr")
    for route in ROUTES:
        assert_problem(hr.get(f"{BASE}/{route}?{query}"), 400, field=field)


# --- Rank pyramid ------------------------------------------------------------------------------


def shares(counts):
    total = sum(counts.values())
    return {b: (round(counts[b] / total, 4) if total else 0) for b in BANDS}


@pytest.mark.parametrize("target", [None, "1:1:2", "2:5:13"])
def test_rank_pyramid_per_service_against_the_target(server, force, target):
    query = f"?target={target}" if target else ""
    pyr = get_ok(login(server, "pasf.hr"), f"{BASE}/rank-pyramid{query}")
    ratio = tuple(float(x) for x in target.split(":")) if target else DEFAULT_TARGET
    assert [pyr["target"][b] for b in BANDS] == list(ratio)
    target_share = {b: round(r / sum(ratio), 4) for b, r in zip(BANDS, ratio)}
    assert pyr["target_share"] == target_share

    per_service = defaultdict(Counter)
    for p in on_strength(force):
        per_service[p["service"]][p["band"]] += 1
    assert {i["service"] for i in pyr["items"]} == set(per_service)
    for item in pyr["items"]:
        counts = per_service[item["service"]]
        assert {b: item[b] for b in BANDS} == {b: counts[b] for b in BANDS}
        assert item["total"] == sum(counts.values())
        assert item["share"] == pytest.approx(shares(counts), abs=1e-4)
        assert item["target_share"] == target_share
        for b in BANDS:
            assert item["deviation"][b] == pytest.approx(
                counts[b] / item["total"] - target_share[b], abs=2e-4)
    everyone = Counter(p["band"] for p in on_strength(force))
    assert {b: pyr["all"][b] for b in BANDS} == {b: everyone[b] for b in BANDS}
    assert pyr["all"]["share"] == pytest.approx(shares(everyone), abs=1e-4)
    assert pyr["all"]["per_officer"]["nco"] == pytest.approx(
        everyone["nco"] / everyone["officer"], abs=1e-4)


@pytest.mark.parametrize("target", ["1:3", "0:3:6", "1:-3:6", "a:b:c", "1:3:6:1", "1e2:3:6"])
def test_rank_pyramid_refuses_a_bad_target(server, force, target):
    r = login(server, "pasf.hr").get(f"{BASE}/rank-pyramid?target={quote(target)}")
    assert_problem(r, 400, field="/target")


# --- Vacancies ---------------------------------------------------------------------------------


def expected_vacancies(force, only=None, service=None, district=None):
    authorised, filled = Counter(), Counter()
    for uid, svc, dist, _, posts in UNITS:
        if (service and svc != service) or (district and dist != district):
            continue
        for p in posts:
            authorised[(uid, p["band"])] += p["authorised"]
    for p in on_strength(force):
        if (service and p["service"] != service) or (district and DISTRICT[p["unit"]] != district):
            continue
        filled[(p["unit"], p["band"])] += 1
    rows = []
    for key in sorted(set(authorised) | set(filled), key=lambda k: (k[0], BANDS.index(k[1]))):
        a, f = authorised[key], filled[key]
        row = {"unit": key[0], "band": key[1], "authorised": a, "filled": f,
               "vacant": max(a - f, 0), "over": max(f - a, 0)}
        if only and not row[only]:
            continue
        rows.append(row)
    return rows


def all_pages(client, path, limit):
    items, cursor, pages = [], None, 0
    while True:
        sep = "&" if "?" in path else "?"
        url = f"{path}{sep}limit={limit}" + (f"&cursor={quote(cursor)}" if cursor else "")
        page = get_ok(client, url)
        items += page["items"]
        pages += 1
        assert len(page["items"]) <= limit
        cursor = page["next"]
        if cursor is None:
            return items, page["totals"], pages


@pytest.mark.parametrize("only", [None, "vacant", "over"])
@pytest.mark.parametrize("service,district", [(None, None), ("NSF", None), (None, NABLUS)])
def test_vacancies_per_unit_and_band(server, force, only, service, district):
    params = [f"{k}={v}" for k, v in (("only", only), ("service", service),
                                      ("district", district)) if v]
    path = f"{BASE}/vacancies" + ("?" + "&".join(params) if params else "")
    items, totals, pages = all_pages(login(server, "pasf.hr"), path, limit=3)
    expected = expected_vacancies(force, only, service, district)
    got = [{k: i[k] for k in ("unit", "band", "authorised", "filled", "vacant", "over")}
           for i in items]
    assert got == expected
    assert pages == max(1, -(-len(expected) // 3))
    for k in ("authorised", "filled", "vacant", "over"):
        assert totals[k] == sum(row[k] for row in expected)
    for i in items:
        assert i["service"] == SERVICE[i["unit"]] and i["district"] == DISTRICT[i["unit"]]
        assert i["name_en"] and i["name_ar"]


def test_vacancies_show_both_gaps_and_excess(server, force):
    rows = expected_vacancies(force)
    # The force is built so that both occur; the answer must show the same.
    assert any(r["vacant"] for r in rows) and any(r["over"] for r in rows)
    v = get_ok(login(server, "pasf.hr"), f"{BASE}/vacancies?only=over&limit=200")
    assert {(i["unit"], i["band"]) for i in v["items"]} == \
        {(r["unit"], r["band"]) for r in rows if r["over"]}


@pytest.mark.parametrize("query,field", [("only=full", "/only"), ("limit=0", "/limit"),
                                         ("limit=201", "/limit"), ("cursor=nonsense", "/cursor"),
                                         ("cursor=general:NSF", "/cursor")])
def test_vacancies_refuse_bad_parameters(server, force, query, field):
    assert_problem(login(server, "pasf.hr").get(f"{BASE}/vacancies?{query}"), 400, field=field)


# --- Retirement forecast -----------------------------------------------------------------------


def retirement(p, age, service_years):
    by_age, by_service = p["born"] + age, p["joined"] + service_years
    return (by_service, "service") if by_service < by_age else (by_age, "age")


@pytest.mark.parametrize("age,service_years", [(None, None), (55, 30), (65, 40), (60, 20)])
def test_retirement_forecast(server, force, age, service_years):
    params = [f"{k}={v}" for k, v in (("age", age), ("service_years", service_years)) if v]
    f = get_ok(login(server, "pasf.hr"), f"{BASE}/retirements?" + "&".join(params))
    age = age or DEFAULT_AGE
    service_years = service_years or DEFAULT_SERVICE_YEARS
    year = force["year"]
    assert f["rules"] == {"age": age, "service_years": service_years}
    assert [y["year"] for y in f["years"]] == list(range(year, year + 10))
    mine = on_strength(force)
    per_year = defaultdict(list)
    overdue, later = [], []
    for p in mine:
        when, reason = retirement(p, age, service_years)
        if when < year:
            overdue.append(p)
        elif when >= year + 10:
            later.append(p)
        else:
            per_year[when].append((p, reason))
    for y in f["years"]:
        expected = per_year[y["year"]]
        assert y["count"] == len(expected), y
        assert y["by_band"] == {b: sum(p["band"] == b for p, _ in expected) for b in BANDS}
        assert y["by_reason"] == {r: sum(reason == r for _, reason in expected)
                                  for r in ("age", "service")}
    assert f["overdue"] == len(overdue)
    assert f["overdue_by_band"] == {b: sum(p["band"] == b for p in overdue) for b in BANDS}
    assert f["later"] == len(later)
    assert f["persons"] == len(mine)


def test_retirement_forecast_covers_every_case(force):
    """The force exercises this year, the window, after it, overdue, both reasons and a tie."""
    year = force["year"]
    outcomes = [retirement(p, DEFAULT_AGE, DEFAULT_SERVICE_YEARS) for p in on_strength(force)]
    assert any(w == year for w, _ in outcomes)
    assert any(w < year for w, _ in outcomes)
    assert any(w >= year + 10 for w, _ in outcomes)
    assert {r for w, r in outcomes if year <= w < year + 10} == {"age", "service"}
    assert any(p["born"] + DEFAULT_AGE == p["joined"] + DEFAULT_SERVICE_YEARS
               for p in on_strength(force))


def test_retirement_forecast_with_filters(server, force):
    f = get_ok(login(server, "pasf.hr"), f"{BASE}/retirements?service=NSF&district={JENIN}")
    mine = on_strength(force, "NSF", JENIN)
    assert f["persons"] == len(mine)
    assert sum(y["count"] for y in f["years"]) + f["overdue"] + f["later"] == len(mine)


@pytest.mark.parametrize("query,field", [("age=29", "/age"), ("age=91", "/age"),
                                         ("age=sixty", "/age"), ("service_years=4",
                                                                 "/service_years"),
                                         ("service_years=61", "/service_years")])
def test_retirement_forecast_refuses_bad_rules(server, force, query, field):
    assert_problem(login(server, "pasf.hr").get(f"{BASE}/retirements?{query}"), 400, field=field)


# --- Payroll -----------------------------------------------------------------------------------


@pytest.mark.parametrize("service,district", [(None, None), ("CP", None), (None, JENIN)])
def test_payroll_is_the_pay_scale_times_the_persons_on_strength(server, force, service,
                                                                 district):
    query = "&".join(f"{k}={v}" for k, v in (("service", service), ("district", district)) if v)
    pay = get_ok(login(server, "pasf.hr"), f"{BASE}/payroll?{query}")
    ranks = force["ranks"]
    mine = on_strength(force, service, district)
    monthly = {p["service_number"]: ranks[p["rank"]]["monthly_pay"] for p in mine}
    assert pay["currency"] == force["reference"]["currency"]
    assert pay["persons"] == len(mine)
    assert pay["unpriced"] == 0
    assert pay["monthly_total"] == sum(monthly.values())
    assert pay["annual_total"] == 12 * pay["monthly_total"]
    by_rank = {i["rank"]: i for i in pay["by_rank"]}
    for code, rank in ranks.items():
        holders = [p for p in mine if p["rank"] == code]
        assert by_rank[code]["persons"] == len(holders)
        assert by_rank[code]["monthly_pay"] == rank["monthly_pay"]
        assert by_rank[code]["monthly"] == len(holders) * rank["monthly_pay"]
    for item in pay["by_service"]:
        holders = [p for p in mine if p["service"] == item["service"]]
        assert item["persons"] == len(holders)
        assert item["monthly"] == sum(monthly[p["service_number"]] for p in holders)
        assert item["annual"] == 12 * item["monthly"]
    for item in pay["by_band"]:
        holders = [p for p in mine if p["band"] == item["band"]]
        assert item["monthly"] == sum(monthly[p["service_number"]] for p in holders)


# --- Who may read the figures --------------------------------------------------------------------


@pytest.fixture(scope="module")
def isf_hr(server):
    r = login(server, "isf.admin").post("/api/v1/users", json={
        "username": "isf.hr.analytics", "unit": "isf/hq", "roles": ["hr"], "password": PASSWORD})
    assert r.status_code == 201, r.text
    return login(server, "isf.hr.analytics")


@pytest.mark.parametrize("route", ROUTES)
def test_readers_of_the_registry_party_and_the_coordinator_get_the_same_figures(server, force,
                                                                                route):
    answers = [get_ok(login(server, u), f"{BASE}/{route}")
               for u in ("pasf.hr", "pasf.analyst", "pasf.commander", "ussc.analyst", "ussc.hr",
                         "ussc.commander")]
    assert all(a == answers[0] for a in answers[1:])


@pytest.mark.parametrize("route", ROUTES)
def test_a_party_that_may_not_see_the_registry_is_refused(server, force, isf_hr, route):
    # isf's analysts and HR hold the route's roles, but not the registry's scope.
    for client in (login(server, "isf.analyst"), isf_hr, login(server, "isf.commander")):
        p = assert_problem(client.get(f"{BASE}/{route}"), 403)
        assert "total" not in p and "items" not in p


@pytest.mark.parametrize("route", ROUTES)
def test_roles_without_the_action_are_refused_at_the_route(server, force, route):
    for user in ("pasf.jenin", "ussc.duty", "pasf.auditor", "ussc.vetting", "ussc.trainer"):
        assert_problem(login(server, user).get(f"{BASE}/{route}"), 403)
    assert_problem(server.get(f"{BASE}/{route}"), 401)


# --- The synthetic force -------------------------------------------------------------------------


def demo_dir(tmp_path, name):
    d = tmp_path / name
    d.mkdir(mode=0o700)
    write_config(d)
    return d


def persons_dump(data):
    return sqlite(data / "liaison.db",
                  "SELECT id, service_number, name_ar, name_en, sex, birth_date, joined_on, "
                  "service, unit, district, post, rank, band, status, status_since, education "
                  "FROM persons ORDER BY id")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """`liaison demo --personnel 2000`, run twice into two data directories."""
    base = tmp_path_factory.mktemp("synthetic")
    dirs = []
    for name in ("a", "b"):
        d = demo_dir(base, name)
        r = cli("demo", "--data", d, "--password", PASSWORD, "--personnel", "2000",
                timeout=600)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "2000" in r.stdout and "SYNTHETIC" in r.stdout, r.stdout
        dirs.append(d)
    return dirs


def test_the_demo_generates_exactly_the_persons_asked_for_all_marked_synthetic(synthetic):
    db = synthetic[0] / "liaison.db"
    assert sqlite(db, "SELECT COUNT(*) FROM persons").strip() == "2000"
    assert sqlite(db, "SELECT COUNT(*) FROM persons WHERE synthetic = 1 "
                      "AND service_number LIKE 'SYN-%' "
                      "AND notes LIKE 'Synthetic demo record%'").strip() == "2000"
    # Every registration event says so too.
    events = sqlite(db, "SELECT body FROM events WHERE type = 'personnel.registered'")
    lines = [line for line in events.splitlines() if line]
    assert lines and all('"synthetic":true' in line for line in lines)


def test_the_synthetic_force_is_deterministic(synthetic):
    assert persons_dump(synthetic[0]) == persons_dump(synthetic[1])


def test_the_synthetic_force_has_a_realistic_shape(synthetic):
    db = synthetic[0] / "liaison.db"

    def counts(sql):
        return dict(line.split("|") for line in sqlite(db, sql).splitlines() if line)

    status = {k: int(v) for k, v in counts(
        "SELECT status, COUNT(*) FROM persons GROUP BY status").items()}
    assert set(status) >= {"active", "suspended", "retired", "separated"}
    assert 0.015 <= status["suspended"] / 2000 <= 0.05
    bands = {k: int(v) for k, v in counts(
        "SELECT band, COUNT(*) FROM persons WHERE status IN ('active', 'suspended') "
        "GROUP BY band").items()}
    strength = sum(bands.values())
    # Top-heavy: far more officers than the 1:3:6 target's tenth.
    assert bands["officer"] / strength > 0.2
    assert bands["enlisted"] / strength < 0.5
    # Units after the id scheme: service headquarters, district commands, sub-units.
    units = sqlite(db, "SELECT id FROM org_units").split()
    assert {"NSF", "CP", "PSS", "GIS", "PG", "CD", "MI", "MLO", "MMS"} <= set(units)
    assert "CP-PS0115" in units and "NSF-PS0101-1" in units
    # Career histories: promotions and transfers besides the appointments.
    kinds = counts("SELECT kind, COUNT(*) FROM career_events GROUP BY kind")
    assert int(kinds["appointment"]) == 2000
    assert {"promotion", "transfer", "suspension", "retirement"} <= set(kinds)


def test_the_synthetic_force_rebuilds_identically(synthetic, tmp_path):
    data = copy_data(synthetic[0], tmp_path / "rebuilt")
    r = cli("rebuild", "--data", data, "--check", timeout=600)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "identical" in r.stdout and "DIFFERED" not in r.stdout


def test_the_synthetic_force_shows_in_the_analytics(synthetic, tmp_path):
    """Served, the demo's figures show a top-heavy pyramid, gaps and excess in the
    establishment and a retirement wave within the forecast."""
    from conftest import Server
    data = copy_data(synthetic[0], tmp_path / "served" / "data")
    srv = Server(data, tmp_path / "served" / "run").start()
    try:
        hr = login(srv, "pasf.hr")
        h = get_ok(hr, f"{BASE}/headcount")
        pyr = get_ok(hr, f"{BASE}/rank-pyramid")
        assert pyr["all"]["total"] == h["total"]
        assert pyr["all"]["deviation"]["officer"] > 0.05
        v = get_ok(hr, f"{BASE}/vacancies?limit=200")
        assert v["totals"]["vacant"] > 0 and v["totals"]["over"] > 0
        f = get_ok(hr, f"{BASE}/retirements")
        assert sum(y["count"] for y in f["years"]) > 0 and f["overdue"] > 0
        assert sum(y["count"] for y in f["years"]) + f["overdue"] + f["later"] == h["total"]
        p = get_ok(hr, f"{BASE}/payroll")
        assert p["persons"] == h["total"] and p["monthly_total"] > 0
    finally:
        srv.kill()
