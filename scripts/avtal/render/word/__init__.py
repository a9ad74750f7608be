"""The Word files: python-docx only here, raw Open XML only in oxml.py.

    single      `avtal docx DOC`: loading and the check in a forked process beside the rendering
    document    DocxRenderer: one document, or an agreement with its annexes (the decision package): the frame
    body        the body: the element tree walked block by block and run by run (BodyWriter)
    oxml        hyperlinks, bookmarks, fields, footnotes, numbering, shading
    styles      every style name the renderer uses; their look is in templates/referens.docx
    template    makes the default reference template
    package     reproducible zips: the same commit gives the same bytes
"""
