"""Incident photos: checked for size and type, then re-encoded from pixels so no metadata survives.

Re-encoding (rather than deleting known EXIF tags) also drops GPS positions, device serials, XMP
and comments, whatever container they hide in: a photo must never give away where its sender is.
"""

from __future__ import annotations

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from kurultai.web.protection import conf

ACCEPTED = {"JPEG", "PNG", "WEBP"}
MAX_PIXELS = 40_000_000


def clean_photo(upload) -> ContentFile:
    """Return a metadata-free JPEG of the upload, or raise a ValidationError that says why not."""
    limit = conf.get("PROTECTION_PHOTO_MAX_BYTES")
    if upload.size > limit:
        raise ValidationError(_("The photo is too large: at most %(mb)s MB.") % {"mb": limit // (1024 * 1024)})
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("The file is not a photo we can read (JPEG, PNG or WebP).")) from error
    if kind not in ACCEPTED:
        raise ValidationError(_("The file is not a photo we can read (JPEG, PNG or WebP)."))
    if width * height > MAX_PIXELS:
        raise ValidationError(_("The photo has too many pixels."))
    with Image.open(io.BytesIO(data)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
    side = conf.get("PROTECTION_PHOTO_MAX_SIDE")
    upright.thumbnail((side, side))
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85)
    return ContentFile(out.getvalue(), name=f"{secrets.token_hex(12)}.jpg")
