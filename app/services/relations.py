"""对外关系: the manager's log of contacts with the owners' committee, street office, government
departments, the community and partner companies — date, people, subject, outcome, follow-up."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.models import Party, RelationContact
from app.services.context import ServiceContext
from app.services.records import Fields, count, load, page, require_any


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
    version: int


class RelationService:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    def save(self, values: Mapping[str, object], contact_id: int | None = None) -> int:
        self.ctx.require("relations.edit")
        f = Fields(values)
        cleaned = {
            "day": f.day("day", "日期"),
            "party": f.choice("party", Party, "请选择对象类别"),
            "organisation": f.text("organisation", "单位", max_len=64),
            "people": f.text("people", "参与人员", max_len=128),
            "subject": f.text("subject", "事由", required=True, max_len=128),
            "outcome": f.long_text("outcome", "结果"),
            "follow_up": f.text("follow_up", "后续跟进"),
            "follow_up_on": f.day("follow_up_on", "跟进日期", required=False),
            "closed": bool(values.get("closed", False)),
        }
        if cleaned["follow_up_on"] and cleaned["day"] and cleaned["follow_up_on"] < cleaned["day"]:
            f.add("follow_up_on", "跟进日期不能早于联系日期")
        f.done()
        with self.ctx.write() as s:
            row = load(s, RelationContact, contact_id, "联系记录", values.get("version")) if contact_id \
                else RelationContact()
            for key, value in cleaned.items():
                setattr(row, key, value)
            s.add(row)
            s.flush()
            return row.id

    def _query(self, query: str, party: str | None, open_only: bool):
        stmt = select(RelationContact)
        if party:
            stmt = stmt.where(RelationContact.party == party)
        if open_only:
            stmt = stmt.where(RelationContact.closed.is_(False), RelationContact.follow_up != "")
        if query:
            like = f"%{query}%"
            stmt = stmt.where(RelationContact.subject.like(like) | RelationContact.organisation.like(like)
                              | RelationContact.people.like(like) | RelationContact.outcome.like(like))
        return stmt

    def count(self, query: str = "", party: str | None = None, open_only: bool = False) -> int:
        require_any(self.ctx, "relations.edit", "management.report")
        with self.ctx.read() as s:
            return count(s, self._query(query, party, open_only))

    def list(self, query: str = "", party: str | None = None, open_only: bool = False, offset: int = 0,
             limit: int = 200, sort: str | None = None, descending: bool = True) -> list[RelationRow]:
        require_any(self.ctx, "relations.edit", "management.report")
        order = {"day": RelationContact.day, "party": RelationContact.party,
                 "follow_up_on": RelationContact.follow_up_on}
        with self.ctx.read() as s:
            return [RelationRow(r.id, r.day, r.party, r.organisation, r.people, r.subject, r.outcome, r.follow_up,
                                r.follow_up_on, r.closed, r.version)
                    for (r,) in page(s, self._query(query, party, open_only), order, sort, descending, offset, limit,
                                     "day")]
