"""The messages of ``dockerlab.textutil`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # textutil.py
    "inspect.unknown": ("tidak diketahui", "unknown"),
    "text.untagged": ("Tag dilepas: {what}", "Untagged: {what}"),
    "text.deleted": ("Dihapus: {what}", "Deleted: {what}"),
}
