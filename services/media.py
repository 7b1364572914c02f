"""The image pipeline: run once at upload, never at view time.

An upload is checked (a real raster image, not truncated, not a decompression bomb, not absurdly
large), turned upright from its EXIF orientation, converted to plain 8-bit RGB(A), stripped of
every piece of metadata (EXIF, GPS, XMP, comments, colour profiles after conversion to sRGB), and
stored as a few derivatives under names made of the content hash:

    media_dir/ab/abcdef…_thumb.webp   320×320 square, for lists
    media_dir/ab/abcdef…_card.webp    640×480, for gallery cards
    media_dir/ab/abcdef…_large.webp   fits 1920×1920, for the detail page and slideshow

The user's file name is returned only as text. Nothing is ever written outside `media_dir`.
Used by the catalogue and (for question images) the contests module.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import struct
import tempfile
import unicodedata
import warnings
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePath, PureWindowsPath

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError, features

from services.errors import UserError

_log = logging.getLogger(__name__)

MAX_FILE_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 50_000_000  # ~ 8660 × 5770: more than any phone photo, far below a bomb
MAX_SIDE = 20_000
MIN_SIDE = 8
ALLOWED_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "BMP", "TIFF"}

THUMB_SIZE = (320, 320)
CARD_SIZE = (640, 480)
LARGE_SIZE = (1920, 1920)
WEBP_QUALITY = 78
WEBP_METHOD = 2  # 0 fastest … 6 smallest; 2 is within a few per cent of 6 at a third of the time
JPEG_QUALITY = 82

HAS_WEBP = features.check("webp")

# Never let Pillow silently accept a truncated file.
ImageFile.LOAD_TRUNCATED_IMAGES = False


# The derivatives are a pure function of the uploaded bytes: remember the last few, so the same
# file (the demo posters in every test, a photo uploaded twice) is not decoded and encoded again.
_MEMO: OrderedDict[str, tuple[dict[str, tuple[bytes, str]], tuple]] = OrderedDict()
_MEMO_LIMIT_BYTES = 48 * 1024 * 1024


def _remember(digest: str, payloads: dict[str, tuple[bytes, str]], meta: tuple) -> None:
    _MEMO[digest] = (payloads, meta)
    _MEMO.move_to_end(digest)
    total = sum(len(p) for entry, _ in _MEMO.values() for p, _ext in entry.values())
    while _MEMO and total > _MEMO_LIMIT_BYTES:
        _old, (entry, _meta) = _MEMO.popitem(last=False)
        total -= sum(len(p) for p, _ext in entry.values())


class ImageRejected(UserError):
    """An upload that is not accepted; the message names the file."""


@dataclass(frozen=True)
class StoredImage:
    content_hash: str
    original_name: str
    width: int  # of the upright original
    height: int
    source_format: str
    animated: bool
    files: dict[str, str] = field(default_factory=dict)  # size name -> path relative to media

    @property
    def thumb(self) -> str:
        return self.files["thumb"]

    @property
    def card(self) -> str:
        return self.files["card"]

    @property
    def large(self) -> str:
        return self.files["large"]


def media_url(relative: str | None) -> str | None:
    """The URL that asgi.py serves a stored file at (cached by browsers for good)."""
    return f"/files/{relative}" if relative else None


def clean_file_name(name: str | None) -> str:
    """The user's file name as harmless text: no folders, no control characters, short."""
    raw = str(name or "")
    base = PureWindowsPath(PurePath(raw).name).name
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    base = unicodedata.normalize("NFC", base).strip()
    return base[:200] or "ảnh không tên"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _open_checked(data: bytes, name: str) -> Image.Image:
    """Open (header only), check format and size; decoding happens later and only if sane."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageRejected(
                f"Ảnh “{name}” có quá nhiều điểm ảnh (nghi là tệp “bom giải nén”), không nhận."
            ) from exc
        except UnidentifiedImageError as exc:
            raise ImageRejected(
                f"Tệp “{name}” không phải là ảnh (chỉ nhận JPEG, PNG, WebP, GIF, BMP, TIFF)."
            ) from exc
        except Exception as exc:
            raise ImageRejected(f"Tệp “{name}” bị hỏng, không đọc được ảnh.") from exc
    if image.format not in ALLOWED_FORMATS:
        raise ImageRejected(
            f"Tệp “{name}” có định dạng {image.format or 'lạ'} không được nhận "
            "(chỉ nhận JPEG, PNG, WebP, GIF, BMP, TIFF)."
        )
    width, height = image.size
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        raise ImageRejected(
            f"Ảnh “{name}” quá lớn ({width:,} × {height:,} điểm ảnh; tối đa "
            f"{MAX_PIXELS // 1_000_000} triệu điểm ảnh và cạnh dài {MAX_SIDE:,}).".replace(",", ".")
        )
    if min(width, height) < MIN_SIDE:
        raise ImageRejected(
            f"Ảnh “{name}” quá nhỏ ({width} × {height} điểm ảnh; cần ít nhất {MIN_SIDE})."
        )
    return image


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_DEFLATE_MAX_RATIO = 1032  # zlib cannot inflate one byte into more than ~1032


def _check_png_length(data: bytes, name: str) -> None:
    """Refuse, before decoding, a PNG whose compressed pixels are too short for the size it
    claims (a 243-byte file saying 7000 × 7000 would otherwise be inflated for seconds)."""
    if not data.startswith(_PNG_SIGNATURE) or len(data) < 33:
        return
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    bits = width * depth * _PNG_CHANNELS.get(colour, 4)
    needed = height * (1 + (bits + 7) // 8)
    idat, pos = 0, 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        if data[pos + 4 : pos + 8] in {b"IDAT", b"fdAT"}:
            idat += min(length, len(data) - pos - 8)
        pos += 12 + length
    if idat * _DEFLATE_MAX_RATIO + 64 < needed:
        raise ImageRejected(f"Tệp “{name}” bị hỏng hoặc không trọn vẹn, không đọc được ảnh.")


def _verify(data: bytes, name: str) -> None:
    """Pillow's structural check (CRCs, chunk order) on a separate handle."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.open(io.BytesIO(data)).verify()
    except Exception as exc:
        raise ImageRejected(
            f"Tệp “{name}” bị hỏng hoặc không trọn vẹn, không đọc được ảnh."
        ) from exc


def _decode(image: Image.Image, name: str) -> tuple[Image.Image, bool]:
    """Decode the first frame completely; a truncated or corrupt file fails here."""
    animated = bool(getattr(image, "is_animated", False))
    try:
        if animated:
            image.seek(0)
        if image.format in {"JPEG", "MPO"}:
            image.draft("RGB", LARGE_SIZE)  # decode big JPEGs at a reduced scale: faster
        image.load()
    except Exception as exc:
        raise ImageRejected(
            f"Tệp “{name}” bị hỏng hoặc bị cắt cụt, không đọc hết được ảnh."
        ) from exc
    return image, animated


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert from an embedded colour profile to sRGB, so dropping the profile keeps colours."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in {"RGB", "RGBA", "CMYK"}:
        return image
    try:
        from PIL import ImageCms

        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, target, outputMode=out_mode)
    except Exception:
        _log.exception("Không đọc được hướng ảnh; giữ nguyên ảnh.")
        return image


def _scaled_grey(image: Image.Image, low: float, span: float) -> Image.Image:
    if not span:
        return Image.new("L", image.size, 128)
    return image.point(lambda v: (v - low) * 255 / span).convert("L")


def _normalise_mode(image: Image.Image) -> Image.Image:
    """Everything becomes 8-bit RGB, or RGBA when it has transparency."""
    mode = image.mode
    if mode in {"I;16", "I;16B", "I;16L", "I;16N", "I"}:
        # 16/32-bit greyscale: scale to 8 bits instead of clipping everything above 255. A
        # 16-bit range maps 0…65535 to 0…255 (a uniform grey stays that grey); wider values
        # are stretched between their extremes.
        image = image.convert("I")
        low, high = image.getextrema()
        if low >= 0 and high <= 65535:
            low, span = 0, 65535
        else:
            span = high - low
        image = _scaled_grey(image, low, span)
        mode = "L"
    elif mode == "F":
        low, high = image.getextrema()
        if low >= 0 and high <= 1:
            low, span = 0.0, 1.0
        elif low >= 0 and high <= 255:
            low, span = 0.0, 255.0
        else:
            span = high - low
        image = _scaled_grey(image, low, span)
        mode = "L"
    has_alpha = (
        mode in {"RGBA", "LA", "PA", "La", "RGBa"}
        or (mode == "P" and "transparency" in image.info)
        or (mode in {"L", "RGB"} and "transparency" in image.info)
    )
    if has_alpha:
        image = image.convert("RGBA")
        if image.getextrema()[3][0] == 255:  # fully opaque after all
            image = image.convert("RGB")
        return image
    if mode == "CMYK":
        return image.convert("RGB")
    return image.convert("RGB") if mode != "RGB" else image


def _flatten(image: Image.Image) -> Image.Image:
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, (255, 255, 255))
    background.paste(image, mask=image.getchannel("A"))
    return background


def _encode(image: Image.Image) -> tuple[bytes, str]:
    """WebP (keeps transparency), or JPEG where WebP is not available. No metadata at all."""
    image.info = {}
    buffer = io.BytesIO()
    if HAS_WEBP:
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD)
        return buffer.getvalue(), "webp"
    _flatten(image).save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue(), "jpg"


def _derivatives(image: Image.Image) -> dict[str, Image.Image]:
    large = image.copy()
    large.thumbnail(LARGE_SIZE, Image.Resampling.LANCZOS, reducing_gap=3.0)
    # The smaller sizes come from the large one: quicker, and the same picture.
    small = Image.Resampling.BICUBIC
    card = ImageOps.fit(large, CARD_SIZE, small, centering=(0.5, 0.4))
    return {
        "thumb": ImageOps.fit(
            large if large.height < THUMB_SIZE[1] * 2 else card,
            THUMB_SIZE,
            small,
            centering=(0.5, 0.4),
        ),
        "card": card,
        "large": large,
    }


def _write_atomic(root: Path, relative: str, payload: bytes) -> None:
    target = (root / relative).resolve()
    if not target.is_relative_to(root):  # cannot happen with hex names; refuse anyway
        raise ImageRejected("Đường dẫn lưu ảnh không hợp lệ.")
    if target.exists():
        return  # same content, same name: already stored
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def process_image(*, data: bytes, file_name: str, media_dir: Path) -> StoredImage:
    """Check, clean and store one uploaded image; raise ImageRejected naming the file."""
    name = clean_file_name(file_name)
    if not data:
        raise ImageRejected(f"Tệp “{name}” rỗng.")
    if len(data) > MAX_FILE_BYTES:
        raise ImageRejected(
            f"Tệp “{name}” quá lớn ({_megabytes(len(data))} MB; tối đa "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB)."
        )
    digest = hashlib.sha256(data).hexdigest()
    memo = _MEMO.get(digest)
    if memo is None:
        payloads, meta = _make_payloads(data, name)
        _remember(digest, payloads, meta)
    else:
        payloads, meta = memo
    width, height, source_format, animated = meta
    root = Path(media_dir).resolve()
    root.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    for size_name, (payload, extension) in payloads.items():
        relative = f"{digest[:2]}/{digest}_{size_name}.{extension}"
        _write_atomic(root, relative, payload)
        files[size_name] = relative
    return StoredImage(
        content_hash=digest,
        original_name=name,
        width=width,
        height=height,
        source_format=source_format,
        animated=animated,
        files=files,
    )


def _make_payloads(data: bytes, name: str) -> tuple[dict[str, tuple[bytes, str]], tuple]:
    image = _open_checked(data, name)
    source_format = image.format or ""
    _check_png_length(data, name)
    _verify(data, name)
    image = _open_checked(data, name)
    real_size = image.size  # before a JPEG is decoded at reduced scale
    try:
        turned = image.getexif().get(0x0112) in {5, 6, 7, 8}
    except Exception:
        _log.exception("Không đọc được thẻ EXIF của ảnh “%s”.", name)
        turned = False
    image, animated = _decode(image, name)
    try:
        upright = ImageOps.exif_transpose(image)
    except Exception:
        _log.exception("Không xoay thẳng được ảnh “%s”; giữ nguyên.", name)
        upright = image
    try:
        upright = _normalise_mode(_to_srgb(upright))
    except Exception as exc:
        raise ImageRejected(f"Ảnh “{name}” có hệ màu không hỗ trợ, không nhận.") from exc
    payloads = {size: _encode(img) for size, img in _derivatives(upright).items()}
    width, height = real_size[::-1] if turned and upright.size != image.size else real_size
    return payloads, (width, height, source_format, animated)


def remove_unused(*, media_dir: Path, relative_paths: list[str]) -> int:
    """Delete stored files (only inside media_dir); returns how many went."""
    root = Path(media_dir).resolve()
    removed = 0
    for relative in relative_paths:
        target = (root / relative).resolve()
        if target.is_relative_to(root) and target.is_file():
            target.unlink()
            removed += 1
    return removed
