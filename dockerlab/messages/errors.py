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
    "api.bad_keyword.close": ("{function}() tidak punya parameter `{name}`. Maksud Anda `{match}`?",
                              "{function}() has no parameter `{name}`. Did you mean `{match}`?"),
    "api.bad_keyword.far": ("{function}() tidak punya parameter `{name}`. Parameternya: {names}.",
                            "{function}() has no parameter `{name}`. Its parameters: {names}."),
    "api.bad_keyword.none": ("{function}() tidak menerima parameter apa pun (diberi `{name}`).",
                             "{function}() takes no parameters (given `{name}`)."),
    "api.bad_call": ("Pemanggilan {function} tidak cocok dengan parameternya (terlalu banyak, atau ada "
                     "yang kurang). Cara memanggilnya: `{function}{signature}`.",
                     "This call of {function} does not fit its parameters (too many, or one missing). "
                     "How to call it: `{function}{signature}`."),
    "api.run.pulling": ("Image '{ref}' tidak ada di sini; di-pull dulu dari registry-nya "
                        "(Docker: \"Unable to find image '{ref}' locally\").",
                        "Unable to find image '{ref}' locally; pulling it from its registry first."),
    "api.run.pulled": ("Selesai di-pull: {ref} (digest {digest})", "Pulled: {ref} (digest {digest})"),
}
