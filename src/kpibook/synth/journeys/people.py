"""Who the district's children are: birth, sex, ethnicity, disability, names, home.

A child enters the simulation at their first contact with the front door.
This module draws the facts the case record holds about them: date of birth
(consistent with their age at first contact), sex, DfE ethnicity code,
nationality, whether they have a disability (and the DfE disability codes),
a synthetic name from small built-in lists, a Unique Pupil Number once they
are of school age (with a valid DfE check letter), and a home address at a
real postcode of the child's district.

Characteristics that steer the journey (sex, age, disability, postcode) are
drawn when the child is created; the person, address and disability rows are
written only when the child is kept in the extract (:func:`write_person`), so
the many children whose whole history ends before the window cost little.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from kpibook.synth.context import ChildContext, Shard
from kpibook.synth.journeys.casework import draw, uniform_int, weighted
from kpibook.synth.postcodes import Postcode, home_postcodes_by_district


@dataclass(frozen=True, slots=True)
class PeopleParams:
    """Characteristics of children coming to the front door (defaults are calibrated)."""

    share_male: float = 0.515
    """Boys among children contacted (CIN census: slightly more boys than girls)."""
    disabled_by_age: tuple[float, ...] = (
        0.003, 0.008, 0.013, 0.018, 0.022, 0.025, 0.026, 0.026, 0.026,
        0.025, 0.023, 0.022, 0.021, 0.019, 0.018, 0.017, 0.016, 0.016,
    )  # fmt: skip
    """Chance a newly contacted child of each age 0-17 has a disability (the
    Disability Service's referrals: about 2% of Kent's referrals in Aug 2016)."""
    disability_codes: tuple[tuple[str, float], ...] = (
        ("AUT", 0.30), ("LD", 0.25), ("COMM", 0.14), ("MOB", 0.09), ("BEH", 0.07),
        ("PC", 0.05), ("HAND", 0.03), ("CON", 0.02), ("HEAR", 0.02), ("VIS", 0.02),
        ("INC", 0.01),
    )  # fmt: skip
    """DfE disability codes of disabled children and their weights."""
    second_disability: float = 0.35
    """Chance a disabled child has a second disability code recorded."""
    ethnicity: tuple[tuple[str, float], ...] = (
        ("WBRI", 0.800), ("WIRI", 0.004), ("WIRT", 0.003), ("WROM", 0.006), ("WOTH", 0.050),
        ("MWBC", 0.012), ("MWBA", 0.008), ("MWAS", 0.011), ("MOTH", 0.012), ("AIND", 0.018),
        ("APKN", 0.004), ("ABAN", 0.002), ("AOTH", 0.012), ("BCRB", 0.003), ("BAFR", 0.020),
        ("BOTH", 0.003), ("CHNE", 0.003), ("OOTH", 0.010), ("REFU", 0.003), ("NOBT", 0.016),
    )  # fmt: skip
    """DfE ethnicity codes of Kent's children and their weights (2011 census shape)."""
    upn_age: int = 5
    """Age from which a child has a Unique Pupil Number (started school)."""
    address_years_before: float = 4.0
    """Mean years the child has lived at the home address before first contact."""


PARAMS = PeopleParams()

KENT_LA_NUMBER = "886"
_UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

_FORENAMES_M = (
    "Oliver", "Harry", "Jack", "Charlie", "George", "Jacob", "Alfie", "Noah", "Thomas", "Oscar",
    "James", "William", "Leo", "Joshua", "Ethan", "Liam", "Mason", "Riley", "Kai", "Tyler",
    "Connor", "Lewis", "Callum", "Kyle", "Jayden", "Reece", "Bradley", "Dylan", "Owen", "Max",
)  # fmt: skip
_FORENAMES_F = (
    "Amelia", "Olivia", "Isla", "Emily", "Ava", "Jessica", "Lily", "Sophie", "Grace", "Mia",
    "Ella", "Evie", "Chloe", "Poppy", "Ruby", "Freya", "Holly", "Megan", "Lacey", "Paige",
    "Courtney", "Jade", "Leah", "Kayla", "Summer", "Tia", "Abbie", "Ellie", "Millie", "Daisy",
)  # fmt: skip
_SURNAMES = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
    "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
    "Jackson", "Clarke", "Harris", "Lewis", "Turner", "Cooper", "Hill", "Ward", "Morris", "King",
    "Baker", "Mitchell", "Kowalski", "Nowak", "Kazlauskas", "Popescu", "Okafor", "Mensah",
    "Singh", "Patel", "Khan", "Gurung",
)  # fmt: skip
_NATIONALITIES_WOTH = (
    "Polish",
    "Lithuanian",
    "Romanian",
    "Latvian",
    "Slovak",
    "Czech",
    "Bulgarian",
    "Portuguese",
)
_NATIONALITIES_OTHER = ("Nigerian", "Ghanaian", "Indian", "Nepalese", "Afghan", "Eritrean")


_ETH = weighted(PARAMS.ethnicity)
_DIS = weighted(PARAMS.disability_codes)


def _one_of(rng: random.Random, items: tuple[str, ...]) -> str:
    return items[int(rng.random() * len(items))]


def home_postcodes(shard: Shard) -> tuple[Postcode, ...]:
    """The real postcodes of the shard's district (ONS Postcode Directory)."""
    assert shard.district is not None
    return home_postcodes_by_district()[shard.district.ons_code]


def dob_for_age(rng: random.Random, day: dt.date, age: int) -> dt.date:
    """A date of birth giving age ``age`` on ``day`` (uniform over that year of age)."""
    latest = _years_before(day, age)
    earliest = _years_before(day, age + 1) + dt.timedelta(days=1)
    return earliest + dt.timedelta(days=uniform_int(rng, 0, (latest - earliest).days))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return dt.date(day.year - years, 2, 28)


def new_child(
    shard: Shard,
    day: dt.date,
    age: int,
    postcodes: tuple[Postcode, ...],
    params: PeopleParams = PARAMS,
) -> ChildContext:
    """Create a child first contacted on ``day`` at ``age`` (0-17), living in the shard's district.

    Sets the characteristics that steer the journey: sex, date of birth,
    disability (``child.disabled``) and home postcode (``child.home_postcode``),
    drawn from the shard's stream (who arrives); the journey then draws from
    the child's own (``child.rng``).
    """
    assert shard.district is not None
    rng = shard.rng
    sex = "M" if rng.random() < params.share_male else "F"
    child = shard.child(dob_for_age(rng, day, age), sex, shard.district.district_id)
    child.disabled = rng.random() < params.disabled_by_age[age]
    child.home_postcode = postcodes[int(rng.random() * len(postcodes))]
    return child


def upn(rng: random.Random, school_start_year: int) -> str:
    """A Unique Pupil Number allocated by a Kent school in ``school_start_year``.

    13 characters: a check letter, the LA number (886), a 4-digit establishment
    number, the 2-digit year of allocation and a 3-digit serial. The check
    letter is the DfE one: characters 2-13 weighted 2-13, summed, modulo 23.
    """
    establishment = uniform_int(rng, 2000, 5999)
    serial = uniform_int(rng, 0, 999)
    body = f"{KENT_LA_NUMBER}{establishment}{school_start_year % 100:02d}{serial:03d}"
    total = sum(int(ch) * weight for weight, ch in enumerate(body, start=2))
    return _UPN_LETTERS[total % 23] + body


def write_person(
    child: ChildContext, first_contact: dt.date, params: PeopleParams = PARAMS
) -> None:
    """Fill in the person row and write the child's disability and home address rows.

    Called once, at the end of the journey, for children kept in the extract.
    """
    rng = child.rng
    ethnicity = draw(child, _ETH)
    names = _FORENAMES_M if child.sex == "M" else _FORENAMES_F
    school_start = child.birthday(params.upn_age)
    has_upn = school_start <= child.window.end
    if ethnicity == "WOTH" and rng.random() < 0.8:
        nationality = _one_of(rng, _NATIONALITIES_WOTH)
    elif ethnicity in ("BAFR", "AOTH", "OOTH") and rng.random() < 0.3:
        nationality = _one_of(rng, _NATIONALITIES_OTHER)
    else:
        nationality = "British"
    child.person.update(
        pers_forename=_one_of(rng, names),
        pers_surname=_one_of(rng, _SURNAMES),
        pers_ethnicity=ethnicity,
        pers_upn=upn(rng, school_start.year) if has_upn else None,
        pers_upn_unknown=None if has_upn else "UN2",
        pers_nationality=nationality,
    )
    codes: list[str] = []
    if child.disabled:
        codes.append(draw(child, _DIS))
        if rng.random() < params.second_disability:
            extra = draw(child, _DIS)
            if extra != codes[0]:
                codes.append(extra)
    for code in codes:
        child.emit(
            "ssd_disability",
            disa_table_id=child.new_id("ssd_disability"),
            disa_person_id=child.person_id,
            disa_disability_code=code,
        )
    postcode = child.home_postcode
    if postcode is None:
        return
    back = int(rng.expovariate(1 / (params.address_years_before * 365.25)))
    moved_in = max(child.dob, first_contact - dt.timedelta(days=back))
    child.emit(
        "ssd_address",
        addr_table_id=child.new_id("ssd_address"),
        addr_person_id=child.person_id,
        addr_address_type="HOME",
        addr_address_start_date=moved_in,
        addr_address_end_date=None,
        addr_address_postcode=postcode.postcode,
        addr_address_json=_address_json(rng, postcode),
    )


_STREETS = ("High Street", "Church Road", "Station Road", "London Road", "Park Avenue", "Mill Lane")


def _address_json(rng: random.Random, postcode: Postcode) -> str:
    """The SSD address JSON object (every key present, empty when unknown)."""
    house = uniform_int(rng, 1, 180)
    street = _one_of(rng, _STREETS)
    return (
        f'{{"ROOM":"","FLOOR":"","FLAT":"","BUILDING":"","HOUSE":"{house}","STREET":"{street}",'
        f'"TOWN":"","UPRN":"","EASTING":"{int(postcode.easting)}","NORTHING":"{int(postcode.northing)}"}}'
    )
