"""The messages of ``dockerlab.language`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # language.py
    "i18n.unknown_language": (
        "Bahasa {lang!r} tidak dikenal. Pilih salah satu: {choices}, misalnya "
        "dockerlab.set_language('id').",
        "Unknown language {lang!r}. Choose one of: {choices}, for example "
        "dockerlab.set_language('en').",
    ),
}
