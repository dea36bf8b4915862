"""Where text may break: words, and CJK characters with their closing punctuation."""

import re

CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u3040-\u30ff"
CLOSING = "、。，．！？：；）」』】〕》”’"
# a CJK character keeps its closing punctuation, so no line starts with "。"
CJK_CHAR = re.compile(f"[{CJK}]")  # characters CJK text breaks between
TOKEN = re.compile(rf"[{CJK}][{CLOSING}]*|[^\s{CJK}]+|\s+")
