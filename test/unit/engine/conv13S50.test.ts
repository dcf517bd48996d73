/**
 * Session 50 (conv13): hostile s50 M3 (a claim reference said in a sentence), M5 (lead-gen's head count), M11 (bare
 * "stop"s at the other flows' menus). Each kind: wordings written before the change (`before`), then held-out wordings
 * written after it (`heldOut`), and near misses that keep the old behaviour.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { converse } from './harness';
import { loadFlowText } from '../../../shared/flow/loadFlowText';

const load = (name: string) => loadFlowText(readFileSync(new URL(`../../../flows/${name}.json`, import.meta.url), 'utf8')).flow!;
const OPEN = Date.parse('2026-03-09T11:30:00Z');

describe('M3: Harbor Mutual\'s claim question ("e.g. CL-558201") takes the reference out of a sentence', () => {
  const atClaim = () => {
    const c = converse(load('insurance-claims'), { now: OPEN });
    c.say('HM-2231-0457');
    c.click('Follow up on a claim');
    expect(c.lastBotText()).toMatch(/claim reference/);
    return c;
  };
  // Written before the change (5 voices: plain, lower case, no dash, chatty, terse).
  const before: [string, string][] = [
    ['my claim reference is cl558201 thanks', 'CL-558201'],
    ['it\'s CL-558201', 'CL-558201'],
    ['claim ref CL 558201 please', 'CL-558201'],
    ['hi, the reference on my letter says cl-558201', 'CL-558201'],
    ['ref: Cl558201', 'CL-558201'],
  ];
  // Written after it.
  const heldOut: [string, string][] = [
    ['CL558201 is the one', 'CL-558201'],
    ['umm I think it was cl 558201?', 'CL-558201'],
    ['the claim number is CL-558202, filed last week', 'CL-558202'],
    ['558201', 'CL-558201'],
  ];
  it.each([...before, ...heldOut])('%s: the claim %s', (text, value) => {
    const c = atClaim();
    c.say(text);
    expect(c.variables().claimNumber).toBe(value);
  });
  // A message with no reference: asked again, nothing stored (before: stored whole).
  const none = ['I want to know about my claim', 'what is happening with it', 'the one from last week'];
  it.each(none)('%s: nothing stored; asked again', (text) => {
    const c = atClaim();
    c.say(text);
    expect(c.variables().claimNumber ?? null).toBeNull();
    expect(c.effects('http_request')).toHaveLength(0);
  });
  it('"I don\'t have it" still takes the block\'s fallback (an advisor), not stored', () => {
    const c = atClaim();
    c.say("I don't have it");
    expect(c.variables().claimNumber ?? null).toBeNull();
  });
});

describe('M11: a bare "stop" at any flow\'s menu is no request: said so, never a loop handover', () => {
  const lines = (c: ReturnType<typeof converse>) => c.steps.map((s) => s.messages.filter((m) => m.from === 'bot').map((m) => m.text).join(' | '));
  const menus: [string, (c: ReturnType<typeof converse>) => void][] = [
    ['insurance-claims', (c) => c.say('HM-2231-0457')],
    ['travel-urgency', (c) => { c.say('K7XQ2P'); c.say('18:45'); }],
    ['lead-gen', (c) => c.say('11-50')],
  ];
  // Written before the change.
  const before = [['stop', 'stop', 'stop'], ['never mind', 'nvm', 'forget it'], ['stop it', 'stop', 'STOP']];
  // Written after it.
  const heldOut = [['just stop', 'stop please', 'stop'], ['forget it', 'forget it', 'forget it']];
  for (const [flow, reach] of menus) {
    it.each([...before, ...heldOut].map((t) => [t.join(' / '), t] as const))(`${flow}: %s: no handover; the reason said with the offer of a person`, (_n, turns) => {
      const c = converse(load(flow), { now: OPEN });
      reach(c);
      const menuText = c.lastBotText();
      c.say(turns[0]);
      // (lead-gen's menu here is "Have you already had a look at our plans page? [Yes, I have | Not yet]": "never mind"
      // picks "Not yet" there by matchButton, an answer, before this reading; the later turns still hand nothing over.)
      if (!(flow === 'lead-gen' && turns[0] === 'never mind')) expect(c.lastBotText()).toMatch(/nothing to stop/i);
      for (const t of turns.slice(1)) c.say(t);
      expect(c.effects('handoff_request')).toHaveLength(0);
      expect(c.state.mode).toBe('bot');
      const all = lines(c);
      for (const l of all) expect(l).not.toMatch(/I'll get a person for you|Connecting you/);
      for (const o of all.filter((l) => l.includes('talk to a person?'))) expect(o).toMatch(/You've said "[^"]+" a few times/);
      expect(menuText).toBeTruthy();
    });
  }
  it('at a confirmation ("shall I cancel order NW-104233?") a bare "stop" cancels nothing: said so, the question again', () => {
    // Changed on purpose: it got "Yes, that's what we're doing." (requestLeadingHere read "stop" as the cancellation).
    const c = converse(load('customer-support'), { now: OPEN });
    c.say('cancel my order NW-104233');
    expect(c.lastBotText()).toMatch(/shall I cancel order NW-104233/);
    c.say('stop');
    expect(c.lastBotText()).toMatch(/^Nothing has been done yet, so there's nothing to stop\. Just to check: shall I cancel order NW-104233\?/);
    expect(c.effects('http_request')).toHaveLength(0);
    c.click('No, keep it');
    expect(c.effects('http_request')).toHaveLength(0);
  });
});

describe('M5: lead-gen\'s head count is the number that counts people', () => {
  const size = (text: string) => {
    const c = converse(load('lead-gen'), { now: OPEN });
    c.say(text);
    return c;
  };
  // Written before the change.
  const before: [string, string][] = [
    ['founded in 2019, 40 staff', '11-50'],
    ['we are 8 people, started in 2021', '1-10'],
    ['team of 120, our budget is $5000', '51-200'],
    ['since 2015 we have grown to 35 employees', '11-50'],
    ['about 300 staff, call me on 0207 946 0000', '201+'],
  ];
  // Written after it.
  const heldOut: [string, string][] = [
    ['established 2008 and 25 employees now', '11-50'],
    ['we have 60 people since 2020', '51-200'],
    ['headcount is 9, founded 2023', '1-10'],
    ['there are 450 of us', '201+'],
  ];
  it.each([...before, ...heldOut])('%s: %s', (text, value) => {
    expect(size(text).variables().companySize).toBe(value);
  });
  // Two numbers, neither a year nor one that counts people: asked which.
  it.each(['40 or 300', 'maybe 12, maybe 80'])('%s: asked which is the head count; nothing stored', (text) => {
    const c = size(text);
    expect(c.variables().companySize ?? null).toBeNull();
    expect(c.lastBotText()).toMatch(/Which/i);
  });
  // Near misses: the flow's own ways kept.
  it.each([['50', '11-50'], ['11-50', '11-50'], ['just me', '1-10'], ['about 75', '51-200']] as [string, string][])('%s: %s as before', (text, value) => {
    expect(size(text).variables().companySize).toBe(value);
  });
});

/** Held-out wordings written AFTER the changes above (none of them was tried before the code was written). */
describe('held out after the change', () => {
  const atClaim = () => {
    const c = converse(load('insurance-claims'), { now: OPEN });
    c.say('HM-2231-0457');
    c.click('Follow up on a claim');
    return c;
  };
  it.each([
    ['yes hello its CL558210', 'CL-558210'],
    ['Claim: cl-558299.', 'CL-558299'],
    // Held-out MISS (not fixed, reported): "sorry it is CL 558 201" (digits split in groups inside a sentence) is not
    // read ("Sorry, that doesn't look right"); the order question has the same gap ("it is NW 104 233"), session 34's
    // spaced reading takes such a number only as the whole answer.
  ] as [string, string][])('M3 %s: %s', (text, value) => {
    const c = atClaim();
    c.say(text);
    expect(c.variables().claimNumber).toBe(value);
  });
  it.each(['no clue which one', 'the water damage one'])('M3 %s: nothing stored', (text) => {
    const c = atClaim();
    c.say(text);
    expect(c.variables().claimNumber ?? null).toBeNull();
  });
  it.each([
    ['we started in 1998 and now have 14 employees', '11-50'],
    ['a team of 6 devs, founded 2022', '1-10'],
    ['around 180 people', '51-200'],
  ] as [string, string][])('M5 %s: %s', (text, value) => {
    const c = converse(load('lead-gen'), { now: OPEN });
    c.say(text);
    expect(c.variables().companySize).toBe(value);
  });
  it.each([
    ['insurance-claims', ['nevermind', 'stop', 'stop']],
    ['travel-urgency', ['ok stop', 'stop', 'stop then']],
  ] as [string, string[]][])('M11 %s: %s', (flow, turns) => {
    const c = converse(load(flow), { now: OPEN });
    if (flow === 'insurance-claims') c.say('HM-2231-0457');
    else { c.say('K7XQ2P'); c.say('18:45'); }
    for (const t of turns) c.say(t);
    expect(c.effects('handoff_request')).toHaveLength(0);
    expect(c.state.mode).toBe('bot');
  });
});
