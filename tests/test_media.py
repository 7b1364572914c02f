"""The image pipeline on generated files: hostile ones are refused with a message naming the
file; odd but honest ones (sideways, GPS, CMYK, 16-bit, transparent, animated) come out upright,
clean and small."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from services import media
from services.media import ImageRejected, process_image

HASH_NAME = re.compile(r"^[0-9a-f]{2}/[0-9a-f]{64}_(thumb|card|large)\.(webp|jpg)$")


def _bytes(image: Image.Image, fmt: str, **kwargs) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **kwargs)
    return buffer.getvalue()


def _photo(size=(400, 200), mode="RGB") -> Image.Image:
    """A picture whose left half is red and right half blue, to see which way it turned."""
    colours = {"L": (60, 200), "CMYK": ((0, 255, 255, 0), (255, 255, 0, 0))}
    left, right = colours.get(mode, ("red", "blue"))
    image = Image.new(mode, size, left)
    half = Image.new(mode, (size[0] // 2, size[1]), right)
    image.paste(half, (size[0] // 2, 0))
    return image


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a huge size: a decompression bomb must be refused from its header."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def _exif_jpeg(orientation: int = 6, gps: bool = True) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    if gps:
        exif[0x8825] = {1: "N", 2: (21.0, 2.0, 3.0), 3: "E", 4: (105.0, 50.0, 1.0)}
    return _bytes(_photo(), "JPEG", exif=exif, quality=90)


def _stored(media_dir: Path, relative: str) -> Image.Image:
    image = Image.open(media_dir / relative)
    image.load()
    return image


@pytest.mark.parametrize(
    ("name", "payload", "message"),
    [
        ("ghi-chu.txt", b"Day khong phai la anh, chi la van ban.", "không phải là ảnh"),
        ("trang.html", b"<html><script>alert(1)</script></html>", "không phải là ảnh"),
        ("rong.jpg", b"", "rỗng"),
        ("cat-cut.jpg", _bytes(_photo((800, 600)), "JPEG")[:3000], "bị"),
        ("cat-cut.png", _bytes(_photo((800, 600)), "PNG")[:400], "bị"),
        ("bom.png", _png_header_only(60_000, 60_000), "quá"),
        ("dai-qua.png", _bytes(Image.new("L", (25_000, 10)), "PNG"), "quá lớn"),
        ("ti-hon.png", _bytes(Image.new("RGB", (4, 4)), "PNG"), "quá nhỏ"),
        ("pdf-gia.jpg", b"%PDF-1.4\n1 0 obj<<>>endobj\n", "không phải là ảnh"),
    ],
)
def test_hostile_files_are_refused_naming_the_file(tmp_path, name, payload, message):
    with pytest.raises(ImageRejected) as caught:
        process_image(data=payload, file_name=name, media_dir=tmp_path)
    assert name in str(caught.value)
    assert message in str(caught.value)
    assert not any(p.is_file() for p in tmp_path.rglob("*")), "nothing is stored"


def test_a_file_too_heavy_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(media, "MAX_FILE_BYTES", 1024)
    with pytest.raises(ImageRejected, match="ảnh-to.jpg.*quá lớn"):
        process_image(data=b"\xff" * 2048, file_name="ảnh-to.jpg", media_dir=tmp_path)


def test_the_pixel_cap_applies_before_decoding(tmp_path, monkeypatch):
    monkeypatch.setattr(media, "MAX_PIXELS", 100 * 100)
    with pytest.raises(ImageRejected, match="quá lớn"):
        process_image(data=_bytes(_photo((200, 200)), "PNG"), file_name="a.png", media_dir=tmp_path)


def test_sideways_phone_photo_comes_out_upright_without_gps_or_exif(tmp_path):
    data = _exif_jpeg(orientation=6, gps=True)
    assert b"PhoneMaker" in data
    stored = process_image(data=data, file_name="IMG_0042.JPG", media_dir=tmp_path)
    assert (stored.width, stored.height) == (200, 400)  # turned a quarter: portrait now
    large = _stored(tmp_path, stored.large)
    assert large.size == (200, 400)
    # The red half was on the left; rotated 90° clockwise it is now on top.
    top = large.convert("RGB").getpixel((100, 50))
    bottom = large.convert("RGB").getpixel((100, 350))
    assert top[0] > 150 and top[2] < 100
    assert bottom[2] > 150 and bottom[0] < 100
    for relative in stored.files.values():
        raw = (tmp_path / relative).read_bytes()
        image = _stored(tmp_path, relative)
        assert b"PhoneMaker" not in raw and b"Exif" not in raw
        assert not image.getexif()
        assert "exif" not in image.info and "xmp" not in image.info


@pytest.mark.parametrize(
    ("label", "make"),
    [
        ("cmyk", lambda: _bytes(_photo(mode="CMYK"), "JPEG")),
        (
            "16-bit",
            lambda: _bytes(
                Image.frombytes(
                    "I;16",
                    (64, 64),
                    bytes(b for v in range(64 * 64) for b in struct.pack("<H", v * 16)),
                ),
                "PNG",
            ),
        ),
        ("palette", lambda: _bytes(_photo().convert("P"), "GIF")),
        ("greyscale", lambda: _bytes(_photo(mode="L"), "PNG")),
        ("bmp", lambda: _bytes(_photo(), "BMP")),
        ("tiff", lambda: _bytes(_photo(), "TIFF")),
        ("webp", lambda: _bytes(_photo(), "WEBP")),
    ],
)
def test_unusual_colour_modes_become_plain_rgb(tmp_path, label, make):
    stored = process_image(data=make(), file_name=f"{label}.img", media_dir=tmp_path)
    large = _stored(tmp_path, stored.large)
    assert large.mode in {"RGB", "RGBA"}
    low, high = large.convert("L").getextrema()
    assert high - low > 20, "the picture is not flattened to one colour"


def test_sixteen_bit_is_scaled_not_clipped(tmp_path):
    values = [v * 16 for v in range(64 * 64)]  # 0 … 65520
    raw = b"".join(struct.pack("<H", v) for v in values)
    data = _bytes(Image.frombytes("I;16", (64, 64), raw), "PNG")
    stored = process_image(data=data, file_name="16bit.png", media_dir=tmp_path)
    grey = _stored(tmp_path, stored.large).convert("L")
    assert grey.getpixel((0, 0)) < 30 and grey.getpixel((63, 63)) > 220


def test_transparency_is_kept_in_webp(tmp_path):
    image = Image.new("RGBA", (300, 200), (255, 0, 0, 0))
    image.paste((0, 128, 0, 255), (100, 50, 200, 150))
    stored = process_image(data=_bytes(image, "PNG"), file_name="logo.png", media_dir=tmp_path)
    large = _stored(tmp_path, stored.large)
    if media.HAS_WEBP:
        assert large.mode == "RGBA"
        assert large.getpixel((5, 5))[3] == 0 and large.getpixel((150, 100))[3] == 255


def test_animated_gif_keeps_its_first_frame(tmp_path):
    frames = [Image.new("RGB", (120, 90), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    stored = process_image(data=buffer.getvalue(), file_name="dong.gif", media_dir=tmp_path)
    assert stored.animated
    large = _stored(tmp_path, stored.large)
    assert getattr(large, "n_frames", 1) == 1
    r, g, b = large.convert("RGB").getpixel((60, 45))
    assert r > 200 and g < 60


def test_derivatives_sizes_names_and_place(tmp_path):
    data = _bytes(_photo((3000, 2000)), "JPEG")
    stored = process_image(data=data, file_name="../../etc/passwd.jpg", media_dir=tmp_path)
    assert stored.original_name == "passwd.jpg"  # kept as text only, never as a path
    assert set(stored.files) == {"thumb", "card", "large"}
    for relative in stored.files.values():
        assert HASH_NAME.match(relative), relative
        assert (tmp_path / relative).resolve().is_relative_to(tmp_path.resolve())
    assert _stored(tmp_path, stored.thumb).size == media.THUMB_SIZE
    assert _stored(tmp_path, stored.card).size == media.CARD_SIZE
    assert max(_stored(tmp_path, stored.large).size) == 1920
    assert all(stored.content_hash in p for p in stored.files.values())
    again = process_image(data=data, file_name="khac-ten.jpg", media_dir=tmp_path)
    assert again.files == stored.files  # same content, same files
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 3


def test_small_pictures_are_not_enlarged(tmp_path):
    stored = process_image(
        data=_bytes(_photo((500, 300)), "PNG"), file_name="nho.png", media_dir=tmp_path
    )
    assert _stored(tmp_path, stored.large).size == (500, 300)


def test_clean_file_name():
    assert media.clean_file_name("C:\\Users\\an\\Ảnh đẹp.jpg") == "Ảnh đẹp.jpg"
    assert media.clean_file_name("a\x00b\n.png") == "ab.png"
    assert media.clean_file_name("") == "ảnh không tên"
    assert media.media_url("ab/x.webp") == "/files/ab/x.webp"


def test_short_png_claiming_a_huge_size_is_refused_quickly(tmp_path):
    """243 bytes cannot hold 7000 × 7000 pixels however well they compress: refused at once."""
    import time

    data = _png_header_only(7000, 7000)
    data = data[:33] + _png_chunk(b"tEXt", b"c\x00" + b"x" * 150) + data[33:]
    assert 200 < len(data) < 300
    started = time.perf_counter()
    with pytest.raises(ImageRejected, match="bị hỏng"):
        process_image(data=data, file_name="gia-mao.png", media_dir=tmp_path)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(("value", "grey"), [(0, 0), (32896, 128), (65535, 255)])
def test_uniform_sixteen_bit_grey_keeps_its_grey(tmp_path, value, grey):
    data = _bytes(Image.new("I;16", (64, 64), value), "PNG")
    stored = process_image(data=data, file_name="xam.png", media_dir=tmp_path)
    assert _stored(tmp_path, stored.large).convert("L").getpixel((10, 10)) == pytest.approx(
        grey, abs=2
    )


@pytest.mark.parametrize(("orientation", "size"), [(1, (4000, 3000)), (6, (3000, 4000))])
def test_large_jpeg_records_its_real_dimensions(tmp_path, monkeypatch, orientation, size):
    monkeypatch.setattr(media, "LARGE_SIZE", (800, 800))  # so 4000 × 3000 decodes at half scale
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = _bytes(_photo((4000, 3000)), "JPEG", exif=exif, quality=70)
    stored = process_image(data=data, file_name="lon.jpg", media_dir=tmp_path)
    assert (stored.width, stored.height) == size
