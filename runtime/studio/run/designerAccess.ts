/**
 * Who "You (designer)" is for a Run (newcomer s6 #20): the one agent the studio signs in must be able to take every
 * handoff of the flows it runs, or the designer presses Run, asks for a person and is told "no one is available"
 * while their own inbox stays empty. So the designer is put in every team and given every skill the flows' Human
 * Takeover blocks name (no languages listed = speaks every language), and a block that only allows named agents
 * gets the designer added to its list in the copy Run serves. What cannot be arranged (a takeover outside its
 * availability right now) is said up front. Each arrangement comes back as a sentence the Run popover shows.
 */
import type { Flow } from '../../../shared/flow/schema';
import { isOpen, localTime } from '../../../shared/flow/openingHours';
import { getBlockDefinition } from '../../../shared/flow/blockRegistry';

export const DESIGNER_ID = 'designer';
/** The team the designer was always in (kept so flows without teams behave as before). */
const BASE_TEAMS = ['support'];

export interface DesignerAccess {
  teams: string[];
  skills: string[];
  /** The flows as Run serves them (takeover blocks that allow named agents also allow the designer). */
  flows: Flow[];
  /** What was arranged, and what the designer should know before trying a handoff, one sentence each. */
  notes: string[];
}

type Takeover = Extract<Flow['blocks'][number], { kind: 'human_takeover' }>;

const quote = (items: string[]) => {
  const q = items.map((i) => `'${i}'`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
};
const label = (flow: Flow, b: Takeover, many: boolean) => `"${b.label?.trim() || b.id}"${many ? ` (${flow.id})` : ''}`;
const uniq = (items: string[]) => {
  const seen = new Map<string, string>();
  for (const raw of items) {
    const t = raw.trim();
    if (t && !seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  }
  return [...seen.values()];
};

const DAY_NAME: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The designer's teams and skills for these flows, the flows as served, and the notes; `now` is the real clock. */
export function designerAccess(flows: readonly Flow[], now: number): DesignerAccess {
  const many = flows.length > 1;
  const teams: string[] = [];
  const skills: string[] = [];
  const notes: string[] = [];
  const addedTo: string[] = [];
  const served = flows.map((flow) => {
    let changed = false;
    const blocks = flow.blocks.map((block) => {
      // The registry says which kind hands over (no kind compared here: test/unit/blocks/noKindSwitch.test.ts).
      if (!getBlockDefinition(block.kind).isHandoffTarget) return block;
      const b = block as Takeover;
      const d = b.data;
      teams.push(...d.teams);
      if (d.skill.trim()) skills.push(d.skill);
      if (d.assignation === 'custom' && d.availability && !isOpen(d.availability, now)) {
        const t = localTime(d.availability.timezone, now);
        notes.push(
          `${label(flow, b, many)} only takes chats in its availability hours, and it is ${DAY_NAME[t.weekday]} ${hhmm(t.minutes)} in ${d.availability.timezone} now: ` +
            `a handoff there says the out-of-hours message and takes its “No agent” exit. To try the handoff now, set its Availability to none while you test, or use the simulator (its clock can be set).`,
        );
      }
      const allowed = d.agents.map((a) => a.trim()).filter(Boolean);
      if (allowed.length === 0 || allowed.includes(DESIGNER_ID)) return b;
      changed = true;
      addedTo.push(`${label(flow, b, many)} (${quote(allowed)})`);
      return { ...b, data: { ...d, agents: [...d.agents, DESIGNER_ID] } } as Takeover;
    });
    return changed ? { ...flow, blocks } : flow;
  });
  const named = uniq(teams);
  const allTeams = uniq([...BASE_TEAMS, ...named]);
  const allSkills = uniq(skills);
  if (named.length > 0 || allSkills.length > 0) {
    const parts = [named.length ? `in team${named.length > 1 ? 's' : ''} ${quote(named)}` : '', allSkills.length ? `with the skill${allSkills.length > 1 ? 's' : ''} ${quote(allSkills)}` : ''].filter(Boolean);
    notes.unshift(`For this run you are ${parts.join(' and ')}, as the flow's Human takeover blocks ask, so their handoffs reach your inbox (you speak every language).`);
  }
  if (addedTo.length > 0) {
    notes.push(`Only named agents may take ${addedTo.join(', ')}: for this run you stand in for them (the flow file is not changed).`);
  }
  return { teams: allTeams, skills: allSkills, flows: served, notes };
}
