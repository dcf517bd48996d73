"""loop2 (session 44): writes test/fixtures/escalation-loop/loop2-s44.jsonl from the five voices' conversations
(gen_a-e.py: data only, voice -> label -> [(kind, turns)]) and the changes after the first measurement (gen_f.py).

    python3 scripts/train-escalation/loop2S44/build.py test/fixtures/escalation-loop/loop2-s44.jsonl

Session 45 (tidy2, review of s44): one loader and one writer (the file was written twice, before and after gen_f's
changes); the output is byte-identical to the committed fixture (sha1 a41560ea).
"""
import importlib.util, json, sys

HERE = 'scripts/train-escalation/loop2S44'
LABELS = {'loop': 'loop', 'rf': 'repeated_fallback', 'none': 'none'}
VOICES = ('terse', 'rambling', 'sarcastic', 'non-native', 'polite-indirect')


def load(name):
    spec = importlib.util.spec_from_file_location(name, f'{HERE}/{name}.py')
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


def row(n, expect, voice, kind, turns):
    return {'id': f'l2s44-{n:03d}', 'expect': expect, 'turns': ['Something else'] + turns, 'voice': voice, 'kind': kind}


voices = {}
for p in 'abcde':
    voices.update(load(f'gen_{p}').L)
fixes = load('gen_f')
rows = []
# Each label, then each voice: ids in that order (odd ids train, even held out, so every voice and label has both halves).
for key in LABELS:
    for v in VOICES:
        convs = voices[v][key]
        assert len(convs) == 30, (v, key, len(convs))
        for kind, turns in convs:
            rows.append(row(len(rows) + 1, LABELS[key], v, kind, turns))
# After the first measurement (gen_f.py): the customer's own refund loops are the flow's sensitive topic; 15 loops added.
for r in rows:
    if r['expect'] == 'loop' and r['kind'] in fixes.RELABEL:
        r['expect'] = 'sensitive_topic'
        r['note'] = 'relabelled: the flow names refunds a sensitive topic'
for v, expect, kind, turns in fixes.EXTRA:
    rows.append(row(len(rows) + 1, expect, v, kind, turns))
with open(sys.argv[1], 'w') as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(rows))
