"""The synthetic council's shape: areas, districts, teams and child population.

Modelled on Kent as the seed scorecards show it: four areas (North, East,
South, West), twelve districts (the CYPF geography, with their real ONS
codes), district children's social work teams (CSWTs), children in care
teams, disabled children's teams and county-wide services. Population
figures are approximate mid-2016 child populations, summing to about 330,000.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class District:
    """A district of the council (an ONS local authority district)."""

    district_id: str
    name: str
    ons_code: str
    area_id: str
    children_2016: int
    """Approximate child population (0-17) in mid-2016."""
    cswt_ids: tuple[str, ...]
    """District teams serving this district; children are split between them."""


@dataclass(frozen=True, slots=True)
class Team:
    """A team (``ssd_department`` row and ``local_org_units`` team)."""

    team_id: str
    name: str
    team_type: str
    parent_id: str
    """Its district (district teams) or area (everything else)."""
    area_id: str


COUNCIL_ID = "KCC"
COUNCIL_NAME = "Kentish County Council (synthetic)"

AREAS: tuple[tuple[str, str], ...] = (
    ("AREA_N", "North Kent"),
    ("AREA_E", "East Kent"),
    ("AREA_S", "South Kent"),
    ("AREA_W", "West Kent"),
    ("AREA_DIS", "Disability Service"),
    ("AREA_CW", "County-wide Services"),
)

DISTRICTS: tuple[District, ...] = (
    District("D_DAR", "Dartford", "E07000107", "AREA_N", 24_800, ("T_DAR",)),
    District("D_GRA", "Gravesham", "E07000109", "AREA_N", 24_600, ("T_GRA",)),
    District("D_SEV", "Sevenoaks", "E07000111", "AREA_N", 26_700, ("T_SEV",)),
    District("D_CAN", "Canterbury", "E07000106", "AREA_E", 28_300, ("T_CAN",)),
    District("D_SWA", "Swale", "E07000113", "AREA_E", 33_000, ("T_SWA",)),
    District("D_THA", "Thanet", "E07000114", "AREA_E", 30_900, ("T_THM", "T_THR")),
    District("D_ASH", "Ashford", "E07000105", "AREA_S", 28_700, ("T_ASH",)),
    District("D_DOV", "Dover", "E07000108", "AREA_S", 22_300, ("T_DOV",)),
    District("D_SHE", "Shepway", "E07000112", "AREA_S", 21_600, ("T_SHE",)),
    District("D_MAI", "Maidstone", "E07000110", "AREA_W", 36_200, ("T_MAI",)),
    District("D_TON", "Tonbridge and Malling", "E07000115", "AREA_W", 28_500, ("T_WEA",)),
    District("D_TUN", "Tunbridge Wells", "E07000116", "AREA_W", 25_400, ("T_WEA",)),
)

TEAMS: tuple[Team, ...] = (
    Team("T_DAR", "Dartford CSWT", "cswt", "D_DAR", "AREA_N"),
    Team("T_GRA", "Gravesham CSWT", "cswt", "D_GRA", "AREA_N"),
    Team("T_SEV", "Sevenoaks CSWT", "cswt", "D_SEV", "AREA_N"),
    Team("T_CIC_N", "North Kent CIC", "cic", "AREA_N", "AREA_N"),
    Team("T_CAN", "Canterbury CSWT", "cswt", "D_CAN", "AREA_E"),
    Team("T_SWA", "Swale CSWT", "cswt", "D_SWA", "AREA_E"),
    Team("T_THM", "Thanet Margate CSWT", "cswt", "D_THA", "AREA_E"),
    Team("T_THR", "Thanet Ramsgate CSWT", "cswt", "D_THA", "AREA_E"),
    Team("T_CIC_ECS", "East Kent (Can/Swa) CIC", "cic", "AREA_E", "AREA_E"),
    Team("T_CIC_ETH", "East Kent (Tha) CIC", "cic", "AREA_E", "AREA_E"),
    Team("T_ASH", "Ashford CSWT", "cswt", "D_ASH", "AREA_S"),
    Team("T_DOV", "Dover CSWT", "cswt", "D_DOV", "AREA_S"),
    Team("T_SHE", "Shepway CSWT", "cswt", "D_SHE", "AREA_S"),
    Team("T_CIC_S", "South Kent CIC", "cic", "AREA_S", "AREA_S"),
    Team("T_MAI", "Maidstone CSWT", "cswt", "D_MAI", "AREA_W"),
    Team("T_WEA", "The Weald CSWT", "cswt", "D_TUN", "AREA_W"),
    Team("T_CIC_W", "West Kent CIC", "cic", "AREA_W", "AREA_W"),
    Team("T_DIS_E", "Disability EK", "disability", "AREA_DIS", "AREA_DIS"),
    Team("T_DIS_W", "Disability WK", "disability", "AREA_DIS", "AREA_DIS"),
    Team("T_UASC", "SUASC Service", "uasc", "AREA_CW", "AREA_CW"),
    Team("T_ADOPT", "Adoption & SG", "adoption", "AREA_CW", "AREA_CW"),
    Team("T_CL18", "Care Leaver Service (18+)", "care_leavers", "AREA_CW", "AREA_CW"),
    Team("T_FOST_E", "Fostering East", "fostering", "AREA_CW", "AREA_CW"),
    Team("T_FOST_W", "Fostering West", "fostering", "AREA_CW", "AREA_CW"),
    Team("T_FRONT", "Central Referral Unit", "front_door", "AREA_CW", "AREA_CW"),
    Team("T_IRO", "Independent Reviewing Officers", "iro", "AREA_CW", "AREA_CW"),
    Team("T_CPCH", "Child Protection Conference Chairs", "iro", "AREA_CW", "AREA_CW"),
    Team("T_LAC16", "16+ Service", "cic", "AREA_CW", "AREA_CW"),
)

CIC_TEAM_FOR_DISTRICT: dict[str, str] = {
    "D_DAR": "T_CIC_N",
    "D_GRA": "T_CIC_N",
    "D_SEV": "T_CIC_N",
    "D_CAN": "T_CIC_ECS",
    "D_SWA": "T_CIC_ECS",
    "D_THA": "T_CIC_ETH",
    "D_ASH": "T_CIC_S",
    "D_DOV": "T_CIC_S",
    "D_SHE": "T_CIC_S",
    "D_MAI": "T_CIC_W",
    "D_TON": "T_CIC_W",
    "D_TUN": "T_CIC_W",
}
"""The children in care team that takes on a district's looked-after children."""

DISABILITY_TEAM_FOR_AREA: dict[str, str] = {
    "AREA_N": "T_DIS_W",
    "AREA_W": "T_DIS_W",
    "AREA_E": "T_DIS_E",
    "AREA_S": "T_DIS_E",
}

AGE_PROFILE: tuple[float, ...] = (
    0.0560, 0.0565, 0.0570, 0.0572, 0.0570, 0.0568, 0.0566, 0.0563, 0.0560,
    0.0555, 0.0550, 0.0548, 0.0545, 0.0545, 0.0550, 0.0553, 0.0555, 0.0555,
)  # fmt: skip
"""Relative weight of each single year of age 0-17 in the child population."""


def district(district_id: str) -> District:
    """The district with id ``district_id``."""
    for d in DISTRICTS:
        if d.district_id == district_id:
            return d
    raise KeyError(district_id)


def team(team_id: str) -> Team:
    """The team with id ``team_id``."""
    for t in TEAMS:
        if t.team_id == team_id:
            return t
    raise KeyError(team_id)


def teams_of_type(team_type: str) -> tuple[Team, ...]:
    """Every team of the given type."""
    return tuple(t for t in TEAMS if t.team_type == team_type)
