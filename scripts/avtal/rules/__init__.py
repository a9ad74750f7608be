"""Stage 3, the rules: small functions over the Corpus, one module per family, and `check`.

A rule is a function `(Corpus) -> Iterable[Finding]` registered with `@rule`. It reports
only codes of its family (see `avtal.codes`) and never reads a file. Imports the source and
history stages and the shared modules; never the renderers.

    documents, links, content, terms, data, milestones   the rule families (AV1xx–AV5xx)
    klarsprak   long sentences and hard paragraphs, by LIX (AV323, AV324)
    choices     the open questions' ids, the political choices and the handed-over questions (AV320–AV322, AV53x)
    verification   statements still to verify, in text and data (AV315, AV316)
    remiss      the remiss rounds and their answers against the remiss versions (AV8xx; reads git,
                only when a round exists)
    versions    the version discipline against a base revision (AV6xx, reads git)
    local_versions   the same for each municipality's local agreement, against the base's expansion
    registry    `@rule`, and the helpers that place a finding at a key
    check       load and check: what `avtal check` and every build run first (`avtal check` reads the
                documents, klarspråk included, in two processes: see early)
    early       what `avtal check` starts first: a child that reads documents from the last one backwards
    commands    `avtal check`'s output (the findings printed) and `--explain CODE`
    formats     the findings as text, JSON, GitHub annotations and GitLab's report
"""
