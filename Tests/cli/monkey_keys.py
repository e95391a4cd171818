"""Random key presses for the monkey test, as an xterm sends them: printable (ASCII, accented, other
scripts, wide), function keys, arrows and editing keys, Ctrl chords, paste bursts and field-like words."""
import random
import string

FUNCTION = {1: b"\x1bOP", 2: b"\x1bOQ", 3: b"\x1bOR", 4: b"\x1bOS", 5: b"\x1b[15~", 6: b"\x1b[17~",
            7: b"\x1b[18~", 8: b"\x1b[19~", 9: b"\x1b[20~", 10: b"\x1b[21~", 11: b"\x1b[23~", 12: b"\x1b[24~"}
# Application cursor mode: ncurses turns the keypad on (smkx), so arrows come as ESC O x.
NAMED = {"up": b"\x1bOA", "down": b"\x1bOB", "right": b"\x1bOC", "left": b"\x1bOD", "home": b"\x1bOH",
         "end": b"\x1bOF", "pgup": b"\x1b[5~", "pgdn": b"\x1b[6~", "delete": b"\x1b[3~", "insert": b"\x1b[2~",
         "shift-tab": b"\x1b[Z", "enter": b"\r", "esc": b"\x1b", "tab": b"\t", "backspace": b"\x7f"}
ASCII = string.ascii_letters + string.digits + string.punctuation + " "
ACCENTED = "éèêëñüöäßçåøæłřžčšğıİőűÉÑÜÖÅØ"
SCRIPTS = "Привет мир Ελληνικά العربية עברית हिन्दी தமிழ் ไทย ትግርኛ Tiếng Việt"
WIDE = "中文字漢字日本語ひらがなカタカナ한국어ＡＢＣ１２３😀🎉🏥💊🩺"
TRICKY = "\u0301\u0308\u200b\u200d\u202e\u2066\u2028\ufeff\u00a0"  # combining, zero-width, bidi, separators
# What a person types into the desks' fields: names, MRNs, dates, phones, money, codes, and y for "yes".
WORDS = ["Amina", "Okafor", "Nguyễn", "José Peña", "MR00000018", "MR0", "12/03/1990", "1990-03-27", "31/02/2020",
         "0712345678", "+254712345678", "500", "1,000.00", "1,50", "-5", "99999999999", "0", "GEN", "CARD",
         "CONSULT", "LAB-MAL", "cash", "card", "A+", "penicillin", "y", "n", "supervisor", "supervisor-demo-1",
         "'; DROP TABLE patients; --", "%", "_", "\\", "\"", "08:30", "9999-12-31"]
# Ctrl-@ (NUL) to Ctrl-_ : the app reads the terminal raw, so Ctrl-C, Ctrl-Z and Ctrl-\ are keys, not signals.
CTRL = [bytes([code]) for code in range(0, 32) if code not in (9, 13, 27)]

SMALL_SIZES = [(20, 5), (40, 10), (79, 23), (80, 23), (79, 24), (30, 8)]


class KeySource:
    """Draws actions from a seeded generator: each is (kind, bytes, keys counted)."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def key(self) -> bytes:
        r = self.rng.random()
        if r < 0.42:
            return self.rng.choice(ASCII).encode()
        if r < 0.47:
            return self.rng.choice(ACCENTED).encode()
        if r < 0.51:
            return self.rng.choice(SCRIPTS).encode()
        if r < 0.55:
            return self.rng.choice(WIDE).encode()
        if r < 0.56:
            return self.rng.choice(TRICKY).encode()
        if r < 0.83:
            return NAMED[self.rng.choice(list(NAMED))]
        if r < 0.93:
            return FUNCTION[self.rng.randint(1, 12)]
        return self.rng.choice(CTRL)

    def keys(self):
        count = self.rng.randint(1, 40)
        return "keys", b"".join(self.key() for _ in range(count)), count

    def word(self):
        text = self.rng.choice(WORDS)
        tail = self.rng.choice([b"", b"\t", b"\r"])
        return "word", text.encode() + tail, len(text) + (1 if tail else 0)

    def paste(self):
        length = self.rng.randint(100, 800)
        alphabet = ASCII * 6 + ACCENTED + SCRIPTS + WIDE + "\r\t"
        text = "".join(self.rng.choice(alphabet) for _ in range(length))
        return "paste", text.encode(), length

    def size(self):
        if self.rng.random() < 0.3:
            return self.rng.choice(SMALL_SIZES + [(self.rng.randint(20, 79), self.rng.randint(5, 23))])
        return self.rng.randint(80, 200), self.rng.randint(24, 60)

    def desk_jump(self):
        """Back to the home screen and into a desk by its function key (F2 to F11)."""
        return "desk", b"\x1b" * 5 + FUNCTION[self.rng.randint(2, 11)], 6
