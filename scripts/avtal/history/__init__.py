"""Stage 2, the history: read git once, and derive from it what the sources said and when.

Imports the source stage and the shared modules; never the rules or the renderers.

    gitpipe     git's processes on pipes (no GitPython), read as fast as git writes
    early       the whole history's log and blob reader, started before the rest is imported
    snapshots   what a blob says about itself: a document's front matter, a data file's document
    cache       what the history said before, kept in the git directory between runs
    log         read_history: one `git log` and one `git cat-file` for the whole repository
    packs       a first run: each blob's front matter from the first bytes of its delta chain in git's packs
    packserver  the second process that reads them while the log is parsed, and avtal's side of it
    changelog   each document's versions and commits, releases, uncommitted work
    changelog_files  the change logs as Markdown and JSON (`avtal changelog`, build/changelog/)
    commands    `avtal changelog`: the change logs printed
    local       the change log of each municipality's local agreement, from its template and its row
    versions    a version of a document by its number or a git revision, and the repository as it
                stood in that commit (load_corpus over git's blobs), for comparisons and decisions
    provenance  the commit the sources come from and its date, for every output
"""
