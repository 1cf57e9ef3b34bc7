#!/usr/bin/env python3
"""An independent verifier of double-random draws, written from docs/draw-algorithm.md alone.

Python 3 standard library only: hashlib for SHA-256, ChaCha20 written here from RFC 8439. It
shares no code with the TypeScript engine, so that a draw it re-derives is re-derived from the
specification, not from the reference implementation.

    python3 scripts/verify_draw.py docs/draw-examples/*.json docs/draw-test-vectors.json

A file is a draw export, or the test vectors (every draw vector an export, plus the generator).
Prints one JSON line per draw checked; exits 0 when all verify, 1 otherwise. Exports whose pack
has hooks are refused: running JavaScript hooks (section 5a) is beyond a standard library.
"""

import hashlib
import json
import math
import struct
import sys

V1, V2, V3, V4 = "double-random/v1", "double-random/v2", "double-random/v3", "double-random/v4"
EXPORT_V1, EXPORT_V2 = "double-random/draw-export/v1", "double-random/draw-export/v2"
TWO_48 = 1 << 48


# --- Canonical JSON (RFC 8785 for the values a draw holds: strings, whole numbers, booleans, null).

def _utf16_key(s):
    return s.encode("utf-16-be", "surrogatepass")


def _string(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif c < 0x20 or 0xD800 <= c <= 0xDFFF:
            out.append("\\u%04x" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def jcs(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError("canonical JSON has no NaN or infinity")
        if v.is_integer() and abs(v) < 1e21:
            return str(int(v))
        return repr(v)  # not met in a draw: its numbers are whole
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, list):
        return "[" + ",".join(jcs(x) for x in v) + "]"
    if isinstance(v, dict):
        keys = sorted(v.keys(), key=_utf16_key)
        return "{" + ",".join(_string(k) + ":" + jcs(v[k]) for k in keys) + "}"
    raise TypeError("not a JSON value: %r" % (v,))


def utf8(text):
    # Lone surrogates are escaped by jcs, so the text is always well-formed.
    return text.encode("utf-8")


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


def code_units_key(s):
    return _utf16_key(s)


# --- The generator (section 4): ChaCha20, RFC 8439.

def _rotl(x, n):
    return ((x << n) & 0xFFFFFFFF) | (x >> (32 - n))


def _quarter(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = _rotl(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = _rotl(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = _rotl(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = _rotl(s[b] ^ s[c], 7)


def chacha20_block(key, counter, nonce):
    state = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574]
    state += list(struct.unpack("<8L", key))
    state += [counter & 0xFFFFFFFF]
    state += list(struct.unpack("<3L", nonce))
    s = state[:]
    for _ in range(10):
        _quarter(s, 0, 4, 8, 12); _quarter(s, 1, 5, 9, 13); _quarter(s, 2, 6, 10, 14); _quarter(s, 3, 7, 11, 15)
        _quarter(s, 0, 5, 10, 15); _quarter(s, 1, 6, 11, 12); _quarter(s, 2, 7, 8, 13); _quarter(s, 3, 4, 9, 14)
    return struct.pack("<16L", *[(s[i] + state[i]) & 0xFFFFFFFF for i in range(16)])


class Stream:
    """The keystream's blocks concatenated, read 6 bytes at a time, big-endian."""

    def __init__(self, seed):
        if len(seed) != 32:
            raise ValueError("the seed is 32 bytes")
        self.key = seed
        self.buffer = b""
        self.block = 0
        self.consumed = 0

    def next48(self):
        while len(self.buffer) < 6:
            self.buffer += chacha20_block(self.key, self.block, bytes(12))
            self.block += 1
        x = int.from_bytes(self.buffer[:6], "big")
        self.buffer = self.buffer[6:]
        self.consumed += 1
        return x

    def uniform(self, m):
        if not (1 <= m <= TWO_48):
            raise ValueError("uniform(m) needs 1 <= m <= 2^48")
        limit = TWO_48 - (TWO_48 % m)
        while True:
            x = self.next48()
            if x < limit:
                return x % m


def sample_uniform(items, k, rnd):
    a = list(items)
    n = len(a)
    take = min(k, n)
    for i in range(take):
        j = i + rnd.uniform(n - i)
        a[i], a[j] = a[j], a[i]
    return a[:take]


def sample_weighted(items, weights, k, rnd):
    w = list(weights)
    picked = []
    for _ in range(k):
        total = sum(w)
        if total <= 0:
            break
        r = rnd.uniform(total)
        acc = 0
        for i, wi in enumerate(w):
            acc += wi
            if acc > r:
                picked.append(items[i])
                w[i] = 0
                break
    return picked


def allocate_quotas(seats_wanted, strata):
    """Section 6, step 2: largest remainder, capped by each stratum's room."""
    quotas = [0] * len(strata)
    seats = min(seats_wanted, sum(s["capacity"] for s in strata))
    while seats > 0:
        open_ = [i for i, s in enumerate(strata) if quotas[i] < s["capacity"] and s["mass"] > 0]
        if not open_:
            break
        mass = sum(strata[i]["mass"] for i in open_)
        shares = [(i, (seats * strata[i]["mass"]) // mass, (seats * strata[i]["mass"]) % mass) for i in open_]
        given = 0
        for i, fl, _ in shares:
            take = min(fl, strata[i]["capacity"] - quotas[i])
            quotas[i] += take
            given += take
        left = seats - given
        for i, _, rem in sorted(shares, key=lambda t: (-t[2], t[0])):
            if left == 0:
                break
            if quotas[i] < strata[i]["capacity"] and rem > 0:
                quotas[i] += 1
                left -= 1
        if left == seats:
            for i in open_:
                if left > 0 and quotas[i] < strata[i]["capacity"]:
                    quotas[i] += 1
                    left -= 1
        seats = left
    return quotas


# --- Sections 3 and 5: the canonical snapshot, groups, the pool.

SECTOR_LABELS = {
    "hazardous_chemicals": "危险化学品", "non_coal_mine": "非煤矿山", "fireworks": "烟花爆竹", "metallurgy": "冶金",
    "nonferrous": "有色", "building_materials": "建材", "machinery": "机械", "light_industry": "轻工", "textile": "纺织",
    "commerce": "商贸", "safety_services": "安全评价检测检验机构", "occupational_health": "职业卫生", "general": "综合监管",
}
ALL_SERVICE_KINDS = ["EVALUATION", "TESTING", "DESIGN", "STANDARDISATION"]
CONFLICT = "recorded conflict of interest (回避)"
SERVED = "served the enterprise (评价、检测检验、设计、标准化评审)"
ENTERPRISE_FIELDS = ["blacklisted", "creditLevel", "keyHighDanger", "majorHazardSource", "name", "operatingStatus", "records", "riskLevel", "scale", "sector", "subSector", "township", "uscc"]
RECORD_GROUPS = {"complaintHeavy": ("COMPLAINT", 2, 12), "accidentProne": ("ACCIDENT", 2, 24), "penalised": ("PENALTY", 1, 12), "seriousViolator": ("SERIOUS_VIOLATION", 1, 36)}
STRATUM_FIELDS = ["riskLevel", "creditLevel", "sector"]


def canonical_snapshot(s):
    h = s.get("history", {})
    out_history = {
        "doubleRandomCount": dict(h.get("doubleRandomCount", {})),
        "upperLevelDrawn": sorted(h.get("upperLevelDrawn", []), key=code_units_key),
        "lastInspected": dict(h.get("lastInspected", {})),
    }
    if "upperLevelSealed" in h:
        out_history["upperLevelSealed"] = sorted(h["upperLevelSealed"], key=lambda x: code_units_key(x["commitment"]))
    # v4's fields only when present (sections 5c, 7a).
    if "consecutiveDraws" in h:
        out_history["consecutiveDraws"] = dict(h["consecutiveDraws"])
    for key in ("lastLeaders", "lowerLevelDrawn"):
        if key in h:
            out_history[key] = sorted(h[key], key=code_units_key)
    enterprises = []
    for e in s["enterprises"]:
        e2 = {k: e[k] for k in ENTERPRISE_FIELDS}
        e2["records"] = sorted(({"kind": r["kind"], "occurredOn": r["occurredOn"]} for r in e["records"]), key=lambda r: (code_units_key(r["occurredOn"]), code_units_key(r["kind"])))
        enterprises.append(e2)
    enterprises.sort(key=lambda e: code_units_key(e["uscc"]))
    return {
        "checklist": sorted(({**c, "sectors": sorted(c["sectors"], key=code_units_key)} for c in s["checklist"]), key=lambda c: code_units_key(c["code"])),
        "conflicts": sorted(s["conflicts"], key=lambda c: (code_units_key(c["personId"]), code_units_key(c["uscc"]))),
        "enterprises": enterprises,
        "experts": sorted(({**x, "specialties": sorted(x["specialties"], key=code_units_key), "served": sorted(x["served"], key=lambda v: (code_units_key(v["uscc"]), code_units_key(v["kind"])))} for x in s["experts"]), key=lambda x: code_units_key(x["id"])),
        "history": out_history,
        "inspectors": sorted(({**i, "domains": sorted(i["domains"], key=code_units_key)} for i in s["inspectors"]), key=lambda i: code_units_key(i["id"])),
    }


def months_before(date, months):
    """As Date.UTC(y, m - 1 - months, d): the month moved back, the day counted from its first."""
    import datetime
    y, m, d = (int(p) for p in date.split("-"))
    index = (y * 12 + (m - 1)) - months
    first = datetime.date(index // 12, index % 12 + 1, 1)
    return (first + datetime.timedelta(days=d - 1)).isoformat()


def group_test(rules, task):
    as_of = task["inspectionDate"]
    windows = {}
    for group, (kind, min_records, within) in RECORD_GROUPS.items():
        definition = (rules.get("definitions") or {}).get(group)
        if definition:
            min_records, within = definition["minRecords"], definition["withinMonths"]
        windows[group] = (kind, months_before(as_of, within), min_records)

    def member(e, group):
        if group == "all":
            return True
        if group in ("keyHighDanger", "blacklisted"):
            return e[group]
        if group == "majorHazard":
            return e["majorHazardSource"]
        if group == "dishonest":
            return e["creditLevel"] in ("DISHONEST", "SERIOUSLY_DISHONEST")
        if group == "trustworthy":
            return e["creditLevel"] == "TRUSTWORTHY"
        if group == "highRisk":
            return e["riskLevel"] in ("MAJOR", "HIGH")
        if group == "lowRisk":
            return e["riskLevel"] == "LOW"
        if group == "directedSpecial":
            return task["special"] is True
        kind, since, min_records = windows[group]
        return sum(1 for r in e["records"] if r["kind"] == kind and since < r["occurredOn"] <= as_of) >= min_records

    return member


def with_cite(reason, cite):
    if cite is not None:
        reason["cite"] = cite
    return reason


def scan_pool(rules, task, enterprises, upper, counts, lower=frozenset(), avoid=False):
    member = group_test(rules, task)
    scope = rules.get("scope")
    upper_rule = (rules.get("exclusions") or {}).get("upperLevelDrawnThisYear")
    lower_rule = (rules.get("exclusions") or {}).get("lowerLevelDrawnThisYear")
    cap = rules.get("cap")
    members, excluded, reserve = [], [], []
    for e in enterprises:
        u = e["uscc"]
        reasons = []
        if e["operatingStatus"] == "CLOSED":
            reasons.append({"messageId": "NOT_OPERATING", "data": {"uscc": u, "status": e["operatingStatus"]}})
        if scope and e["sector"] not in scope["sectors"]:
            reasons.append(with_cite({"messageId": "OUT_OF_SCOPE", "data": {"uscc": u, "sector": e["sector"]}}, scope["cite"]))
        if task["sectors"] and e["sector"] not in task["sectors"]:
            reasons.append({"messageId": "NOT_IN_TASK", "data": {"uscc": u, "sector": e["sector"]}})
        avoided = []
        for rule, listed, drawn_id, avoided_id in ((upper_rule, upper, "UPPER_LEVEL_DRAWN", "UPPER_LEVEL_AVOIDED"), (lower_rule, lower, "LOWER_LEVEL_DRAWN", "LOWER_LEVEL_AVOIDED")):
            if rule and u in listed:
                # Section 5c: in v4 an avoid rule puts the unit in the reserve; v1-v3 leave it out.
                if avoid and rule["effect"] == "avoid":
                    avoided.append(with_cite({"messageId": avoided_id, "data": {"uscc": u, "year": task["year"]}}, rule["cite"]))
                else:
                    reasons.append(with_cite({"messageId": drawn_id, "data": {"uscc": u, "year": task["year"]}}, rule["cite"]))
        count = counts.get(u, 0)
        if cap and count >= cap["perYear"] and not any(member(e, g) for g in cap["exceptions"]):
            reasons.append(with_cite({"messageId": "CAP_REACHED", "data": {"uscc": u, "count": count, "year": task["year"], "cap": cap["perYear"]}}, cap["cite"]))
        if avoided and not reasons:
            reserve.append({"e": e, "reasons": avoided})
        elif reasons:
            excluded.append({"uscc": u, "reasons": reasons + avoided})
        else:
            members.append(e)
    return members, excluded, member, reserve



def stratum_of(e, rules):
    by = (rules.get("strata") or {}).get("by") or []
    return "|".join("%s=%s" % (k, e[k]) for k in by) if by else "all"


def weight_of(e, rules):
    for entry in (rules.get("strata") or {}).get("weights") or []:
        when = entry["when"]
        if all(field not in when or e[field] in when[field] for field in STRATUM_FIELDS):
            return entry["weight"]
    return 1


def is_due(e, rules, member, last, date):
    year = date[:4]
    starts = {"year": year + "-01-01", "half-year": year + ("-01-01" if date[5:] < "07-01" else "-07-01")}
    for f in rules.get("frequencies") or []:
        if member(e, f["who"]) and (last is None or last < starts[f["every"]]):
            return True
    return False


# --- Section 7: eligibility, teams, experts.

def general_verdicts(i, rules, task):
    pooling, elig = rules.get("pooling"), rules.get("eligibility")
    out = []
    if i["home"] == "neighbour" and not (pooling and pooling["neighbours"]):
        out.append(with_cite({"messageId": "POOLING_NOT_ALLOWED", "data": {"id": i["id"], "origin": "neighbouring jurisdiction"}}, pooling["cite"] if pooling else None))
    if i["unitKind"] == "TOWNSHIP_STATION" and pooling and not pooling["townshipStations"]:
        out.append(with_cite({"messageId": "POOLING_NOT_ALLOWED", "data": {"id": i["id"], "origin": "township station"}}, pooling["cite"]))
    if elig and elig["formalStaff"] and not i["formalStaff"]:
        out.append(with_cite({"messageId": "NOT_FORMAL_STAFF", "data": {"id": i["id"]}}, elig["cite"]))
    if elig and elig["certificateValidOnInspectionDate"] and (i["certificateValidUntil"] is None or i["certificateValidUntil"] < task["inspectionDate"]):
        out.append(with_cite({"messageId": "CERTIFICATE_INVALID", "data": {"id": i["id"], "date": task["inspectionDate"]}}, elig["cite"]))
    return out


def experts_wanted(rules, task):
    if "expertsPerTeam" in task:
        return task["expertsPerTeam"]
    return 1 if (rules.get("experts") or {}).get("when") == "required" else 0


def v4_features(snapshot, rules, task):
    """What the inputs ask that only v4 draws (section 0), in the order section 0 lists them."""
    features = []
    if (rules.get("strata") or {}).get("ratios"):
        features.append("strata.ratios")
    features += level_and_rotation_features(snapshot, rules, task)
    return features


def meets_directory(snapshot, uscc):
    listed = set(uscc or [])
    return bool(listed) and any(e["uscc"] in listed for e in snapshot["enterprises"])


def rotation_verdict(rules, consecutive, i):
    rotation = (rules.get("team") or {}).get("rotation")
    if not rotation or consecutive is None:
        return None
    count = consecutive.get(i["id"], 0)
    if count < rotation["maxConsecutiveDraws"]:
        return None
    return with_cite({"messageId": "ROTATION_LIMIT", "data": {"id": i["id"], "count": count, "max": rotation["maxConsecutiveDraws"]}}, rotation["cite"])


def level_and_rotation_features(snapshot, rules, task):
    """Sections 5c and 7a: avoid where the upper list meets the directory (a seal always does),
    the lower level's picks where they meet it, rotation where an inspector the pack's own
    eligibility lets in is at the limit. (Hooks with history: this verifier runs no hooks.)"""
    features = []
    h = snapshot.get("history", {})
    x = rules.get("exclusions") or {}
    if (x.get("upperLevelDrawnThisYear") or {}).get("effect") == "avoid" and (h.get("upperLevelSealed") or meets_directory(snapshot, h.get("upperLevelDrawn"))):
        features.append("exclusions.upperLevelDrawnThisYear.avoid")
    if x.get("lowerLevelDrawnThisYear") and meets_directory(snapshot, h.get("lowerLevelDrawn")):
        features.append("exclusions.lowerLevelDrawnThisYear")
    consecutive = h.get("consecutiveDraws")
    if (rules.get("team") or {}).get("rotation") and consecutive and any(rotation_verdict(rules, consecutive, i) and not general_verdicts(i, rules, task) for i in snapshot["inspectors"]):
        features.append("team.rotation")
    return features


def v3_called_for(rules, task):
    recusal = rules.get("recusal")
    return recusal is not None and "served-enterprise" not in recusal["reasons"] and experts_wanted(rules, task) > 0


def expert_fits(x, sector):
    label = SECTOR_LABELS.get(sector, sector)
    return any(s == sector or label in s or s in label for s in x["specialties"])


class Shortfall(Exception):
    pass


def ratio_of(e, rules):
    """Section 6a: the index of the first ratio entry whose `when` matches, -1 for none."""
    for i, entry in enumerate((rules.get("strata") or {}).get("ratios") or []):
        when = entry["when"]
        if all(field not in when or e[field] in when[field] for field in STRATUM_FIELDS):
            return i
    return -1


def ratio_quota(entry, n):
    """Section 6a: integers only; the percent as basis points."""
    if "count" in entry:
        q = entry["count"]
    else:
        bp = round(entry["percent"] * 100)
        add = {"up": 9999, "nearest": 5000, "down": 0}[entry.get("rounding", "up")]
        q = (n * bp + add) // 10000
    return min(n, max(q, entry.get("min", 0)))


def fraction(k, n):
    """Section 6a: "p/q" reduced; 0/1 for none, 1/1 for all."""
    if k <= 0 or n <= 0:
        return "0/1"
    if k >= n:
        return "1/1"
    g = math.gcd(k, n)
    return "%d/%d" % (k // g, n // g)


def draw(exported, algorithm, openings):
    pack, task, seed_in = exported["pack"], exported["task"], exported["seed"]
    rules = pack["rules"]
    snap = canonical_snapshot(exported["snapshot"])
    hist = snap["history"]
    upper = set(hist["upperLevelDrawn"])
    for o in openings:
        upper.update(o["uscc"])

    snapshot_hash = sha256_hex(utf8(jcs(snap)))
    task_hash = sha256_hex(utf8(jcs(task)))
    pack_hash = pack["contentHash"]
    secret = bytes.fromhex(seed_in["secret"])
    if len(secret) != 32 or hashlib.sha256(secret).hexdigest() != seed_in["commitment"]:
        raise Shortfall("the secret does not match its commitment")
    seed = hashlib.sha256(utf8(jcs({"algorithm": algorithm, "entropy": seed_in["entropy"], "packHash": pack_hash, "secret": seed_in["secret"], "snapshotHash": snapshot_hash, "taskHash": task_hash}))).digest()
    rnd = Stream(seed)

    v4 = algorithm == V4
    members, excluded, member, reserve = scan_pool(rules, task, snap["enterprises"], upper, hist["doubleRandomCount"], set(hist.get("lowerLevelDrawn", [])), v4)
    size = task["size"]
    if len(members) + len(reserve) < size:
        raise Shortfall("POOL_TOO_SMALL")
    last = hist["lastInspected"]
    due = [e for e in members if is_due(e, rules, member, last.get(e["uscc"]), task["inspectionDate"])]
    due_set = {e["uscc"] for e in due}
    strata = {}
    for e in members:
        if e["uscc"] not in due_set:
            strata.setdefault(stratum_of(e, rules), []).append(e)
    keys = sorted(strata.keys(), key=code_units_key)
    groups = [{"mass": sum(weight_of(e, rules) for e in strata[k]), "capacity": len(strata[k])} for k in keys]
    # Section 6a (v4): ratio strata get their quotas, fixed before any value is read.
    ratios = (rules.get("strata") or {}).get("ratios") or []
    ratio = []
    for k in keys:
        found = {ratio_of(e, rules) for e in strata[k]} if v4 else {-1}
        if len(found) > 1:
            raise Shortfall("BAD_INPUT: one stratum matches two ratio entries")
        ratio.append(found.pop())
    fixed = [ratio_quota(ratios[r], g["capacity"]) if r >= 0 else 0 for r, g in zip(ratio, groups)]
    ratio_seats = sum(fixed)
    if ratio_seats > 0 and size < len(due) + ratio_seats:
        raise Shortfall("RATIOS_SIZE")
    due_chosen = due if len(due) <= size else sample_uniform(due, size, rnd)
    chosen_set = {e["uscc"] for e in due_chosen}
    still_due = [e["uscc"] for e in due if e["uscc"] not in chosen_set]
    others = [i for i, r in enumerate(ratio) if r < 0]
    rest = size - len(due_chosen) - ratio_seats
    shared = allocate_quotas(rest, [groups[i] for i in others])
    if ratio_seats > 0 and sum(shared) + len(reserve) < rest:
        raise Shortfall("RATIOS_SIZE")
    quotas = list(fixed)
    for i, q in zip(others, shared):
        quotas[i] = q
    strata_record, lot = [], []
    for k, g, q, r in zip(keys, groups, quotas, ratio):
        ms = strata[k]
        ws = [weight_of(e, rules) for e in ms]
        uniform = r >= 0 or all(w == ws[0] for w in ws)
        entry = {"stratum": k, "size": g["capacity"], "weight": g["mass"], "quota": q}
        if v4:
            entry["ratio"] = r if r >= 0 else None
            entry["inclusion"] = fraction(q, g["capacity"]) if uniform else None
        strata_record.append(entry)
        if q == 0:
            continue
        lot += sample_uniform(ms, q, rnd) if uniform else sample_weighted(ms, ws, q, rnd)
    chosen = due_chosen + lot
    # Section 5c: the seats left, drawn uniformly from the reserve.
    reserve_chosen = sample_uniform(reserve, min(size - len(chosen), len(reserve)), rnd) if len(chosen) < size and reserve else []
    if len(chosen) + len(reserve_chosen) < size:
        raise Shortfall("POOL_TOO_SMALL")

    # Teams.
    inspectors = snap["inspectors"]
    ineligible = []
    eligible = []
    for i in inspectors:
        v = general_verdicts(i, rules, task)
        rotation = rotation_verdict(rules, hist.get("consecutiveDraws"), i) if v4 else None
        if rotation:
            v.append(rotation)
        if v:
            ineligible.append({"id": i["id"], "reasons": v})
        else:
            eligible.append(i)
    specialists = {s["sector"]: s for s in rules.get("specialists") or []}
    elig = rules.get("eligibility")
    team_rule = rules.get("team") or {}
    max_teams = team_rule.get("maxTeamsPerInspector")
    conflicts = {(c["personId"], c["uscc"]) for c in snap["conflicts"]}
    load = {}
    wanted_experts = experts_wanted(rules, task)
    recusal = rules.get("recusal")
    recuse_served = algorithm in (V3, V4) or recusal is None or "served-enterprise" in recusal["reasons"]
    service_kinds = set((recusal or {}).get("serviceKinds") or ALL_SERVICE_KINDS)
    items_wanted = task.get("itemsPerInspection", ((rules.get("checklist") or {}).get("drawItems") or {}).get("min", 0))
    leaves = [c for c in snap["checklist"] if c["leaf"]]
    substitutes_wanted = task.get("substitutes", 2)
    picks, recusals = [], []

    for order, e in enumerate(chosen + [r["e"] for r in reserve_chosen], 1):
        from_reserve = order > len(chosen)
        sector, u = e["sector"], e["uscc"]
        applicable = [c["code"] for c in leaves if not c["sectors"] or sector in c["sectors"]]
        if len(applicable) < items_wanted:
            raise Shortfall("ITEMS_SHORT")
        items = sample_uniform(applicable, items_wanted, rnd)
        special = specialists.get(sector)
        if special:
            team_size, n_special = max(special["teamSize"], task.get("teamSize", 0)), special["minSpecialists"]
        else:
            team_size, n_special = task.get("teamSize", team_rule.get("minSize", 2)), 0
        domain_match = elig is not None and elig["domainMatch"] and special is None
        a = [i for i in eligible if not domain_match or sector in i["domains"]]
        o = [i for i in a if i["home"] == "own"]
        conflicted = [i["id"] for i in a if (i["id"], u) in conflicts]
        for pid in conflicted:
            recusals.append({"uscc": u, "personId": pid, "reason": CONFLICT})
        out = set(conflicted) | ({pid for pid, n in load.items() if n == max_teams} if max_teams is not None else set())
        usable = o if sum(1 for i in o if i["id"] not in out) >= team_size else a
        team = []

        def seat(pool):
            c = [i for i in pool if i["id"] not in out and i["id"] not in team]
            if not c:
                raise Shortfall("TEAM_SHORT")
            least = min(load.get(i["id"], 0) for i in c)
            tier = [i for i in c if load.get(i["id"], 0) == least]
            team.append(tier[rnd.uniform(len(tier))]["id"])

        for _ in range(n_special):
            seat([i for i in usable if sector in i["domains"]])
        while len(team) < team_size:
            seat(usable)
        for pid in team:
            load[pid] = load.get(pid, 0) + 1
        subs = sample_uniform([i["id"] for i in usable if i["id"] not in out and i["id"] not in team], substitutes_wanted, rnd)
        experts = []
        if wanted_experts > 0:
            clear = []
            for x in snap["experts"]:
                if not expert_fits(x, sector):
                    continue
                served = recuse_served and any(s["uscc"] == u and s["kind"] in service_kinds for s in x["served"])
                conflict = (x["id"], u) in conflicts
                if served or conflict:
                    recusals.append({"uscc": u, "personId": x["id"], "reason": SERVED if served else CONFLICT})
                else:
                    clear.append(x["id"])
            if len(clear) < wanted_experts:
                raise Shortfall("EXPERTS_SHORT")
            experts = sample_uniform(clear, wanted_experts, rnd)
        pick = {"order": order, "uscc": u, "stratum": stratum_of(e, rules), "due": u in due_set, "items": items, "team": {"leader": team[0], "members": team, "experts": experts, "substitutes": subs}}
        if from_reserve:
            pick["reserve"] = True
        picks.append(pick)

    record = {
        "algorithm": algorithm, "packKey": pack["key"], "packHash": pack_hash, "snapshotHash": snapshot_hash, "taskHash": task_hash,
        "commitment": seed_in["commitment"], "seed": seed.hex(), "picks": picks, "strata": strata_record, "excluded": excluded,
        "ineligibleInspectors": ineligible, "recusals": recusals, "stillDue": still_due, "randomValuesUsed": rnd.consumed,
    }
    if reserve:
        record["avoided"] = [{"uscc": r["e"]["uscc"], "reasons": r["reasons"]} for r in reserve]
    if v4:
        record["dueInclusion"] = fraction(len(due_chosen), len(due)) if due else None
    return record


def differences(path, recorded, derived, out):
    if recorded == derived and type(recorded) is type(derived):
        return
    if isinstance(recorded, list) and isinstance(derived, list):
        if len(recorded) != len(derived):
            out.append({"path": path + ".length", "expected": len(derived), "actual": len(recorded)})
        for i in range(min(len(recorded), len(derived))):
            differences("%s[%d]" % (path, i), recorded[i], derived[i], out)
        return
    if isinstance(recorded, dict) and isinstance(derived, dict):
        for k in sorted(set(recorded) | set(derived)):
            differences(path + "." + k, recorded.get(k), derived.get(k), out)
        return
    out.append({"path": path, "expected": derived, "actual": recorded})


def verify(exported):
    """The differences between the record and what the inputs give; empty when it verifies."""
    out = []
    pack = exported["pack"]
    if pack["hooks"]:
        return [{"path": "pack.hooks", "expected": "no hooks", "actual": "hooks this verifier cannot run"}]
    content = sha256_hex(utf8(jcs({"hooks": pack["hooks"], "meta": pack["meta"], "rules": pack["rules"]})))
    if content != pack["contentHash"]:
        out.append({"path": "pack.contentHash", "expected": content, "actual": pack["contentHash"]})
    rules, task, snapshot = pack["rules"], exported["task"], exported["snapshot"]
    strata = rules.get("strata") or {}
    for i, field in enumerate(strata.get("by") or []):
        if field not in STRATUM_FIELDS:
            out.append({"path": "pack.rules.strata.by[%d]" % i, "expected": "a field of the rule language", "actual": field})
    for i, entry in enumerate(strata.get("weights") or []):
        for field in entry["when"]:
            if field not in STRATUM_FIELDS:
                out.append({"path": "pack.rules.strata.weights[%d].when.%s" % (i, field), "expected": "a field of the rule language", "actual": field})
    algorithm = exported["record"].get("algorithm")
    if strata.get("ratios") and algorithm != V4:
        out.append({"path": "pack.rules.strata.ratios", "expected": "no ratios (drawn by %s only)" % V4, "actual": "ratios"})
    for i, entry in enumerate(strata.get("ratios") or []):
        for field in entry["when"]:
            if field not in STRATUM_FIELDS:
                out.append({"path": "pack.rules.strata.ratios[%d].when.%s" % (i, field), "expected": "a field of the rule language", "actual": field})
        if ("percent" in entry) == ("count" in entry):
            out.append({"path": "pack.rules.strata.ratios[%d]" % i, "expected": "exactly one of percent and count", "actual": sorted(entry)})
    sealed = bool(snapshot.get("history", {}).get("upperLevelSealed"))
    admitted = {V1: not sealed, V2: sealed, V3: v3_called_for(rules, task), V4: bool(v4_features(snapshot, rules, task))}
    if not admitted.get(algorithm, False):
        out.append({"path": "record.algorithm", "expected": "a version that admits the inputs", "actual": algorithm})
    if exported["format"] != (EXPORT_V2 if sealed else EXPORT_V1):
        out.append({"path": "format", "expected": EXPORT_V2 if sealed else EXPORT_V1, "actual": exported["format"]})
    if out:
        return out
    openings = exported.get("openings", [])
    seals = {s["commitment"] for s in snapshot["history"].get("upperLevelSealed", [])}
    directory = {e["uscc"] for e in snapshot["enterprises"]}
    opened = set()
    for i, o in enumerate(openings):
        good = (sorted(o) == ["commitment", "salt", "uscc"] and o["commitment"] in seals and o["commitment"] not in opened
                and len(o["salt"]) == 64 and all(c in "0123456789abcdef" for c in o["salt"]) and o["uscc"]
                and all(code_units_key(a) < code_units_key(b) for a, b in zip(o["uscc"], o["uscc"][1:]))
                and all(x in directory for x in o["uscc"])
                and sha256_hex(utf8(jcs({"salt": o["salt"], "uscc": o["uscc"]}))) == o["commitment"])
        if not good:
            return [{"path": "openings[%d]" % i, "expected": "an opening of a seal", "actual": o}]
        opened.add(o["commitment"])
    if opened != seals:
        return [{"path": "openings", "expected": "every seal opened (this verifier does not check a sealed export in part)", "actual": len(opened)}]
    try:
        derived = draw(exported, algorithm, openings)
    except Shortfall as s:
        return [{"path": "record", "expected": "no draw: %s" % s, "actual": "a recorded draw"}]
    differences("record", exported["record"], derived, out)
    return out


def check_generator(g):
    out = []
    seed = bytes.fromhex(g["seed"])
    keystream = b"".join(chacha20_block(seed, n, bytes(12)) for n in range(3))
    if keystream.hex() != g["keystreamFirst192BytesHex"]:
        out.append("keystream")
    s = Stream(seed)
    if [s.next48() for _ in range(len(g["first32Uint48"]))] != g["first32Uint48"]:
        out.append("first32Uint48")
    s = Stream(seed)
    if [s.uniform(10) for _ in range(len(g["uniform10"]))] != g["uniform10"]:
        out.append("uniform10")
    s = Stream(seed)
    if {"values": [s.uniform(1) for _ in range(3)], "valuesRead": s.consumed} != g["uniform1"]:
        out.append("uniform1")
    big = g["uniform_2pow47_plus1"]
    s = Stream(seed)
    if {"m": big["m"], "values": [s.uniform(big["m"]) for _ in range(len(big["values"]))], "valuesRead": s.consumed} != big:
        out.append("uniform_2pow47_plus1")
    if sample_uniform(list(range(10)), 4, Stream(seed)) != g["sampleUniform_4_of_0to9"]:
        out.append("sampleUniform_4_of_0to9")
    if sample_weighted(["a", "b", "c", "d"], [1, 2, 3, 4], 3, Stream(seed)) != g["sampleWeighted_3_of_abcd_weights_1_2_3_4"]:
        out.append("sampleWeighted_3_of_abcd_weights_1_2_3_4")
    for i, q in enumerate(g["quotas"]):
        if allocate_quotas(q["seats"], q["strata"]) != q["quotas"]:
            out.append("quotas[%d]" % i)
    return out


def check_seed_derivation(d):
    text = jcs({"algorithm": d["algorithm"], "entropy": d["entropy"], "packHash": d["packHash"], "secret": d["secret"], "snapshotHash": d["snapshotHash"], "taskHash": d["taskHash"]})
    problems = []
    if text != d["seedInput"]:
        problems.append("seedInput")
    if sha256_hex(utf8(text)) != d["seed"]:
        problems.append("seed")
    if sha256_hex(bytes.fromhex(d["secret"])) != d["commitment"]:
        problems.append("commitment")
    return problems


def main(paths):
    ok = True

    def report(name, problems):
        nonlocal ok
        ok = ok and not problems
        print(json.dumps({"draw": name, "verified": not problems, "differences": problems[:10]}, ensure_ascii=False))

    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if "format" in data:
            report(path, verify(data))
            continue
        report(path + "#generator", check_generator(data["generator"]))
        report(path + "#seedDerivation", check_seed_derivation(data["seedDerivation"]))
        for v in data["draws"]:
            report("%s#%s" % (path, v["name"]), verify(v["export"]))
        sealed = data["sealedUpperLevel"]
        o = sealed["export"]["openings"][0]
        report(path + "#sealed-commitment", [] if sha256_hex(utf8(sealed["commitmentInput"])) == o["commitment"] == sha256_hex(utf8(jcs({"salt": o["salt"], "uscc": o["uscc"]}))) else ["commitmentInput"])
        report(path + "#sealed", verify(sealed["export"]))
        ratios = data.get("ratios")
        if ratios:
            report(path + "#ratios-quotas", ["quotas[%d]" % i for i, q in enumerate(ratios["quotas"]) if ratio_quota(q["entry"], q["n"]) != q["quota"]])
            refused = ratios["refused"]
            try:
                draw(refused["inputs"], V4, [])
                problems = ["drawn, expected no draw (%s)" % refused["expected"]["code"]]
            except Shortfall as s:
                problems = [] if str(s) == refused["expected"]["code"] else ["no draw: %s, expected %s" % (s, refused["expected"]["code"])]
            report(path + "#" + refused["name"], problems)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
