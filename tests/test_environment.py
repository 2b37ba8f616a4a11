"""The environment report says what is present and, for what is missing, how to install it."""

from __future__ import annotations

import os

import dockerlab
from dockerlab import machine as env_module


def test_report_lists_every_course_tool_with_its_state(need_tool):
    need_tool("busybox")
    report = dockerlab.environment()
    assert [t.program for t in report.tools] == [p for p, _, _ in env_module.TOOLS]
    assert report.tool("busybox").present
    assert report.root == (os.geteuid() == 0)
    text = str(report)
    assert text.splitlines()[0] == "Lingkungan kursus"
    assert "busybox" in text and "ada" in text


def test_missing_tool_names_the_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setattr(env_module, "_which", lambda program: None if program == "proot" else "/x")
    report = dockerlab.environment()
    assert not report.tool("proot").present
    assert "sudo apt-get install proot" in report.tool("proot").status()
    dockerlab.set_language("en")
    assert "missing — install: sudo apt-get install proot" in str(report)
    assert "Course environment" in report._repr_html_()


def test_html_is_escaped_and_has_no_script():
    html = dockerlab.environment()._repr_html_()
    assert "<script" not in html and "dl-table" in html
    assert repr(dockerlab.environment()).startswith("<Environment tools=")
