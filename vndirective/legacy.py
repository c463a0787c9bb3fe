"""Text typed in the legacy Vietnamese font encodings, TCVN3 (ABC, '.VnTime') and VNI.

Read as Unicode, such text turns into mojibake: TCVN3 gives 'Uû ban nh©n d©n tØnh',
VNI gives 'UÛy ban nhaân daân tænh'. :func:`detect` recognises it so that the
parser can say so; conversion comes with the readers of legacy files.
"""

from __future__ import annotations

import re

# Characters that TCVN3 uses for Vietnamese letters but that no Unicode Vietnamese text holds.
# (Only its symbols count: the Latin-1 letters it also uses are VNI's too.)
_TCVN3_MARKS = re.compile("[©¨®¶µ¸¹»¼½¾§¦ª«¬¯±²³´·º×÷þ]")
# VNI writes a base letter followed by a mark from Latin-1: 'aø' (à), 'aù' (á), 'oâ' (ô), 'ñ' (đ).
_VNI_MARKS = re.compile("[aeiouyAEIOUYôöÔÖ][âêôöøùûõïäåáàÂÊÔÖØÙÛÕÏÄÅÁÀ]")
# Letters only Unicode Vietnamese has: ạ…ỹ, ơ, ư, đ, ă.
_VIETNAMESE = re.compile("[\\u1ea0-\\u1ef9ơưđăƠƯĐĂ]")


def detect(text: str, sample: int = 20_000) -> str | None:
    """'TCVN3' or 'VNI' when the text looks typed in that encoding, else None."""
    head = text[:sample]
    tcvn3 = len(_TCVN3_MARKS.findall(head))
    vni = len(_VNI_MARKS.findall(head))
    native = len(_VIETNAMESE.findall(head))
    best, count = ("TCVN3", tcvn3) if tcvn3 >= vni else ("VNI", vni)
    if count >= 6 and count > 2 * native:
        return best
    return None
