"""Hypothesis strategies for whole repositories: front matter, Markdown bodies in the avtal syntax,
data files of every kind, and images.

Each repository is drawn either careful or careless. A careful one is valid (so that the
renderers get it) but as odd as valid text can be: typographic quotes, hard spaces, emoji,
Markdown and YAML characters in every free text, empty bodies, odd headings and tables. A
careless one has the faults editors make: text pasted from Word into names, control
characters, dates out of range, broken YAML, links and images that lead nowhere.
"""

from __future__ import annotations

import datetime as dt
import sys
from functools import cache
from pathlib import Path

import yaml
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the fixtures' helpers

from conftest import REPO_ROOT  # noqa: E402
from sample_images import exif_jpeg, gif, jpeg, png  # noqa: E402

_VOCABULARY = {name: yaml.safe_load((REPO_ROOT / "schema" / f"{file}.yaml").read_text("utf-8"))
               for name, file in (("parties", "parter"), ("roles", "roller"), ("types", "dokumenttyper"),
                                  ("bodies", "organ"))}
PARTIES = [p["name"] for p in _VOCABULARY["parties"]["parties"]]
KIND_OF_PARTY = {p["name"]: p["kind"] for p in _VOCABULARY["parties"]["parties"]}
ROLES = [r["name"] for r in _VOCABULARY["roles"]["roles"]]
TYPES = {t["name"]: t for t in _VOCABULARY["types"]["types"]}
BODIES = _VOCABULARY["bodies"]["bodies"]
PLAN_TYPES = ["implementeringsplan", "kommunikationsplan", "risk- och konsekvensanalys", "slutrapport"]

# Characters editors paste: hard and zero-width spaces, soft hyphens, typographic quotes and
# dashes (fine in free text); and Word's line and page breaks, C1 quotes from a wrong decoding
# and the rest (errors anywhere).
PASTED = "\u00a0\u202f\u200b\u00ad\u2013\u2014\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb\u2026\ufeff"
CONTROL = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x94\u2028\ufffe"
MARKUP = "*_`[]()#!<>{}|:-+=~^\\&;\"'/%@$"
LETTERS = "abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ABCDEFGHIJ0123456789 .,é€§😀"
ODD_VALUES = ["\u201dTrygg hemma\u201d", "Plan: del 1", "- punkt", "# rubrik", "'citat'", "a: b", "x\u00a0y",
              "&amp; &#0; &#x110000;", "null", "~", "true", "0123", "1.10", "*fet*", "`kod`",
              "\\", "---", "...", "!!python/object", "&ankare", "*alias", "%direktiv", "@at", "| block", "> fold"]


# Braces as writers and tools leave them: a template's placeholders, an attribute list (valid or
# not), a lone brace; after a paragraph, in a block quote, at the end of a heading or a cell.
BRACES = ["{{", "{{}", "}}", "{{ namn }}", "{%", "{% if x %}", "{x}", "{ x }", "{}", "{ }", "{: .klass}", "{#id}",
          "{.a}", "{.a onclick}", "{#a b}", "{'}", '{"}', "{=}", "{x=1}", "{:}", "{#}", "{.}"]
# Numbers writers put before a heading's text (AV310), and words that only look like one.
HAND_NUMBERS = ["", "", "", "", "3. ", "3.1 ", "3) ", "§ 3 ", "3 § ", "A. ", "b) ", "IV. ", "iv) ", "XII ",
                "Kapitel 2 ", "Kap. 3. ", "Avsnitt 4: ", "Del II ", "I ", "Vi ", "MC ", "15 ", "E-"]


def _non_blank(strategy):
    return strategy.filter(lambda s: s.strip())


@cache
def texts(careful: bool, one_line: bool = False):
    """Free text: in a careful repository every character a reader can see, in a careless one anything."""
    # "<" and a letter is raw HTML and "{" may start an attribute list, which the check refuses
    alphabet = LETTERS + PASTED + (MARKUP.replace("<", "").replace("{", "") if careful else MARKUP + CONTROL)
    options = [_non_blank(st.text(alphabet=LETTERS, min_size=1, max_size=30)),
               _non_blank(st.text(alphabet=alphabet, min_size=1, max_size=40)), st.sampled_from(ODD_VALUES)]
    strategy = st.one_of(*options)
    if one_line or careful:
        strategy = strategy.map(lambda s: s.replace("\n", " ")).filter(lambda s: s.strip())
    return strategy


_WRONG = st.one_of(texts(False), st.integers(-3, 10**6), st.none(), st.lists(st.just("x"), max_size=2), st.dates(),
                   st.booleans())


def _maybe(careful: bool, right):
    """The right value; in a careless repository, now and then anything at all."""
    return right if careful else st.one_of(right, right, right, right, right, right, right, right, right, _WRONG)


def _name(careful: bool, names: list[str]):
    return _name_of(careful, tuple(names))


@cache
def _name_of(careful: bool, names: tuple[str, ...]):
    """A name from a vocabulary; in a careless repository sometimes with a character pasted into it."""
    names = list(names)
    if careful:
        return st.sampled_from(names)
    pasted = st.builds(lambda name, char, at: name[:at % (len(name) + 1)] + char + name[at % (len(name) + 1):],
                       st.sampled_from(names), st.sampled_from(PASTED + CONTROL + " "), st.integers(0, 40))
    return st.one_of(*([st.sampled_from(names)] * 8), pasted)


@cache
def _dates(careful: bool, first=dt.date(2024, 1, 1), last=dt.date(2030, 12, 31)):
    if careful:
        return st.one_of(st.dates(first, last), st.sampled_from([dt.date(2000, 1, 1), dt.date(2100, 12, 31)]))
    return st.one_of(st.dates(first, last), st.dates(first, last), st.dates(),
                     st.sampled_from(["2026-02-30", "2026-13-01", "26-11-22", "2026\u201011\u201022", "2026-11-22 10:00"]))


# -- Front matter ----------------------------------------------------------------------


@st.composite
def front_matter(draw, careful: bool, doc_id: str, type_name: str, annex_of: str | None, annex_number: int | None,
                 others: tuple[str, ...]) -> dict:
    statuses = ["utkast", "remiss", "upphävd"] if careful else ["utkast", "remiss", "beslutad", "upphävd"]
    parties = draw(st.one_of(st.just("alla"), st.lists(_name(careful, PARTIES), min_size=1, max_size=4,
                                                       unique=careful)))
    meta = {
        "id": draw(_maybe(careful, st.just(doc_id))),
        "title": draw(_maybe(careful, texts(careful, one_line=True))),
        "type": draw(_maybe(careful, st.just(type_name))),
        "version": draw(_maybe(careful, st.sampled_from(["0.1", "0.12", "1.0", "1.10", "2.3"]))),
        "status": draw(_name(careful, statuses)),
        "date": draw(_maybe(careful, _dates(careful))),
        "applies_to": draw(_maybe(careful, texts(careful, one_line=True))),
        "owner": draw(_maybe(careful, _name(careful, ROLES))),
        "parties": parties,
    }
    party_list = PARTIES if not isinstance(parties, list) else [p for p in parties if p in KIND_OF_PARTY]
    if party_list and draw(st.booleans()):
        meta["registrations"] = draw(st.dictionaries(st.sampled_from(party_list), texts(careful, one_line=True),
                                                     max_size=3))
    if party_list and draw(st.integers(0, 4)) == 0:
        meta["decisions"] = {p: draw(_decision(careful, p)) for p in draw(st.lists(st.sampled_from(party_list),
                                                                                      max_size=3, unique=True))}
    if draw(st.integers(0, 3)) == 0:
        start = draw(_dates(True))
        meta["valid_from"] = draw(_maybe(careful, st.just(start)))
        meta["valid_until"] = min(start + dt.timedelta(days=draw(st.integers(0 if careful else -5, 3000))),
                                  dt.date(2100, 12, 31))
    for key in ("supersedes", "related"):
        if draw(st.integers(0, 3)) == 0:
            choices = [o for o in others if o != doc_id] + ([] if careful else ["finns-inte", doc_id])
            if choices:
                meta[key] = draw(st.lists(st.sampled_from(choices), max_size=2, unique=True))
    if draw(st.booleans()):
        meta["change_note"] = draw(texts(careful, one_line=True))
    if annex_of:
        meta["annex_of"], meta["annex_number"] = annex_of, draw(_maybe(careful, st.just(annex_number)))
    if not careful and draw(st.integers(0, 15)) == 0:
        meta[draw(st.sampled_from(["titel", "title\u00a0", "Status", "x" * 50]))] = draw(texts(False))
    return meta


@st.composite
def _decision(draw, careful: bool, party: str):
    meeting = draw(st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31)))
    return {"body": draw(_name(careful, BODIES[KIND_OF_PARTY[party]])), "meeting_date": meeting,
            "paragraph": draw(_maybe(careful, st.integers(1, 10**30))),
            "minutes_approved": meeting + dt.timedelta(days=draw(st.integers(0 if careful else -2, 30)))}


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # the strict YAML refuses anchors and aliases
        return True


def _plain_values(value, quoted: bool):
    """Dates as text, and numbers and booleans too when every value is quoted: PyYAML would
    write them with a tag (!!timestamp, !!int), which the strict YAML refuses."""
    if isinstance(value, dict):
        return {key: _plain_values(item, quoted) for key, item in value.items() if item is not None or not quoted}
    if isinstance(value, list):
        return [_plain_values(item, quoted) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if quoted and isinstance(value, (bool, int)):
        return str(value).lower()
    return value


@st.composite
def yaml_text(draw, careful: bool, value: dict) -> str:
    """YAML for `value`: block or flow style, plain, quoted or escaped; in a careless repository
    now and then with a character typed into it, or its indentation broken."""
    style = draw(st.sampled_from([None, None, None, '"', "'"]))
    try:
        text = yaml.dump(_plain_values(value, style is not None), Dumper=_Dumper, sort_keys=False,
                              default_flow_style=draw(st.sampled_from([False, False, None])), default_style=style,
                              allow_unicode=draw(st.booleans()), width=draw(st.sampled_from([30, 80, 10**6])))
    except yaml.YAMLError:  # a string PyYAML cannot write
        text = "x: 1\n"
    if not careful and draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(list(PASTED + CONTROL + "\t:#&*!|>'\"-{}[]%@`"))) + text[at:]
    if not careful and draw(st.integers(0, 20)) == 0:
        text = text.replace("\n", "\n" + draw(st.sampled_from(["  ", "\t", "- ", "---\n", "..."])), 1)
    return text


# -- Markdown --------------------------------------------------------------------------


@st.composite
def inline(draw, ctx: dict) -> str:
    careful, parts = ctx["careful"], []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.integers(0, 14))
        text = draw(texts(careful, one_line=True))
        if kind <= 3:
            parts.append(text)
        elif kind == 4:
            parts.append(f"**{text}**" if draw(st.booleans()) else f"*{text}*")
        elif kind == 5:
            parts.append(f"`{text}`")
        elif kind == 6 and (ctx["terms"] or not careful):
            parts.append(f"[[{draw(st.sampled_from(ctx['terms'] + ([] if careful else ['okänt', 'vård begäran'])))}]]")
        elif kind == 7:
            bad = ["javascript:alert(1)", "/etc/passwd", "saknas.md", "#saknas", "../agreement/avtal.md#saknas",
                   "a%00.md", "a%00.png", "%2e%2e/x.gif", "../" * 5 + "etc/passwd", "bild.png#x"]
            target = draw(st.sampled_from(ctx["links"] + ([] if careful else bad)))
            parts.append(f"[{text}]({target})")
        elif kind == 8 and (ctx["images"] or not careful):
            bad = ["saknas.png", "https://example.org/a.png", "//host/etc/passwd", "../../etc/passwd", "trasig.png",
                   "data:image/png;base64,iVBO", "plan.md", "a%00.png", "%2e%2e/%2e%2e/x.png", "x" * 300 + ".png",
                   "bilder/", ".", "file:///etc/passwd"]
            target = draw(st.sampled_from(ctx["images"] + ([] if careful else bad)))
            title = draw(st.sampled_from(["", ' "Titel"', " (titel)"]))
            parts.append(f"![{text}]({target}{title})")
        elif kind == 9:
            number = draw(st.integers(1, 3))
            parts.append(f"[^{number}]")
            ctx["footnotes"].add(number)
        elif kind == 10 and (ctx["annexes"] or not careful):
            count = max(ctx["annexes"], 1)
            parts.append(draw(st.sampled_from([f"bilaga {count}.", f"bilagorna 1–{count}.", f"Bilaga {count}."]
                                              + ([] if careful else ["bilaga 9", "bilagorna 1–300"]))))
        elif kind == 12:  # template-like braces: the text of a template tool, or an attribute list
            parts.append(draw(st.sampled_from(BRACES)))
        elif kind == 11:
            parts.append(draw(st.sampled_from(["&nbsp;", "&#8211;", "\\*", "\\[", "<https://example.org>",
                                               "2 < 3 > 1", "a_b_c", "***", "[]()", "[x]"]
                                              + ([] if careful else ["<br>", "<b>x</b>", "<!-- c -->", "{: onclick=x}"]))))
        else:
            parts.append(text)
    return " ".join(parts)


@st.composite
def block(draw, ctx: dict) -> str:
    careful = ctx["careful"]
    kind = draw(st.integers(0, 16))
    line = draw(inline(ctx))
    if kind <= 3:
        return line
    if kind == 4:
        items = draw(st.lists(inline(ctx), min_size=1, max_size=4))
        marker = draw(st.sampled_from(["- ", "* ", "1. ", "3. "]))
        nested = f"\n    {draw(st.sampled_from(['- ', '1. ']))}{draw(inline(ctx))}" if draw(st.booleans()) else ""
        return "\n".join(marker + item for item in items) + nested
    if kind == 5:
        columns = draw(st.integers(1, 3))
        rows = [[draw(inline(ctx)).replace("|", "\\|") for _ in range(columns)] for _ in range(draw(st.integers(1, 3)))]
        return ("| " + " | ".join(f"K{i}" for i in range(columns)) + " |\n|" + "---|" * columns + "\n"
                + "\n".join("| " + " | ".join(row) + " |" for row in rows))
    if kind == 6:
        title = draw(st.sampled_from(['"Öppen fråga: Vem ansvarar?"', '"Öppen fråga"', "", '"Fråga: \\"x\\""']))
        # A stable id after the title: valid and unique, or (careless) invalid or perhaps taken.
        ids = [""] + ([f" {{#fraga-{draw(st.integers(0, 10**9))}}}"] if careful else [" {#fraga}", " {#Fråga}", " {#}"])
        title += draw(st.sampled_from(ids))
        return f"!!! {draw(st.sampled_from(['question', 'note', 'warning']))} {title}\n    {line}"
    if kind == 7:
        return f"```{draw(st.sampled_from(['', 'yaml', 'text']))}\n{draw(texts(careful))}\n```"
    if kind == 8:  # a block quote, perhaps with a second line that is only braces, a list or a heading
        second = draw(st.sampled_from(["", *BRACES, "- punkt", "## Rubrik", "> djupare"]))
        return "> " + line + (f"\n> {second}" if second else "")
    if kind == 9:
        return f"Term {draw(st.integers(1, 9))}\n:   {line}"
    if kind == 10:
        return draw(st.sampled_from(["---", "***", "    indraget", "\t tabb", "1\\. inte en lista"]))
    if kind <= 12:
        ctx["headings"] += 1
        anchor = draw(st.sampled_from(["", f" {{#avsnitt-{ctx['headings']}}}", " {.klass}"]
                                      + ([] if careful else [" {#x onclick=y}", " {#syfte}"])))
        number = draw(st.sampled_from(HAND_NUMBERS))
        return "#" * draw(st.integers(2, 6)) + " " + number + line + anchor
    if kind == 13 and (ctx["data"] or not careful):
        label = draw(texts(True, one_line=True)).replace("]", "")
        return f"[{label}]({draw(st.sampled_from(ctx['data'] or ['saknas.yaml']))})"
    if kind == 14:
        return f"{line}\n{draw(st.sampled_from(['===', '---', *BRACES]))}"
    if kind == 15 and ctx["images"]:
        return f"![Bild][ref]\n\n[ref]: {draw(st.sampled_from(ctx['images']))}"
    return line if careful else draw(st.sampled_from(["<div>x</div>", "[ref]: saknas.png", line]))


@st.composite
def body(draw, ctx: dict, required: str) -> str:
    ctx["footnotes"] = set()
    blocks = draw(st.lists(block(ctx), max_size=6))
    if ctx["footnotes"]:
        blocks.append("\n".join(f"[^{n}]: {draw(inline(ctx))}" for n in sorted(ctx["footnotes"])))
        blocks.append("\n".join(f"[^{n}]: fotnot {n}" for n in sorted(ctx["footnotes"])))
    return required + "\n\n" + "\n\n".join(blocks) + draw(st.sampled_from(["\n", "", "\n\n\n"]))


# -- Data ------------------------------------------------------------------------------


@st.composite
def data_file(draw, careful: bool, kind: str, sections: list[str]) -> dict:
    count = 3 if kind == "glossary" and careful else draw(st.integers(1, 3))  # the bodies use all three terms
    ids = [f"{kind[0].upper()}{n}" for n in range(1, count + 1)]
    if not careful:
        ids = [draw(st.sampled_from([i, "R1", "x y", "Å1", "R\u00a01"])) for i in ids]
    refs = st.lists(st.sampled_from(sections + ([] if careful else ["plan#saknas", "finns-inte#x", "Ogiltig"])),
                    max_size=2, unique=True) if sections or not careful else st.just([])
    text = texts(careful)
    responsible = _name(careful, ROLES + PARTIES[:3])
    if kind == "glossary":
        terms = [("vardbegaran", "vårdbegäran", ["vårdbegärans"]), ("hemsjukvard", "hemsjukvård", ["hemsjukvården"]),
                 ("samverkan", "samverkan", [])][:count]
        return {"kind": kind, "document": "plan", "terms": [
            {"id": draw(_maybe(careful, st.just(i))), "term": draw(_maybe(careful, _name(careful, [t]))),
             "forms": forms, "definition": draw(_maybe(careful, text)),
             **({"note": draw(text)} if draw(st.booleans()) else {})} for i, t, forms in terms]}
    if kind == "responsibilities":
        items = [{"id": i, "activity": draw(_maybe(careful, text)),
                  "responsible": draw(_maybe(careful, st.sampled_from(["kommun", "region", "gemensamt"]))),
                  "area": draw(st.one_of(st.none(), texts(careful, one_line=True))), "sections": draw(refs)} for i in ids]
    elif kind == "risks":
        score = _maybe(careful, st.integers(1, 5))
        items = [{"id": i, "risk": draw(_maybe(careful, text)), "probability": draw(score), "consequence": draw(score),
                  "measures": draw(st.lists(text, min_size=1, max_size=2)), "owner": draw(responsible),
                  "status": draw(_maybe(careful, st.sampled_from(["öppen", "hanteras", "accepterad", "stängd"]))),
                  "affects": draw(st.lists(st.sampled_from(["patienter", "ekonomi", "medarbetare"]), max_size=2,
                                           unique=True)),
                  "sections": draw(refs)} for i in ids]
    elif kind == "milestones":
        start = draw(_dates(True, dt.date(2020, 1, 1), dt.date(2085, 1, 1)))
        end = start + dt.timedelta(days=draw(st.integers(0 if careful else -10, 3600 if careful else 40000)))
        end = min(end, dt.date(2100, 12, 31)) if careful else end
        within = st.dates(start, end) if careful and start <= end else _dates(careful)
        quarter = st.builds(lambda d: f"{d.year}-Q{(d.month - 1) // 3 + 1}",
                            st.dates(start, end) if start <= end else st.dates())
        if careful:  # a quarter lies within the period only when the period spans it whole
            whole = [q for q in _quarters_between(start, end) if _quarter_start(q) >= start and _quarter_end(q) <= end]
            quarter = st.sampled_from(whole) if whole else within
        items = [{"id": i, "when": draw(st.one_of(within, quarter) if careful else st.one_of(within, quarter, st.text())),
                  "deliverable": draw(_maybe(careful, text)), "responsible": draw(responsible),
                  "done": draw(_maybe(careful, st.booleans())), "evidence": draw(st.one_of(st.none(), text)),
                  "sections": draw(refs)} for i in ids]
        return {"kind": kind, "document": "plan", "period": {"start": start, "end": end}, "items": items}
    elif kind == "communication":
        group = _non_blank(st.text(alphabet=LETTERS, min_size=1, max_size=20)) if careful else texts(False, True)
        groups = draw(st.lists(group, min_size=1, max_size=3, unique=True))
        items = [{"id": i, "target_group": draw(st.sampled_from(groups + ([] if careful else ["okänd"]))),
                  "message": draw(_maybe(careful, text)), "channel": draw(_maybe(careful, text)),
                  "when": draw(st.one_of(_dates(careful), st.builds(lambda y, q: f"{y}-Q{q}", st.integers(2024, 2030),
                                                                    st.integers(1, 4)))),
                  "responsible": draw(responsible), "sections": draw(refs)} for i in ids]
        return {"kind": kind, "document": "plan", "target_groups": groups, "items": items}
    else:
        items = []
        for i in ids:
            answer = draw(st.sampled_from(["ja", "nej", None]))
            handling = draw(text) if answer == "nej" and careful else draw(st.one_of(st.none(), text))
            items.append({"id": i, "item": draw(_maybe(careful, text)), "answer": answer, "handling": handling})
        return {"kind": kind, "document": "plan", "title": draw(_maybe(careful, texts(careful, one_line=True))),
                "items": items}
    return {"kind": kind, "document": "plan", "items": items}


def _quarters_between(start: dt.date, end: dt.date) -> list[str]:
    return sorted({f"{year}-Q{q}" for year in range(start.year, end.year + 1) for q in range(1, 5)})


def _quarter_start(quarter: str) -> dt.date:
    return dt.date(int(quarter[:4]), 3 * int(quarter[-1]) - 2, 1)


def _quarter_end(quarter: str) -> dt.date:
    year, number = int(quarter[:4]), int(quarter[-1])
    return (dt.date(year + 1, 1, 1) if number == 4 else dt.date(year, 3 * number + 1, 1)) - dt.timedelta(days=1)


IMAGES = {"plans/bild.png": png(3, 2), "plans/bilder/tid plan.png": png(40, 20, dpi=96), "plans/foto.jpg": exif_jpeg(),
          "plans/symbol.gif": gif(), "agreement/logo.jpg": jpeg()}
IMAGE_REFERENCES = ["bild.png", "bilder/tid%20plan.png", "foto.jpg", "symbol.gif", "../agreement/logo.jpg"]


# -- A whole repository ----------------------------------------------------------------

CAREFUL: bool | None = None  # None: either; a diagnosis may fix it


def _required(type_name: str) -> tuple[str, list[str]]:
    spec = TYPES.get(type_name, {"required_sections": []})
    sections = spec["required_sections"]
    return "".join(f"\n## {s['heading']} {{#{s['id']}}}\n\nText.\n" for s in sections), [s["id"] for s in sections]


@st.composite
def repositories(draw) -> dict[str, str | bytes]:
    """{path: content}: an agreement, its annexes, a plan, the plan's data files and images."""
    careful = draw(st.booleans()) if CAREFUL is None else CAREFUL
    files: dict[str, str | bytes] = {}
    kinds = draw(st.lists(st.sampled_from(["glossary", "responsibilities", "risks", "milestones", "communication",
                                           "checklist"]), max_size=3, unique=True))
    annexes = draw(st.integers(0, 2))
    plan_type = draw(st.sampled_from(PLAN_TYPES))
    plan_required, plan_sections = _required(plan_type)
    documents = [("agreement/avtal.md", "avtal", "överenskommelse", None, None)]
    documents += [(f"annexes/bilaga-{n}.md", f"bilaga-{n}", "bilaga", "avtal", n) for n in range(1, annexes + 1)]
    documents += [("plans/plan.md", "plan", plan_type, None, None)]
    ids = tuple(doc_id for _, doc_id, *_ in documents)
    images = [path for path in IMAGES if draw(st.integers(0, 3))]
    files.update({path: IMAGES[path] for path in images})
    for path, doc_id, type_name, annex_of, number in documents:
        required, sections = _required(type_name)
        folder = path.split("/")[0]
        ctx = {"careful": careful, "annexes": annexes, "headings": 0,
               "terms": ["vårdbegäran", "vårdbegärans", "hemsjukvård"] if "glossary" in kinds else [],
               "links": ["https://example.org/a?b=1#c", "mailto:a@example.org", "tel:+4623",
                         *(f"#{s}" for s in sections), "../agreement/avtal.md", "../plans/plan.md#" + plan_sections[0]],
               "images": [ref for ref, p in zip(IMAGE_REFERENCES, IMAGES, strict=True) if p in images]
               if folder == "plans" else (["logo.jpg"] if "agreement/logo.jpg" in images and folder == "agreement" else []),
               "data": [f"{kind}.yaml" for kind in kinds] if folder == "plans" else []}
        meta = draw(front_matter(careful, doc_id, type_name, annex_of, number, ids))
        text = draw(body(ctx, required))
        if path == "plans/plan.md":
            text += "".join(f"\n[{kind.capitalize()}]({kind}.yaml)\n" for kind in kinds)
        files[path] = "---\n" + draw(yaml_text(careful, meta)) + "---\n" + text
    for kind in kinds:
        refs = [f"plan#{s}" for s in plan_sections]
        files[f"plans/{kind}.yaml"] = draw(yaml_text(careful, draw(data_file(careful, kind, refs))))
    if not careful and draw(st.integers(0, 5)) == 0:  # a raw character anywhere in one file, or a broken image
        path = draw(st.sampled_from(sorted(p for p, c in files.items() if isinstance(c, str))))
        at = draw(st.integers(0, len(files[path])))
        files[path] = files[path][:at] + draw(st.sampled_from(list(CONTROL + PASTED))) + files[path][at:]
        files["plans/trasig.png"] = b"\x89PNG\r\n\x1a\ninte en bild"
    return files
