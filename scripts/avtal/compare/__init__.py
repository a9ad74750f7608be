"""Stage 5, the comparisons: any two versions of a document, on the site, in Word and in a pull request.

Imports every stage before it (source, history, rules, render) and the shared modules; only the
command line imports it, and the build and the site find it through the entry-point group
`avtal.outputs` (render/contributions.py), so that no earlier stage imports a later one.

    (history/versions.py finds a version and loads the repository as it stood then)
    tree        a version's element tree, the one the site and the Word file are made from
    model       the comparison model: sections aligned by their stable ids (moves found),
                blocks aligned within a section, words diffed within a block (words)
    words       a block's words as tokens, their diff, and the likeness of two blocks
    merge       the model as one element tree with <ins> and <del>, for the renderers below
    revisions   Word's tracked changes in the Open XML (w:ins, w:del, marks of paragraphs and rows)
    word        the Word file of the newer version with every difference a native revision
    contents    its table of contents: both versions' entries, tracked, right after accept-all
                and after reject-all
    html        the accessible HTML comparison (site pages and `avtal compare --format html`)
    markdown    the comparison as Markdown, for pull requests
    lanes       two steps of work over lanes of documents, one forked process per core
    outputs     what `avtal build` and the site get: comparison Word files and pages
    commands    `avtal compare` and `avtal docx --version`
"""
