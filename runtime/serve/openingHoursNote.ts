/**
 * What `baton serve` says at start when a served Human Takeover is outside its opening hours right now (newcomer
 * s7 #2): the sample flow's team works Mon-Fri 8-20 and Sat 9-13 UK time, and a newcomer trying the inbox at
 * 06:05 or on a Sunday asked for a person, got "Our team is offline right now ... Leave your details" and a ticket,
 * and thought the handoff was broken. One sentence per closed takeover: that it is closed, the local time there,
 * when it opens, and how to try the inbox now (serve a copy open all hours, made by scripts/try/open-all-hours.mjs).
 */
import type { Flow } from '../../shared/flow/schema';
import { isOpen, localTime, nextOpening } from '../../shared/flow/openingHours';
import { getBlockDefinition } from '../../shared/flow/blockRegistry';

type Takeover = Extract<Flow['blocks'][number], { kind: 'human_takeover' }>;

const DAY_NAME: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Quotes a file name for a shell command when it needs it. */
const shellArg = (s: string) => (/^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The copy's file name beside the system's temp folder: flows/customer-support.json -> /tmp/customer-support-open.json. */
export function openCopyName(file: string, tmp = '/tmp'): string {
  const base = file.split(/[\\/]/).pop() ?? 'flow.json';
  return `${tmp}/${base.replace(/\.json$/i, '')}-open.json`;
}

/**
 * One note per Human Takeover block that is closed at `now` (its assignation is custom and its availability says
 * closed); empty when every team is open. `file` is the flow file as given on the command line.
 */
export function openingHoursNotes(served: ReadonlyArray<{ flow: Flow; file: string }>, now: number): string[] {
  const notes: string[] = [];
  for (const { flow, file } of served) {
    for (const block of flow.blocks) {
      // The registry says which kind hands over (no kind compared here: test/unit/blocks/noKindSwitch.test.ts).
      if (!getBlockDefinition(block.kind).isHandoffTarget) continue;
      const d = (block as Takeover).data;
      if (d.assignation !== 'custom' || !d.availability || isOpen(d.availability, now)) continue;
      const zone = d.availability.timezone;
      const t = localTime(zone, now);
      const next = nextOpening(d.availability, now);
      let opens = 'and no opening is set in the next 14 days';
      if (next !== null) {
        const n = localTime(zone, next);
        opens = `it opens ${n.date === t.date ? 'today' : DAY_NAME[n.weekday]} at ${hhmm(n.minutes)}`;
      }
      const copy = openCopyName(file);
      notes.push(
        `"${block.label?.trim() || block.id}" (flow ${flow.id}) is outside its opening hours: it is ${DAY_NAME[t.weekday]} ${hhmm(t.minutes)} in ${zone}, ${opens}. ` +
          `Until then a customer who asks for a person gets the out-of-hours message (and a ticket), not the inbox. ` +
          `To try the inbox now, serve a copy open all hours: node scripts/try/open-all-hours.mjs ${shellArg(file)} > ${shellArg(copy)} && npx baton serve ${shellArg(copy)} ...`,
      );
    }
  }
  return notes;
}
