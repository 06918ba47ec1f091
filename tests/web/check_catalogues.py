#!/usr/bin/env python3
"""Checks that the gettext catalogues web/locale/nl.po and en.po translate every message
the pages use: each {{#t}}...{{/t}} of web/templates/*.mustache and each t("...") or
N_("...") of src/http/pages/*.cpp must have a non-empty msgstr in both. Exits 1 and names
what is missing otherwise.

    check_catalogues.py [--root DIR]            check
    check_catalogues.py [--root DIR] --add      also append missing ids (en: the id itself,
                                                nl: empty, to be translated)
"""

import argparse
import glob
import os
import re
import sys

TEMPLATE_MESSAGE = re.compile(r"\{\{#t\}\}(.*?)\{\{/t\}\}")
CODE_MESSAGE = re.compile(r'\b(?:t|N_)\(\s*"((?:[^"\\]|\\.)*)"\s*\)')


def unescape(text):
    return bytes(text, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def escape(text):
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def used_messages(root):
    used = {}
    for path in sorted(glob.glob(os.path.join(root, "web", "templates", "*.mustache"))):
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.count("{{#t}}") != line.count("{{/t}}"):
                    raise SystemExit("%s:%d: a {{#t}} section must open and close on one line" % (path, number))
                for text in TEMPLATE_MESSAGE.findall(line):
                    used.setdefault(text, "%s:%d" % (os.path.relpath(path, root), number))
    for path in sorted(glob.glob(os.path.join(root, "src", "http", "pages", "*.cpp"))):
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        for match in CODE_MESSAGE.finditer(source):
            number = source.count("\n", 0, match.start()) + 1
            used.setdefault(unescape(match.group(1)), "%s:%d" % (os.path.relpath(path, root), number))
    return used


def read_po(path):
    """{msgid: msgstr} of a .po file (no plurals, no contexts)."""
    entries = {}
    current = None
    key = None
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.strip()
            if line.startswith("msgid "):
                if current is not None:
                    entries[current["msgid"]] = current.get("msgstr", "")
                current = {"msgid": unescape(line[7:-1])}
                key = "msgid"
            elif line.startswith("msgstr "):
                current["msgstr"] = unescape(line[8:-1])
                key = "msgstr"
            elif line.startswith('"') and current is not None:
                current[key] = current.get(key, "") + unescape(line[1:-1])
    if current is not None:
        entries[current["msgid"]] = current.get("msgstr", "")
    entries.pop("", None)  # the header
    return entries


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    parser.add_argument("--add", action="store_true")
    options = parser.parse_args()
    root = os.path.abspath(options.root)
    used = used_messages(root)
    failures = 0
    for language in ("nl", "en"):
        path = os.path.join(root, "web", "locale", language + ".po")
        catalogue = read_po(path)
        missing = [text for text in used if text not in catalogue]
        empty = [text for text in used if text in catalogue and not catalogue[text]]
        for text in missing:
            print("%s.po misses %r (used at %s)" % (language, text, used[text]))
        for text in empty:
            print("%s.po has no translation for %r (used at %s)" % (language, text, used[text]))
        failures += len(missing) + len(empty)
        if options.add and missing:
            with open(path, "a", encoding="utf-8") as handle:
                for text in missing:
                    translation = text if language == "en" else ""
                    handle.write('\nmsgid "%s"\nmsgstr "%s"\n' % (escape(text), escape(translation)))
    print("%d messages used; %d missing or untranslated" % (len(used), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
