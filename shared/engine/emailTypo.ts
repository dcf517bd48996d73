/**
 * Session 49 (conv10, hostile s46 L1): "kim@gmial.com" at an email question was taken as typed (the handoff summary said
 * "(kim@gmial.com)"; the ticket's reply would go nowhere). Now, at every email question (a Question block asking an email,
 * the Human takeover's and the Ticket's own), an address whose domain is one edit (two for a long one) away from one
 * well-known mail provider's, and not itself one of them, is not taken yet: the bot asks "Did you mean kim@gmail.com?"
 * with two buttons ("Yes, kim@gmail.com" / "No, kim@gmial.com is right"). The next message answers it:
 *  - a yes (a click, "yes", "yes please", "correct", the suggested address itself): the suggested address is the answer;
 *  - a no ("no", "no it's right", "that's correct as typed", the typed address again): the typed address is the answer;
 *  - another address: read as a new answer (checked the same way);
 *  - anything else: the question is dropped and the message is read as usual (the block still waits for its email).
 * The customer's own words stay in the transcript; the block reads the address the answer chose. Only one address in the
 * message; spelled-out addresses ("kim at gmial dot com") are left as they are. Pure.
 */
import { editDistance } from '../nlu/editDistance';
import { normalizeText } from '../nlu/normalizeText';
import { wholeOfferAnswer } from '../nlu/bareReplies';
import type { Block } from '../flow/schema';
import type { Waiting } from './types';
import { behaviourOf } from './blockBehaviours';

/** Domains of well-known mail providers (a typo of one is likely; one of them is never a typo). */
const PROVIDERS: readonly string[] = [
  'gmail.com', 'googlemail.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'hotmail.de', 'hotmail.it', 'hotmail.es',
  'outlook.com', 'outlook.fr', 'live.com', 'live.co.uk', 'live.fr', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr',
  'yahoo.de', 'yahoo.es', 'yahoo.it', 'ymail.com', 'rocketmail.com', 'aol.com', 'aim.com', 'icloud.com', 'me.com', 'mac.com',
  'mail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'protonmail.com', 'proton.me', 'pm.me', 'zoho.com',
  'yandex.com', 'yandex.ru', 'mail.ru', 'btinternet.com', 'sky.com', 'virginmedia.com', 'talktalk.net', 'ntlworld.com',
  'orange.fr', 'free.fr', 'laposte.net', 'comcast.net', 'verizon.net', 'att.net', 'sbcglobal.net', 'qq.com', '163.com',
  'libero.it', 'seznam.cz', 'wp.pl', 'o2.pl', 'interia.pl', 'bigpond.com', 'optusnet.com.au', 'shaw.ca', 'rogers.com',
];
const KNOWN: ReadonlySet<string> = new Set(PROVIDERS);
/** One address in a message: what the email readers take (a domain with a dot and letters after it). */
const ADDRESS = /[^\s@<>()[\]"',;:]+@[^\s@<>()[\]"',;:]+\.[^\s@<>()[\]"',;:]*[a-z][^\s@<>()[\]"',;:]*/gi;

/** The address in `text` with the provider's domain it likely misspells, or null. */
export function likelyTypo(text: string): { typed: string; suggested: string } | null {
  const found = [...new Set((text.match(ADDRESS) ?? []).map((a) => a.replace(/[.!?]+$/, '')))];
  if (found.length !== 1) return null;
  const typed = found[0]!;
  const at = typed.lastIndexOf('@');
  const domain = typed.slice(at + 1).toLowerCase();
  if (KNOWN.has(domain) || domain.length < 5) return null;
  const most = domain.length >= 11 ? 2 : 1;
  let best: string | null = null;
  let bestD = most + 1;
  let tie = false;
  for (const p of PROVIDERS) {
    if (Math.abs(p.length - domain.length) > most) continue;
    const d = editDistance(domain, p);
    if (d < bestD) {
      bestD = d;
      best = p;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  if (best === null || tie) return null;
  return { typed, suggested: `${typed.slice(0, at)}@${best}` };
}

/** Whether `w` at `block` waits for an email address (a Question asking one, or a takeover's or ticket's email question). */
export function waitsForEmail(block: Block, w: Waiting): boolean {
  if (w.kind === 'takeover_question' || w.kind === 'ticket_question') return w.field === 'email';
  return w.kind === 'input' && ((behaviourOf(block.kind).asksEmail as ((b: Block) => boolean) | undefined)?.(block) ?? false);
}

export const EMAIL_TYPO_YES = 'email_typo_yes';
export const EMAIL_TYPO_NO = 'email_typo_no';
export const typoQuestion = (suggested: string) => `Did you mean ${suggested}?`;
export const typoButtons = (typed: string, suggested: string) => [
  { id: EMAIL_TYPO_YES, label: `Yes, ${suggested}` },
  { id: EMAIL_TYPO_NO, label: `No, ${typed} is right` },
];

const SAYS_RIGHT = /^(?:no\s+)?(?:(?:it|that|this)\s+is\s+|its\s+|thats\s+)?(?:right|correct|fine|ok|okay|as (?:i )?typed|as is|spelled right|how i typed it)(?:\s+as\s+(?:it\s+is|typed))?(?:\s+thanks?)?$/;
const SAYS_YES = /^(?:yes|yeah|yep|yup|ya|y|correct|right|exactly|oops|oh yes|yes please|yes thanks|yes sorry|sorry yes|oops yes|yes oops|yes thank you|yes that is it|that is it|thats it|yes thats it|yes that one|my bad)$/;

/**
 * The address the answer to "Did you mean ...?" chooses: the suggested one for a yes, the typed one for a no; null when
 * the message answers neither (another address, or something else: read as usual).
 */
export function typoAnswer(text: string, typed: string, suggested: string): string | null {
  const raw = text.trim().toLowerCase();
  if (raw === `yes, ${suggested}`.toLowerCase()) return suggested;
  if (raw === `no, ${typed} is right`.toLowerCase()) return typed;
  const addresses = [...new Set((raw.match(ADDRESS) ?? []).map((a) => a.replace(/[.!?]+$/, '')))];
  if (addresses.length === 1) {
    if (addresses[0] === suggested.toLowerCase()) return suggested;
    if (addresses[0] === typed.toLowerCase()) return typed;
    return null;
  }
  if (addresses.length > 1) return null;
  const plain = normalizeText(raw).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (SAYS_RIGHT.test(plain) && !/^(?:right|correct|ok|okay)$/.test(plain)) return typed;
  if (SAYS_YES.test(plain)) return suggested;
  const whole = wholeOfferAnswer(plain);
  if (whole === true) return suggested;
  if (whole === false || /^(?:no|nope|nah|no thanks|no thank you)$/.test(plain)) return typed;
  return null;
}
