"""SSD tables: care.

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


SSD_CLA_EPISODES = Table(
    name="ssd_cla_episodes",
    kind=TableKind.SSD,
    description=(
        "Looked-after episodes in SSDA903 terms: a new row whenever legal "
        "status or placement changes."
    ),
    primary_key=("clae_cla_episode_id",),
    columns=(
        Column(
            "clae_cla_episode_id",
            T,
            "Row key for one looked-after episode, in 903 episode terms",
            required=True,
            nullable=False,
        ),
        Column(
            "clae_person_id",
            T,
            "Looked-after child",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "clae_cla_placement_id",
            T,
            "Placement in force during the episode",
            required=True,
            references="ssd_cla_placement.clap_cla_placement_id",
        ),
        Column("clae_cla_episode_start_date", D, "Date the episode started", required=True),
        Column(
            "clae_cla_episode_start_reason",
            T,
            "Why a new episode began (903 codes S, L, P, T, B, U)",
            required=True,
            codelist="reason_new_episode",
        ),
        Column(
            "clae_cla_primary_need_code",
            T,
            "Category of need when the care period began, N1–N8",
            codelist="primary_need",
        ),
        Column("clae_cla_episode_ceased_date", D, "Date the episode ended", required=True),
        Column(
            "clae_cla_episode_ceased_reason",
            T,
            "Why the episode ended: X1 or an E-series leaving-care code",
            codelist="reason_episode_ceased",
        ),
        Column(
            "clae_cla_id",
            T,
            "Period-of-care identifier shared by all episodes in that period",
            required=True,
        ),
        Column(
            "clae_referral_id",
            T,
            "Referral episode linked to the period of care",
            references="ssd_cin_episodes.cine_referral_id",
        ),
        Column(
            "clae_cla_last_iro_contact_date",
            D,
            "Latest contact or visit by the independent reviewing officer",
        ),
        Column("clae_entered_care_date", D, "Start date of the current period of care"),
    ),
    date_ranges=(
        DateRange("clae_cla_episode_start_date", "clae_cla_episode_ceased_date"),
        DateRange("clae_entered_care_date", "clae_cla_episode_start_date"),
    ),
)


SSD_CLA_PLACEMENT = Table(
    name="ssd_cla_placement",
    kind=TableKind.SSD,
    description="Placements of looked-after children, with type, provider and distance from home.",
    primary_key=("clap_cla_placement_id",),
    columns=(
        Column(
            "clap_cla_placement_id",
            T,
            "Row key for the placement",
            required=True,
            nullable=False,
        ),
        Column(
            "clap_cla_id",
            T,
            "Period of care the placement belongs to",
            required=True,
            references="ssd_cla_episodes.clae_cla_id",
        ),
        Column(
            "clap_person_id",
            T,
            "Child placed",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("clap_cla_placement_start_date", D, "Date the placement began", required=True),
        Column(
            "clap_cla_placement_type",
            T,
            "903 placement type code, e.g. U1, K2, A3",
            required=True,
            codelist="placement_type",
        ),
        Column(
            "clap_cla_placement_urn",
            T,
            "Ofsted unique reference number of the setting or agency",
        ),
        Column(
            "clap_cla_placement_distance",
            N,
            "Miles between home and placement; 999.9 where unknown",
        ),
        Column(
            "clap_cla_placement_provider",
            T,
            "Placement provider code, PR0–PR5",
            codelist="placement_provider",
        ),
        Column("clap_cla_placement_postcode", T, "Postcode of the placement", personal=True),
        Column("clap_cla_placement_end_date", D, "Date the placement ended", required=True),
        Column(
            "clap_cla_placement_change_reason",
            T,
            "Reason code for the placement ending, e.g. CARPL",
            codelist="placement_change_reason",
        ),
    ),
    date_ranges=(DateRange("clap_cla_placement_start_date", "clap_cla_placement_end_date"),),
)


SSD_LEGAL_STATUS = Table(
    name="ssd_legal_status",
    kind=TableKind.SSD,
    description="Legal status spells of looked-after children (903 legal status codes).",
    primary_key=("lega_legal_status_id",),
    columns=(
        Column(
            "lega_legal_status_id",
            T,
            "Row key for the legal status spell",
            required=True,
            nullable=False,
        ),
        Column(
            "lega_person_id",
            T,
            "Child the legal status applies to",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column(
            "lega_legal_status",
            T,
            "Legal status held, including care, permanence and other orders",
            required=True,
            codelist="legal_status",
        ),
        Column("lega_legal_status_start_date", D, "Date the legal status started", required=True),
        Column("lega_legal_status_end_date", D, "Date the legal status stopped", required=True),
    ),
    date_ranges=(DateRange("lega_legal_status_start_date", "lega_legal_status_end_date"),),
)


SSD_CLA_REVIEWS = Table(
    name="ssd_cla_reviews",
    kind=TableKind.SSD,
    description="Statutory reviews of looked-after children.",
    primary_key=("clar_cla_review_id",),
    columns=(
        Column(
            "clar_cla_review_id",
            T,
            "Row key for the looked-after child review",
            required=True,
            nullable=False,
        ),
        Column(
            "clar_cla_id",
            T,
            "Period of care being reviewed",
            required=True,
            references="ssd_cla_episodes.clae_cla_id",
        ),
        Column(
            "clar_cla_person_id",
            T,
            "Child whose care was reviewed",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("clar_cla_review_due_date", D, "Date the review was due", required=True),
        Column("clar_cla_review_date", D, "Date the review took place", required=True),
        Column("clar_cla_review_cancelled", F, "Y/N: review was cancelled", codelist="yes_no"),
        Column(
            "clar_cla_review_participation",
            T,
            "How the child took part, participation code PN0–PN7",
            codelist="review_participation",
        ),
    ),
)


SSD_CLA_VISITS = Table(
    name="ssd_cla_visits",
    kind=TableKind.SSD,
    description="Statutory social worker visits to looked-after children.",
    primary_key=("clav_cla_visit_id",),
    columns=(
        Column(
            "clav_cla_visit_id",
            T,
            "Row key for the statutory looked-after visit",
            required=True,
            nullable=False,
        ),
        Column(
            "clav_cla_id",
            T,
            "Period of care the visit falls within",
            references="ssd_cla_episodes.clae_cla_id",
        ),
        Column(
            "clav_person_id",
            T,
            "Child who was visited",
            required=True,
            references="ssd_person.pers_person_id",
            personal=True,
        ),
        Column("clav_cla_visit_date", D, "Date of the visit", required=True),
        Column("clav_cla_visit_seen", F, "Y/N: child seen at the visit", codelist="yes_no"),
        Column("clav_cla_visit_seen_alone", F, "Y/N: child seen on their own", codelist="yes_no"),
    ),
)


TABLES: tuple[Table, ...] = (
    SSD_CLA_EPISODES,
    SSD_CLA_PLACEMENT,
    SSD_LEGAL_STATUS,
    SSD_CLA_REVIEWS,
    SSD_CLA_VISITS,
)
