#!/usr/bin/env python3
"""Writes the name finder's word lists from datafaker's locale files (net.datafaker:datafaker 2.7.0,
Apache License 2.0): first names, surnames and places of every locale in Latin script, and common
English words (datafaker's lorem supplemental words, verbs and adjectives, plus function words);
large cities written by hand (major-cities.txt); and, when given a SCOWL word list (Debian's
wamerican package, /usr/share/dict/american-english), its lower-case words as English words.

    mvn -B -q dependency:copy -Dartifact=net.datafaker:datafaker:2.7.0 -DoutputDirectory=/tmp/df
    unzip -q -o /tmp/df/datafaker-2.7.0.jar -d /tmp/df/x
    apt-get install wamerican
    python3 topology/src/test/resources/name-lists/extract.py /tmp/df/x \
        topology/src/main/resources/io/guardstream/inspect/pii /usr/share/dict/american-english
"""
import glob, re, sys, unicodedata
import yaml

root, out = sys.argv[1], sys.argv[2]
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF][A-Za-z\u00C0-\u024F\u1E00-\u1EFF'\u2019-]*$")
HERE = __file__.rsplit('/', 1)[0]
FUNCTION_WORDS = open(HERE + '/function-words.txt', encoding='utf-8').read().split()
MAJOR_CITIES = [l.strip() for l in open(HERE + '/major-cities.txt', encoding='utf-8') if l.strip() and not l.startswith('#')]


def walk(d, path, fn):
    if isinstance(d, dict):
        for k, v in d.items():
            walk(v, path + [str(k)], fn)
    elif isinstance(d, list) and d and all(isinstance(x, str) for x in d):
        fn(path, d)


def words(s):
    return [w for w in re.split(r"[\s,()/]+", s) if w]


def usable(v):
    return '#' not in v and not any(ch.isdigit() for ch in v)


first, last, place, common, dictionary = set(), set(), set(MAJOR_CITIES), set(FUNCTION_WORDS), set()


def take_words(target, values):
    for v in filter(usable, values):
        for w in words(unicodedata.normalize('NFC', v.strip())):
            if LATIN.match(w) and len(w) > 1:
                target.add(w)


def take_phrases(target, values):
    for v in filter(usable, values):
        v = ' '.join(words(unicodedata.normalize('NFC', v.strip())))
        if len(v) > 1 and all(LATIN.match(w) for w in v.split(' ')):
            target.add(v)


def names_and_places(path, values):
    k, sect = path[-1], (path[-2] if len(path) > 1 else '')
    if sect == 'name' and k in ('first_name', 'female_first_name', 'male_first_name'):
        take_words(first, values)
    elif sect == 'name' and k in ('last_name', 'male_last_name', 'female_last_name', 'man_last_name', 'woman_last_name'):
        take_words(last, values)
    elif (sect == 'address' and k in ('city', 'city_name', 'state', 'country', 'default_country')) or \
            (sect in ('country', 'nation') and k in ('name', 'capital', 'capital_city')):
        take_phrases(place, values)


for f in sorted(glob.glob(root + '/*.yml')) + [root + '/en/' + n + '.yml' for n in ('name', 'address', 'country', 'nation')]:
    try:
        d = yaml.safe_load(open(f, encoding='utf-8'))
    except (yaml.YAMLError, OSError):
        continue
    walk(d, [], names_and_places)


def english(path, values):
    if path[-1] in ('words',):
        return  # lorem's Latin words
    for v in values:
        common.update(w.lower() for w in re.findall(r"[A-Za-z]+", v) if len(w) > 1)


for n in ('lorem', 'verbs', 'adjective'):
    walk(yaml.safe_load(open(root + '/en/' + n + '.yml', encoding='utf-8')), [], english)

# a function word is never taken for a name, though some locales list "The" or "Can" as surnames
function = {w.lower() for w in FUNCTION_WORDS}
first = {w for w in first if w.lower() not in function}
last = {w for w in last if w.lower() not in function}

if len(sys.argv) > 3:
    dictionary.update(l.strip() for l in open(sys.argv[3], encoding='utf-8') if re.fullmatch(r"[a-z]+\n?", l))

HEADER = ("# {what}, one a line, matched case-insensitively by io.guardstream.inspect.pii.NameLexicon.\n"
          "# Extracted from net.datafaker:datafaker 2.7.0 (Apache License 2.0) or SCOWL (see NOTICE) by\n"
          "# topology/src/test/resources/name-lists/extract.py; see NOTICE.\n")
for name, what, s in [('first-names', 'First names of every datafaker locale in Latin script', first),
                      ('surnames', 'Surnames of every datafaker locale in Latin script', last),
                      ('places', 'Cities, states, countries and capitals of every datafaker locale', place),
                      ('common-words', 'Common English words (lorem supplemental, verbs, adjectives, function words)', common),
                      ('english-words', 'Lower-case words of SCOWL (Debian wamerican 2020.12.07, Kevin Atkinson)', dictionary)]:
    with open(out + '/' + name + '.txt', 'w', encoding='utf-8') as o:
        o.write(HEADER.format(what=what))
        for w in sorted(s):
            o.write(w + '\n')
    print(name, len(s))
