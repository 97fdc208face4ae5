"""Bearer tokens for the server's writes: a tokens file, one ``NAME ROLE SHA256`` line per token.

The file holds only each token's SHA-256, never the token: whoever reads the file can't
write with it. ``add`` makes a new random token, appends its line and returns the token,
which is shown once. ``check`` finds who a presented token belongs to, comparing every
line's hash in constant time (``hmac.compare_digest``). Standard library only: ``caledger
token add`` loads no web framework.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadQuery, RejectedInput

ROLES = ("read", "write")
#: Where the tokens file is when neither --tokens nor CALEDGER_TOKENS says.
DEFAULT_FILE = "caledger.tokens"


@dataclass(frozen=True)
class Holder:
    name: str
    role: str


def tokens_file(path: str | os.PathLike[str] | None) -> Path:
    return Path(path or os.environ.get("CALEDGER_TOKENS") or DEFAULT_FILE)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def read(path: Path) -> list[tuple[str, str, str]]:
    """The file's (name, role, sha256) lines; a malformed line is refused, named."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as e:
        raise RejectedInput(f"{path}: can't read the tokens file: {e}") from None
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 3 or parts[1] not in ROLES or len(parts[2]) != 64 \
                or any(c not in "0123456789abcdef" for c in parts[2]):
            raise RejectedInput(f"{path}:{number}: not a token line; each line is NAME ROLE "
                                "SHA256 (ROLE read or write), as caledger token add writes")
        found.append((parts[0], parts[1], parts[2]))
    return found


def add(path: Path, name: str, role: str = "write") -> str:
    """A new token for ``name`` with ``role``, its hash appended to ``path``; the token."""
    if role not in ROLES:
        raise BadQuery(f"--role {role}: use read or write")
    if not name or len(name) > 200 or not name.isprintable() or any(c.isspace() for c in name):
        raise BadQuery(f"token name {name!r}: give up to 200 printable characters, no spaces")
    if any(existing == name for existing, _, _ in read(path)):
        raise BadQuery(f'token name "{name}": {path} already has a token by that name; '
                       "choose another name (each write is recorded as it)")
    token = secrets.token_urlsafe(32)
    line = f"{name} {role} {digest(token)}\n"
    new = not path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as f:
            if not new and path.stat().st_size and not path.read_bytes().endswith(b"\n"):
                f.write("\n")
            f.write(line)
    except OSError as e:
        raise BadQuery(f"--tokens {path}: can't write it: {e.strerror or e}") from None
    return token


def check(path: Path, presented: str) -> Holder | None:
    """Who holds ``presented`` (None: nobody). Every line is compared, in constant time."""
    wanted = digest(presented)
    holder = None
    for name, role, stored in read(path):
        if hmac.compare_digest(wanted, stored) and holder is None:
            holder = Holder(name, role)
    return holder


def _added_csv(data: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    return (["name", "role", "token", "tokens_file"],
            [[data["name"], data["role"], data["token"], data["tokens_file"]]])


def _printer() -> object:
    from ..render import Printer

    return Printer(text=lambda data: data["token"], csv=_added_csv)


#: How ``token add`` prints: the token alone on a line (text), or with its name and file.
ADDED = _printer()
