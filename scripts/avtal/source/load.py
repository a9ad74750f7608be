"""load_corpus(root): the only place that reads the repository's documents, data, images and vocabularies.

    load_corpus
      ├─ load_vocabulary      schema/*.yaml  ─▶ Vocabulary
      ├─ site_sources         mkdocs.yml, the folders it publishes, the Word template (checked, not read)
      ├─ content_files        agreement/, annexes/, plans/, without following a symbolic link
      ├─ load_document        *.md           ─▶ Document (front matter ─▶ DocumentMeta, body ─▶ Body)
      ├─ load_dataset         *.yaml         ─▶ DataSet  (kind ─▶ one of models.data)
      ├─ load_images          what the documents show with ![…](…) ─▶ Image (PNG, JPEG, GIF)
      └─ load_rounds          remiss/**.yaml ─▶ RoundFile (remiss.yaml ─▶ Round, svar/*.yaml ─▶ Answer)

Every problem becomes a finding at its file and line; loading never stops at the first one.
Nothing outside the repository is read, and no symbolic link is followed (boundary.py). The files
come from the working tree, or (`files`) as (path, bytes) pairs that git read from a commit, so that
an earlier version goes through the same code (see history/versions.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..codes import finding
from ..findings import Finding
from .boundary import CommitFiles, OutsideRepository, WorkingTree, shown_path, site_sources
from .characters import LOOKALIKE_RE, lookalike_message
from .corpus import Corpus, DataSet, Document
from .files import parse_yaml_file, parse_yaml_text
from .forked import PerDocument, TextRead, TextReads, can_fork, read_text
from .images import MAX_IMAGE_BYTES, NotAnImage, image_path, is_image_path, is_remote, read_image
from .layout import DATA_SUFFIXES, REMISS_FOLDER, SCHEMA_FOLDER
from .local import expand_local, is_template
from .models.data import DATA_MODELS
from .models.metadata import DocumentMeta
from .models.vocabulary import VOCABULARY_FILES, VOCABULARY_MODELS, Vocabulary
from .validation import validate
from .yamlsafe import Parsed, Pos


def _reader(root: Path, files: Mapping[str, bytes] | None, pending: Mapping[str, bytes] | None = None):
    return WorkingTree(root, pending) if files is None else CommitFiles(files)


def load_vocabulary(root: Path, files: Mapping[str, bytes] | None = None) -> tuple[Vocabulary | None, list[Finding]]:
    reader = _reader(root, files)
    findings: list[Finding] = []
    parts = {}
    for name, filename in VOCABULARY_FILES.items():
        rel = f"{SCHEMA_FOLDER}/{filename}"
        if not reader.exists(rel):
            findings.append(finding("AV102", rel, 1, 1, f"Vokabulären {rel} saknas"))
            continue
        parsed, _ = parse_yaml_file(reader, rel, findings)
        if parsed is None:
            continue
        model, problems = validate(VOCABULARY_MODELS[name], parsed, rel, 0, {})
        findings.extend(problems)
        if model is not None:
            parts.update(model.model_dump(exclude_unset=False) if name == "parties" else {name: getattr(model, name)})
            if name == "bodies":
                parts["renamed"] = model.renamed
    if findings:
        return None, findings
    return Vocabulary(**parts), findings


def load_document(files, rel: str, context: dict, findings: list[Finding], text: TextRead | None = None) -> Document | None:
    """The document at `rel`; `text`: its text work done already (forked.py), else done here."""
    text = text or read_text(files, rel)
    findings.extend(text.problems)
    split = text.split
    if split is None:
        return None
    parsed = parse_yaml_text(split.front_matter, rel, 1, findings)
    meta = None
    if parsed is not None and not is_template(parsed.value):  # a template is checked as it is expanded
        meta, problems = validate(DocumentMeta, parsed, rel, 1, context, origin=Pos(1, 1))
        findings.extend(problems)
    return Document(
        path=rel,
        meta=meta,
        front_matter=parsed or Parsed(value=None),
        front_matter_line=1,
        body=text.body,
        body_text=split.body,
        body_line=split.body_line,
    )


def load_dataset(files, rel: str, context: dict, findings: list[Finding]) -> DataSet | None:
    parsed, text = parse_yaml_file(files, rel, findings)
    if parsed is None:
        return None
    kind = parsed.value.get("kind") if isinstance(parsed.value, dict) else None
    model = DATA_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        lookalike = LOOKALIKE_RE.search(kind) if isinstance(kind, str) else None
        if lookalike:
            pos = parsed.lookalike_pos(("kind",))
            findings.append(finding("AV113", rel, pos.line, pos.column, lookalike_message(kind, lookalike.start())))
            return DataSet(rel, None, parsed, text)
        pos = parsed.pos(("kind",))
        known = ", ".join(DATA_MODELS)
        shown = f'"{kind}"' if kind is not None else "saknas"
        findings.append(finding("AV014", rel, pos.line, pos.column, f"Okänd sorts datafil (kind {shown}); ange en av: {known}"))
        return DataSet(rel, None, parsed, text)
    data, problems = validate(model, parsed, rel, 0, context)
    findings.extend(problems)
    return DataSet(rel, data, parsed, text)


def _document_alone(files, rel: str, context: dict, text: TextRead | None = None) -> tuple:
    """load_document with its own findings, and the rows of the rules run along with its reading (forked.py)."""
    problems: list[Finding] = []
    text = text or read_text(files, rel)
    return load_document(files, rel, context, problems, text), problems, text.rows


def _load_shared(files, documents: list[str], context: dict, reads: TextReads) -> dict[str, tuple]:
    """The documents read here from the first forwards and by the child from the last backwards (forked.py),
    by path; each of the child's is validated here as it arrives, between this process's own. A document
    read by both is taken as read here."""
    reads.divide(documents)
    loaded: dict[str, tuple] = {}

    def take(arrived) -> None:
        for theirs, text in arrived:
            if theirs not in loaded:
                loaded[theirs] = _document_alone(files, theirs, context, text)

    for rel in documents:
        take(reads.arrived())
        if not reads.claim(rel):
            break
        loaded[rel] = _document_alone(files, rel, context, read_text(files, rel, reads.per_document))
    take(reads.rest())
    reads.finish()
    return loaded


def _image_problem(files, path: str) -> tuple[str, str] | None:
    """Why the image at `path` cannot be shown, as (code, message); None when it can."""
    try:
        data = files.read(path, MAX_IMAGE_BYTES)
    except OutsideRepository as refused:
        return "AV015", str(refused)
    except OSError:
        return "AV213", f"filen {shown_path(path)} finns inte i arkivet"
    try:
        read_image(path, data)
    except NotAnImage as wrong:
        return "AV214", str(wrong)
    return None


def load_images(corpus: Corpus, files) -> None:
    """Read every image the documents show (and every image file they link to), once each.

    The ones that pass go into corpus.images for the renderers; the others into
    corpus.image_problems, which the rules report at each reference.
    """
    for doc in corpus.documents:
        for link in doc.body.links:
            target = link.target.strip()
            if not (link.image or is_image_path(target.partition("#")[0])) or is_remote(target):
                continue
            path = image_path(doc.path, target)
            if path in corpus.images or path in corpus.image_problems:
                continue
            if path.startswith(("/", "../")) or path == "..":
                corpus.image_problems[path] = ("AV015", "sökvägen leder ut ur arkivet; avtal läser bara filer i arkivet")
                continue
            problem = _image_problem(files, path)
            if problem:
                corpus.image_problems[path] = problem
            else:
                corpus.images[path] = read_image(path, files.read(path, MAX_IMAGE_BYTES))


def load_corpus(root: Path, files: Mapping[str, bytes] | None = None,
                pending: Mapping[str, bytes] | None = None, parallel: bool = False,
                per_document: PerDocument | None = None, reads: TextReads | None = None) -> Corpus:
    """Load everything under `root`. Without readable vocabularies, only their findings.

    `files`: the repository's files as a commit has them (path -> bytes), instead of the working
    tree; `root` stays the repository, whose configuration and Word template the renderers use.
    `pending`: files about to be written into the working tree, loaded as if they were there.
    `parallel`: a second process reads part of the documents (forked.py; `avtal check`),
    the one started early as `reads` if given; `per_document`: a rule's per-document part, run over each
    document as it is read, its rows kept in corpus.text_rows (with `parallel` only)."""
    reader = _reader(root, files, pending)
    vocabulary, findings = load_vocabulary(root, files)
    corpus = Corpus(root=root, vocabulary=vocabulary, load_findings=findings)
    if vocabulary is None:
        if reads is not None:
            reads.finish()
        return corpus
    corpus.sources, problems = site_sources(root)
    findings.extend(problems)
    paths, problems = reader.content_files()
    findings.extend(problems)
    context = {"vocabulary": vocabulary}
    documents = [rel for rel in paths if rel.endswith(".md")]
    if reads is None and parallel and can_fork(len(documents)):
        reads = TextReads(reader, per_document, documents)
    loaded = _load_shared(reader, documents, context, reads) if reads is not None else {}
    for rel in paths:
        if rel.endswith(".md"):
            # the rows of the rules run along with the reading where a second process shares it (forked.py);
            # in one process the rules read every document themselves
            doc, problems, rows = loaded.pop(rel, None) or _document_alone(reader, rel, context)
            findings.extend(problems)
            if doc is not None:
                corpus.documents.append(doc)
                if rows is not None:
                    corpus.text_rows[rel] = rows
        elif rel.endswith(DATA_SUFFIXES):
            dataset = load_dataset(reader, rel, context, findings)
            if dataset is not None:
                corpus.datasets.append(dataset)
    load_images(corpus, reader)
    expand_local(corpus, context)  # the local agreements: a document per municipality from a template
    remiss_files, remiss_problems = reader.files_under(REMISS_FOLDER)  # the remiss rounds and their answers
    if remiss_files or remiss_problems:
        from .rounds import load_rounds  # with their models, only where there is a round

        corpus.rounds = load_rounds(reader, context, findings)
    return corpus
