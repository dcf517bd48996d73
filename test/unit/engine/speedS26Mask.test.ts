/**
 * Session 26 (speed, issue 8): maskCustomerText reads the previous customer message for a secret it announced
 * ("my password is" then the password alone). The two announcement patterns scan the previous message's last 200
 * characters on every message; they now run only when that text can end in an announcement (customerSecrets
 * mayEndInAnnouncement: a letter, ":", "=", "-" or "2" before trailing white space). The gate must never skip a text
 * either pattern matches: checked on every announcement wording the patterns know (case variants, Kelvin sign and long s
 * included, Unicode white space after), on the labelled and blind sets' messages, and on those messages with
 * announcements appended. The masking of a follow-up is checked end to end as well.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ANNOUNCEMENT_PATTERNS, maskCustomerText, mayEndInAnnouncement } from '../../../shared/engine/customerSecrets';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SETS = ['escalation/labelled', 'escalation/heldout', 'escalation-blind/set-a', 'escalation-blind/set-b', 'escalation-blind/set-n'];
const texts: string[] = SETS.flatMap((s) =>
  readFileSync(`${root}test/fixtures/${s}.jsonl`, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .flatMap((l) => (JSON.parse(l) as { turns: string[] }).turns),
);

const PASSWORD_WORDS = ['password', 'passwords', 'passwd', 'passcode', 'passphrase', 'pass word', 'pass code', 'pwd', 'pw', 'passwort', 'kennwort', 'mot de passe',
  'contraseña', 'contrasena', 'senha', 'wachtwoord', 'hasło', 'haslo', 'lösenord', 'losenord', 'adgangskode', 'passord', 'salasana', 'пароль', 'şifre', 'sifre', 'parola'];
const PIN_WORDS = ['pin', 'pin code', 'pin-number', 'cvv', 'cvv2', 'cvc', 'cvc2', 'csc', 'security code'];
const IS_WORDS = ['is', 'was', 'ist', 'war', 'est', 'était', 'es', 'era', 'é', 'è', 'jest', 'är', 'to'];
const ENDS = ['', ':', ' :', '=', ' = ', '-', ' - '];
const WHITE = ['', ' ', '  ', '\n', '\t', '\u00a0', '\u2003', '\u3000 '];
const caseVariants = (s: string) => [s, s.toUpperCase(), s.charAt(0).toUpperCase() + s.slice(1), s.replace(/k/g, '\u212a').replace(/s/g, '\u017f')];

function announcements(): string[] {
  const out: string[] = [];
  for (const w of [...PASSWORD_WORDS, ...PIN_WORDS]) {
    for (const v of caseVariants(w)) {
      for (const end of ENDS) out.push(`the ${v}${end}`, `${v}${end}`);
      for (const is of IS_WORDS) for (const end of ['', ':', ' =', ' -']) out.push(`the ${v} ${is}${end}`, `my account ${v} ${is.toUpperCase()}${end}`);
      out.push(`my ${v}`, `My new ${v}`, `here is my ${v}`, `how do I reset my ${v}`);
    }
  }
  return out;
}

describe('mayEndInAnnouncement (session 26: the announcement patterns only where a text can end in one)', () => {
  it('never skips a text an announcement pattern matches', () => {
    const bases = announcements();
    const samples: string[] = [];
    for (const a of bases) for (const w of WHITE) samples.push(a + w);
    for (const t of texts) samples.push(t, `${t} ${bases[samples.length % bases.length]}`, `${t}\n${bases[(samples.length * 7) % bases.length]} `);
    let matched = 0;
    for (const s of samples) {
      const tail = s.slice(-200);
      const any = ANNOUNCEMENT_PATTERNS.some((p) => p.exec(tail) !== null);
      if (any) {
        matched++;
        if (!mayEndInAnnouncement(tail)) expect(tail).toBe('a text the gate passes');
      }
    }
    expect(matched).toBeGreaterThan(3000);
    // The gate does skip ordinary messages (its point): those ending in "?", "!", ".", a digit or an emoji.
    const skipped = texts.filter((t) => !mayEndInAnnouncement(t.slice(-200))).length;
    expect(skipped).toBeGreaterThan(texts.length / 5);
  });

  it('still masks a secret announced in the message before', () => {
    expect(maskCustomerText('Tulip-2291', 4000, 'my password is').text).toBe('[hidden]');
    expect(maskCustomerText('4821', 4000, 'the PIN is:').hidden.length).toBeGreaterThan(0);
    expect(maskCustomerText('1111 1111', 4000, 'my card is 4111 1111').text).toContain('••••');
    // Nothing announced: the follow-up is kept as typed.
    expect(maskCustomerText('Tulip-2291', 4000, 'where is my order?').text).toBe('Tulip-2291');
  });
});
