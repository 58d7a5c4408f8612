"""How a finding is named in one line, wherever it is referred to."""

from __future__ import annotations

from ..domain.findings import ACT_TYPE_LABELS, Finding
from ..domain.messages import N_
from ..i18n import _, tr

FINDING_LABEL = N_("{act} No. {number} of {date}")


def finding_label(finding: Finding) -> str:
    return tr(FINDING_LABEL, act=_(ACT_TYPE_LABELS[finding.act_type]), number=finding.act_number,
              date=finding.act_date)
