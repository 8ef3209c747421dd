"""Unexpected errors: the traceback goes to a log file in the data folder, the user gets one sentence."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path
from types import TracebackType

from app.db import default_data_dir


def write_crash_log(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> Path:
    """Append the traceback to ``<data folder>/logs/errors.log`` and return that path."""
    folder = default_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "errors.log"
    with path.open("a", encoding="utf-8") as log:
        log.write(f"\n==== {datetime.now():%Y-%m-%d %H:%M:%S}\n")
        log.write("".join(traceback.format_exception(exc_type, exc, tb)))
    return path


def user_message(exc: BaseException, log_path: Path) -> str:
    return f"出现内部错误 ({type(exc).__name__}: {exc})。操作未完成; 详细信息已记录到 {log_path}"
