"""Ed25519 keys and signatures: heads (and events) someone else can check.

A checkpoint says "the log held exactly this up to @N"; signed, it also says who vouched for
that head, and anyone holding the signer's public key can check it without trusting the
machine the ledger lives on. A stored event signed by its writer's key says who wrote it in
a way a forger who recomputes the hash chain can't imitate without the key.

Keys are files: the private key as unencrypted PKCS#8 PEM (written 0600), the public key
as SubjectPublicKeyInfo PEM beside it (``KEY.pub``). A key's id is the first 16 hex digits
of the SHA-256 of its raw 32-byte public key. ``cryptography`` is imported only here, and
only when a key is used (commands that never sign don't load it).
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from .errors import BadQuery, RejectedInput

ALGORITHM = "ed25519"
#: What is signed for a checkpoint: this prefix, then its fields (without ``signature``) as
#: canonical JSON; for an event, ``EVENT_CONTEXT`` then its stored state without ``sig``.
CHECKPOINT_CONTEXT = b"caledger-checkpoint-signature-v1\n"
EVENT_CONTEXT = b"caledger-event-signature-v1\n"
#: A key file is a few hundred bytes; anything larger is not one (and is not read whole).
_MAX_KEY_BYTES = 16 * 1024


def key_id(raw_public: bytes) -> str:
    return hashlib.sha256(raw_public).hexdigest()[:16]


@dataclass(frozen=True)
class PublicKey:
    id: str
    raw: bytes
    path: str

    def verify(self, signature: bytes, message: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class SigningKey:
    id: str
    path: str
    _key: Any

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)


def _read_key_file(path: str, option: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(_MAX_KEY_BYTES + 1)
    except FileNotFoundError:
        raise BadQuery(f"{option} {path}: no such file") from None
    except IsADirectoryError:
        raise BadQuery(f"{option} {path}: is a folder; name a key file written by "
                       "caledger keygen") from None
    except OSError as e:
        raise BadQuery(f"{option} {path}: can't read it: {e.strerror or e}") from None
    if len(data) > _MAX_KEY_BYTES:
        raise BadQuery(f"{option} {path}: over {_MAX_KEY_BYTES // 1024} KB, so not a key "
                       "written by caledger keygen")
    return data


def load_signing_key(path: str, option: str = "--sign") -> SigningKey:
    """The Ed25519 private key in ``path`` (as ``keygen`` writes it)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    data = _read_key_file(path, option)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as e:
        hint = " (that is a public key: sign with the private key beside it)" \
            if b"PUBLIC KEY" in data else ""
        raise BadQuery(f"{option} {path}: not an unencrypted Ed25519 private key written by "
                       f"caledger keygen{hint} ({str(e).splitlines()[0] if str(e) else e})"
                       ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise BadQuery(f"{option} {path}: a {type(key).__name__.removeprefix('_')}, not an "
                       "Ed25519 key; make one with caledger keygen")
    raw = key.public_key().public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    return SigningKey(key_id(raw), path, key)


def load_public_key(path: str, option: str = "--trusted-key") -> PublicKey:
    """The Ed25519 public key in ``path`` (``KEY.pub`` as ``keygen`` writes it)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    data = _read_key_file(path, option)
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as e:
        hint = " (that is a private key: give its KEY.pub)" if b"PRIVATE KEY" in data else ""
        raise BadQuery(f"{option} {path}: not an Ed25519 public key written by caledger "
                       f"keygen{hint} ({str(e).splitlines()[0] if str(e) else e})") from None
    if not isinstance(key, Ed25519PublicKey):
        raise BadQuery(f"{option} {path}: a {type(key).__name__.removeprefix('_')}, not an "
                       "Ed25519 key")
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return PublicKey(key_id(raw), raw, path)


def load_keyring(directory: str) -> dict[str, PublicKey]:
    """Every public key (``*.pub``) in ``directory``, by key id."""
    folder = Path(directory)
    if not folder.is_dir():
        raise BadQuery(f"--keyring {directory}: not a folder; give a folder of public keys "
                       "(KEY.pub files written by caledger keygen)")
    ring: dict[str, PublicKey] = {}
    for path in sorted(folder.glob("*.pub")):
        key = load_public_key(str(path), "--keyring")
        ring[key.id] = key
    if not ring:
        raise BadQuery(f"--keyring {directory}: holds no public key (*.pub); copy the "
                       "writers' KEY.pub files into it")
    return ring


def keygen(path: str, *, force: bool = False) -> dict[str, Any]:
    """Write a new Ed25519 key pair: the private key to ``path`` (0600), the public key to
    ``path.pub``. Never overwrites a key (or any file) unless ``force``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private_path, public_path = Path(path), Path(f"{path}.pub")
    for target in (private_path, public_path):
        if target.is_dir():
            raise RejectedInput(f"{target}: is a folder; name the key file to write")
        if (target.exists() or target.is_symlink()) and not force:
            raise RejectedInput(f"{target}: already exists; a key is never overwritten (a "
                                "lost private key can't be made again): choose another name, "
                                "or give --force")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(serialization.Encoding.PEM,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    public = key.public_key()
    public_pem = public.public_bytes(serialization.Encoding.PEM,
                                     serialization.PublicFormat.SubjectPublicKeyInfo)
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    try:
        _write_new(private_path, private_pem, 0o600)
        _write_new(public_path, public_pem, 0o644)
    except OSError as e:
        raise RejectedInput(f"{path}: can't write the key: {e.strerror or e}") from None
    return {"private_key": str(private_path), "public_key": str(public_path),
            "key_id": key_id(raw), "algorithm": ALGORITHM}


def _write_new(path: Path, data: bytes, mode: int) -> None:
    if path.exists() or path.is_symlink():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


# --- checkpoints --------------------------------------------------------------------------------


def _checkpoint_message(data: dict[str, Any]) -> bytes:
    fields = {k: v for k, v in data.items() if k not in ("signature", "written_to")}
    return CHECKPOINT_CONTEXT + orjson.dumps(fields, option=orjson.OPT_SORT_KEYS)


def sign_checkpoint(data: dict[str, Any], key: SigningKey) -> dict[str, Any]:
    """``data`` with a ``signature`` over every other field."""
    from cryptography.hazmat.primitives import serialization

    raw = key._key.public_key().public_bytes(serialization.Encoding.Raw,
                                             serialization.PublicFormat.Raw)
    value = key.sign(_checkpoint_message(data))
    return {**data, "signature": {"algorithm": ALGORITHM, "key_id": key.id,
                                  "public_key": base64.b64encode(raw).decode(),
                                  "value": base64.b64encode(value).decode()}}


def check_checkpoint_signature(data: dict[str, Any], trusted: PublicKey) -> str | None:
    """Why ``data`` (a checkpoint as read) is not signed by ``trusted``, or None if it is.
    The signature is checked with the trusted key only (the one the checkpoint carries is
    for reading, not for trusting)."""
    sig = data.get("signature")
    if sig is None:
        return "it is not signed (write it with caledger checkpoint --sign KEY)"
    if not isinstance(sig, dict) or sig.get("algorithm") != ALGORITHM \
            or not isinstance(sig.get("value"), str):
        return f'its "signature" is not an {ALGORITHM} signature written by caledger checkpoint'
    if sig.get("key_id") != trusted.id:
        return (f"it is signed by key {str(sig.get('key_id'))[:32]}, not by the trusted key "
                f"{trusted.id} ({trusted.path})")
    try:
        value = base64.b64decode(sig["value"], validate=True)
    except ValueError:
        return 'its "signature" value is not base64'
    if not trusted.verify(value, _checkpoint_message(data)):
        return (f"its signature does not verify with the trusted key {trusted.id}: the "
                "checkpoint was changed after it was signed")
    return None


# --- events ---------------------------------------------------------------------------------------


def event_signature(key: SigningKey, unsigned_state: bytes) -> dict[str, str]:
    """The ``sig`` an event carries: the key's id and its signature over the stored state
    as it would be without ``sig``."""
    value = key.sign(EVENT_CONTEXT + unsigned_state)
    return {"key": key.id, "value": base64.b64encode(value).decode()}


def check_event(state: bytes, ring: dict[str, PublicKey]) -> tuple[str, str | None]:
    """How a stored event's signature stands against ``ring``: ("signed", key id),
    ("unsigned", None), ("unknown key", key id) or ("bad signature", key id)."""
    body = orjson.loads(state)
    sig = body.pop("sig", None) if isinstance(body, dict) else None
    if sig is None:
        return "unsigned", None
    if not isinstance(sig, dict) or not isinstance(sig.get("key"), str) \
            or not isinstance(sig.get("value"), str):
        return "bad signature", None
    key = ring.get(sig["key"])
    if key is None:
        return "unknown key", sig["key"]
    try:
        value = base64.b64decode(sig["value"], validate=True)
    except ValueError:
        return "bad signature", sig["key"]
    unsigned = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    return ("signed" if key.verify(value, EVENT_CONTEXT + unsigned) else "bad signature"), \
        sig["key"]
