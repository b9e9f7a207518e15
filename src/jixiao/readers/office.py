"""Safety and plumbing shared by the office-format readers.

- ``open_package``: a zip container (xlsx, docx) opened only after its declared sizes pass
  the limits (a zip bomb is refused before anything is inflated), with encrypted members
  and XML entity declarations (billion laughs, external entities) refused through
  ``defusedxml``;
- ``is_encrypted_ole``: a password-protected Office file (an OLE container holding an
  ``EncryptedPackage`` stream or an RC4/CryptoAPI workbook);
- ``convert``: legacy formats (.doc, .wps, .et, RTF) turned into docx/xlsx by LibreOffice
  headless, in a private profile, with a time limit.

Each problem is an ``Unreadable`` exception carrying the Chinese message of its JX001.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

MAX_UNZIPPED = 128 * 1024 * 1024  # all members of a package, inflated
MAX_MEMBER = 64 * 1024 * 1024  # one member (a worksheet, the document body)
MAX_MEMBERS = 10_000
CONVERT_SECONDS = 120
_PROLOG_BYTES = 2048  # a DTD must come before the root element: it is in the first bytes


class Unreadable(Exception):
    """A file that cannot be read; the message is the JX001 text shown to users."""


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MiB"


def check_package(zf: zipfile.ZipFile) -> None:
    """Refuse zip bombs, encrypted members and XML with entity declarations."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise Unreadable(f"压缩包内文件过多（{len(infos)} 个），疑似恶意文件")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED:
        raise Unreadable(
            f"解压后大小 {_mib(total)} 超过上限 {_mib(MAX_UNZIPPED)}（疑似 zip 炸弹），未读取"
        )
    for info in infos:
        if info.file_size > MAX_MEMBER:
            raise Unreadable(
                f"压缩包成员 {info.filename} 解压后 {_mib(info.file_size)}，"
                f"超过上限 {_mib(MAX_MEMBER)}，未读取"
            )
        if info.flag_bits & 0x1:
            raise Unreadable("文件已加密（有密码保护），请去除密码后再读取")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            _check_xml(zf, info)


def _check_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    with zf.open(info) as fh:
        head = fh.read(_PROLOG_BYTES)
    if b"<!DOCTYPE" not in head and b"<!ENTITY" not in head:
        return
    try:
        safe_xml.fromstring(zf.read(info))
    except DefusedXmlException as exc:
        raise Unreadable(
            f"{info.filename} 含有 XML 实体或 DTD 声明（{type(exc).__name__}），"
            "疑似 XML 实体攻击，拒绝解析"
        ) from exc
    except safe_xml.ParseError as exc:
        raise Unreadable(f"{info.filename} 不是有效的 XML：{exc}") from exc
    raise Unreadable(f"{info.filename} 含有 DTD 声明，拒绝解析")


@contextmanager
def open_package(path: Path) -> Iterator[zipfile.ZipFile]:
    """Open a zip package after the safety checks; a corrupt zip is ``Unreadable``."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise Unreadable(f"文件已损坏，不是有效的 Office 文件（{exc}）") from exc
    with zf:
        check_package(zf)
        yield zf


def package_kind(zf: zipfile.ZipFile) -> str | None:
    """'xlsx' or 'docx' by the package's main part; None for another zip."""
    names = set(zf.namelist())
    if "xl/workbook.xml" in names or any(n.startswith("xl/worksheets/") for n in names):
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None


_ENCRYPTED_MARKS = (
    "EncryptedPackage".encode("utf-16-le"),
    "EncryptionInfo".encode("utf-16-le"),
)


def is_encrypted_ole(data: bytes) -> bool:
    """An OLE container that holds an encrypted OOXML package."""
    return any(mark in data for mark in _ENCRYPTED_MARKS)


def ole_streams(data: bytes) -> set[str]:
    """Names of the well-known streams an OLE container holds (from its directory)."""
    names = ("Workbook", "Book", "WordDocument", "EncryptedPackage")
    return {n for n in names if n.encode("utf-16-le") + b"\x00\x00" in data}


# ---------------------------------------------------------------------------------------
# LibreOffice.


def soffice() -> str | None:
    """The LibreOffice executable, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, target: str, workdir: Path) -> Path:
    """Convert a document with LibreOffice to ``target``: 'docx', 'xlsx', or a suffix with
    its filter and options ('pdf:writer_pdf_Export:{…}')."""
    exe = soffice()
    if exe is None:
        raise Unreadable(
            f"读取 {path.suffix or '该'} 文件需要 LibreOffice（soffice），但本机未安装；"
            "请安装 LibreOffice，或另存为 .docx/.xlsx 后再读取"
        )
    profile = workdir / "profile"
    cmd = [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(workdir),
        str(path),
    ]
    try:
        subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=CONVERT_SECONDS,
            check=False,
            env={**os.environ, "HOME": str(workdir)},
        )
    except subprocess.TimeoutExpired as exc:
        raise Unreadable(f"LibreOffice 转换超时（{CONVERT_SECONDS} 秒）") from exc
    suffix = target.split(":", 1)[0]  # "pdf:writer_pdf_Export:{…}": a filter and options
    out = workdir / f"{path.stem}.{suffix}"
    if not out.exists():
        raise Unreadable(f"LibreOffice 无法转换该文件（目标格式 {suffix}），文件可能已损坏")
    return out


@contextmanager
def converted(path: Path, target: str) -> Iterator[Path]:
    """A temporary converted copy of ``path``, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="jixiao-") as tmp:
        yield convert(path, target, Path(tmp))
