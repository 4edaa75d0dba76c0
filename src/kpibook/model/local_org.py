"""Local extension tables: the organisation, its population, postcodes and workforce.

The SSD has teams (``ssd_department``) but no notion of areas, districts,
the district a postcode lies in, child population or staffing establishment,
all of which the seed scorecards report on. These tables carry them. Every
local table name starts with ``local_`` so nobody mistakes it for part of the
SSD.
"""

from __future__ import annotations

from kpibook.model.columns import Column, ColumnType, DateRange, Table, TableKind

D = ColumnType.DATE
T = ColumnType.TEXT
I = ColumnType.INTEGER
N = ColumnType.DECIMAL

LOCAL_ORG_UNITS = Table(
    name="local_org_units",
    kind=TableKind.LOCAL,
    description=(
        "The organisation hierarchy: the council, its areas (and county-wide services), "
        "the districts (the CYPF geography) and the teams. Teams share their ids with "
        "ssd_department.dept_team_id."
    ),
    primary_key=("org_unit_id",),
    columns=(
        Column("org_unit_id", T, "Identifier of the unit", required=True, nullable=False),
        Column("org_unit_name", T, "Name as printed on the scorecard", required=True),
        Column(
            "org_level",
            T,
            "council, area, district or team",
            required=True,
            nullable=False,
            codelist="org_level",
        ),
        Column(
            "parent_id",
            T,
            "The unit this one belongs to; empty for the council",
            required=True,
            references="local_org_units.org_unit_id",
        ),
        Column(
            "team_type",
            T,
            "For teams: the kind of service (children's social work team, children in care, ...)",
            codelist="team_type",
        ),
        Column("valid_from", D, "First day the unit existed"),
        Column("valid_to", D, "Last day the unit existed; empty while it still does"),
    ),
    date_ranges=(DateRange("valid_from", "valid_to"),),
    used_for=("every indicator's area, district and team breakdown",),
)

LOCAL_TEAM_DISTRICTS = Table(
    name="local_team_districts",
    kind=TableKind.LOCAL,
    description=(
        "Which districts a district-based team serves (a team may serve more than one, "
        "as The Weald serves Tonbridge & Malling and Tunbridge Wells)."
    ),
    primary_key=("team_id", "district_id"),
    columns=(
        Column(
            "team_id",
            T,
            "The team",
            required=True,
            nullable=False,
            references="local_org_units.org_unit_id",
        ),
        Column(
            "district_id",
            T,
            "A district it serves",
            required=True,
            nullable=False,
            references="local_org_units.org_unit_id",
        ),
    ),
    used_for=("district breakdowns of resident-based indicators",),
)

LOCAL_POPULATION = Table(
    name="local_population",
    kind=TableKind.LOCAL,
    description=(
        "Child population estimates (mid-year) by district and single year of age 0-17; "
        "the denominator of every rate per 10,000 children."
    ),
    primary_key=("population_year", "district_id", "age"),
    columns=(
        Column(
            "population_year",
            I,
            "Year of the mid-year (30 June) estimate",
            required=True,
            nullable=False,
        ),
        Column(
            "district_id",
            T,
            "District",
            required=True,
            nullable=False,
            references="local_org_units.org_unit_id",
        ),
        Column("age", I, "Single year of age, 0 to 17", required=True, nullable=False),
        Column("population", I, "Estimated number of children", required=True, nullable=False),
    ),
    used_for=("CIC-01", "CIC-02", "QPR-04", "QPR-05", "CYPF-01", "CYPF-02"),
)

LOCAL_WORKFORCE = Table(
    name="local_workforce",
    kind=TableKind.LOCAL,
    description=(
        "Case-holding establishment of each team at each month end, in full-time "
        "equivalents: posts, posts filled by permanent qualified social workers, agency "
        "staff, vacancies."
    ),
    primary_key=("month_end", "team_id"),
    columns=(
        Column("month_end", D, "Last day of the month", required=True, nullable=False),
        Column(
            "team_id",
            T,
            "Team",
            required=True,
            nullable=False,
            references="local_org_units.org_unit_id",
        ),
        Column("posts_fte", N, "Funded case-holding posts (FTE)", required=True),
        Column(
            "permanent_qsw_fte",
            N,
            "Posts filled by permanent qualified social workers (FTE)",
            required=True,
        ),
        Column("agency_fte", N, "Posts filled by agency staff (FTE)", required=True),
        Column("vacant_fte", N, "Vacant posts (FTE)", required=True),
        Column(
            "caseholding_sw_fte",
            N,
            "Social workers holding cases in the month (FTE), permanent and agency",
            required=True,
        ),
    ),
    used_for=("SCS-41", "SCS-42", "SCS-43", "SCS-44", "SCS-45", "CIC-31", "MED-06"),
)

LOCAL_FOSTER_CARERS = Table(
    name="local_foster_carers",
    kind=TableKind.LOCAL,
    description=(
        "The council's own fostering households (in-house and connected persons), their "
        "approval and the fostering social worker who supervises them."
    ),
    primary_key=("household_id",),
    columns=(
        Column("household_id", T, "Fostering household", required=True, nullable=False),
        Column(
            "carer_type",
            T,
            "in_house or connected_person (relatives and friends)",
            required=True,
            codelist="foster_carer_type",
        ),
        Column("approval_date", D, "Date the household was approved", required=True),
        Column("deregistration_date", D, "Date the household stopped fostering"),
        Column(
            "supervising_worker_id",
            T,
            "Supervising fostering social worker",
            references="ssd_professionals.prof_professional_id",
        ),
        Column(
            "team_id",
            T,
            "Fostering team",
            required=True,
            references="local_org_units.org_unit_id",
        ),
    ),
    date_ranges=(DateRange("approval_date", "deregistration_date"),),
    used_for=("SCS-45", "SUF-04"),
)

LOCAL_POSTCODE_DISTRICTS = Table(
    name="local_postcode_districts",
    kind=TableKind.LOCAL,
    description=(
        "Postcode lookup for the council's own area (as councils hold it from the ONS "
        "National Statistics Postcode Lookup): the district each postcode lies in. Used to "
        "place children in their district of residence, from their home postcode, for "
        "indicators about residents (rates per 10,000 child population by district)."
    ),
    primary_key=("postcode",),
    columns=(
        Column(
            "postcode",
            T,
            "The postcode, exactly as written in ssd_address.addr_address_postcode",
            required=True,
            nullable=False,
        ),
        Column(
            "district_id",
            T,
            "The district the postcode lies in",
            required=True,
            nullable=False,
            references="local_org_units.org_unit_id",
        ),
    ),
    used_for=("district breakdowns of resident-based indicators (rates per 10,000 children)",),
    required=False,
)

TABLES: tuple[Table, ...] = (
    LOCAL_ORG_UNITS,
    LOCAL_TEAM_DISTRICTS,
    LOCAL_POPULATION,
    LOCAL_POSTCODE_DISTRICTS,
    LOCAL_WORKFORCE,
    LOCAL_FOSTER_CARERS,
)
