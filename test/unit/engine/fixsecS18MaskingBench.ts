/**
 * Session 18 (fixsec, brief item 5; hostile s18 H#21): a bench line, not a timed unit test. Every masking pass on
 * hostile text (digits, separators, quotes, labels, IBANs, keycaps, glued cards) at 100 KB and 400 KB: the best of 3
 * runs each, and the ratio (a linear pass is ~4, a quadratic one ~16). Run: `npx tsx test/unit/engine/fixsecS18MaskingBench.ts [root]`
 * (root: another checkout, to compare before and after in the same minutes). Timings are noisy on a shared machine:
 * read the ratio over several runs, never one.
 */
const root = process.argv[2] ?? new URL('../../../', import.meta.url).pathname;
const { maskCustomerSecrets, maskCustomerText } = (await import(root.replace(/\/?$/, '/') + 'shared/engine/customerSecrets.ts')) as typeof import('../../../shared/engine/customerSecrets');

const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const shapes: Record<string, (n: number) => string> = {
  digits: (n) => fill('4', n),
  digitSpaces: (n) => fill('1 ', n),
  dashes: (n) => fill('1-', n),
  spacedComma: (n) => fill('4111 , ', n),
  dotSpace: (n) => fill('4111. ', n),
  keycaps: (n) => fill('4\ufe0f\u20e3', n),
  glued: (n) => fill('4638336870683802760 ', n),
  cards: (n) => fill('4111 1111 1111 1111 123 ', n),
  plusCards: (n) => fill('+4111 1111 1111 1111 ', n),
  ibans: (n) => fill('GB82WEST12345698765432 1 x ', n),
  imei: (n) => fill('IMEI 35 209900 176148 23 ', n),
  quotes: (n) => fill('password is "', n),
  loneQuote: (n) => fill("pw: 'x ", n),
  passwordIs: (n) => fill('password is ', n),
  bridge: (n) => fill('password for a@b.c ', n),
  userPass: (n) => fill('user a pass ', n),
  emailColon: (n) => fill('a@b.cc:1 ', n),
  newOne: (n) => fill('password new one ', n),
  phrase: (n) => 'password is ' + fill('word ', n),
  pinSpaced: (n) => fill('pin 1 2 3 ', n),
  pinSpaces: (n) => 'pin' + ' '.repeat(n - 5) + 'x 1', // review revcore #1: was 9 s at 100 K
  invisible: (n) => fill('4\u200e1\u2066', n),
  // Session 19 (fixsec s19): the new readings.
  superscripts: (n) => fill('⁴¹¹¹ ', n),
  circled: (n) => fill('④①①① ', n),
  pinAddress: (n) => fill('my PIN is 482910, please update my address ', n),
  hasloTo: (n) => fill('hasło to x ', n),
  halves: (n) => fill('card 41111111 11111111 ', n),
  bangs: (n) => fill('password: x!!!! ', n),
};
const best = (s: string) => {
  let t = Infinity;
  for (let k = 0; k < 3; k++) {
    const at = performance.now();
    maskCustomerSecrets(s);
    t = Math.min(t, performance.now() - at);
  }
  return t;
};
for (const [name, make] of Object.entries(shapes)) {
  const small = best(make(100_000));
  const large = best(make(400_000));
  console.log(`${name.padEnd(12)} 100 KB ${small.toFixed(0).padStart(5)} ms   400 KB ${large.toFixed(0).padStart(6)} ms   ratio ${(large / Math.max(1, small)).toFixed(1)}`);
}
// Session 19 (hostile s18 #25): a follow-up read after what the previous message announced (maskCustomerText's
// `previous`; a root without it ignores the argument and reads the message alone).
for (const [name, previous] of [['afterPassword', 'my password is'], ['afterCard', 'my card is 4111 1111']] as const) {
  const time = (s: string) => {
    let t = Infinity;
    for (let k = 0; k < 3; k++) {
      const at = performance.now();
      (maskCustomerText as (t: string, m: number, p?: string) => unknown)(s, Number.MAX_SAFE_INTEGER, previous);
      t = Math.min(t, performance.now() - at);
    }
    return t;
  };
  const small = time(fill('1111 x ', 100_000));
  const large = time(fill('1111 x ', 400_000));
  console.log(`${name.padEnd(12)} 100 KB ${small.toFixed(0).padStart(5)} ms   400 KB ${large.toFixed(0).padStart(6)} ms   ratio ${(large / Math.max(1, small)).toFixed(1)}`);
}
