"""Language knowledge the English rules share: word frequencies and pinyin.

* :mod:`cleanup.lang.english`: how common an English word is (wordfreq's
  large English list, loaded once per process) and the word tokenizer the
  English rules agree on.
* :mod:`cleanup.lang.pinyin`: whether a romanised word such as
  ``Gongzhuling`` or ``Bayanqolu`` is made of pinyin syllables (the syllable
  inventory is built from pypinyin's own character readings).

Both are pure lookups, cached, and cost O(length of the word).
"""

from .english import WORD_RE, is_english_word, zipf
from .pinyin import is_pinyin, segment_pinyin

__all__ = ["WORD_RE", "zipf", "is_english_word", "is_pinyin", "segment_pinyin"]
