"""A remiss round in a real git repository, and a recipient who fills the response form in Word.

Three documents go through 0.1 (utkast) → 0.2 (remiss) → 0.3 (utkast, after the remiss): in 0.3 the
annex renames a section (same id), removes one and adds one that the remiss version never had, and
the agreement's section on läkarmedverkan is rewritten. Round 2027-1 sends the three at 0.2 to four
parties and one other body. Two answers are written as YAML (Falu kommun, Region Dalarna, the latter
after the deadline); two come through the Word form (Borlänge kommun, Anhörigföreningen i länet),
filled by `fill_form` as Word fills content controls; Mora kommun does not answer.
"""

from __future__ import annotations

import copy
import io
import textwrap

from conftest import GitRepo, front_matter, required_sections

ROUND = "2027-1"
AGREEMENT_TITLE = "Överenskommelse om hälso- och sjukvård i hemmet"
LAKARMEDVERKAN = {
    "0.1": "Regionen ansvarar för läkarinsatser.",
    "0.2": "Regionen ansvarar för läkarinsatser i hemmet.",
    "0.3": "Regionen ansvarar för läkarinsatser i hemmet dygnet runt, med hembesök inom en vecka.",
}
ANNEX = {
    "0.1": """
        ## Syfte {#syfte}

        Bilagan beskriver hanteringen av läkemedel.

        ## Ordination {#ordination}

        Läkaren ordinerar.

        ## Överlämning {#overlamning}

        Överlämning sker skriftligt.
        """,
    "0.3": """
        ## Syfte {#syfte}

        Bilagan beskriver hanteringen av läkemedel i hemmet.

        ## Ordination och läkemedelslista {#ordination}

        Läkaren ordinerar och för läkemedelslistan.

        ## Ny rutin {#ny-rutin}

        En ny rutin för läkemedel i hemmet.
        """,
}
ANNEX["0.2"] = ANNEX["0.1"].replace("hanteringen av läkemedel.", "hanteringen av läkemedel i kommunerna.")
STATUS = {"0.1": "utkast", "0.2": "remiss", "0.3": "utkast"}

ROUND_YAML = """\
title: Remiss av förslaget till överenskommelse om hälso- och sjukvård i hemmet
diarienummer: RD 2027/1
sender: Styrgruppen
contact: Omställningsledare
reply_to: registrator@example.org
sent: 2027-04-01
deadline: 2027-05-31
documents:
  - id: overenskommelse
    version: "0.2"
  - id: bilaga-lakemedel
    version: "0.2"
  - id: implementeringsplan
    version: "0.2"
recipients:
  - Region Dalarna
  - Falu kommun
  - Borlänge kommun
  - Mora kommun
other_recipients:
  - id: anhorigforeningen
    name: Anhörigföreningen i länet
questions:
  - id: f1
    question: Tillstyrker ni förslaget till överenskommelse?
    document: overenskommelse
  - id: f2
    question: Tillstyrker ni implementeringsplanen?
    document: implementeringsplan
  - id: f3
    question: Har ni synpunkter på bilagan om läkemedel?
    document: bilaga-lakemedel
"""

FALU = """\
recipient: Falu kommun
date: 2027-05-20
diarienummer: SN 2027/45
decision:
  body: Socialnämnden
  date: 2027-05-18
  paragraph: 45
summary: Falu kommun ställer sig bakom förslaget med de ändringar som anges nedan.
questions:
  - question: f1
    stance: tillstyrker med ändringar
    comment: Läkarmedverkan behöver preciseras.
    assessment:
      outcome: beaktas
      reason: Avsnittet om läkarmedverkan anger nu tider.
      handled_in: "0.3"
  - question: f2
    stance: tillstyrker
sections:
  - section: overenskommelse#lakarmedverkan
    comment: Ange när läkaren gör hembesök.
    wording: Regionen ansvarar för läkarinsatser dygnet runt.
    assessment:
      outcome: beaktas delvis
      reason: Tider för hembesök anges; dygnet runt gäller bara vid behov.
      handled_in: "0.3"
  - section: bilaga-lakemedel#ordination
    comment: Läkemedelslistan saknas i avsnittet.
    assessment:
      outcome: beaktas
      reason: Läkemedelslistan är med i avsnittet.
      handled_in: "0.3"
"""

REGION = """\
recipient: Region Dalarna
date: 2027-06-03
questions:
  - question: f1
    stance: tillstyrker
  - question: f2
    stance: ingen erinran
  - question: f3
    stance: avstår
sections:
  - section: bilaga-lakemedel#overlamning
    comment: Överlämningen bör ske digitalt.
"""

# What the two recipients who answer in Word fill in: field tag -> value (a list of lines for a text area).
BORLANGE_FORM = {
    "avtal:diarienummer": "KS 2027/77",
    "avtal:datum": "2027-05-25",
    "avtal:organ": "Kommunstyrelsen",
    "avtal:beslutsdatum": "2027-05-24",
    "avtal:paragraf": "§ 12",
    "avtal:sammanfattning": ["Borlänge kommun avstyrker förslaget i dess nuvarande form.",
                             "Ansvaret för läkarinsatser måste vara tydligt."],
    "avtal:f:f1:s": "Avstyrker",
    "avtal:f:f1:k": ["Ansvarsfördelningen är otydlig.", "", "Se våra synpunkter per avsnitt."],
    "avtal:f:f3:s": "Tillstyrker",
    "avtal:s:overenskommelse#lakarmedverkan:k": ["Läkarinsatser i hemmet måste finnas dygnet runt."],
    "avtal:s:bilaga-lakemedel#ordination:l": ["Läkaren ordinerar och ansvarar för läkemedelslistan."],
}
ANHORIG_FORM = {
    "avtal:datum": "2027-05-30",
    "avtal:f:f1:s": "Tillstyrker",
    "avtal:s:implementeringsplan#syfte:k": ["Anhöriga bör nämnas i syftet."],
}

BORLANGE_YAML = """\
# Svar från Borlänge kommun på remiss 2027-1, inläst från borlange.docx med avtal remiss import.
recipient: Borlänge kommun
date: 2027-05-25
diarienummer: KS 2027/77
decision:
  body: Kommunstyrelsen
  date: 2027-05-24
  paragraph: 12
summary: |-
  Borlänge kommun avstyrker förslaget i dess nuvarande form.
  Ansvaret för läkarinsatser måste vara tydligt.
questions:
- question: f1
  stance: avstyrker
  comment: |-
    Ansvarsfördelningen är otydlig.

    Se våra synpunkter per avsnitt.
- question: f3
  stance: tillstyrker
sections:
- section: overenskommelse#lakarmedverkan
  comment: Läkarinsatser i hemmet måste finnas dygnet runt.
- section: bilaga-lakemedel#ordination
  wording: Läkaren ordinerar och ansvarar för läkemedelslistan.
"""

ANHORIG_YAML = """\
# Svar från Anhörigföreningen i länet på remiss 2027-1, inläst från anhorig.docx med avtal remiss import.
recipient: Anhörigföreningen i länet
date: 2027-05-30
questions:
- question: f1
  stance: tillstyrker
sections:
- section: implementeringsplan#syfte
  comment: Anhöriga bör nämnas i syftet.
"""


def _agreement(version: str) -> str:
    body = required_sections("överenskommelse").replace(
        "## Läkarmedverkan {#lakarmedverkan}\n\nText.", f"## Läkarmedverkan {{#lakarmedverkan}}\n\n{LAKARMEDVERKAN[version]}")
    return front_matter(id="overenskommelse", title=AGREEMENT_TITLE, type="överenskommelse", version=f'"{version}"',
                        status=STATUS[version]) + body


def write_version(repo: GitRepo, version: str) -> None:
    repo.write("agreement/overenskommelse.md", _agreement(version))
    repo.write("annexes/bilaga-lakemedel.md",
               front_matter(id="bilaga-lakemedel", title="Läkemedel i hemmet", type="bilaga", version=f'"{version}"',
                            status=STATUS[version], annex_number="1", annex_of="overenskommelse")
               + textwrap.dedent(ANNEX[version]))
    plan = required_sections("implementeringsplan").replace(
        "## Syfte {#syfte}\n\nText.", f"## Syfte {{#syfte}}\n\nPlanen i version {version}.")
    repo.write("plans/implementeringsplan.md",
               front_matter(id="implementeringsplan", title="Implementeringsplan", version=f'"{version}"',
                            status=STATUS[version]) + plan)


def make_round(repo: GitRepo, answers: bool = True) -> GitRepo:
    """The three versions committed, then the round and the two YAML answers (committed too)."""
    for version in ("0.1", "0.2", "0.3"):
        write_version(repo, version)
        repo.commit(f"Version {version}")
    repo.write(f"remiss/{ROUND}/remiss.yaml", ROUND_YAML)
    if answers:
        repo.write(f"remiss/{ROUND}/svar/falu-kommun.yaml", FALU)
        repo.write(f"remiss/{ROUND}/svar/region-dalarna.yaml", REGION)
    repo.commit("Remissomgång 2027-1 med två svar")
    return repo


# -- Filling a form as Word does ----------------------------------------------------------------


def _w(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{name}")


def controls(document) -> dict[str, object]:
    """The form's content controls by tag."""
    found = {}
    for sdt in document.element.body.iter(_w("sdt")):
        tag = sdt.find(f"{_w('sdtPr')}/{_w('tag')}")
        if tag is not None:
            found[tag.get(_w("val"))] = sdt
    return found


def _run(text: str, template_run=None):
    from docx.oxml.parser import OxmlElement

    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(t)
    return run


def fill(sdt, value) -> None:
    """Set a control's content the way Word does when the recipient types or chooses: the placeholder
    flag goes, the grey placeholder run is replaced by the text (a paragraph per line in a text area)."""
    props, content = sdt.find(_w("sdtPr")), sdt.find(_w("sdtContent"))
    flag = props.find(_w("showingPlcHdr"))
    if flag is not None:
        props.remove(flag)
    date = props.find(_w("date"))
    if date is not None:
        date.set(_w("fullDate"), f"{value}T00:00:00Z")
    paragraphs = content.findall(_w("p"))
    if paragraphs:  # a text area: a paragraph per line, in the first paragraph's style
        first = paragraphs[0]
        for p in paragraphs:
            content.remove(p)
        for line in value:
            p = copy.deepcopy(first)
            for r in p.findall(_w("r")):
                p.remove(r)
            if line:
                p.append(_run(line))
            content.append(p)
    else:
        for r in content.findall(_w("r")):
            content.remove(r)
        content.append(_run(value))


def fill_form(data: bytes, values: dict, remove: tuple[str, ...] = ()) -> bytes:
    """The form with `values` filled in and the controls tagged `remove` deleted, saved by python-docx."""
    import docx

    document = docx.Document(io.BytesIO(data))
    found = controls(document)
    for tag, value in values.items():
        fill(found[tag], value)
    for tag in remove:
        found[tag].getparent().remove(found[tag])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
