import json, importlib.util, sys
voices = {}
for p in 'abcde':
    spec = importlib.util.spec_from_file_location('g'+p, f'scripts/train-escalation/loop2S44/gen_{p}.py'); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    voices.update(m.L)
lab = {'loop': 'loop', 'rf': 'repeated_fallback', 'none': 'none'}
rows = []
# interleave so each voice and label has both halves: id by (label, voice, i) round robin
n = 0
for key in ('loop', 'rf', 'none'):
    for v in ('terse', 'rambling', 'sarcastic', 'non-native', 'polite-indirect'):
        convs = voices[v][key]
        assert len(convs) == 30, (v, key, len(convs))
        for kind, turns in convs:
            n += 1
            rows.append({'id': f'l2s44-{n:03d}', 'expect': lab[key], 'turns': ['Something else'] + turns, 'voice': v, 'kind': kind})
out = sys.argv[1]
with open(out, 'w') as f:
    for r in rows: f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(rows))
# Session 44 (loop2), after the first measurement: see gen_f.py.
spec = importlib.util.spec_from_file_location('gf', 'scripts/train-escalation/loop2S44/gen_f.py'); gf = importlib.util.module_from_spec(spec); spec.loader.exec_module(gf)
for r in rows:
    if r['expect'] == 'loop' and r['kind'] in gf.RELABEL: r['expect'] = 'sensitive_topic'; r['note'] = 'relabelled: the flow names refunds a sensitive topic'
for v, lab_, kind, turns in gf.EXTRA:
    n += 1
    rows.append({'id': f'l2s44-{n:03d}', 'expect': lab_, 'turns': ['Something else'] + turns, 'voice': v, 'kind': kind})
with open(out, 'w') as f:
    for r in rows: f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(rows))
