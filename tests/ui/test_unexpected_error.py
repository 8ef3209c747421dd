"""A slot that raises shows one sentence in a message box and logs the traceback; it never crashes."""

from PySide6.QtWidgets import QMessageBox

from ui.application import show_unexpected_error


def test_unexpected_error_is_shown_and_logged(qapp, monkeypatch, tmp_path):
    monkeypatch.setattr("app.crashlog.default_data_dir", lambda: tmp_path)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    try:
        raise ValueError("bad slot")
    except ValueError as exc:
        show_unexpected_error(type(exc), exc, exc.__traceback__)
    assert shown and "bad slot" in shown[0][1] and "Traceback" not in shown[0][1]
    assert "ValueError: bad slot" in (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8")
