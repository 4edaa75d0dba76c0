"""Quality assurance indicators (case file audits, document gradings) on hand-built fixtures.

Every expected numerator and denominator is worked out by hand from the rows
the test adds; the comments say how. August 2016's rolling 12 months run from
1 September 2015 to 31 August 2016.
"""

from __future__ import annotations

from typing import Any

import pytest
from council import Council, d


def _audit(
    c: Council,
    aid: str,
    pid: str,
    team: str,
    scheduled: str,
    completed: str | None = None,
    grade: str | None = None,
) -> None:
    c.add(
        "local_case_audits",
        audit_id=aid,
        audit_person_id=pid,
        audit_team_id=team,
        audit_scheduled_date=d(scheduled),
        audit_completed_date=d(completed) if completed else None,
        audit_grade=grade,
    )


def _grading(c: Council, gid: str, pid: str, kind: str, day: str, grade: str, team: str) -> None:
    c.add(
        "local_quality_gradings",
        grading_id=gid,
        grading_person_id=pid,
        grading_document_type=kind,
        grading_date=d(day),
        grading_grade=grade,
        grading_team_id=team,
    )


def _pair(fig: Any) -> tuple[float, float | None]:
    return (fig.numerator, fig.denominator)


class TestSCS36:
    """Audits due in the window completed by the month end."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2010-01-01").child("U", "2000-01-01", uasc_from="2015-01-01")
        _audit(c, "a1", "A", "T_DAR", "2015-09-01", "2015-09-10", "good")  # first day, done
        _audit(c, "a2", "A", "T_DAR", "2016-08-31", "2016-09-02", "good")  # done after Aug
        _audit(c, "a3", "A", "T_DAR", "2016-03-01")  # never completed
        _audit(c, "a4", "A", "T_DAR", "2015-08-31", "2015-09-01", "good")  # due before window
        _audit(c, "a5", "A", "T_CAN", "2016-06-01", "2016-05-30", "good")  # done early
        _audit(c, "a6", "U", "T_UASC", "2016-02-01", "2016-02-10", "inadequate")
        return c

    def test_council(self, council: Council) -> None:
        # Due Sep 2015-Aug 2016: a1, a2, a3, a5, a6; completed by 31 Aug: a1, a5, a6.
        fig = council.figure("SCS-36")
        assert _pair(fig) == (3, 5)
        assert fig.value == pytest.approx(60.0)
        assert _pair(council.figure("SCS-36", cohort="exc_uasc")) == (2, 4)
        assert _pair(council.figure("SCS-36", unit="T_CAN")) == (1, 1)
        assert _pair(council.figure("SCS-36", unit="AREA_N")) == (1, 3)

    def test_september(self, council: Council) -> None:
        # Due Oct 2015-Sep 2016: a2 (now completed), a3, a5, a6 -> 3 / 4.
        assert _pair(council.figure("SCS-36", "2016-09")) == (3, 4)


class TestAuditGrades:
    """SCS-37 (good or outstanding) and SCS-38 (inadequate) of audits completed."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2010-01-01").child("U", "2000-01-01", uasc_from="2015-01-01")
        _audit(c, "b1", "A", "T_DAR", "2015-08-20", "2015-09-01", "good")  # first day
        _audit(c, "b2", "A", "T_DAR", "2016-08-20", "2016-08-31", "outstanding")  # last day
        _audit(c, "b3", "A", "T_CAN", "2016-01-01", "2016-01-01", "requires_improvement")
        _audit(c, "b4", "A", "T_CAN", "2016-02-20", "2016-02-29", "inadequate")
        _audit(c, "b5", "A", "T_DAR", "2015-08-01", "2015-08-31", "good")  # before window
        _audit(c, "b6", "A", "T_DAR", "2016-03-01")  # due in window, not completed
        _audit(c, "b7", "U", "T_UASC", "2016-05-30", "2016-05-30", "inadequate")
        return c

    def test_scs37_good_or_outstanding(self, council: Council) -> None:
        # Completed in window: b1, b2, b3, b4, b7; good/outstanding: b1, b2.
        assert _pair(council.figure("SCS-37")) == (2, 5)
        assert _pair(council.figure("SCS-37", cohort="exc_uasc")) == (2, 4)
        assert _pair(council.figure("SCS-37", unit="T_DAR")) == (2, 2)

    def test_scs38_inadequate(self, council: Council) -> None:
        # Inadequate: b4, b7.
        assert _pair(council.figure("SCS-38")) == (2, 5)
        assert _pair(council.figure("SCS-38", cohort="exc_uasc")) == (1, 4)
        assert _pair(council.figure("SCS-38", unit="AREA_E")) == (1, 2)

    def test_rolling_three_months(self, council: Council) -> None:
        # Completed Jun-Aug 2016: b2 only.
        assert _pair(council.figure("SCS-37:R3M")) == (1, 1)
        assert _pair(council.figure("SCS-38:R3M")) == (0, 1)


class TestGradings:
    """SCS-39 (CP social work reports) and SCS-40 (CIC care plans) good or outstanding."""

    @pytest.fixture
    def council(self) -> Council:
        c = Council()
        c.child("A", "2010-01-01").child("U", "2000-01-01", uasc_from="2015-01-01")
        cp, plan = "cp_social_work_report", "cic_care_plan"
        _grading(c, "g1", "A", cp, "2015-09-01", "good", "T_DAR")
        _grading(c, "g2", "A", cp, "2016-08-31", "inadequate", "T_DAR")
        _grading(c, "g3", "A", cp, "2016-04-01", "outstanding", "T_CAN")
        _grading(c, "g4", "A", cp, "2015-08-31", "good", "T_DAR")  # before window
        _grading(c, "g5", "A", plan, "2016-01-01", "good", "T_CIC_N")
        _grading(c, "g6", "A", plan, "2016-03-01", "requires_improvement", "T_CIC_N")
        _grading(c, "g7", "U", plan, "2016-06-01", "outstanding", "T_UASC")
        _grading(c, "g8", "A", plan, "2016-09-01", "good", "T_CIC_N")  # after August
        return c

    def test_scs39_cp_reports(self, council: Council) -> None:
        # CP reports in window: g1, g2, g3; good/outstanding g1, g3.
        assert _pair(council.figure("SCS-39")) == (2, 3)
        assert _pair(council.figure("SCS-39", unit="T_DAR")) == (1, 2)
        assert _pair(council.figure("SCS-39", cohort="exc_uasc")) == (2, 3)

    def test_scs40_care_plans(self, council: Council) -> None:
        # Care plans in window: g5, g6, g7; good/outstanding g5, g7.
        fig = council.figure("SCS-40")
        assert _pair(fig) == (2, 3)
        assert fig.value == pytest.approx(100 * 2 / 3)
        assert _pair(council.figure("SCS-40", cohort="exc_uasc")) == (1, 2)
        assert _pair(council.figure("SCS-40", unit="T_CIC_N")) == (1, 2)

    def test_scs40_september(self, council: Council) -> None:
        # Oct 2015-Sep 2016: g5, g6, g7, g8 -> 3 / 4.
        assert _pair(council.figure("SCS-40", "2016-09")) == (3, 4)
