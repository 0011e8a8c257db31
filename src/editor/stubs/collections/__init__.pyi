"""Container types beyond the builtins: namedtuple, deque, OrderedDict."""

from typing import Any, Generic, Iterable, Iterator, Optional, TypeVar, Union, overload
from _mpy_types import T as _T, KT as _KT, VT as _VT


def namedtuple(name: str, fields: Union[str, Iterable[str]], /) -> type[tuple[Any, ...]]:
    """Make a tuple subclass whose items can also be read by name, e.g. `Point = namedtuple("Point", ("x", "y"))`."""

class deque(Generic[_T]):
    """A double-ended queue: fast appends and pops at both ends, with an optional maximum length."""
    def __init__(self, iterable: Iterable[_T] = ..., maxlen: int = ..., flags: int = 0, /) -> None:
        """Create the deque from `iterable`; once `maxlen` items are held, appending drops from the other end (flag 1 raises IndexError instead)."""
    def append(self, x: _T, /) -> None:
        """Add `x` on the right."""
    def appendleft(self, x: _T, /) -> None:
        """Add `x` on the left."""
    def pop(self) -> _T:
        """Remove and return the rightmost item."""
    def popleft(self) -> _T:
        """Remove and return the leftmost item."""
    def extend(self, iterable: Iterable[_T], /) -> None:
        """Append every item of `iterable` on the right."""
    def __len__(self) -> int: ...
    def __bool__(self) -> bool: ...
    def __iter__(self) -> Iterator[_T]: ...
    def __getitem__(self, index: int, /) -> _T: ...
    def __setitem__(self, index: int, value: _T, /) -> None: ...

class OrderedDict(dict[_KT, _VT]):
    """A dict that remembers insertion order (plain dicts on MicroPython may not)."""
    def popitem(self, last: bool = True) -> tuple[_KT, _VT]:
        """Remove and return the last (or, with last=False, the first) item."""
    def move_to_end(self, key: _KT, last: bool = True) -> None:
        """Move `key` to the end (or the start)."""

class defaultdict(dict[_KT, _VT]):
    """A dict that builds missing values with a factory. From micropython-lib (`mip install collections-defaultdict`)."""
    default_factory: Optional[Any]
    """Called with no arguments to make the value of a missing key."""
    @overload
    def __init__(self) -> None: ...
    @overload
    def __init__(self, default_factory: Optional[Any], /, *args: Any, **kwargs: Any) -> None: ...
