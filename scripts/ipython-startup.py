# dockerlab course: explain NameError and dockerlab errors in Indonesian (dockerlab.course.kernel).
try:
    from dockerlab.course import kernel as _dockerlab_kernel
    _dockerlab_kernel.install()
    del _dockerlab_kernel
except Exception:  # never stop a kernel from starting
    pass
