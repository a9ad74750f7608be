"""avtal: the agreement on health and medical care in the home, kept as code."""

import os

__version__ = "0.1.0"

# avtal uses no Pydantic plugins. Without this, Pydantic reads every installed package's entry points
# for plugins when it builds its first validator, and a plugin another package installed could change
# how avtal validates. Documented by Pydantic; set here, in the package itself, so that it holds for
# every command and for the mkdocs plugin, before any model is built.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
