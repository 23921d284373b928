"""The optional C helper of the PDF reader (src/extract/pdf/_glyphs.c); everything else is in pyproject.toml.

optional=True: without a C compiler (or Python's headers) the install goes on and the reader runs its
pure-Python loop (extract.pdf.pdfium.NATIVE is False), the same glyphs at more CPU."""

import sys

from setuptools import Extension, setup

setup(ext_modules=[Extension("extract.pdf._glyphs", ["src/extract/pdf/_glyphs.c"], optional=True,
                             libraries=[] if sys.platform == "win32" else ["m"])])
