/**
 * Hostile s9 #3: terminal escape sequences in a flow file (its name, bot texts, button labels, block ids and labels)
 * and in what the customer types reached the terminal raw in `baton chat` and `baton validate`: a template could
 * clear the screen, set the window title, draw a hyperlink to another site or forge "All checks passed". They are
 * now shown as visible escapes. Runs bin/baton.js as a user does.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'baton-ansi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESC = '\u001b';
const BEL = '\u0007';
const CSI8 = '\u009b'; // the one-byte CSI (C1)

function realBaton(args: string[], input = '') {
  const r = spawnSync(process.execPath, ['bin/baton.js', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, all: r.stdout + r.stderr };
}

const block = (id: string, kind: string, data: object, label = id) => ({ id, kind, position: { x: 0, y: 0 }, label, data });
const edge = (from: string, to: string, exit = 'next') => ({ id: `e-${from}-${exit}`, from, exit, to });

function flowFile(name: string, blocks: object[], edges: object[]): string {
  const file = join(dir, `${name}.json`);
  const flow = {
    version: 1,
    id: name,
    name: `Shop ${ESC}]0;OWNED${BEL}`,
    description: '',
    variables: [],
    settings: { language: 'en', timezone: 'UTC', fallbackMessage: 'Sorry?', restartMessage: 'Welcome back!' },
    blocks,
    edges,
    escalation: { enabled: false },
  };
  writeFileSync(file, JSON.stringify(flow));
  return file;
}

describe('flow and customer text reaches the terminal inert (hostile s9 #3)', () => {
  it('baton chat shows escape sequences in the flow name, bot texts, labels and the echoed customer line as escapes', () => {
    const file = flowFile(
      'ansi-chat',
      [
        block('start', 'start', {}),
        block('m', 'message', { text: `Hello ${ESC}[2J${ESC}[H${ESC}[32mAll checks passed${ESC}[0m ${ESC}]8;;https://evil.example${BEL}click${ESC}]8;;${BEL}\nsecond line ${CSI8}31m` }),
        block('q', 'question', { text: 'Name?', inputType: 'text', variable: 'name' }),
        block('m2', 'message', { text: 'Hi {{name}}' }),
        block('end', 'end', { text: 'bye' }),
      ],
      [edge('start', 'm'), edge('m', 'q'), edge('q', 'm2'), edge('m2', 'end')],
    );
    const r = realBaton(['chat', file, '--now', '2026-11-24T10:00:00Z', '--no-color'], `Ann ${ESC}[2J\r/quit\n`);
    expect(r.code).toBe(0);
    // Not one raw ESC, BEL, CR or C1 byte on the terminal.
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain('Shop \\u001b]0;OWNED\\u0007');
    expect(r.stdout).toContain('Hello \\u001b[2J\\u001b[H\\u001b[32mAll checks passed\\u001b[0m \\u001b]8;;https://evil.example\\u0007click');
    expect(r.stdout).toContain('\nsecond line \\u009b31m'); // the bot text's own newline is kept
    // The customer's typed escape (echoed, and in the bot's answer through {{name}}).
    expect(r.stdout).toContain('Hi Ann \\u001b[2J');
  });

  it('baton validate prints a hostile block id and label inert and refuses control characters in block ids', () => {
    const bad = `lonely${ESC}[2J${ESC}[31mRED`;
    const file = flowFile(
      'ansi-validate',
      [block('start', 'start', {}), block('m', 'message', { text: 'hi' }), block('end', 'end', { text: 'bye' }), block(bad, 'end', { text: 'bye' })],
      [edge('start', 'm'), edge('m', 'end'), { id: 'e3', from: 'm', exit: 'next', to: `nowhere${ESC}]0;OWNED${BEL}${CSI8}2J` }],
    );
    const r = realBaton(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.all).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(r.stderr).toContain('(block_id_control_characters)');
    expect(r.stderr).toContain('Block number 4 has an id with control or text-direction characters ("lonely\\u001b[2J\\u001b[31mRED")');
    // Problems that quote the file's ids name them with the escapes visible.
    expect(r.stderr).toContain("[block lonely\\u001b[2J\\u001b[31mRED]: Block 'lonely\\u001b[2J\\u001b[31mRED' (End) cannot be reached");
    expect(r.stderr).toContain("leads to block 'nowhere\\u001b]0;OWNED\\u0007\\u009b2J', which does not exist");
  });
});
