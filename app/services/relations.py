"""对外关系: the manager's log of contacts with the owners' committee, street office, government
departments, the community and partner companies — date, people, subject, outcome, follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.models import Party, RelationContact
from app.services.register_base import Cleaner, RegisterService


@dataclass(frozen=True)
class RelationRow:
    id: int
    day: date
    party: str
    organisation: str
    people: str
    subject: str
    outcome: str
    follow_up: str
    follow_up_on: date | None
    closed: bool


class RelationService(RegisterService):
    model = RelationContact
    what = "联系记录"
    view_permission = manage_permission = "relations.edit"
    search_columns = (RelationContact.subject, RelationContact.organisation, RelationContact.people,
                      RelationContact.outcome)
    sort_columns = {"day": RelationContact.day, "party": RelationContact.party,
                    "follow_up_on": RelationContact.follow_up_on}
    filter_columns = {"party": RelationContact.party}
    default_sort = "day"
    form_fields = ("day", "party", "organisation", "people", "subject", "outcome", "follow_up", "follow_up_on")

    def conditions(self, filters):
        where = super().conditions(filters)
        if filters.get("open_only"):
            where += [RelationContact.closed.is_(False), RelationContact.follow_up != ""]
        return where

    def to_row(self, s, r: RelationContact) -> RelationRow:
        return RelationRow(r.id, r.day, r.party, r.organisation, r.people, r.subject, r.outcome, r.follow_up,
                           r.follow_up_on, r.closed)

    def clean(self, s, values, obj) -> dict:
        c = Cleaner(values)
        cleaned = {
            "day": c.date("day", "日期", required=True),
            "party": c.choice("party", "对象类别", Party),
            "organisation": c.text("organisation", "单位"),
            "people": c.text("people", "参与人员", max_len=128),
            "subject": c.text("subject", "事由", required=True, max_len=128),
            "outcome": c.note("outcome", "结果", max_len=4000),
            "follow_up": c.text("follow_up", "后续跟进", max_len=200),
            "follow_up_on": c.date("follow_up_on", "跟进日期"),
        }
        if cleaned["follow_up_on"] and cleaned["day"] and cleaned["follow_up_on"] < cleaned["day"]:
            c.fail("follow_up_on", "跟进日期不能早于联系日期")
        return c.done(**cleaned)

    def close(self, contact_id: int, closed: bool = True) -> None:
        """Mark the follow-up of a contact done (or open again)."""
        from app.services.register_base import load_versioned

        self.ctx.require(self.manage_permission)
        with self.ctx.write() as s:
            load_versioned(s, RelationContact, contact_id, None, self.what).closed = closed
