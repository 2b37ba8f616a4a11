"""Every message a learner can read, as data: one catalog per part of the package.

Each module here holds ``MESSAGES = {"area.key": ("Indonesian …", "English …")}`` and imports
nothing. :func:`dockerlab.i18n.tr` loads them all on its first call, so a message exists whatever
was imported before (no module imports another to make its messages exist), and a translator has
one folder to work in. ``tests/test_i18n.py`` checks that both languages have the same ``{fields}``.
"""
