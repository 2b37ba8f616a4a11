"""Nothing of a lesson keeps running after it: a kernel that ends stops the servers it started, a
killed kernel's servers are stopped by the next course.start of that lesson, and a re-run of
course.start stops them too. Each kernel is a real Python process; each server a real httpd."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from dockerlab.container.ports import answers
from dockerlab.waiting import wait_until

pytestmark = pytest.mark.executor

START = """
import dockerlab
from dockerlab import course
course.start("08-build-push-run")
dockerlab.build("contoh/my-app", tag="my-app:1", progress=False)
web = dockerlab.run("my-app:1", detach=True, ports=8080)
print(web.ports[8080], flush=True)
"""


def kernel(course_home, code: str, *, wait: bool = True):
    env = dict(os.environ, DOCKERLAB_HOME=str(course_home), DOCKERLAB_ENGINE="local")
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    if wait:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
        return out
    return proc


def test_a_kernel_that_ends_stops_its_servers(course_home):
    port = int(kernel(course_home, START).split()[-1])
    assert not answers(port)  # stopped at exit, before the process was gone


def test_a_killed_kernel_is_cleaned_up_by_the_next_start(course_home):
    proc = kernel(course_home, START + "import time; time.sleep(300)\n", wait=False)
    try:
        port = int(proc.stdout.readline())
        assert answers(port)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    assert answers(port), "a SIGKILLed kernel cannot stop its container itself"
    kernel(course_home, 'from dockerlab import course\ncourse.start("08-build-push-run")\n')
    wait_until(lambda: not answers(port), timeout=10, what=f"port {port} closed")


def test_starting_the_lesson_again_stops_its_servers(course_home):
    out = kernel(course_home, START + textwrap.dedent("""
        from dockerlab.container.ports import answers
        before = answers(web.ports[8080])
        course.start("08-build-push-run")
        print(before, answers(web.ports[8080]))
        """))
    assert out.split()[-2:] == ["True", "False"]


def test_the_course_registry_stops_with_the_kernel(course_home):
    out = kernel(course_home, """
        from dockerlab import course
        course.start("08-build-push-run")
        reg = course.registry()
        print(reg.address.rsplit(":", 1)[1], reg is not None and course.registry().address == reg.address)
        """)
    port, same = out.split()[-2:]
    assert same == "True"  # calling it twice gives the same server
    assert not answers(int(port))


def test_a_killed_kernels_registry_is_stopped_by_the_next_start(course_home):
    proc = kernel(course_home, """
        from dockerlab import course
        course.start("08-build-push-run")
        print(course.registry().address.rsplit(":", 1)[1], flush=True)
        import time; time.sleep(300)
        """, wait=False)
    try:
        port = int(proc.stdout.readline())
        assert answers(port)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    kernel(course_home, 'from dockerlab import course\ncourse.start("08-build-push-run")\n')
    wait_until(lambda: not answers(port), timeout=15, what=f"registry port {port} closed")
