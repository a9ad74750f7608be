"""`avtal remiss import ROUND FILE.docx [--replace]`: a filled response form back into
remiss/<round>/svar/<recipient>.yaml. The answer is written only when `avtal check` would accept it
(it is loaded and checked as if it were already there), and never over an answer without --replace.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..exits import EXIT_FINDINGS, EXIT_OK, UsageError
from ..source.layout import REMISS_FOLDER
from ..source.rounds import ANSWERS_FOLDER
from ..text import count
from .commands import MAX_FORM_BYTES, checked_round, rounds_of


def run_import(root: Path, round_id: str, file: str, replace: bool) -> int:
    from ..codes import finding
    from ..rules.formats import render_text
    from ..source.files import MAX_BYTES
    from .answers import answer_yaml, checked_answer, keep_assessments
    from .formread import read_form

    path = Path(file)
    if not path.is_file():
        raise UsageError(f"filen {file} finns inte")
    if path.stat().st_size > MAX_FORM_BYTES:
        raise UsageError(f"{file} är {path.stat().st_size // 1024 // 1024} MiB; en svarsmall är mycket mindre")
    checked = checked_round(root, round_id, "Inget svar lästes in.")
    if checked is None:
        return EXIT_FINDINGS
    corpus, source = checked
    view = rounds_of(root, corpus).view(source)
    reading = read_form(path.read_bytes(), file, view)
    if reading.findings:
        sys.stdout.write(render_text(reading.findings + reading.unplaced))
        print(f"{len(reading.findings)} fel i svarsmallen. Inget skrevs.", file=sys.stderr)
        return EXIT_FINDINGS
    key = reading.recipient
    target = root / REMISS_FOLDER / round_id / ANSWERS_FOLDER / f"{key}.yaml"
    rel = target.relative_to(root).as_posix()
    lost: list[str] = []
    elsewhere = view.answers.get(key)
    if elsewhere is not None and elsewhere.path != rel:  # the answer is there, in a file of another name
        sys.stdout.write(render_text([finding("AV834", elsewhere.path, 1, 1,
                                              f"Svaret från {view.recipients[key]} finns redan i {elsewhere.path}; "
                                              f"byt namn på filen till svar/{key}.yaml, och läs sedan in svarsmallen "
                                              "med --replace")]))
        print("Inget skrevs.", file=sys.stderr)
        return EXIT_FINDINGS
    if target.exists():
        if not replace:
            sys.stdout.write(render_text([finding("AV834", rel, 1, 1, f"Svaret från {view.recipients[key]} finns redan; "
                                                                      "ange --replace för att ersätta det")]))
            print("Inget skrevs.", file=sys.stderr)
            return EXIT_FINDINGS
        old = next((a for a in source.answers if a.path == rel), None)
        lost = keep_assessments(reading.answer, old.parsed.value if old else None)
    header = (f"Svar från {view.recipients[key]} på remiss {round_id}, inläst från {path.name} "
              "med avtal remiss import.")
    text = answer_yaml(reading.answer, header)
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:  # the check's own limit (AV006): an answer written must be one `avtal check` reads
        sys.stdout.write(render_text([finding("AV837", rel, 1, 1, f"Svaret blir {size / 1024 / 1024:.1f} MiB som YAML; "
                                                                  f"gränsen är {MAX_BYTES // 1024 // 1024} MiB")]))
        print("Inget skrevs.", file=sys.stderr)
        return EXIT_FINDINGS
    refused = _refused_by_check(root, rel, text)
    if refused:
        sys.stdout.write(render_text(refused))
        print(f"{count(len(refused), 'fel', 'fel')} i svaret som skulle ha skrivits till {rel}. Inget skrevs.",
              file=sys.stderr)
        return EXIT_FINDINGS
    answer, problems = checked_answer(text, {"vocabulary": corpus.vocabulary}, rel)
    if answer is None:
        raise RuntimeError(f"svaret gick inte att skriva som giltig YAML: {'; '.join(problems)}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    sys.stdout.write(render_text(reading.unplaced))
    for name in lost:
        print(f"avtal: varning: bedömningen av {name} togs bort, eftersom det nya svaret saknar den synpunkten; "
              "den finns kvar i git-historiken", file=sys.stderr)
    how = " ur svarsmallens layout (fälten saknades, till exempel efter LibreOffice)" if reading.by_layout else ""
    print(f"Läste in svaret från {view.recipients[key]}{how} till {rel} "
          f"({count(len(answer.questions), 'fråga', 'frågor')}, "
          f"{count(len(answer.sections), 'synpunkt', 'synpunkter')} på avsnitt).")
    _report_new_findings(root, rel)
    return EXIT_OK


def _refused_by_check(root: Path, rel: str, text: str) -> list:
    """The errors `avtal check` would report in the answer about to be written to `rel`: it is
    loaded and checked as if it were already there, with the same reader, limits and rules."""
    from ..findings import Severity
    from ..rules.check import check_corpus
    from ..source.load import load_corpus

    corpus = load_corpus(root, pending={rel: text.encode("utf-8")})
    return [f for f in check_corpus(corpus) if f.path == rel and f.severity is Severity.ERROR]


def _report_new_findings(root: Path, rel: str) -> None:
    """What `avtal check` says about the answer just written (a late answer, for one)."""
    from ..rules.check import check
    from ..rules.formats import render_text

    _, findings = check(root)
    sys.stdout.write(render_text([f for f in findings if f.path == rel]))
