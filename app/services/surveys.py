"""业主满意度调查: a questionnaire (topics) sent to a sample of units, the answers entered as they come
back (1–5 per topic), satisfaction by topic and survey over time; a dissatisfied answer may open a work
order through the ordinary intake."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, func, select

from app.errors import FieldError, StateError
from app.models import Survey, SurveyAnswer, SurveyResponse, Unit
from app.services.fees_payments import unit_labels
from app.services.register_base import (
    Cleaner,
    RegisterService,
    linked_orders,
    load_versioned,
    open_linked_workorder,
)

ENTITY = "survey_responses"  # what a dissatisfied answer's work order links back to
MAX_TOPICS = 12


def two_places(value: object) -> Decimal | None:
    return Decimal(str(value)).quantize(Decimal("0.01")) if value is not None else None


def topics_of(text: str) -> list[str]:
    return [t.strip() for t in text.replace("、", "\n").splitlines() if t.strip()]


@dataclass(frozen=True)
class SurveyRow:
    id: int
    title: str
    sent_on: date
    topics: tuple[str, ...]
    sampled: int
    answered: int
    average: Decimal | None


@dataclass(frozen=True)
class ResponseRow:
    id: int
    unit: str
    answered_on: date | None
    comment: str
    scores: dict[str, int]
    workorder_id: int | None


@dataclass(frozen=True)
class TopicScore:
    survey_id: int
    title: str
    sent_on: date
    topic: str
    answers: int
    average: Decimal


class SurveyService(RegisterService):
    model = Survey
    what = "调查"
    view_permission = manage_permission = "community.edit"
    search_columns = (Survey.title,)
    sort_columns = {"sent_on": Survey.sent_on, "title": Survey.title}
    default_sort = "sent_on"

    def rows(self, s, objs) -> list[SurveyRow]:
        ids = [v.id for v in objs]
        counts = {sid: (int(n), int(done or 0)) for sid, n, done in s.execute(
            select(SurveyResponse.survey_id, func.count(),
                   func.sum(case((SurveyResponse.answered_on.is_not(None), 1), else_=0)))
            .where(SurveyResponse.survey_id.in_(ids)).group_by(SurveyResponse.survey_id))}
        averages = dict(s.execute(select(SurveyResponse.survey_id, func.avg(SurveyAnswer.score))
                                  .join(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)
                                  .where(SurveyResponse.survey_id.in_(ids)).group_by(SurveyResponse.survey_id)).all())
        return [SurveyRow(v.id, v.title, v.sent_on, tuple(topics_of(v.topics)), *counts.get(v.id, (0, 0)),
                          two_places(averages.get(v.id))) for v in objs]

    def to_row(self, s, obj) -> SurveyRow:
        return self.rows(s, [obj])[0]

    def create(self, values: Mapping[str, object], seed: int | None = None) -> int:
        """A survey with its topics, sent to ``sample`` units drawn at random from the whole property."""
        self.ctx.require(self.manage_permission)
        c = Cleaner(values)
        title = c.text("title", "调查名称", required=True)
        sent_on = c.date("sent_on", "发放日期", required=True)
        topics = topics_of(str(values.get("topics") or ""))
        if not topics:
            c.fail("topics", "请填写调查项目, 每行一项")
        elif len(topics) > MAX_TOPICS or any(len(t) > 64 for t in topics) or len(set(topics)) != len(topics):
            c.fail("topics", f"调查项目最多{MAX_TOPICS}项, 每项不超过64字, 不能重复")
        sample = c.integer("sample", "抽样户数", required=True, minimum=1, maximum=5000)
        c.done()
        with self.ctx.write() as s:
            units = list(s.scalars(select(Unit.id).order_by(Unit.id)))
            if not units:
                raise FieldError({"sample": "还没有房屋, 无法抽样"})
            chosen = random.Random(seed).sample(units, min(sample, len(units)))
            survey = Survey(title=title, sent_on=sent_on, topics="\n".join(topics))
            s.add(survey)
            s.flush()
            s.add_all(SurveyResponse(survey_id=survey.id, unit_id=u) for u in sorted(chosen))
            return survey.id

    def responses(self, survey_id: int) -> list[ResponseRow]:
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            answers: dict[int, dict[str, int]] = {}
            for rid, topic, score in s.execute(select(SurveyAnswer.response_id, SurveyAnswer.topic, SurveyAnswer.score)
                                               .join(SurveyResponse).where(SurveyResponse.survey_id == survey_id)):
                answers.setdefault(rid, {})[topic] = score
            rows = list(s.scalars(select(SurveyResponse).where(SurveyResponse.survey_id == survey_id)
                                  .order_by(SurveyResponse.unit_id)))
            codes = unit_labels(s, [r.unit_id for r in rows])
            orders = {o.entity_id: o.workorder_id for o in linked_orders(s, ENTITY, [r.id for r in rows])}
            return [ResponseRow(r.id, codes[r.unit_id][0], r.answered_on, r.comment, answers.get(r.id, {}),
                                orders.get(r.id)) for r in rows]

    def answer(self, response_id: int, scores: Mapping[str, object], comment: str = "", answered_on: object = None,
               open_workorder: bool = False) -> None:
        """Enter one unit's answers (every topic 1–5); with ``open_workorder`` a dissatisfied answer (any
        score ≤ 2) opens a 建议/投诉 work order for the unit through the ordinary intake."""
        self.ctx.require(self.manage_permission)
        c = Cleaner({"comment": comment, "answered_on": answered_on or self.ctx.clock().date()})
        comment = c.text("comment", "意见", max_len=200)
        day = c.date("answered_on", "回收日期", required=True)
        with self.ctx.read() as s:
            response = load_versioned(s, SurveyResponse, response_id, None, "调查对象")
            topics = topics_of(load_versioned(s, Survey, response.survey_id, None, self.what).topics)
            unit_id, already = response.unit_id, response.answered_on is not None
        clean: dict[str, int] = {}
        for n, topic in enumerate(topics):
            try:
                clean[topic] = int(str(scores.get(topic, "")).strip())
                if not 1 <= clean[topic] <= 5:
                    raise ValueError
            except ValueError:
                c.fail(f"topic_{n}", f"“{topic}”的评分应为 1 到 5")
        c.done()
        if already:
            raise StateError("这一户的答卷已经录入过了")
        with self.ctx.write() as s:
            response = load_versioned(s, SurveyResponse, response_id, None, "调查对象")
            response.answered_on, response.comment = day, comment
            s.add_all(SurveyAnswer(response_id=response_id, topic=t, score=v) for t, v in clean.items())
        low = [t for t, v in clean.items() if v <= 2]
        if open_workorder and low:
            from app.services import Services

            open_linked_workorder(Services(self.ctx), ENTITY, response_id, {
                "kind": "complaint", "source": "walk_in", "category": "other", "location": "public",
                "unit_id": unit_id, "description": f"满意度调查不满意: {'、'.join(low)}。{comment}".strip(),
            })

    def by_topic(self) -> list[TopicScore]:
        """Average satisfaction of each topic in each survey, oldest survey first (the trend over time)."""
        self.ctx.require(self.view_permission)
        with self.ctx.read() as s:
            rows = s.execute(
                select(Survey.id, Survey.title, Survey.sent_on, SurveyAnswer.topic, func.count(),
                       func.avg(SurveyAnswer.score))
                .join(SurveyResponse, SurveyResponse.survey_id == Survey.id)
                .join(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)
                .group_by(Survey.id, Survey.title, Survey.sent_on, SurveyAnswer.topic)
                .order_by(Survey.sent_on, Survey.id, SurveyAnswer.topic)).all()
        return [TopicScore(i, t, d, topic, int(n), two_places(avg))
                for i, t, d, topic, n, avg in rows]
