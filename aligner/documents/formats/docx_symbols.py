"""``<w:sym w:font="…" w:char="F061"/>``: a character Word inserted from a symbol font.

Word's Insert Symbol stores the character's code in the font rather than the character:
with the Symbol font, ``F061`` is the font's ``a`` slot, which shows α; with a text font
(SimSun, Times New Roman) the code is the Unicode character itself. So a Symbol-font
character is read as the Unicode character the font shows (Greek letters, arrows, ±, ≤,
∞: text a translator keeps, as in "α 粒子"), a text font's code as itself, and a dingbat
font's glyph (Wingdings, Webdings: check marks, hands, phones), which has no letter to
translate, is ``symbol`` debris.
"""
from __future__ import annotations

#: The Symbol font's slots that differ from ASCII (Adobe's Symbol encoding), Greek first.
_GREEK = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
                  "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖαβχδεφγηιϕκλμνοπθρστυϖωξψζ"))
SYMBOL_FONT: dict[int, str] = {ord(k): v for k, v in _GREEK.items()} | {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥", 0x60: "‾",
    0x7E: "∼", 0xA1: "ϒ", 0xA2: "′", 0xA3: "≤", 0xA4: "⁄", 0xA5: "∞", 0xA6: "ƒ", 0xA7: "♣", 0xA8: "♦",
    0xA9: "♥", 0xAA: "♠", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±",
    0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡",
    0xBB: "≈", 0xBC: "…", 0xC0: "ℵ", 0xC1: "ℑ", 0xC2: "ℜ", 0xC3: "℘", 0xC4: "⊗", 0xC5: "⊕", 0xC6: "∅",
    0xC7: "∩", 0xC8: "∪", 0xC9: "⊃", 0xCA: "⊇", 0xCB: "⊄", 0xCC: "⊂", 0xCD: "⊆", 0xCE: "∈", 0xCF: "∉",
    0xD0: "∠", 0xD1: "∇", 0xD5: "∏", 0xD6: "√", 0xD7: "⋅", 0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔",
    0xDC: "⇐", 0xDD: "⇑", 0xDE: "⇒", 0xDF: "⇓", 0xE0: "◊", 0xE1: "〈", 0xE5: "∑", 0xF1: "〉", 0xF2: "∫",
}
#: Fonts whose glyphs are pictures, not letters.
DINGBAT_FONTS = ("wingdings", "webdings", "zapf dingbats", "zapfdingbats", "marlett", "mt extra")


def read_symbol(font: str, char: str) -> tuple[str, bool]:
    """``(text, is_text)`` for a ``w:sym``: the character shown, or a description for the debris."""
    try:
        code = int(char, 16)
    except ValueError:
        return f"{font} {char}", False
    family = font.strip().lower()
    slot = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    if family.startswith(DINGBAT_FONTS) or not 0x20 <= slot <= 0x10FFFF or 0xD800 <= slot <= 0xDFFF:
        return f"{font} {char}", False
    if family == "symbol":
        if slot in SYMBOL_FONT:
            return SYMBOL_FONT[slot], True
        return (chr(slot), True) if slot < 0x7F else (f"{font} {char}", False)
    # a text font: the code is the character (a low slot in the private area is its cp1252 byte)
    if 0xF000 <= code <= 0xF0FF:
        try:
            return bytes([slot]).decode("cp1252"), True
        except UnicodeDecodeError:
            return f"{font} {char}", False
    return chr(slot), True
