"""The messages of ``dockerlab.errors`` (and the modules below it): key -> (Indonesian, English)."""

MESSAGES = {
    # errors.py
    "errors.full_traceback": (
        "(Traceback lengkap: jalankan `%env DOCKERLAB_TRACEBACK=1` di sebuah sel, lalu jalankan "
        "sel ini lagi.)",
        "(Full traceback: run `%env DOCKERLAB_TRACEBACK=1` in a cell, then run this cell again.)",
    ),
    # errors.py
    "api.no_attribute.close": ("{module} tidak punya `{name}`. Maksud Anda `{match}`?",
                               "{module} has no `{name}`. Did you mean `{match}`?"),
    "api.no_attribute.far": ("{module} tidak punya `{name}`. Daftar nama yang ada: `help({module})`.",
                             "{module} has no `{name}`. For the names it has: `help({module})`."),
    # api.py
    "api.run.pulling": ("Image '{ref}' tidak ada di sini; di-pull dulu dari registry-nya "
                        "(Docker: \"Unable to find image '{ref}' locally\").",
                        "Unable to find image '{ref}' locally; pulling it from its registry first."),
    "api.run.pulled": ("Selesai di-pull: {ref} (digest {digest})", "Pulled: {ref} (digest {digest})"),
}
