"""Regular expressions: a small subset of CPython's `re` (no lookbehind, no named groups on many ports)."""

from typing import AnyStr, Callable, Final, Generic, Iterator, Optional, Union

DEBUG: Final[int]
"""Flag for `compile`: print the compiled expression (debug builds only)."""

class Match(Generic[AnyStr]):
    """The result of a successful `match` or `search`."""
    def group(self, index: int = 0, /) -> Optional[AnyStr]:
        """The text matched by group `index` (0 is the whole match)."""
    def groups(self) -> tuple[Optional[AnyStr], ...]:
        """All captured groups as a tuple."""
    def start(self, index: int = 0, /) -> int:
        """Index where group `index` starts in the subject."""
    def end(self, index: int = 0, /) -> int:
        """Index just after where group `index` ends."""
    def span(self, index: int = 0, /) -> tuple[int, int]:
        """`(start, end)` of group `index`."""

class Pattern(Generic[AnyStr]):
    """A compiled regular expression."""
    def match(self, string: AnyStr, pos: int = 0, endpos: int = ..., /) -> Optional[Match[AnyStr]]:
        """Match at the start of `string`."""
    def search(self, string: AnyStr, pos: int = 0, endpos: int = ..., /) -> Optional[Match[AnyStr]]:
        """Find the first match anywhere in `string`."""
    def sub(self, replace: Union[AnyStr, Callable[[Match[AnyStr]], AnyStr]], string: AnyStr, count: int = 0, flags: int = 0, /) -> AnyStr:
        """Replace matches in `string` by `replace` (a string or a function of the match)."""
    def split(self, string: AnyStr, max_split: int = -1, /) -> list[AnyStr]:
        """Split `string` at each match."""

def compile(regex: AnyStr, flags: int = 0, /) -> Pattern[AnyStr]:
    """Compile `regex` once for repeated use."""
def match(regex: AnyStr, string: AnyStr, /) -> Optional[Match[AnyStr]]:
    """Match `regex` at the start of `string`."""
def search(regex: AnyStr, string: AnyStr, /) -> Optional[Match[AnyStr]]:
    """Find the first match of `regex` anywhere in `string`."""
def sub(regex: AnyStr, replace: Union[AnyStr, Callable[[Match[AnyStr]], AnyStr]], string: AnyStr, count: int = 0, flags: int = 0, /) -> AnyStr:
    """Replace matches of `regex` in `string`."""
def split(regex: AnyStr, string: AnyStr, max_split: int = -1, /) -> list[AnyStr]:
    """Split `string` at each match of `regex`."""
