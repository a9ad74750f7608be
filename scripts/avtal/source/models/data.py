"""The structured data that documents present: YAML files beside the documents.

Every data file names its `kind` and the `document` that presents it; `items` holds the rows.
Each row may name the sections it concerns (`sections: [overenskommelse#lakarmedverkan]`),
which is how risks, milestones and activities are traced to clauses.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .common import (
    DateOrQuarter,
    DocId,
    IsoDate,
    Name,
    Plain,
    Responsible,
    SectionRef,
    SectionRefs,
    StrictModel,
    Text,
    empty_list,
    period_length_checked,
    quarter_bounds,
)
from .local import LocalAgreements

ItemId = Annotated[str, Field(pattern=r"^[A-Za-zÅÄÖåäö0-9][A-Za-zÅÄÖåäö0-9_.-]*$"), Plain]
Score = Annotated[int, Field(ge=1, le=5)]


class DataFile(StrictModel):
    document: DocId
    """Id för dokumentet som presenterar dessa data."""


# -- Glossary -------------------------------------------------------------------------


class Term(StrictModel):
    """Ett definierat begrepp."""

    id: DocId
    """Fast id för begreppet, används som ankare i ordlistan."""
    term: Name
    """Begreppet i grundform, till exempel "vårdbegäran"."""
    forms: list[Name] = Field(default_factory=empty_list)
    """Böjningsformer som känns igen som `[[form]]` i texten, till exempel "vårdbegärans", "vårdbegäranden". Grundformen räknas alltid."""
    definition: Text
    """Definitionen, som den ska stå i ordlistan."""
    source: Text | None = None
    """Källan till definitionen, om den är hämtad någonstans ifrån (till exempel Socialstyrelsens termbank)."""
    note: Text | None = None
    """Kommentar till definitionen."""

    @property
    def all_forms(self) -> list[str]:
        return [self.term, *[f for f in self.forms if f != self.term]]


class Glossary(DataFile):
    """Ordlistan: ett begrepp, en definition."""

    kind: Literal["glossary"]
    terms: list[Term] = Field(min_length=1)
    """Begreppen."""


def forms_index(glossary: Glossary) -> dict[str, str]:
    """Each form, casefolded, to the id of its term (the first term to claim it)."""
    index: dict[str, str] = {}
    for term in glossary.terms:
        for form in term.all_forms:
            index.setdefault(form.casefold(), term.id)
    return index


# -- Responsibility matrix ------------------------------------------------------------


class Responsibility(StrictModel):
    """En rad i ansvarsfördelningen."""

    id: ItemId
    activity: Text
    """Aktiviteten eller uppgiften."""
    responsible: Annotated[Literal["kommun", "region", "gemensamt"], Plain]
    """Vem som ansvarar: kommun, region eller gemensamt."""
    area: Text | None = None
    """Område, för gruppering och filtrering, till exempel "Läkarmedverkan"."""
    basis: Text | None = None
    """Grund eller hänvisning, till exempel "HSL 14 kap. 1 §"."""
    sections: SectionRefs
    """Avsnitt som raden hör till, som dokument-id#avsnitts-id."""


class ResponsibilityMatrix(DataFile):
    """Ansvarsfördelningen mellan kommun och region."""

    kind: Literal["responsibilities"]
    items: list[Responsibility] = Field(min_length=1)


# -- Risk register --------------------------------------------------------------------


class Risk(StrictModel):
    """En risk i risk- och konsekvensanalysen."""

    id: ItemId
    risk: Text
    """Risken: vad kan hända och vad det leder till."""
    probability: Score
    """Sannolikhet 1–5 (1 mycket liten, 5 mycket stor)."""
    consequence: Score
    """Konsekvens 1–5 (1 försumbar, 5 allvarlig)."""
    affects: list[Annotated[Literal["patienter", "kommunerna", "regionen", "ekonomi", "medarbetare"], Plain]] = Field(
        default_factory=empty_list)
    """Vilka konsekvensen drabbar."""
    measures: list[Text] = Field(min_length=1)
    """Åtgärder som minskar sannolikheten eller konsekvensen."""
    owner: Responsible
    """Ägare av risken: en roll eller en part."""
    status: Annotated[Literal["öppen", "hanteras", "accepterad", "stängd"], Plain]
    """Riskens status."""
    sections: SectionRefs
    """Avsnitt som risken gäller, som dokument-id#avsnitts-id."""

    @property
    def score(self) -> int:
        return self.probability * self.consequence


class RiskRegister(DataFile):
    """Riskregistret."""

    kind: Literal["risks"]
    items: list[Risk] = Field(min_length=1)


# -- Milestones -----------------------------------------------------------------------


class Period(StrictModel):
    start: IsoDate
    """Periodens första dag."""
    end: IsoDate
    """Periodens sista dag."""

    @model_validator(mode="after")
    def _forwards_and_bounded(self) -> Period:
        period_length_checked(self.start, self.end)
        return self


class After(StrictModel):
    """En milstolpe som den här ska komma efter, och hur långt efter."""

    id: ItemId
    """Id för milstolpen som ska komma före, i samma fil."""
    months: Annotated[int, Field(ge=0, le=120)] = 0
    """Minsta antal månader mellan den milstolpen och den här, till exempel 6 för ett halvår."""


class Milestone(StrictModel):
    """En milstolpe i tidplanen."""

    id: ItemId
    when: DateOrQuarter
    """Datum (2026-12-31) eller kvartal (2026-Q4)."""
    deliverable: Text
    """Vad som ska vara klart eller beslutat."""
    responsible: Responsible
    """Ansvarig roll eller part."""
    done: bool = False
    """Om milstolpen är uppnådd. false med belägg (evidence) betyder att den inte nåddes; false utan belägg att ingen har rapporterat."""
    evidence: Text | None = None
    """Belägg för läget: att milstolpen är uppnådd, eller att den inte nåddes, till exempel beslutets organ, datum och paragraf."""
    basis: Text | None = None
    """Vad tidpunkten grundar sig på, till exempel omställningsplanens tidplan. Utan grund är tidpunkten ett förslag."""
    after: list[ItemId | After] = Field(default_factory=empty_list)
    """Milstolpar som den här ska komma efter: [M13], eller med minsta avstånd i månader: [{id: M18, months: 6}]."""
    sections: SectionRefs
    """Avsnitt som milstolpen gäller, som dokument-id#avsnitts-id."""

    def state(self, as_of: dt.date) -> str:
        """done, missed (done: false with evidence), unreported (passed, nobody has said) or coming."""
        if self.done:
            return "done"
        if quarter_bounds(self.when)[1] >= as_of:
            return "coming"
        return "missed" if self.evidence else "unreported"

    @property
    def follows(self) -> list[After]:
        """The milestones this one comes after, each with its least distance in months."""
        return [After(id=item) if isinstance(item, str) else item for item in self.after]


class Milestones(DataFile):
    """Milstolparna i en plan."""

    kind: Literal["milestones"]
    period: Period
    """Planens period; varje milstolpe ligger inom den."""
    items: list[Milestone] = Field(min_length=1)


# -- Communication activities ---------------------------------------------------------


class Activity(StrictModel):
    """En aktivitet i kommunikationsplanen."""

    id: ItemId
    target_group: Name
    """Målgrupp, en av filens target_groups."""
    message: Text
    """Budskapet."""
    channel: Text
    """Kanal, till exempel "Möte i Välfärdsrådet" eller "Webbplatsen"."""
    when: DateOrQuarter
    """Datum (2026-12-31) eller kvartal (2026-Q4)."""
    responsible: Responsible
    """Ansvarig roll eller part."""
    sections: SectionRefs
    """Avsnitt som aktiviteten gäller, som dokument-id#avsnitts-id."""


class CommunicationPlan(DataFile):
    """Kommunikationsaktiviteterna."""

    kind: Literal["communication"]
    target_groups: list[Name] = Field(min_length=1)
    """Målgrupperna som aktiviteterna riktar sig till."""
    items: list[Activity] = Field(min_length=1)


# -- Decision checklists --------------------------------------------------------------


class ChecklistItem(StrictModel):
    """En punkt i en beslutschecklista."""

    id: ItemId
    item: Text
    """Punkten, formulerad så att den kan besvaras med ja eller nej."""
    answer: Annotated[Literal["ja", "nej"], Plain] | None = None
    """Svaret: ja, nej eller tomt (ej besvarad)."""
    basis: Text | None = None
    """Vad svaret grundar sig på, till exempel ett beslut eller ett dokument."""
    handling: Text | None = None
    """Hur konsekvenserna hanteras om svaret är nej."""


class Checklist(DataFile):
    """En beslutschecklista, till exempel BP1."""

    kind: Literal["checklist"]
    title: Text
    """Checklistans namn, till exempel "Checklista inför beslut, BP1"."""
    items: list[ChecklistItem] = Field(min_length=1)


# -- Changes compared with today ------------------------------------------------------


class Change(StrictModel):
    """En förändring som förslaget gör jämfört med det som gäller i dag."""

    id: ItemId
    area: Text
    """Området, till exempel "Läkarmedverkan"."""
    today: Text
    """Hur det är i dag."""
    proposed: Text
    """Vad förslaget innebär."""
    patient: Text
    """Konsekvensen för patienten."""
    municipalities: Text
    """Konsekvensen för kommunerna."""
    region: Text
    """Konsekvensen för regionen."""
    source: Text | None = None
    """Källan till uppgiften om hur det är i dag."""
    verify: Text | None = None
    """Vad som ska kontrolleras innan uppgiften om hur det är i dag kan användas; krävs när source saknas."""
    sections: SectionRefs
    """Avsnitt som förändringen gäller, som dokument-id#avsnitts-id."""


class ChangeSet(DataFile):
    """Vad som ändras jämfört med i dag."""

    kind: Literal["changes"]
    baseline: Text
    """Det som förslaget jämförs med, till exempel "hemsjukvårdsavtalet från 2013 med revideringen 2025"."""
    items: list[Change] = Field(min_length=1)


# -- Political choices and the open questions handed to working groups ----------------


class ChoiceOption(StrictModel):
    """Ett alternativ i ett politiskt val, med vad det innebär för var och en av de tre sorternas part."""

    option: Text
    """Alternativet, kort, till exempel "Regionen ansvarar för barn och unga under 18 år"."""
    patient: Text
    """Vad alternativet innebär för patienterna."""
    municipalities: Text
    """Vad alternativet innebär för kommunerna."""
    region: Text
    """Vad alternativet innebär för regionen."""


class Choice(StrictModel):
    """En fråga som bara parternas politiker kan avgöra, med alternativen och de öppna frågor som avgörs med den."""

    id: ItemId
    question: Text
    """Frågan som ska avgöras, till exempel "Vem ansvarar för hälso- och sjukvård i hemmet för barn och unga?"."""
    options: list[ChoiceOption] = Field(min_length=2)
    """Alternativen, minst två."""
    closes: SectionRefs
    """De öppna frågor som avgörs med valet, som dokument-id#frågans-id (frågans id står efter rubriken: {#id})."""
    note: Text | None = None
    """Vad som saknas för att kunna välja, och vem som ska ta fram det, eller annan kommentar."""
    sections: SectionRefs
    """Avsnitt som valet gäller, som dokument-id#avsnitts-id."""


class PoliticalChoices(DataFile):
    """De politiska valen inför ett beslut."""

    kind: Literal["choices"]
    items: list[Choice] = Field(min_length=1)


class Handover(StrictModel):
    """En öppen fråga som inte är ett politiskt val: en namngiven arbetsgrupp besvarar den till en milstolpe."""

    id: ItemId
    question: SectionRef
    """Den öppna frågan, som dokument-id#frågans-id (frågans id står efter rubriken: {#id})."""
    group: Name
    """Arbetsgruppen som ska besvara frågan, till exempel "Arbetsgruppen för läkarmedverkan"."""
    milestone: ItemId
    """Id för milstolpen (i en fil med kind: milestones) då frågan ska vara besvarad, till exempel "M07"."""
    note: Text | None = None
    """Kommentar, till exempel vad gruppen behöver för att kunna svara."""


class Handovers(DataFile):
    """Öppna frågor som lämnas till arbetsgrupperna, var och en med milstolpen då den ska vara besvarad."""

    kind: Literal["handovers"]
    items: list[Handover] = Field(default_factory=empty_list)
    """Frågorna som lämnas över; tom tills den första frågan lämnas över."""


DATA_MODELS: dict[str, type[DataFile]] = {
    "glossary": Glossary,
    "responsibilities": ResponsibilityMatrix,
    "risks": RiskRegister,
    "milestones": Milestones,
    "communication": CommunicationPlan,
    "checklist": Checklist,
    "changes": ChangeSet,
    "choices": PoliticalChoices,
    "handovers": Handovers,
    "local": LocalAgreements,  # source/local.py: a row per municipality, expanded into documents
}

