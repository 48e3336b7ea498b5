# Type stubs for the stance package (the C extension stance._stance plus its Python parts).
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

Span = Tuple[int, int]
Text = Union[str, bytes]
# a name; (name, aliases); (name, aliases, side); {"name", "aliases"?, "side"?} (side: a str label; None, "" or white space: unknown)
ActorSpec = Union[str, Tuple[str, Union[None, str, Sequence[str]]],
                  Tuple[str, Union[None, str, Sequence[str]], Optional[str]], Mapping[str, Any]]
Actors = Union[None, str, Sequence[ActorSpec], Mapping[str, Union[str, Sequence[str], None]]]
Item = Union[Text, Tuple[Text, Actors], Mapping[str, Any]]

__version__: str
OK: int
ERR_NOMEM: int
ERR_IO: int
ERR_FORMAT: int
ERR_VERSION: int
ERR_INVALID: int
ERR_UTF8: int
ERR_LIMIT: int
ERR_INTERNAL: int
VERSION_NUMBER: int
HEADER_VERSION: str
MAX_ACTORS: int
MAX_ALIASES: int

class StanceError(Exception):
    code: int
    message: str
    offset: Optional[int]  # byte offset into the model file or UTF-8 input
    index: Optional[int]   # failing item of classify_many
    def __init__(self, code: int, message: str, offset: Optional[int] = ...) -> None: ...
    @property
    def name(self) -> str: ...

class Decision:
    label: str
    confidence: float
    probs: Dict[str, float]
    values: Tuple[float, ...]
    explain: Tuple[Tuple[str, float], ...]
    def __init__(self, label: str, confidence: float, probs: Dict[str, float],
                 values: Tuple[float, ...], explain: Tuple[Tuple[str, float], ...]) -> None: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Target:
    actor: str
    where: str  # "quote" | "attribution" | "none"
    mentions: Tuple[Span, ...]        # character offsets
    byte_mentions: Tuple[Span, ...]   # UTF-8 byte offsets
    stance: Optional[Decision]
    entity: int
    kinds: Tuple[str, ...]            # parallel to mentions: "name", "surname", "pronoun", ...
    rules: Tuple[str, ...]            # parallel to mentions: "surname", "pronoun-gender", ...
    why: Tuple[str, ...]              # "mentioned", "object", "principal", "all-actors"
    relation: Optional[str]           # "self", "speaks-for", "same-side", "opposite-side"; None unknown (no sides)
    @property
    def label(self) -> Optional[str]: ...
    @property
    def confidence(self) -> Optional[float]: ...
    @property
    def probs(self) -> Optional[Dict[str, float]]: ...
    def __init__(self, actor: str, where: str, mentions: Tuple[Span, ...], byte_mentions: Tuple[Span, ...],
                 stance: Optional[Decision], entity: int, kinds: Tuple[str, ...],
                 rules: Tuple[str, ...], why: Tuple[str, ...], relation: Optional[str] = ...) -> None: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Quote:
    span: Span                        # character offsets: text[span[0]:span[1]] == quote.text
    byte_span: Span                   # UTF-8 byte offsets (as the C API and CLI report)
    text: str
    type: str                         # "direct" | "partial" | "indirect"
    speaker: Optional[str]
    speaker_span: Optional[Span]
    speaker_byte_span: Optional[Span]
    speaker_role: Optional[str]
    cue: Optional[str]
    cue_span: Optional[Span]
    cue_byte_span: Optional[Span]
    context_span: Optional[Span]
    context_byte_span: Optional[Span]
    sentiment: Optional[Decision]
    targets: Tuple[Target, ...]
    rule: str                         # attribution rule: "after", "before", "inherit-prev", ... or "none"
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def stances(self) -> Dict[str, Optional[Decision]]: ...
    def __init__(self, *fields: Any) -> None: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Entity:
    name: str
    discovered: bool
    input_index: Optional[int]
    mentions: Tuple[Span, ...]
    byte_mentions: Tuple[Span, ...]
    all_mentions: Tuple[Tuple[int, int, str, str], ...]       # (start, end, kind, rule), character offsets
    byte_all_mentions: Tuple[Tuple[int, int, str, str], ...]  # the same in UTF-8 byte offsets
    def __init__(self, name: str, discovered: bool, input_index: Optional[int], mentions: Tuple[Span, ...],
                 byte_mentions: Tuple[Span, ...], all_mentions: Tuple[Tuple[int, int, str, str], ...],
                 byte_all_mentions: Tuple[Tuple[int, int, str, str], ...]) -> None: ...
    def to_dict(self) -> Dict[str, Any]: ...

class Result(List[Quote]):
    entities: List[Entity]
    text: Optional[Text]
    def __init__(self, quotes: Iterable[Quote] = ..., entities: Iterable[Entity] = ...,
                 text: Optional[Text] = ...) -> None: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def _repr_html_(self) -> Optional[str]: ...

class Model:
    def __init__(self, path: Union[None, str, bytes, os.PathLike] = None) -> None: ...
    @classmethod
    def from_bytes(cls, data: bytes) -> "Model": ...
    @property
    def path(self) -> Optional[str]: ...
    @property
    def closed(self) -> bool: ...
    @property
    def heads(self) -> Tuple[str, ...]: ...
    def labels(self, head: Union[str, int]) -> Tuple[str, ...]: ...
    def meta(self, key: str) -> Optional[str]: ...
    def head_index(self, name: str) -> int: ...
    def classify(self, text: Text, actors: Actors = None, explain: int = 0, *, indirect: bool = False,
                 all_actors: bool = False, caseless: bool = False, partial: bool = True,
                 discover: bool = True, max_text_len: int = 0, pool: bool = False,
                 discover_others: bool = False, mentioned_only: bool = False) -> Result: ...
    def classify_many(self, texts: Iterable[Item], actors: Actors = None, threads: Optional[int] = None,
                      explain: int = 0, *, indirect: bool = False, all_actors: bool = False,
                      caseless: bool = False, partial: bool = True, discover: bool = True,
                      max_text_len: int = 0, errors: str = "raise", pool: bool = False,
                      discover_others: bool = False,
                      mentioned_only: bool = False) -> List[Union[Result, StanceError]]: ...
    def predict(self, text: Text, target: Optional[str] = None, head: Union[str, int] = "stance",
                context: Optional[Text] = None, explain: int = 0) -> Optional[Decision]: ...
    def close(self) -> None: ...
    def __enter__(self) -> "Model": ...
    def __exit__(self, *exc: Any) -> None: ...

def version() -> str: ...
def strerror(code: int) -> str: ...
def default_model_path() -> str: ...
def packaged_model_path() -> Optional[str]: ...
def render_html(results: Union[Result, Mapping[str, Any], Sequence[Union[Result, Mapping[str, Any]]]],
                texts: Union[None, Text, Sequence[Text], Mapping[str, Text]] = ..., *,
                ids: Optional[Sequence[str]] = ..., title: Optional[str] = ..., fragment: bool = ...,
                prefix: Optional[str] = ...) -> str: ...
