"""Where text may break: words, and CJK characters kept with the marks that may not start or
end a line (kinsoku)."""

import re

CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u3040-\u30ff"
CLOSING = "、。，．！？：；）」』】〕》”’"
# kinsoku: what may not start a line (closing punctuation, small kana, the prolonged sound
# mark, iteration marks, the middle dot, ellipses) and what may not end one (opening brackets)
NO_START = CLOSING + "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰ-ㇿーゝゞヽヾ々・…‥〜"
NO_END = "\uff08\u300c\u300e\u3010\u3014\u300a\u201c\u2018\u3008"  # the opening brackets and quotes
CJK_CHAR = re.compile(f"[{CJK}]")  # characters CJK text breaks between
# a CJK character keeps what may not start a line after it and what may not end one before it
TOKEN = re.compile(rf"[{NO_END}]*[{CJK}][{NO_START}]*|[^\s{CJK}]+|\s+")
