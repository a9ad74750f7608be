"""`avtal remiss new | form | import | package | compile`: everything is checked before anything is written.

    new ROUND --deadline D [--documents ID…] [--sent D] [--title T]
                      remiss/<round>/remiss.yaml, valid from the start: the documents with status remiss
                      at their current versions, all parties of schema/parter.yaml, one question per document
    form ROUND --recipient R [-o FILE]        the response form (svarsmall) for one recipient
    import ROUND FILE.docx [--replace]        a filled form back into remiss/<round>/svar/<recipient>.yaml
                                              (importing.py)
    package ROUND [--out DIR]                 per recipient: letter, documents, form, and a zip
    compile ROUND [-o FILE]                   the remissammanställning as a Word file

A round whose remiss.yaml has errors stops every command but `new` (exit 1, with the findings);
`compile` also needs every answer to be valid. What is not there (a round, a recipient) is a usage
error (exit 2). Nothing is written into the repository's source folders except by `new` and
`import`, and `import` never overwrites an answer without --replace.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from ..exits import EXIT_FINDINGS, EXIT_OK, UsageError
from ..hints import suggestion
from ..source.layout import CONTENT_FOLDERS, REMISS_FOLDER, SCHEMA_FOLDER
from ..source.models.remiss import ROUND_ID_PATTERN
from ..source.rounds import ROUND_FILE
from ..text import count

DEFAULT_SENDER, DEFAULT_CONTACT = "Styrgruppen", "Omställningsledare"
MAX_FORM_BYTES = 20 * 1024 * 1024


def parse_date(value: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f'"{value}" är inget datum; skriv det ÅÅÅÅ-MM-DD, till exempel 2027-05-31') from None


def output_path(root: Path, given: str | None, default: str, suffix: str | None) -> Path:
    """Where to write an output: never into the repository's sources."""
    target = Path(given).resolve() if given else Path.cwd() / default
    sources = [root / folder for folder in (*CONTENT_FOLDERS, SCHEMA_FOLDER, REMISS_FOLDER)]
    if (suffix and target.suffix != suffix) or any(target == s or target.is_relative_to(s) for s in sources) \
            or target == root:
        kind = f"ingen {suffix}-fil" if suffix else "ingen mapp"
        raise UsageError(f"{target} är {kind} utanför arkivets källor (agreement/, annexes/, plans/, schema/, "
                         "remiss/); välj ett annat namn")
    return target


# -- Loading and checking -----------------------------------------------------------------------


def _print_errors(findings, what: str) -> None:
    from ..rules.formats import report_stop

    report_stop(findings, what)


def _source(corpus, round_id: str):
    source = next((r for r in corpus.rounds if r.id == round_id), None)
    if source is None:
        known = [r.id for r in corpus.rounds]
        listed = f"; omgångarna är {', '.join(known)}" if known else "; arkivet har ingen remissomgång ännu"
        raise UsageError(f'remissomgången "{round_id}" finns inte{suggestion(round_id, known)}{listed} '
                         f"(skapa den med avtal remiss new {round_id} --deadline ÅÅÅÅ-MM-DD)")
    return source


def checked_round(root: Path, round_id: str, what: str, answers_too: bool = False):
    """The corpus, the round and what the stage knows of it; None when the round has errors (printed)."""
    from ..findings import has_errors
    from ..rules.check import check_corpus
    from ..source.load import load_corpus

    corpus = load_corpus(root)
    if corpus.vocabulary is None:
        raise UsageError("vokabulärerna i schema/ kan inte läsas; kör avtal check")
    source = _source(corpus, round_id)
    paths = {source.path} | ({a.path for a in source.answers} if answers_too else set())
    findings = [f for f in check_corpus(corpus) if f.path in paths]
    if has_errors(findings) or source.round is None:
        _print_errors(findings, what)
        return None
    return corpus, source


def rounds_of(root: Path, corpus):
    from ..history.changelog import changelog_if_any
    from ..history.provenance import pin_source_date
    from .outputs import Rounds

    changelog = changelog_if_any(root, quiet=True)
    pin_source_date(root)
    return Rounds(root, corpus, changelog)


def _recipient(view, given: str) -> str:
    key = view.recipient(given)
    if key is None:
        names = list(view.recipients.values())
        raise UsageError(f'"{given}" är ingen remissinstans i omgången {view.id}{suggestion(given, names)}; '
                         f"remissinstanserna är {', '.join(names)}")
    return key


# -- new ----------------------------------------------------------------------------------------


def _in_sentence(title: str) -> str:
    """A title inside a sentence: "Överenskommelse om …" -> "överenskommelse om …" (not an acronym)."""
    return title[:1].lower() + title[1:] if title[:1].isupper() and not title[1:2].isupper() else title


def _yaml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def round_template(round_id: str, title: str, sender: str, contact: str, sent: dt.date, deadline: dt.date,
                   documents: list, parties: list[str]) -> str:
    lines = [f"# Remissomgång {round_id}. Fälten beskrivs i handboken (Remissomgången) och i schema/remiss.schema.json.",
             f"title: {_yaml(title)}",
             "# diarienummer: \"…\"        # remissens diarienummer hos avsändaren, när den är registrerad",
             f"sender: {_yaml(sender)}",
             f"contact: {_yaml(contact)}",
             "# reply_to: \"…\"            # adressen som svaren skickas till, till exempel registratorns",
             f"sent: {sent.isoformat()}",
             f"deadline: {deadline.isoformat()}",
             "# compiled: ÅÅÅÅ-MM-DD      # när sammanställningen är klar och varje synpunkt har en bedömning",
             "documents:"]
    for doc in documents:
        lines += [f"  - id: {doc.meta.id}", f"    version: {_yaml(doc.meta.version)}"]
    lines.append("recipients:")
    lines += [f"  - {_yaml(name)}" for name in parties]
    lines += ["# Andra remissinstanser än parterna, till exempel patient- och anhörigorganisationer:",
              "# other_recipients:",
              "#   - id: …                 # små bokstäver a–z, siffror och bindestreck; svaret heter svar/<id>.yaml",
              "#     name: …",
              "questions:"]
    for number, doc in enumerate(documents, 1):
        lines += [f"  - id: f{number}",
                  f"    question: {_yaml(f'Tillstyrker ni förslaget till {_in_sentence(doc.meta.title)}?')}",
                  f"    document: {doc.meta.id}"]
    return "\n".join(lines) + "\n"


def run_new(root: Path, round_id: str, deadline: str, documents: list[str] | None, sent: str | None,
            title: str | None) -> int:
    from ..source.load import load_corpus

    if not re.match(ROUND_ID_PATTERN, round_id):
        raise UsageError(f'"{round_id}" är inget giltigt id för en remissomgång: använd små bokstäver a–z, siffror och '
                         'bindestreck, till exempel 2027-1')
    deadline_day = parse_date(deadline)
    sent_day = parse_date(sent) if sent else dt.date.today()
    if deadline_day < sent_day:
        raise UsageError(f"sista dag för svar ({deadline_day}) ligger före utskicket ({sent_day}); ange --sent")
    corpus = load_corpus(root)
    vocab = corpus.vocabulary
    if vocab is None:
        raise UsageError("vokabulärerna i schema/ kan inte läsas; kör avtal check")
    target = root / REMISS_FOLDER / round_id / ROUND_FILE
    if target.parent.exists():
        print(f"avtal: {target.parent.relative_to(root).as_posix()}/ finns redan; inget skrevs", file=sys.stderr)
        return EXIT_FINDINGS
    chosen = _chosen_documents(corpus, documents)
    agreement = next((d for d in chosen if d.meta.type == "överenskommelse"), chosen[0])
    text = round_template(round_id, title or f"Remiss av förslaget till {_in_sentence(agreement.meta.title)}",
                          DEFAULT_SENDER if DEFAULT_SENDER in vocab.role_names else vocab.coordinating_party,
                          DEFAULT_CONTACT if DEFAULT_CONTACT in vocab.role_names else vocab.role_names[0],
                          sent_day, deadline_day, chosen, vocab.party_names)
    target.parent.mkdir(parents=True)
    with open(target, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    rel = target.relative_to(root).as_posix()
    print(f"Skapade {rel} ({len(chosen)} dokument, {count(len(vocab.party_names), 'remissinstans', 'remissinstanser')}, "
          f"{count(len(chosen), 'fråga', 'frågor')}). "
          f"Se över frågorna och remissinstanserna, checka in, och skriv sedan utskicket med "
          f"avtal remiss package {round_id}.")
    return EXIT_OK


def _chosen_documents(corpus, ids: list[str] | None) -> list:
    if not ids:
        chosen = sorted((d for d in corpus.by_id.values() if d.meta.status == "remiss"),
                        key=lambda d: (CONTENT_FOLDERS.index(d.path.split("/")[0]), d.meta.annex_number or 0, d.path))
        if not chosen:
            raise UsageError("inget dokument har status remiss; sätt status remiss i de dokument som ska på remiss "
                             "(och checka in), eller ange dem med --documents")
        return chosen
    chosen = []
    for doc_id in ids:
        doc = corpus.by_id.get(doc_id)
        if doc is None:
            raise UsageError(f'dokumentet "{doc_id}" finns inte{suggestion(doc_id, corpus.by_id)}')
        if doc.meta.status != "remiss":
            raise UsageError(f"{doc_id} har status {doc.meta.status} i version {doc.meta.version}; bara en version med "
                             "status remiss kan skickas på remiss")
        if doc not in chosen:
            chosen.append(doc)
    return chosen


# -- form ---------------------------------------------------------------------------------------


def run_form(root: Path, round_id: str, recipient: str, output: str | None) -> int:
    from .word import form_docx

    checked = checked_round(root, round_id, "Ingen svarsmall skrevs.")
    if checked is None:
        return EXIT_FINDINGS
    corpus, source = checked
    view = rounds_of(root, corpus).view(source)
    key = _recipient(view, recipient)
    target = output_path(root, output, form_name(round_id, key), ".docx")
    target.write_bytes(form_docx(view, key))
    print(f"Skrev {target.name} (svarsmall för {view.recipients[key]}, remiss {round_id}, "
          f"{len(view.fields)} fält).")
    return EXIT_OK


def form_name(round_id: str, key: str) -> str:
    return f"svarsmall_{round_id}_{key}.docx"


def letter_name(round_id: str, key: str) -> str:
    return f"missiv_{round_id}_{key}.docx"


# -- package ------------------------------------------------------------------------------------


def _document_files(rounds, view) -> dict[str, tuple[str, bytes]]:
    """Each document's Word file at its remiss version, rendered once for every recipient."""
    from ..render.word.document import docx_name

    files = {}
    for sent in view.documents:
        document = sent.sent.document
        if rounds.comparer is not None:
            data = rounds.comparer.document_docx(sent.sent.ref, None)
        else:
            from ..render.word.document import DocxRenderer

            data = DocxRenderer(rounds.root, sent.sent.corpus, None).document(document)
        files[sent.doc_id] = (docx_name(document), data)
    return files


def run_package(root: Path, round_id: str, out: str | None) -> int:
    from ..render.word.package import normalised_zip
    from .word import form_docx, letter_docx, moment

    checked = checked_round(root, round_id, "Inget utskick skrevs.")
    if checked is None:
        return EXIT_FINDINGS
    corpus, source = checked
    folder = output_path(root, out, f"remiss_{round_id}", None)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} finns och är ingen mapp; välj en annan med --out")
    rounds = rounds_of(root, corpus)
    view = rounds.view(source)
    documents = _document_files(rounds, view)
    epoch = int(moment(view.round.sent).timestamp())
    folder.mkdir(parents=True, exist_ok=True)
    for key in view.recipients:
        form, letter = form_name(round_id, key), letter_name(round_id, key)
        entries = [(letter, letter_docx(view, key, form, {d: n for d, (n, _) in documents.items()})),
                   *[(n, data) for n, data in documents.values()], (form, form_docx(view, key))]
        own = folder / key
        own.mkdir(exist_ok=True)
        for file_name, data in entries:
            (own / file_name).write_bytes(data)
        (folder / f"{key}.zip").write_bytes(normalised_zip(entries, epoch))
    print(f"Skrev utskicket till {folder}: för var och en av {len(view.recipients)} remissinstanser ett missiv, "
          f"{len(documents)} dokument och en svarsmall, i en mapp och en zip-fil.")
    return EXIT_OK


# -- compile ------------------------------------------------------------------------------------


def run_compile(root: Path, round_id: str, output: str | None) -> int:
    from .compilation_word import compilation_docx
    from .outputs import compilation_name

    checked = checked_round(root, round_id, "Ingen sammanställning skrevs.", answers_too=True)
    if checked is None:
        return EXIT_FINDINGS
    corpus, source = checked
    rounds = rounds_of(root, corpus)
    view = rounds.view(source)
    target = output_path(root, output, compilation_name(round_id), ".docx")
    compilation = rounds.compilation(view)
    target.write_bytes(compilation_docx(compilation))
    print(f"Skrev {target.name} (remissammanställning för {round_id}: {len(compilation.answered)} av "
          f"{len(compilation.respondents)} remissinstanser har svarat, {count(len(compilation.comments), 'synpunkt', 'synpunkter')}).")
    return EXIT_OK
