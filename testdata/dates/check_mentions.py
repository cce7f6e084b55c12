#!/usr/bin/env python3
"""Check testdata/dates/mentions.tsv (format, dates, words, weekday arithmetic).

Standard library only. Run from anywhere:

    python3 testdata/dates/check_mentions.py [--corpora DIR] [--stats]

--corpora DIR  also check that every SaudiNewsNet, HuffPost, BBC and seed
               sentence occurs verbatim in DIR (default ../shared/corpora
               relative to the repository root, skipped if absent) and that
               SaudiNewsNet lines use the record's date_extracted day.
--stats        print the counts pasted into README.md.

Exit status 1 if any line fails. See README.md for the rules checked here.
"""
import datetime as dt
import json
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, 'mentions.tsv')
ROOT = os.path.dirname(os.path.dirname(HERE))

INDIC = str.maketrans('٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '01234567890123456789')

LEVANTINE = {'كانون الثاني': 1, 'كانون ثان': 1, 'شباط': 2, 'آذار': 3, 'اذار': 3, 'أذار': 3,
             'نيسان': 4, 'أيار': 5, 'ايار': 5, 'حزيران': 6, 'تموز': 7, 'آب': 8, 'اب': 8,
             'أيلول': 9, 'ايلول': 9, 'تشرين الأول': 10, 'تشرين الاول': 10,
             'تشرين الثاني': 11, 'كانون الأول': 12, 'كانون الاول': 12}
EGYPTIAN = {'يناير': 1, 'فبراير': 2, 'مارس': 3, 'أبريل': 4, 'ابريل': 4, 'إبريل': 4,
            'مايو': 5, 'يونيو': 6, 'يونيه': 6, 'يوليو': 7, 'يوليه': 7, 'أغسطس': 8,
            'اغسطس': 8, 'سبتمبر': 9, 'أكتوبر': 10, 'اكتوبر': 10, 'نوفمبر': 11, 'ديسمبر': 12}
MAGHREBI = {'جانفي': 1, 'فيفري': 2, 'أفريل': 4, 'ماي': 5, 'جوان': 6, 'جويلية': 7, 'أوت': 8}
EN_MONTHS = {'January': 1, 'Jan.': 1, 'February': 2, 'Feb.': 2, 'March': 3, 'April': 4,
             'May': 5, 'June': 6, 'July': 7, 'August': 8, 'Aug.': 8, 'September': 9,
             'Sept.': 9, 'October': 10, 'Oct.': 10, 'November': 11, 'Nov.': 11,
             'December': 12, 'Dec.': 12}
FR_MONTHS = {'janvier': 1, 'février': 2, 'mars': 3, 'avril': 4, 'mai': 5, 'juin': 6,
             'juillet': 7, 'août': 8, 'septembre': 9, 'octobre': 10, 'novembre': 11,
             'décembre': 12}
AR_MONTHS = {**LEVANTINE, **EGYPTIAN, **MAGHREBI}
ALL_MONTHS = {**AR_MONTHS, **EN_MONTHS, **FR_MONTHS}

# Monday = 0
WEEKDAYS = {'الاثنين': 0, 'الإثنين': 0, 'الثلاثاء': 1, 'الأربعاء': 2, 'الاربعاء': 2,
            'الخميس': 3, 'الجمعة': 4, 'السبت': 5, 'الأحد': 6, 'الاحد': 6,
            'Monday': 0, 'Tuesday': 1, 'Wednesday': 2, 'Thursday': 3, 'Friday': 4,
            'Saturday': 5, 'Sunday': 6,
            'lundi': 0, 'mardi': 1, 'mercredi': 2, 'jeudi': 3, 'vendredi': 4,
            'samedi': 5, 'dimanche': 6}
ORDINALS = {'الأول': 1, 'الثاني': 2, 'الخامس': 5, 'التاسع': 9, 'الرابع': 4}
HIJRI = ('محرم', 'صفر', 'ربيع', 'جمادى', 'رجب', 'شعبان', 'رمضان', 'شوال',
         'ذو القعدة', 'ذي القعدة', 'ذو الحجة', 'ذي الحجة')

DATE_RE = re.compile(r'^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$|^--(\d{2})-(\d{2})$')
SOURCE_RE = re.compile(r'^(snn:\d{4}-\d{2}-\d{2}\.zip#\d+|bbc:[a-z]+/\d{3}\.txt|'
                       r'huffpost:\d+|seed|constructed)$')


def wordfind(names, text):
    """Names (longest first) that occur in text as whole words (Arabic clitics و ب ل allowed)."""
    found = []
    for n in sorted(names, key=len, reverse=True):
        for m in re.finditer(r'(?<![\w])(?:[وبل]|ال)?' + re.escape(n) + r'(?![\w])', text):
            if not any(a <= m.start() < b for _, a, b in found):
                found.append((n, m.start(), m.end()))
    return found


def has(words, *keys):
    return any(re.search(r'(?<!\w)' + re.escape(k) + r'(?!\w)', words) for k in keys)


def parse_date(s):
    m = DATE_RE.match(s)
    if not m:
        return None
    if m.group(4):
        mo, d = int(m.group(4)), int(m.group(5))
        dt.date(2016, mo, d)  # leap year: accepts 02-29
        return ('partial', mo, d)
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if d:
        return ('day', dt.date(int(y), int(mo), int(d)))
    if mo:
        if not 1 <= int(mo) <= 12:
            raise ValueError('month')
        return ('month', int(y), int(mo))
    return ('year', int(y))


def latest_not_after(pub, mo, d, strict=False):
    for y in range(pub.year, pub.year - 9, -1):
        try:
            c = dt.date(y, mo, d)
        except ValueError:
            continue
        if c < pub or (c == pub and not strict):
            return c
    return None


def check_line(n, fields, problems):
    def bad(msg):
        problems.append('line %d: %s' % (n, msg))
    if len(fields) != 5:
        bad('%d columns, want 5' % len(fields))
        return
    lang, pub, sent, exp, src = fields
    if lang not in ('ar', 'en', 'fr'):
        bad('lang %r' % lang)
    pubd = None
    if pub != '-':
        try:
            pubd = dt.date.fromisoformat(pub)
        except ValueError:
            bad('published %r' % pub)
            return
    if not sent or sent != sent.strip():
        bad('empty sentence or surrounding spaces')
    if not SOURCE_RE.match(src):
        bad('source %r' % src)
    if exp == '-':
        return
    pos = 0
    for entry in exp.split(';'):
        if '=' not in entry:
            bad('entry without words: %r' % entry)
            continue
        date, words = entry.split('=', 1)
        try:
            kind = parse_date(date)
        except ValueError:
            kind = 'invalid'
        if kind is None or kind == 'invalid':
            bad('bad date %r' % date)
            continue
        i = sent.find(words, pos)
        if i < 0:
            if words in sent:
                bad('words out of order: %r' % words)
            else:
                bad('words not in sentence: %r' % words)
            continue
        pos = i
        if kind[0] == 'partial' and pubd:
            bad('partial date %s with a publication date' % date)
        w = words.translate(INDIC)
        # months named in the words (double forms must agree)
        months = {ALL_MONTHS[m] for m, _, _ in wordfind(ALL_MONTHS, w)}
        ranged = re.search(r'(?<!\w)(-|إلى|to|and|au|du|حتى|وحتى)(?!\w)', w)
        if len(months) > 1 and not ranged:
            bad('month names disagree in %r' % words)
        years = [int(y) for y in re.findall(r'(?<!\d)(\d{4})(?!\d)', w)]
        if kind[0] in ('day', 'month') and not years and pubd is None:
            bad('%s without a year in the words and no publication date' % date)
        if kind[0] in ('day', 'month') and months and (kind[1].month if kind[0] == 'day' else kind[2]) not in months:
            bad('month of %s not named in %r' % (date, words))
        if kind[0] == 'partial' and months and kind[1] not in months:
            bad('month of %s not named in %r' % (date, words))
        if kind[0] in ('day', 'month', 'year') and years:
            y = kind[1].year if kind[0] == 'day' else kind[1]
            if y not in years and not re.search(r'\d{4}\s*[-/]\s*\d{2}(?!\d)', w):
                bad('year of %s not in %r' % (date, words))
        wd = [WEEKDAYS[k] for k, _, _ in wordfind(WEEKDAYS, words)]
        if kind[0] == 'day':
            d = kind[1]
            if wd and d.weekday() != wd[0]:
                bad('%s is a %s, words say %r' % (date, d.strftime('%A'), words))
            if pubd is None:
                continue
            explicit_day = re.search(r'\d', w.replace('/', ' ')) or has(words, *ORDINALS)
            want = None
            if has(words, 'أمس الأول', 'أول من أمس', 'avant-hier'):
                want = pubd - dt.timedelta(days=2)
            elif has(words, 'أمس', 'امس', 'yesterday', 'hier'):
                want = pubd - dt.timedelta(days=1)
            elif has(words, 'اليوم', 'Today', 'today', "aujourd'hui"):
                want = pubd
            elif explicit_day and not years:
                # day + month without a year
                days = [int(x) for x in re.findall(r'(?<!\d)(\d{1,2})(?!\d)', w)]
                days = days or [v for k, v in ORDINALS.items() if has(words, k)]
                # in a range ("17-23", "7 إلى 11") the entry may be either end
                day = d.day if d.day in days else days[0]
                mo = d.month
                if has(words, 'المقبل', 'القادم', 'prochain'):
                    want = None
                    for y in (pubd.year, pubd.year + 1):
                        c = dt.date(y, mo, day)
                        if c > pubd:
                            want = c
                            break
                elif has(words, 'الجاري', 'الحالي'):
                    want = dt.date(pubd.year, mo, day)
                elif has(words, 'العام الماضي'):
                    want = dt.date(pubd.year - 1, mo, day)
                else:
                    past = has(words, 'الماضي', 'المنصرم', 'last', 'dernier')
                    want = latest_not_after(pubd, mo, day, strict=past)
            elif wd and not explicit_day:
                k = wd[0]
                if has(words, 'المقبل', 'المقبلة', 'القادم', 'next', 'prochain'):
                    want = pubd + dt.timedelta(days=(k - pubd.weekday() - 1) % 7 + 1)
                elif has(words, 'الماضي', 'الماضية', 'last', 'dernier'):
                    want = pubd - dt.timedelta(days=(pubd.weekday() - k - 1) % 7 + 1)
                else:
                    want = pubd - dt.timedelta(days=(pubd.weekday() - k) % 7)
            if want is not None and want != d:
                bad('%s for %r published %s: the rules give %s' % (date, words, pub, want))
        elif kind[0] == 'month':
            if not years and pubd is None:
                bad('month without year')


def load_corpora(cdir):
    snn, zips = {}, {}
    for name in os.listdir(os.path.join(cdir, 'saudinewsnet')):
        z = zipfile.ZipFile(os.path.join(cdir, 'saudinewsnet', name))
        zips[name] = json.loads(z.read(z.namelist()[0]))
    hp = [json.loads(l) for l in open(os.path.join(cdir, 'huffpost-sample.jsonl'), encoding='utf-8')]
    bbc = zipfile.ZipFile(os.path.join(cdir, 'bbc-news.zip'))
    return zips, hp, bbc


def check_sources(lines, cdir, problems):
    zips, hp, bbc = load_corpora(cdir)
    seeddir = os.path.join(os.path.dirname(cdir), 'seed')
    seed = ''.join(open(os.path.join(seeddir, f), encoding='utf-8').read() for f in os.listdir(seeddir))
    for n, f in lines:
        lang, pub, sent, exp, src = f
        if src.startswith('snn:'):
            name, idx = src[4:].split('#')
            r = zips[name][int(idx)]
            text = (r.get('title') or '') + '\n' + (r.get('content') or '')
            if pub != '-' and pub != r['date_extracted'][:10]:
                problems.append('line %d: published %s, date_extracted %s' % (n, pub, r['date_extracted']))
        elif src.startswith('huffpost:'):
            r = hp[int(src[9:]) - 1]
            text = r['headline'] + '\n' + r['short_description']
            if pub != '-' and pub != r['date'][:10]:
                problems.append('line %d: published %s, HuffPost date %s' % (n, pub, r['date']))
        elif src.startswith('bbc:'):
            text = bbc.read('bbc/' + src[4:]).decode('utf-8')
        elif src == 'seed':
            text = seed
        else:
            continue
        if sent not in text:
            problems.append('line %d: sentence not found verbatim in %s' % (n, src))


def stats(lines):
    def count(pred):
        return sum(1 for _, f in lines if pred(f))
    out = []
    langs = ['ar', 'en', 'fr']
    out.append('| | ' + ' | '.join(langs) + ' | all |')
    out.append('|---|' + '---|' * (len(langs) + 1))

    def row(label, pred):
        c = [count(lambda f, l=l: f[0] == l and pred(f)) for l in langs]
        out.append('| %s | %s | %d |' % (label, ' | '.join(map(str, c)), sum(c)))

    def words(f):
        return ' '.join(e.split('=', 1)[1] for e in f[3].split(';')) if f[3] != '-' else ''

    def entries(f):
        return [] if f[3] == '-' else [e.split('=', 1)[0] for e in f[3].split(';')]

    row('lines', lambda f: True)
    row('from a corpus', lambda f: f[4] != 'constructed')
    row('constructed', lambda f: f[4] == 'constructed')
    row('published `-`', lambda f: f[1] == '-')
    row('expected `-` (no date at all)', lambda f: f[3] == '-')
    row('expected dates (entries)', lambda f: True)
    out[-1] = '| expected dates (entries) | %s | %d |' % (
        ' | '.join(str(sum(len(entries(f)) for _, f in lines if f[0] == l)) for l in langs),
        sum(len(entries(f)) for _, f in lines))
    row('with a full day `YYYY-MM-DD`', lambda f: any(len(e) == 10 and e[0] != '-' for e in entries(f)))
    row('with a month `YYYY-MM`', lambda f: any(len(e) == 7 for e in entries(f)))
    row('with a year `YYYY`', lambda f: any(len(e) == 4 for e in entries(f)))
    row('with a partial `--MM-DD`', lambda f: any(e.startswith('--') for e in entries(f)))
    row('Levantine month named', lambda f: wordfind(LEVANTINE, words(f)))
    row('Egyptian/Gulf month named', lambda f: wordfind(EGYPTIAN, words(f)))
    row('Maghrebi month named', lambda f: wordfind(MAGHREBI, words(f)))
    row('double month form (two names)', lambda f: any(
        len(wordfind(AR_MONTHS, e.split('=', 1)[1])) > 1 for e in f[3].split(';') if '=' in e))
    row('Arabic-Indic digits in sentence', lambda f: re.search('[٠-٩]', f[2]))
    row('Hijri date or year in sentence', lambda f: re.search(r'[0-9٠-٩]\s*هـ?(?:\s|$|[،.,)])|' + '|'.join(HIJRI), f[2]) and f[0] == 'ar')
    row('weekday in expected words', lambda f: wordfind(WEEKDAYS, words(f)))
    row('أمس / yesterday / hier in words', lambda f: has(words(f), 'أمس', 'امس', 'yesterday', 'hier'))
    row('اليوم / today / aujourd\'hui in words', lambda f: has(words(f), 'اليوم', 'Today', "aujourd'hui"))
    row('الماضي / last / dernier in words', lambda f: has(words(f), 'الماضي', 'الماضية', 'last', 'dernier', 'المنصرم'))
    row('المقبل / next / prochain in words', lambda f: has(words(f), 'المقبل', 'المقبلة', 'prochain', 'next'))
    row('range or span (two dates, one phrase)', lambda f: f[3] != '-' and (
        len(entries(f)) != len(set(e.split('=', 1)[1] for e in f[3].split(';')))
        or re.search(r'\d\s*(-|/|إلى|au)\s*\d|August and', words(f))))
    return '\n'.join(out)


def main():
    args = sys.argv[1:]
    cdir = os.path.join(os.path.dirname(ROOT), 'shared', 'corpora')
    if '--corpora' in args:
        cdir = args[args.index('--corpora') + 1]
    problems, lines = [], []
    seen = set()
    with open(TSV, encoding='utf-8', newline='') as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.endswith('\n') or raw.endswith('\r\n'):
                problems.append('line %d: must end with LF' % n)
            raw = raw.rstrip('\n')
            if raw.startswith('#') or not raw:
                continue
            f = raw.split('\t')
            key = tuple(f[:3])
            if key in seen:
                problems.append('line %d: duplicate (lang, published, sentence)' % n)
            seen.add(key)
            check_line(n, f, problems)
            lines.append((n, f))
    if os.path.isdir(cdir):
        check_sources(lines, cdir, problems)
        print('sources checked against', cdir)
    else:
        print('corpora not found, sources not checked:', cdir)
    print('%d lines checked, %d problems' % (len(lines), len(problems)))
    for p in problems:
        print(p)
    if '--stats' in args:
        print(stats(lines))
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
