"""SSD tables: person tables.

Names, types and keys follow the Standard Safeguarding Dataset v1.4.5
(``ssd-columns.csv`` in the project reference). Dates are loaded as DATE:
the SSD stores ``datetime`` but every value is a calendar day.
"""

from __future__ import annotations

from kpibook.model.columns import Column, ColumnType, DateRange, Table, TableKind

D = ColumnType.DATE
T = ColumnType.TEXT
F = ColumnType.FLAG
I = ColumnType.INTEGER
N = ColumnType.DECIMAL


SSD_PERSON = Table(
    name="ssd_person",
    kind=TableKind.SSD,
    description="One row per child or young person known to children's social care.",
    primary_key=("pers_person_id",),
    columns=(
        Column(
            "pers_legacy_id",
            T,
            "Older or secondary system person identifier, kept for legacy reporting links",
            personal=True,
        ),
        Column(
            "pers_person_id",
            T,
            "Stable unique identifier of the child or person in the case system",
            required=True,
            nullable=False,
            personal=True,
        ),
        Column(
            "pers_upn",
            T,
            "Unique Pupil Number from school records, up to 13 characters",
            personal=True,
        ),
        Column("pers_forename", T, "Person's first name", personal=True),
        Column("pers_surname", T, "Person's family name", personal=True),
        Column(
            "pers_sex",
            T,
            "Legally recorded sex code (F, M, U) used in statutory returns",
            required=True,
            codelist="sex",
        ),
        Column(
            "pers_gender",
            T,
            "Gender identity code; many systems simply repeat the sex value",
            codelist="sex",
        ),
        Column(
            "pers_ethnicity",
            T,
            "DfE ethnicity category code, e.g. WBRI, or REFU / NOBT",
            codelist="ethnicity",
        ),
        Column(
            "pers_dob",
            D,
            "Actual date of birth; left empty when only an expected date exists",
            required=True,
            personal=True,
        ),
        Column(
            "pers_single_unique_id",
            T,
            "Single cross-agency or NHS-style person identifier; mostly unpopulated so far",
            personal=True,
        ),
        Column(
            "pers_upn_unknown",
            T,
            "Code UN1–UN10 explaining why the child has no UPN",
            codelist="upn_unknown",
        ),
        Column(
            "pers_send_flag",
            T,
            "Whether an education, health and care plan is recorded for the person",
        ),
        Column(
            "pers_expected_dob",
            D,
            "Due date for a child still unborn when referred",
            personal=True,
        ),
        Column("pers_death_date", D, "Date the person died", personal=True),
        Column(
            "pers_is_mother",
            F,
            "Derived Y flag: non-male person with a recorded child relationship",
        ),
        Column(
            "pers_nationality",
            T,
            "Nationality or country of origin, chiefly for asylum-seeking children",
        ),
    ),
)


SSD_IMMIGRATION_STATUS = Table(
    name="ssd_immigration_status",
    kind=TableKind.SSD,
    description=(
        "Spells of immigration status; the UASC spell marks an unaccompanied asylum-seeking child."
    ),
    primary_key=("immi_immigration_status_id",),
    columns=(
        Column(
            "immi_immigration_status_id",
            T,
            "Row key for the immigration status spell",
            required=True,
            nullable=False,
        ),
        Column(
            "immi_person_id",
            T,
            "Person holding the immigration status",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("immi_immigration_status_start_date", D, "Date the status began", required=True),
        Column("immi_immigration_status_end_date", D, "Date the status ended"),
        Column(
            "immi_immigration_status",
            T,
            "Immigration status, such as unaccompanied asylum-seeking child (UASC)",
            required=True,
            codelist="immigration_status",
        ),
    ),
    date_ranges=(
        DateRange("immi_immigration_status_start_date", "immi_immigration_status_end_date"),
    ),
)


SSD_DISABILITY = Table(
    name="ssd_disability",
    kind=TableKind.SSD,
    description="One row per disability recorded for a person (DfE disability codes).",
    primary_key=("disa_table_id",),
    columns=(
        Column(
            "disa_table_id",
            T,
            "Row key for the disability record",
            required=True,
            nullable=False,
        ),
        Column(
            "disa_person_id",
            T,
            "Person the disability is recorded for",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "disa_disability_code",
            T,
            "DfE disability category code such as MOB, HAND, COMM or NONE",
            required=True,
            codelist="disability",
        ),
    ),
)


SSD_ADDRESS = Table(
    name="ssd_address",
    kind=TableKind.SSD,
    description="Address history of a person: home and placement addresses with postcodes.",
    primary_key=("addr_table_id",),
    columns=(
        Column(
            "addr_table_id",
            T,
            "Row key for the address history record",
            required=True,
            nullable=False,
        ),
        Column(
            "addr_person_id",
            T,
            "Person who lives or lived at the address",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "addr_address_type",
            T,
            "Kind of address, such as home or placement",
            codelist="address_type",
        ),
        Column(
            "addr_address_start_date",
            D,
            "Date the person began living at the address",
            required=True,
        ),
        Column(
            "addr_address_end_date",
            D,
            "Date the person left the address; empty while current",
        ),
        Column(
            "addr_address_postcode",
            T,
            "Postcode of the address, with dummy values blanked",
            personal=True,
        ),
        Column(
            "addr_address_json",
            T,
            "Address parts (room to town, UPRN, easting, northing) held as a JSON object string",
            personal=True,
        ),
    ),
    date_ranges=(DateRange("addr_address_start_date", "addr_address_end_date"),),
)


TABLES: tuple[Table, ...] = (
    SSD_PERSON,
    SSD_IMMIGRATION_STATUS,
    SSD_DISABILITY,
    SSD_ADDRESS,
)
