"""System-specific values and functions."""

from typing import Any, Final, NoReturn, Optional, TextIO, Union
from typing_extensions import TypeAlias
from _mpy_types import Implementation as _Implementation, VersionInfo as _VersionInfo

_ExitCode: TypeAlias = Union[str, int, None]

argv: list[str]
"""Arguments the program was started with (empty on most boards)."""
byteorder: Final[str]
"""Native byte order: "little" or "big"."""
implementation: Final[_Implementation]
"""Describes this implementation: `name` ("micropython"), `version`, `_machine`, `_mpy`."""
maxsize: Final[int]
"""Largest value a small int can hold on this port; compare to tell 32- from 64-bit builds."""
modules: dict[str, Any]
"""Modules already imported, by name; delete an entry to force a re-import."""
path: list[str]
"""Folders searched by `import`, in order ("" or ".frozen" entries included)."""
platform: Final[str]
"""The port: e.g. "esp32", "rp2", "pyboard", "linux", "webassembly"."""
version: Final[str]
"""Version of the Python language this MicroPython follows, as a string."""
version_info: Final[_VersionInfo]
"""Version of the Python language this MicroPython follows, as (major, minor, micro)."""
stdin: TextIO
"""Standard input (usually the REPL's USB/UART link); `.buffer` gives raw bytes."""
stdout: TextIO
"""Standard output (usually the REPL's USB/UART link); `.buffer` gives raw bytes."""
stderr: TextIO
"""Standard error; the same link as stdout on most boards."""
ps1: str
"""REPL primary prompt (">>> "), where enabled."""
ps2: str
"""REPL continuation prompt ("... "), where enabled."""
tracebacklimit: int
"""How many traceback entries to print, where enabled."""

def exit(retval: _ExitCode = 0, /) -> NoReturn:
    """Stop the program by raising SystemExit with `retval`."""
def print_exception(exc: BaseException, file: Optional[Any] = None, /) -> None:
    """Print the exception with its traceback to `file` (default stdout). MicroPython's take on traceback.print_exception."""
def atexit(func: Optional[Any], /) -> Optional[Any]:
    """Register `func` to run when the program ends (unix and webassembly ports); returns the previous one."""
def settrace(tracefunc: Optional[Any], /) -> None:
    """Set a tracing function (only builds with settrace enabled)."""
def exc_info() -> tuple[Optional[type[BaseException]], Optional[BaseException], None]:
    """The exception being handled: (type, value, None)."""
